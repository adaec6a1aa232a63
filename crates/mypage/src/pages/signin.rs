//! Sign-in with card number and password (K1, C24), and sign-out. Every failure gets one answer
//! (`login.failed`), whether the card is unknown, not a card number at all, or the password is
//! wrong; the core counts the try per card and this page per address.

use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kashidashi_core::{Error, Invalid, Lang, scan};
use maud::{Markup, html};
use serde::Deserialize;

use super::ClientAddr;
use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, problems, t};
use crate::session::{
    FormToken, SESSION_COOKIE, Session, UiLang, clear_session_cookie, cookie, session_cookie,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/loans") }))
        .route("/signin", get(show).post(sign_in))
        .route("/signout", post(sign_out))
}

#[derive(Deserialize)]
struct Shown {
    expired: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    csrf: String,
    card: String,
    password: String,
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

fn form(
    state: &AppState,
    lang: Lang,
    token: &FormToken,
    card: &str,
    messages: &[String],
) -> Markup {
    let h3 = state.shared().policy.password.self_service_first_password;
    let body = html! {
        (problems(messages))
        form method="post" action="/signin" {
            (token.field())
            label for="card" { (t(lang, "利用者番号(カードのバーコードの下の10桁)", "Card number (the 10 digits under the card's barcode)")) }
            input #card name="card" type="text" inputmode="numeric" autocomplete="username" required value=(card);
            label for="password" { (t(lang, "パスワード", "Password")) }
            input #password name="password" type="password" autocomplete="current-password" required;
            button type="submit" { (t(lang, "ログイン", "Sign in")) }
        }
        ul.links {
            @if h3 {
                li { a href="/first-password" { (t(lang, "はじめてパスワードを設定する", "Set your first password")) } }
            }
            li { a href="/forgot" { (t(lang, "パスワードを忘れたとき", "Forgotten password")) } }
        }
    };
    page(
        state.shared(),
        lang,
        None,
        "/signin",
        t(lang, "ログイン", "Sign in"),
        body,
    )
}

async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    token: FormToken,
    Query(q): Query<Shown>,
) -> Response {
    let messages = match q.expired {
        Some(_) => vec![
            t(
                lang,
                "しばらく操作がなかったため、ログアウトしました。",
                "You were signed out after a while without activity.",
            )
            .to_string(),
        ],
        None => Vec::new(),
    };
    (token.cookie(), form(&state, lang, &token, "", &messages)).into_response()
}

async fn sign_in(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    addr: ClientAddr,
    headers: HeaderMap,
    token: FormToken,
    Form(f): Form<SignInForm>,
) -> Result<Response, PageError> {
    token.check(&f.csrf, lang)?;
    addr.count_try(&state, lang)?;
    let failed = |e: &Error| {
        let shown = match e.code() {
            "login.wait" => e.clone(),
            _ => Invalid::LoginFailed.into(),
        };
        form(&state, lang, &token, &f.card, &[shown.message(lang)]).into_response()
    };
    let Ok(card) = scan::card(&state.shared().policy, &f.card) else {
        return Ok(failed(&Invalid::LoginFailed.into()));
    };
    let old = cookie(&headers, SESSION_COOKIE).map(str::to_string);
    let now = state.shared().clock.now();
    let password = f.password.clone();
    let result = state
        .shared()
        .pool
        .run(move |lib| {
            // A new sign-in never keeps the session the browser had (session fixation).
            if let Some(old) = old {
                lib.end_patron_session(&old)?;
            }
            Ok(lib.patron_sign_in(&card, &password, now))
        })
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(signed) => {
            let next = if signed.must_change_password {
                "/password"
            } else {
                "/loans"
            };
            Ok(([session_cookie(&signed.token)], Redirect::to(next)).into_response())
        }
        Err(Error::Store(e)) => Err(PageError::Internal(lang, Error::Store(e))),
        Err(e) => Ok(failed(&e)),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&f.csrf)?;
    let token = session.token.clone();
    state
        .shared()
        .pool
        .run(move |lib| lib.end_patron_session(&token))
        .await
        .map_err(|e| PageError::Internal(session.lang, e))?;
    Ok(([clear_session_cookie()], Redirect::to("/signin")).into_response())
}
