//! H4: a forgotten password is not reset on the web. The patron phones the library; staff
//! reset it and give a new temporary password (K1).

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{Markup, html};

use crate::AppState;
use crate::layout::{page, t};
use crate::session::UiLang;

pub fn routes() -> Router<AppState> {
    Router::new().route("/forgot", get(show))
}

async fn show(State(state): State<AppState>, UiLang(lang): UiLang) -> Markup {
    let body = html! {
        p { (t(lang,
            "パスワードを忘れたときは、図書館にお電話ください。職員が本人確認のうえ仮パスワードを発行します。仮パスワードでログインしたら、新しいパスワードに変更してください。",
            "If you forgot your password, please phone the library. Staff confirm who you are and issue a temporary password; sign in with it and choose a new password."))
        }
        p { (t(lang,
            "この画面やメールでパスワードを再発行することはありません。",
            "Passwords are never reissued on this site or by e-mail."))
        }
        p { a href="/signin" { (t(lang, "ログイン画面へ戻る", "Back to sign-in")) } }
    };
    page(
        state.shared(),
        lang,
        None,
        "/forgot",
        t(lang, "パスワードを忘れたとき", "Forgotten password"),
        body,
    )
}
