//! The text of notices, in Japanese as the libraries send them.

use crate::outbox::ja_date;
use crate::policy::Policy;

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
