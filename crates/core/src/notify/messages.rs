//! The text of notices, in Japanese as the libraries send them.

use super::ja_date;
use crate::holds::Hold;
use crate::policy::Policy;

pub(super) fn hold_ready(policy: &Policy, name: &str, h: &Hold, pickup: &str) -> (String, String) {
    let subject = format!("【{}】予約資料確保のお知らせ", policy.library_name);
    let mut body = format!(
        "{name} 様\n\nご予約の資料が確保できました。\n\n  資料名: {}\n  受取場所: {pickup}\n",
        h.title
    );
    if let Some(run) = h.delivery_run {
        body.push_str(&format!("  発送日: {}\n", ja_date(run)));
    }
    if let Some(from) = h.available_from {
        body.push_str(&format!("  受取開始日: {}\n", ja_date(from)));
    }
    if let Some(until) = h.expires_on {
        body.push_str(&format!("  取置期限: {}\n", ja_date(until)));
    }
    body.push_str(&format!(
        "\n利用者番号: {}\n\n{}\n",
        h.card.masked(),
        policy.library_name
    ));
    (subject, body)
}
