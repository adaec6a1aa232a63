//! The frame of every page: Japanese first (the `lang` cookie switches to English), the
//! library's name, the menu for a signed-in patron, the language switch and sign-out. No inline
//! script or style (the CSP forbids both): the look is `/style.css`.

use kashidashi_core::Lang;
use maud::{DOCTYPE, Markup, html};

use crate::Shared;
use crate::session::Session;

/// The menu of a signed-in patron: (path, Japanese, English). A new page adds its line here.
const NAV: &[(&str, &str, &str)] = &[
    ("/loans", "借りている資料", "My loans"),
    ("/holds", "予約状況", "My holds"),
    ("/search", "蔵書検索", "Search"),
    ("/card", "利用者カード", "Library card"),
    ("/settings", "メール・設定", "Settings"),
    ("/password", "パスワード変更", "Change password"),
];

/// The text in the page's language.
pub fn t<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

fn code(lang: Lang) -> &'static str {
    t(lang, "ja", "en")
}

/// A whole page. `here` is the page's own path (the menu marks it; the language switch comes
/// back to it). `session` is `None` on the pages before sign-in.
pub fn page(
    shared: &Shared,
    lang: Lang,
    session: Option<&Session>,
    here: &str,
    title: &str,
    body: Markup,
) -> Markup {
    let policy = &shared.policy;
    let library = t(lang, &policy.library_name, &policy.library_name_en);
    let (other, other_label) = match lang {
        Lang::Ja => ("en", "English"),
        Lang::En => ("ja", "日本語"),
    };
    html! {
        (DOCTYPE)
        html lang=(code(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " | " (library) " " (t(lang, "Myページ", "My Page")) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                a.skip href="#main" { (t(lang, "本文へ", "Skip to content")) }
                header {
                    p.library { (library) " " (t(lang, "Myページ", "My Page")) }
                    div.tools {
                        a.lang href={ "/lang/" (other) "?back=" (here) } lang=(other) { (other_label) }
                        @if let Some(s) = session {
                            form method="post" action="/signout" {
                                (s.csrf_field())
                                button.secondary type="submit" { (t(lang, "ログアウト", "Sign out")) }
                            }
                        }
                    }
                    @if let Some(s) = session.filter(|s| !s.patron.must_change_password) {
                        nav aria-label=(t(lang, "メニュー", "Menu")) {
                            ul {
                                @for (path, ja, en) in NAV {
                                    li {
                                        @if *path == here {
                                            a href=(path) aria-current="page" { (t(lang, ja, en)) }
                                        } @else {
                                            a href=(path) { (t(lang, ja, en)) }
                                        }
                                    }
                                }
                            }
                        }
                        p.who { (s.patron.name) " " (t(lang, "さん", "")) }
                    }
                }
                main id="main" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A page with one message and a way back, for errors (no library name needed).
pub fn bare_page(lang: Lang, message: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(code(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (message) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                main id="main" {
                    p.error role="alert" { (message) }
                    p { a href="/" { (t(lang, "最初のページへ", "Back to the start")) } }
                }
            }
        }
    }
}

/// Error messages from the core, one per line, announced to screen readers.
pub fn problems(messages: &[String]) -> Markup {
    html! {
        @if !messages.is_empty() {
            div.error role="alert" {
                @if messages.len() == 1 {
                    p { (messages[0]) }
                } @else {
                    ul { @for m in messages { li { (m) } } }
                }
            }
        }
    }
}

/// A date as patrons read it: 2026年4月15日(水) / Wed 15 Apr 2026.
pub fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日({})",
            d.year(),
            d.month(),
            d.day(),
            JA[d.weekday().num_days_from_monday() as usize]
        ),
        Lang::En => d.format("%a %-d %b %Y").to_string(),
    }
}
