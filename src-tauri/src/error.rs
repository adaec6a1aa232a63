//! Errors cross to the UI as `{code, rule, message, overridable, reasons}` (kashidashi-wire).

use kashidashi_core::{Error, Lang, Refusal};
use kashidashi_wire::ErrorView;

pub type CmdResult<T> = Result<T, ErrorView>;

pub fn view(e: Error, lang: Lang) -> ErrorView {
    ErrorView::new(&e, lang)
}

/// A command that needs a signed-in member of staff at a desk was called without one.
pub fn not_signed_in(lang: Lang) -> ErrorView {
    ErrorView::new(&Refusal::NotSignedIn.into(), lang)
}

/// The desk's own errors, about its choice of library (the core knows nothing of it): `app.*`.
fn desk(code: &'static str, lang: Lang, ja: String, en: String) -> ErrorView {
    ErrorView {
        code,
        rule: None,
        message: if lang == Lang::En { en } else { ja },
        overridable: false,
        reasons: Vec::new(),
        rows: Vec::new(),
    }
}

/// Before the first-start choice nothing but the choice itself can be done.
pub fn library_not_chosen(lang: Lang) -> ErrorView {
    desk(
        "app.library_not_chosen",
        lang,
        "この端末で使う図書館 (このPCのファイルかサーバー) がまだ選ばれていません。".into(),
        "This desk has not chosen its library yet (this PC's file or a server).".into(),
    )
}

/// The library was chosen already: choosing again is `kashidashi-desktop --choose-library`.
pub fn library_already_chosen(lang: Lang) -> ErrorView {
    desk(
        "app.library_chosen",
        lang,
        "この端末の図書館は選択済みです。変更は kashidashi-desktop --choose-library で起動して行います。".into(),
        "This desk's library is chosen already; start kashidashi-desktop --choose-library to change it.".into(),
    )
}

/// The server connection broke, or a new one could not be made. Whether the last action
/// reached the server before the break cannot be known here, so the desk is told to look.
pub fn server_unreachable(lang: Lang, server: &str) -> ErrorView {
    desk(
        "app.server_unreachable",
        lang,
        format!(
            "サーバー {server} につながりません。つながり次第、次のスキャンでつなぎ直します。直前の操作が記録されたかは、つながってから画面で確かめてください。"
        ),
        format!(
            "Cannot reach the server {server}. The next scan connects again once it answers; then check on screen whether the last action was recorded."
        ),
    )
}

/// A server that could not be opened: no password, a wrong one, or no answer. `None` for what
/// the core's own message says best (a missing database, say). The `postgres` client tells a
/// missing password only in its text, and the server a wrong one by SQLSTATE 28P01.
pub fn server_open_error(lang: Lang, server: &str, detail: &str) -> Option<ErrorView> {
    let sqlstate = detail
        .get(..6)
        .filter(|s| s.ends_with(':') && s[..5].bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|s| &s[..5]);
    Some(match sqlstate {
        _ if detail.contains("password missing") => desk(
            "app.server_password",
            lang,
            format!(
                "サーバー {server} はパスワードを求めています。入力してください (~/.pgpass に書けば次から尋ねません)。"
            ),
            format!(
                "The server {server} asks for a password: type it (with it in ~/.pgpass it is not asked again)."
            ),
        ),
        Some("28P01") => desk(
            "app.server_password_wrong",
            lang,
            format!("サーバー {server} がパスワードを受け付けませんでした。"),
            format!("The server {server} did not accept the password."),
        ),
        None => server_unreachable(lang, server),
        Some(_) => return None,
    })
}

/// An address a desk cannot save: not a server URL, no user, or a password in it.
pub fn bad_address(lang: Lang, problem: crate::library_choice::AddressProblem) -> ErrorView {
    use crate::library_choice::AddressProblem::*;
    let (ja, en) = match problem {
        NotAUrl => (
            "サーバーのアドレスは postgres://利用者名@ホスト名/データベース名 の形で入力してください。",
            "Give the server's address as postgres://user@host/database.",
        ),
        NoUser => (
            "アドレスに利用者名がありません (postgres://利用者名@ホスト名/データベース名)。",
            "The address names no user (postgres://user@host/database).",
        ),
        PasswordInAddress => (
            "パスワードはアドレスに入れず、パスワード欄に入力するか ~/.pgpass に書いてください (アドレスは保存されます)。",
            "Keep the password out of the address (it is saved): type it in the password field or put it in ~/.pgpass.",
        ),
    };
    desk("app.server_address", lang, ja.into(), en.into())
}
