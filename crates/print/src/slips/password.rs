//! The temporary password (K1), shown once: the password, the rules for a real one and where
//! to set it.

use chrono::NaiveDate;
use kashidashi_core::domain::CardNumber;

use super::LABEL_MM;
use crate::layout::Flow;
use crate::text::jdate;

pub(super) fn draw(
    flow: &mut Flow,
    library: &str,
    card: &CardNumber,
    name: &str,
    password: &str,
    rule: &str,
    issued_on: NaiveDate,
) {
    flow.center(9.0, library);
    flow.center(14.0, "仮パスワードのお知らせ");
    flow.rule();
    flow.left(12.0, &format!("{name} 様"));
    flow.field("利用者番号", LABEL_MM, 11.0, card.as_str());
    flow.gap(1.0);
    flow.left(9.0, "仮パスワード");
    flow.boxed(20.0, password);
    flow.left(
        9.0,
        "この仮パスワードは、この用紙にだけ印刷しています。他の人に見せないでください。忘れた場合は図書館にお電話ください（新しい仮パスワードを発行します）。",
    );
    flow.rule();
    flow.left(10.5, "パスワードの変更");
    flow.left(
        9.0,
        "図書館ウェブページの「マイページ」に、利用者番号と仮パスワードでログインし、新しいパスワードを設定してください。",
    );
    flow.left(
        9.0,
        "仮パスワードのままでは、パスワードの変更のほかは何もできません。",
    );
    flow.gap(1.0);
    flow.left(10.5, "パスワードの決まり");
    flow.left(9.0, rule);
    flow.rule();
    flow.spread(9.0, "発行日", &jdate(issued_on));
}
