//! My loans: due dates, 延長済, and renewal of one loan or all of them (C10–C12, H8, K6), every
//! reason a loan cannot be renewed shown beside it before and after trying. The rules are the
//! desk's own (`Library::my_loans`, `Library::my_renew`).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kashidashi_core::Lang;
use kashidashi_core::domain::LoanId;
use kashidashi_core::my_page::{MyLoan, MyRenewal, RenewedLine};
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::layout::{date, page, t};
use crate::session::{Patron, Session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/loans", get(show))
        .route("/loans/renew", post(renew))
}

#[derive(Deserialize)]
struct Shown {
    password: Option<String>,
}

#[derive(Deserialize)]
struct RenewForm {
    csrf: String,
    /// One loan (its button), or none with `all`.
    loan: Option<i64>,
    all: Option<String>,
}

fn loan_list(lang: Lang, session: &Session, loans: &[MyLoan]) -> Markup {
    let renewable = loans
        .iter()
        .filter(|l| l.line.renewal_refusals.is_empty())
        .count();
    html! {
        @if loans.is_empty() {
            p { (t(lang, "借りている資料はありません。", "You have nothing on loan.")) }
        } @else {
            p { (match lang {
                Lang::Ja => format!("{} 点借りています。", loans.len()),
                Lang::En => format!("{} on loan.", loans.len()),
            }) }
            @if renewable > 1 {
                form method="post" action="/loans/renew" {
                    (session.csrf_field())
                    button type="submit" name="all" value="1" {
                        (t(lang, "延長できる資料をすべて延長する", "Renew everything that can be renewed"))
                    }
                }
            }
            ol.cards {
                @for l in loans { li { (loan_card(lang, session, l)) } }
            }
        }
    }
}

fn loan_card(lang: Lang, session: &Session, l: &MyLoan) -> Markup {
    let loan = &l.line.loan;
    let received = t(lang, &l.received_at, &l.received_at_en);
    html! {
        article.loan {
            h2 { (loan.item.title) }
            @if let Some(a) = &loan.item.author { p.author { (a) } }
            dl {
                dt { (t(lang, "返却期限", "Due")) }
                dd.due {
                    (date(lang, loan.due_on))
                    @if l.line.overdue { " " span.badge.overdue { (t(lang, "延滞", "Overdue")) } }
                    @if loan.renewed() { " " span.badge { (t(lang, "延長済", "Renewed")) } }
                }
                dt { (t(lang, "貸出日", "Borrowed")) }
                dd { (date(lang, loan.loaned_on)) }
                dt { (t(lang, "受取場所", "Received at")) }
                dd { (received) }
            }
            @if l.line.renewal_refusals.is_empty() {
                form method="post" action="/loans/renew" {
                    (session.csrf_field())
                    @if l.line.renewal_due > loan.due_on {
                        p.hint { (t(lang, "延長すると返却期限は ", "Renewed, it will be due ")) (date(lang, l.line.renewal_due)) (t(lang, " になります。", ".")) }
                    } @else {
                        p.hint { (t(lang, "今日延長しても返却期限は延びません(延長は1回だけです)。", "Renewing today would not move the due date (a loan is renewed only once).")) }
                    }
                    button type="submit" name="loan" value=(loan.id.0) { (t(lang, "延長する", "Renew")) }
                }
            } @else {
                div.reasons {
                    p { (t(lang, "延長できません:", "Cannot be renewed:")) }
                    ul { @for r in &l.line.renewal_refusals { li { (r.message(lang)) } } }
                }
            }
        }
    }
}

fn outcome(lang: Lang, lines: &[RenewedLine]) -> Markup {
    html! {
        div.outcome role="status" {
            @for l in lines {
                @if l.refusals.is_empty() {
                    p.ok { "「" (l.loan.item.title) "」" (t(lang, "を延長しました。返却期限: ", " renewed. Due: ")) (date(lang, l.loan.due_on)) }
                } @else {
                    div.error {
                        p { "「" (l.loan.item.title) "」" (t(lang, "は延長できませんでした:", " was not renewed:")) }
                        ul { @for r in &l.refusals { li { (r.message(lang)) } } }
                    }
                }
            }
        }
    }
}

async fn load(state: &AppState, session: &Session) -> Result<Vec<MyLoan>, PageError> {
    let now = state.shared().clock.now();
    let patron = session.patron.patron;
    state
        .shared()
        .pool
        .run(move |lib| lib.my_loans(patron, now))
        .await
        .map_err(|e| PageError::Internal(session.lang, e))
}

fn render(state: &AppState, session: &Session, top: Markup, loans: &[MyLoan]) -> Markup {
    let lang = session.lang;
    let body = html! { (top) (loan_list(lang, session, loans)) };
    page(
        state.shared(),
        lang,
        Some(session),
        "/loans",
        t(lang, "借りている資料", "My loans"),
        body,
    )
}

async fn show(
    State(state): State<AppState>,
    Patron(session): Patron,
    Query(q): Query<Shown>,
) -> Result<Markup, PageError> {
    let loans = load(&state, &session).await?;
    let lang = session.lang;
    let top = html! {
        @if q.password.is_some() {
            p.notice role="status" { (t(lang, "パスワードを変更しました。", "Your password was changed.")) }
        }
    };
    Ok(render(&state, &session, top, &loans))
}

async fn renew(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<RenewForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let now = state.shared().clock.now();
    let patron = session.patron.patron;
    let wanted: Option<Vec<LoanId>> = match (f.loan, f.all.is_some()) {
        (Some(id), false) => Some(vec![LoanId(id)]),
        (None, true) => None,
        _ => return Err(PageError::NotFound(lang)),
    };
    let result = state
        .shared()
        .pool
        .run(move |lib| {
            // "All": the loans that can be renewed today, as the page showed them.
            let ids = match wanted {
                Some(ids) => ids,
                None => lib
                    .my_loans(patron, now)?
                    .into_iter()
                    .filter(|l| l.line.renewal_refusals.is_empty())
                    .map(|l| l.line.loan.id)
                    .collect(),
            };
            lib.my_renew(patron, &ids, now)
        })
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    let MyRenewal::Done(lines) = result else {
        return Err(PageError::NotFound(lang));
    };
    let loans = load(&state, &session).await?;
    Ok(render(&state, &session, outcome(lang, &lines), &loans).into_response())
}
