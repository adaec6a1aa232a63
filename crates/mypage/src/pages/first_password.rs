//! H3: a Hokkaido patron sets the first password with card number, name and birth year (typed
//! as the year and `0101`). Only where the profile allows it; elsewhere the page does not exist.
//! A wrong card, name or year gets one answer and counts as a failed try (C24).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use kashidashi_core::{Error, Invalid, Lang, scan};
use maud::{Markup, html};
use serde::Deserialize;

use super::ClientAddr;
use super::password::{mismatch, new_password_fields};
use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, problems, t};
use crate::session::{FormToken, UiLang};

pub fn routes() -> Router<AppState> {
    Router::new().route("/first-password", get(show).post(set))
}

#[derive(Deserialize)]
struct FirstForm {
    csrf: String,
    card: String,
    name: String,
    birth: String,
    new: String,
    again: String,
}

fn title(lang: Lang) -> &'static str {
    t(lang, "はじめてのパスワード設定", "Set your first password")
}

fn form(
    state: &AppState,
    lang: Lang,
    token: &FormToken,
    f: Option<&FirstForm>,
    messages: &[String],
) -> Markup {
    let body = html! {
        p { (t(lang,
            "カウンターで仮パスワードを受け取っていない方は、利用者番号・お名前・生年でパスワードを設定できます。",
            "If you have no temporary password from the counter, set your password with your card number, name and birth year."))
        }
        (problems(messages))
        form method="post" action="/first-password" {
            (token.field())
            label for="card" { (t(lang, "利用者番号", "Card number")) }
            input #card name="card" type="text" inputmode="numeric" autocomplete="username" required
                value=(f.map_or("", |f| f.card.as_str()));
            label for="name" { (t(lang, "お名前(登録したとおりに)", "Name (as registered)")) }
            input #name name="name" type="text" autocomplete="name" required
                value=(f.map_or("", |f| f.name.as_str()));
            label for="birth" { (t(lang, "生年月日(生まれた年の後に0101: 2001年生まれなら 20010101)", "Date of birth (your birth year followed by 0101: born 2001 → 20010101)")) }
            input #birth name="birth" type="text" inputmode="numeric" required maxlength="8"
                value=(f.map_or("", |f| f.birth.as_str()));
            (new_password_fields(lang, &state.shared().policy.password))
            button type="submit" { (t(lang, "設定する", "Set password")) }
        }
        p { a href="/signin" { (t(lang, "ログイン画面へ戻る", "Back to sign-in")) } }
    };
    page(
        state.shared(),
        lang,
        None,
        "/first-password",
        title(lang),
        body,
    )
}

async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    token: FormToken,
) -> Result<Response, PageError> {
    if !state.shared().policy.password.self_service_first_password {
        return Err(PageError::NotFound(lang));
    }
    Ok((token.cookie(), form(&state, lang, &token, None, &[])).into_response())
}

async fn set(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    addr: ClientAddr,
    token: FormToken,
    Form(f): Form<FirstForm>,
) -> Result<Response, PageError> {
    if !state.shared().policy.password.self_service_first_password {
        return Err(PageError::NotFound(lang));
    }
    token.check(&f.csrf, lang)?;
    if f.new != f.again {
        return Ok(form(&state, lang, &token, Some(&f), &[mismatch(lang)]).into_response());
    }
    addr.count_try(&state, lang)?;
    let Ok(card) = scan::card(&state.shared().policy, &f.card) else {
        let e: Error = Invalid::LoginFailed.into();
        return Ok(form(&state, lang, &token, Some(&f), &[e.message(lang)]).into_response());
    };
    let now = state.shared().clock.now();
    let (name, birth, new) = (f.name.clone(), f.birth.clone(), f.new.clone());
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.set_first_patron_password(&card, &name, &birth, &new, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(()) => {
            let body = html! {
                p.notice role="status" { (t(lang, "パスワードを設定しました。ログインしてください。", "Your password is set. Please sign in.")) }
                p { a.button href="/signin" { (t(lang, "ログイン", "Sign in")) } }
            };
            Ok(page(
                state.shared(),
                lang,
                None,
                "/first-password",
                title(lang),
                body,
            )
            .into_response())
        }
        Err(Error::Store(e)) => Err(PageError::Internal(lang, Error::Store(e))),
        Err(e) => Ok(form(&state, lang, &token, Some(&f), &[e.message(lang)]).into_response()),
    }
}
