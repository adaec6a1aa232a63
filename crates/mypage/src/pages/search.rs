//! 蔵書検索 and placing a hold (予約 / Kyoto's 貸出待ち登録): titles by title, author or ISBN,
//! kana, width and case folded (`catalog::search_key`), each with its copies' states (C5) and
//! either a hold form (pickup place and notice method, C14) or every reason the patron cannot
//! reserve it now (K7, C8, C22, C5). The search words go in a POST body, never in the URL: what a
//! patron looks for is theirs (図書館の自由).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kashidashi_core::domain::TitleId;
use kashidashi_core::holds::{HoldChoices, Notify};
use kashidashi_core::my_page::PatronTitle;
use kashidashi_core::{Error, Invalid, Lang};
use maud::{Markup, html};
use serde::Deserialize;

use super::holds::{hold_fields, messages};
use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, problems, t};
use crate::session::{Patron, Session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/search", get(show).post(search))
        .route("/search/hold", post(place))
}

#[derive(Deserialize)]
struct SearchForm {
    csrf: String,
    q: String,
}

#[derive(Deserialize)]
struct HoldForm {
    csrf: String,
    title: i64,
    pickup: String,
    notify: Option<String>,
    /// The words searched, to show the results again after a refusal.
    q: Option<String>,
}

fn search_form(lang: Lang, session: &Session, q: &str) -> Markup {
    html! {
        form method="post" action="/search" role="search" {
            (session.csrf_field())
            label for="q" { (t(lang, "書名・著者名・ISBN", "Title, author or ISBN")) }
            input type="text" id="q" name="q" value=(q) autocomplete="off" maxlength="200";
            p.hint { (t(lang, "ひらがな・カタカナ、全角・半角は区別しません。", "Hiragana and katakana, full and half width are all the same here.")) }
            button type="submit" { (t(lang, "検索する", "Search")) }
        }
    }
}

fn result_card(
    lang: Lang,
    state: &AppState,
    session: &Session,
    r: &PatronTitle,
    choices: &HoldChoices,
    q: &str,
) -> Markup {
    let name = &state.shared().policy.holds.hold_name;
    let id = r.title.id.0;
    html! {
        article.title {
            h2 { (r.title.title) }
            @if let Some(a) = &r.title.author { p.author { (a) } }
            @if let Some(isbn) = &r.title.isbn { p.hint { "ISBN " (isbn) } }
            dl {
                @for c in &r.copies {
                    dt { (t(lang, "状態", "Status")) }
                    dd {
                        span.badge { (c.status_label()) }
                        @if let Some(n) = &c.call_number { " " (n) }
                    }
                }
            }
            @if r.hold_refusals.is_empty() {
                form method="post" action="/search/hold" {
                    (session.csrf_field())
                    input type="hidden" name="title" value=(id);
                    input type="hidden" name="q" value=(q);
                    (hold_fields(lang, choices, &id.to_string()))
                    button type="submit" { (match lang { Lang::Ja => format!("{name}する"), Lang::En => "Place a hold".into() }) }
                }
                form method="post" action="/cart/add" {
                    (session.csrf_field())
                    input type="hidden" name="title" value=(id);
                    button.secondary-dark type="submit" { (t(lang, "予約カートに入れる", "Add to the cart")) }
                }
            } @else {
                div.reasons {
                    p { (match lang { Lang::Ja => format!("{name}できません:"), Lang::En => "Cannot be reserved:".into() }) }
                    ul { @for reason in &r.hold_refusals { li { (reason.message(lang)) } } }
                }
            }
        }
    }
}

struct Found {
    results: Vec<PatronTitle>,
    choices: HoldChoices,
}

async fn find(state: &AppState, session: &Session, q: String) -> Result<Found, PageError> {
    let now = state.shared().clock.now();
    let patron = session.patron.patron;
    state
        .shared()
        .pool
        .run(move |lib| {
            Ok(Found {
                results: lib.my_search(patron, &q, now)?,
                choices: lib.my_hold_choices(patron, now)?,
            })
        })
        .await
        .map_err(|e| PageError::Internal(session.lang, e))
}

fn render(
    state: &AppState,
    session: &Session,
    q: &str,
    top: Markup,
    found: Option<&Found>,
) -> Markup {
    let lang = session.lang;
    let body = html! {
        (top)
        (search_form(lang, session, q))
        @if let Some(f) = found {
            section aria-label=(t(lang, "検索結果", "Results")) {
                @if f.results.is_empty() {
                    p { (t(lang, "見つかりませんでした。", "Nothing found.")) }
                } @else {
                    p { (match lang { Lang::Ja => format!("{} 件", f.results.len()), Lang::En => format!("{} found", f.results.len()) }) }
                    ol.cards {
                        @for r in &f.results { li { (result_card(lang, state, session, r, &f.choices, q)) } }
                    }
                }
            }
        }
    };
    page(
        state.shared(),
        lang,
        Some(session),
        "/search",
        t(lang, "蔵書検索", "Search the catalogue"),
        body,
    )
}

async fn show(State(state): State<AppState>, Patron(session): Patron) -> Markup {
    render(&state, &session, "", html! {}, None)
}

async fn search(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<SearchForm>,
) -> Result<Markup, PageError> {
    session.check_csrf(&f.csrf)?;
    let found = find(&state, &session, f.q.clone()).await?;
    Ok(render(&state, &session, &f.q, html! {}, Some(&found)))
}

async fn place(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<HoldForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let notify = match f.notify.as_deref() {
        Some("email") => Notify::Email,
        _ => Notify::None,
    };
    let (now, patron, title, pickup) = (
        state.shared().clock.now(),
        session.patron.patron,
        TitleId(f.title),
        f.pickup.clone(),
    );
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_place_holds(patron, &[title], &pickup, notify, None, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => Ok(Redirect::to("/holds?placed=1").into_response()),
        Err(Error::Invalid(Invalid::UnknownTitle { .. })) => Err(PageError::NotFound(lang)),
        Err(e) => {
            let seen = messages(lang, e)?;
            let q = f.q.unwrap_or_default();
            let found = find(&state, &session, q.clone()).await?;
            Ok(render(&state, &session, &q, problems(&seen), Some(&found)).into_response())
        }
    }
}
