//! メール・設定: the notice address with H5's refusals, each in words; the library's mail
//! services where its profile offers them (K9: 返却期限日お知らせメール, 新着図書お知らせサービス
//! with themes and authors); the reading-history consent (C6), whose withdrawal forgets the
//! history kept so far.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kashidashi_core::Lang;
use kashidashi_core::notify::{MailServices, MailServicesChange};
use kashidashi_core::patrons::Patron as Record;
use maud::{Markup, html};
use serde::Deserialize;

use super::holds::messages;
use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, problems, t};
use crate::session::{Patron, Session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(show))
        .route("/settings/email", post(email))
        .route("/settings/services", post(services))
        .route("/settings/history", post(history))
}

#[derive(Deserialize)]
struct EmailForm {
    csrf: String,
    email: String,
}

#[derive(Deserialize)]
struct ServicesForm {
    csrf: String,
    /// The reminder checkbox's form sends `due_reminder_shown` always, `due_reminder` when ticked.
    due_reminder_shown: Option<String>,
    due_reminder: Option<String>,
    add_topic: Option<String>,
    add_author: Option<String>,
    remove_topic: Option<String>,
    remove_author: Option<String>,
}

#[derive(Deserialize)]
struct HistoryForm {
    csrf: String,
    keep: String,
}

struct Loaded {
    record: Record,
    services: MailServices,
}

fn offers_reminder(state: &AppState) -> bool {
    let p = &state.shared().policy;
    p.due_reminder_days.is_some() && p.due_reminder_registered_only
}

fn offers_arrivals(state: &AppState) -> bool {
    state.shared().policy.new_arrivals
}

async fn load(state: &AppState, session: &Session) -> Result<Loaded, PageError> {
    let now = state.shared().clock.now();
    let patron = session.patron.patron;
    state
        .shared()
        .pool
        .run(move |lib| {
            Ok(Loaded {
                record: lib.my_record(patron, now)?,
                services: lib.my_mail_services(patron, &MailServicesChange::default(), now)?,
            })
        })
        .await
        .map_err(|e| PageError::Internal(session.lang, e))
}

fn email_section(lang: Lang, session: &Session, r: &Record) -> Markup {
    html! {
        section aria-labelledby="mail" {
            h2 id="mail" { (t(lang, "メールアドレス", "E-mail address")) }
            p { (t(lang, "予約資料の連絡などに使います(任意)。空にすると登録を消します。", "Used for notices such as a hold being ready (optional). Leave it empty to remove it.")) }
            // novalidate: the browser's own check would stop `taro@example.jp.` without H5's words.
            form method="post" action="/settings/email" novalidate {
                (session.csrf_field())
                label for="email" { (t(lang, "メールアドレス", "E-mail address")) }
                input type="email" id="email" name="email" value=(r.email.as_deref().unwrap_or_default()) autocomplete="email" maxlength="254";
                button type="submit" { (t(lang, "登録する", "Save")) }
            }
        }
    }
}

fn services_section(state: &AppState, lang: Lang, session: &Session, s: &MailServices) -> Markup {
    let (reminder, arrivals) = (offers_reminder(state), offers_arrivals(state));
    html! {
        @if reminder || arrivals {
            section aria-labelledby="services" {
                h2 id="services" { (t(lang, "メールサービス", "Mail services")) }
                @if reminder {
                    form method="post" action="/settings/services" {
                        (session.csrf_field())
                        input type="hidden" name="due_reminder_shown" value="1";
                        label.choice {
                            input type="checkbox" name="due_reminder" value="on" checked[s.due_reminder];
                            " " (t(lang, "返却期限日お知らせメール(返却期限の3日前にお知らせします)", "Due-date reminder (three days before the due date)"))
                        }
                        button type="submit" { (t(lang, "保存する", "Save")) }
                    }
                }
                @if arrivals {
                    h3 { (t(lang, "新着図書お知らせサービス", "New-arrival notices")) }
                    (terms(lang, session, t(lang, "テーマ", "Themes"), "topic", &s.topics))
                    (terms(lang, session, t(lang, "著者", "Authors"), "author", &s.authors))
                }
            }
        }
    }
}

fn terms(lang: Lang, session: &Session, heading: &str, kind: &str, list: &[String]) -> Markup {
    html! {
        h4 { (heading) }
        @if list.is_empty() {
            p.hint { (t(lang, "登録はありません。", "None registered.")) }
        } @else {
            ul {
                @for term in list {
                    li {
                        (term) " "
                        form.inline method="post" action="/settings/services" {
                            (session.csrf_field())
                            input type="hidden" name={ "remove_" (kind) } value=(term);
                            button.secondary-dark type="submit" { (t(lang, "削除", "Remove")) }
                        }
                    }
                }
            }
        }
        form method="post" action="/settings/services" {
            (session.csrf_field())
            label for={ "add-" (kind) } { (heading) (t(lang, "を追加", ": add")) }
            input type="text" id={ "add-" (kind) } name={ "add_" (kind) } maxlength="100";
            button type="submit" { (t(lang, "追加する", "Add")) }
        }
    }
}

fn history_section(lang: Lang, session: &Session, r: &Record) -> Markup {
    html! {
        section aria-labelledby="history" {
            h2 id="history" { (t(lang, "読書記録", "Reading history")) }
            p { (t(lang, "図書館は、返却された資料とあなたの結びつきを残しません。記録を残すことを選んだ場合だけ、返却した資料の記録を残します。やめると、それまでの記録も消えます。", "The library keeps no link between you and what you returned, unless you choose to keep a history. Stopping deletes the history kept so far.")) }
            p { strong { @if r.keep_history { (t(lang, "いまは記録を残しています。", "Your history is being kept.")) } @else { (t(lang, "いまは記録を残していません。", "No history is kept.")) } } }
            form method="post" action="/settings/history" {
                (session.csrf_field())
                @if r.keep_history {
                    input type="hidden" name="keep" value="off";
                    button type="submit" { (t(lang, "記録をやめて消す", "Stop and delete my history")) }
                } @else {
                    input type="hidden" name="keep" value="on";
                    button type="submit" { (t(lang, "記録を残す", "Keep my history")) }
                }
            }
        }
    }
}

fn render(state: &AppState, session: &Session, top: Markup, l: &Loaded) -> Markup {
    let lang = session.lang;
    let body = html! {
        (top)
        (email_section(lang, session, &l.record))
        (services_section(state, lang, session, &l.services))
        (history_section(lang, session, &l.record))
    };
    page(
        state.shared(),
        lang,
        Some(session),
        "/settings",
        t(lang, "メール・設定", "Settings"),
        body,
    )
}

async fn answer(
    state: &AppState,
    session: &Session,
    outcome: Result<&str, Vec<String>>,
) -> Result<Response, PageError> {
    let l = load(state, session).await?;
    let top = match outcome {
        Ok(done) => html! { p.ok role="status" { (done) } },
        Err(seen) => problems(&seen),
    };
    Ok(render(state, session, top, &l).into_response())
}

async fn show(State(state): State<AppState>, Patron(session): Patron) -> Result<Markup, PageError> {
    let l = load(&state, &session).await?;
    Ok(render(&state, &session, html! {}, &l))
}

async fn email(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<EmailForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let (now, patron) = (state.shared().clock.now(), session.patron.patron);
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_set_email(patron, &f.email, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => {
            answer(
                &state,
                &session,
                Ok(t(
                    lang,
                    "メールアドレスを登録しました。",
                    "Your e-mail address was saved.",
                )),
            )
            .await
        }
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}

fn one(v: Option<String>) -> Vec<String> {
    v.filter(|s| !s.trim().is_empty()).into_iter().collect()
}

async fn services(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<ServicesForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let change = MailServicesChange {
        due_reminder: f.due_reminder_shown.map(|_| f.due_reminder.is_some()),
        add_topics: one(f.add_topic),
        remove_topics: one(f.remove_topic),
        add_authors: one(f.add_author),
        remove_authors: one(f.remove_author),
    };
    let (now, patron) = (state.shared().clock.now(), session.patron.patron);
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_mail_services(patron, &change, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => {
            answer(
                &state,
                &session,
                Ok(t(
                    lang,
                    "メールサービスの登録を変更しました。",
                    "Your mail services were changed.",
                )),
            )
            .await
        }
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}

async fn history(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<HistoryForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let keep = match f.keep.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(PageError::NotFound(lang)),
    };
    let (now, patron) = (state.shared().clock.now(), session.patron.patron);
    state
        .shared()
        .pool
        .run(move |lib| lib.my_keep_history(patron, keep, now))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    let done = if keep {
        t(
            lang,
            "これから返却する資料の記録を残します。",
            "Your history will be kept from now on.",
        )
    } else {
        t(
            lang,
            "読書記録をやめ、これまでの記録を消しました。",
            "Your history was deleted and is no longer kept.",
        )
    };
    answer(&state, &session, Ok(done)).await
}
