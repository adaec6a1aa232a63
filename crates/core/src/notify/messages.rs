//! The text of notices, in Japanese as the libraries send them.

use chrono::NaiveDate;

use super::ja_date;
use crate::holds::{Hold, HoldStatus};
use crate::policy::Policy;

/// The lines every hold notice ends with: title, place, days, card.
fn hold_lines(policy: &Policy, h: &Hold, pickup: &str, body: &mut String) {
    body.push_str(&format!("  資料名: {}\n  受取場所: {pickup}\n", h.title));
    if let Some(run) = h.delivery_run {
        body.push_str(&format!("  発送日: {}\n", ja_date(run)));
    }
    if let Some(from) = h.available_from {
        body.push_str(&format!("  受取開始日: {}\n", ja_date(from)));
    }
    if let Some(until) = h.expires_on {
        body.push_str(&format!("  取置期限: {}\n", ja_date(until)));
    }
    if h.status == HoldStatus::AwaitingReturn {
        body.push_str(&format!(
            "\n※貸出上限({}冊)に達しているため、本は発送されません。返却処理後の発送となります。\n",
            policy.loans.limit
        ));
    }
    body.push_str(&format!(
        "\n利用者番号: {}\n\n{}\n",
        h.card.masked(),
        policy.library_name
    ));
}

pub(super) fn hold_ready(policy: &Policy, name: &str, h: &Hold, pickup: &str) -> (String, String) {
    let subject = format!("【{}】予約資料確保のお知らせ", policy.library_name);
    let mut body = format!("{name} 様\n\nご予約の資料が確保できました。\n\n");
    hold_lines(policy, h, pickup, &mut body);
    (subject, body)
}

/// H14: the run of a secured copy was set after a return made room, or moved by the calendar.
pub(super) fn run_changed(
    policy: &Policy,
    name: &str,
    h: &Hold,
    pickup: &str,
    was: Option<NaiveDate>,
) -> (String, String) {
    let (subject, opening) = match was {
        None => (
            format!("【{}】予約資料発送日のお知らせ", policy.library_name),
            "返却処理が済み、確保していたご予約の資料を発送します。".to_string(),
        ),
        Some(was) => (
            format!("【{}】予約資料発送日変更のお知らせ", policy.library_name),
            format!(
                "ご予約の資料の発送日が変更になりました(変更前の発送日: {})。",
                ja_date(was)
            ),
        ),
    };
    let mut body = format!("{name} 様\n\n{opening}\n\n");
    hold_lines(policy, h, pickup, &mut body);
    (subject, body)
}

/// C19 (Kyoto: 返却期限日お知らせ): the loans of one patron due on one day.
pub(super) fn due_reminder(
    policy: &Policy,
    name: &str,
    due: chrono::NaiveDate,
    titles: &[String],
) -> (String, String) {
    let subject = format!("【{}】返却期限日のお知らせ", policy.library_name);
    let list: String = titles.iter().map(|t| format!("  ・{t}\n")).collect();
    let body = format!(
        "{name} 様\n\n次の資料の返却期限は {} です。\n\n{list}\n期限内に返却または延長の手続きをお願いします。\n\n{}\n",
        ja_date(due),
        policy.library_name
    );
    (subject, body)
}

/// K9 (Kyoto: 新着図書お知らせ): the day's new titles matching one patron's themes and authors.
pub(super) fn new_arrivals(
    policy: &Policy,
    name: &str,
    titles: &[&super::new_arrivals::Arrival],
) -> (String, String) {
    let subject = format!("【{}】新着図書のお知らせ", policy.library_name);
    let list: String = titles
        .iter()
        .map(|a| match &a.author {
            Some(author) => format!("  ・{}({author})\n", a.title),
            None => format!("  ・{}\n", a.title),
        })
        .collect();
    let body = format!(
        "{name} 様\n\nご登録のテーマ・著者の新着図書が入りました。\n\n{list}\nご予約は My ページまたはカウンターで承ります。\nお知らせの登録・解除も My ページまたはカウンターでできます。\n\n{}\n",
        policy.library_name
    );
    (subject, body)
}
