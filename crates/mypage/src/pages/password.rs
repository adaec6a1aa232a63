//! K1: change the password. A patron signed in with a temporary password is sent here and can
//! do nothing else until it is changed. The profile's rule (K2, H2) is shown before typing, and
//! a refusal says which part of it the new password broke.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use kashidashi_core::policy::PasswordPolicy;
use kashidashi_core::{Error, Lang};
use maud::{Markup, html};
use serde::Deserialize;

use super::ClientAddr;
use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, problems, t};
use crate::session::Session;

pub fn routes() -> Router<AppState> {
    Router::new().route("/password", get(show).post(change))
}

#[derive(Deserialize)]
struct ChangeForm {
    csrf: String,
    old: String,
    new: String,
    again: String,
}

/// K2 / H2 in words, from the profile.
pub fn rule_text(lang: Lang, rule: &PasswordPolicy) -> String {
    let (min, max) = (rule.min_length, rule.max_length);
    let mut s = match lang {
        Lang::Ja => format!("半角の英字と数字だけで{min}〜{max}文字。"),
        Lang::En => format!("{min} to {max} half-width letters or digits."),
    };
    if rule.require_letter_and_digit {
        s += t(
            lang,
            "英字と数字を両方使ってください。",
            " Use both letters and digits.",
        );
    }
    if rule.case_insensitive {
        s += t(
            lang,
            "大文字と小文字は区別しません。",
            " Upper and lower case are the same.",
        );
    }
    s
}

/// The form, with the fields labelled for screen readers and password managers.
pub fn new_password_fields(lang: Lang, rule: &PasswordPolicy) -> Markup {
    html! {
        label for="new" { (t(lang, "新しいパスワード", "New password")) }
        p.hint #new-hint { (rule_text(lang, rule)) }
        input #new name="new" type="password" autocomplete="new-password" required
            aria-describedby="new-hint" maxlength=(rule.max_length);
        label for="again" { (t(lang, "新しいパスワード(確認のためもう一度)", "New password again")) }
        input #again name="again" type="password" autocomplete="new-password" required
            maxlength=(rule.max_length);
    }
}

fn form(state: &AppState, session: &Session, messages: &[String]) -> Markup {
    let lang = session.lang;
    let temporary = session.patron.must_change_password;
    let body = html! {
        @if temporary {
            p.notice { (t(lang,
                "仮パスワードでログインしています。新しいパスワードに変更するまで、ほかの操作はできません。",
                "You signed in with a temporary password. Choose a new password before anything else."))
            }
        }
        (problems(messages))
        form method="post" action="/password" {
            (session.csrf_field())
            label for="old" {
                @if temporary { (t(lang, "仮パスワード", "Temporary password")) }
                @else { (t(lang, "今のパスワード", "Current password")) }
            }
            input #old name="old" type="password" autocomplete="current-password" required;
            (new_password_fields(lang, &state.shared().policy.password))
            button type="submit" { (t(lang, "変更する", "Change password")) }
        }
    };
    page(
        state.shared(),
        lang,
        Some(session),
        "/password",
        t(lang, "パスワードの変更", "Change password"),
        body,
    )
}

async fn show(State(state): State<AppState>, session: Session) -> Markup {
    form(&state, &session, &[])
}

pub fn mismatch(lang: Lang) -> String {
    t(
        lang,
        "確認のために入力した新しいパスワードが一致しません。",
        "The new password and its repetition differ.",
    )
    .to_string()
}

async fn change(
    State(state): State<AppState>,
    session: Session,
    addr: ClientAddr,
    Form(f): Form<ChangeForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    if f.new != f.again {
        return Ok(form(&state, &session, &[mismatch(lang)]).into_response());
    }
    addr.count_try(&state, lang)?;
    let now = state.shared().clock.now();
    let card = session.patron.card.clone();
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.change_patron_password(&card, &f.old, &f.new, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(()) => Ok(Redirect::to("/loans?password=changed").into_response()),
        Err(Error::Store(e)) => Err(PageError::Internal(lang, Error::Store(e))),
        Err(e) => Ok(form(&state, &session, &[e.message(lang)]).into_response()),
    }
}
