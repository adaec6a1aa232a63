//! My holds (予約状況) and the reservation cart (予約カート): each hold in the guides' words with
//! its queue place, pickup place, run day and last day on the shelf (C13, K8, H10, H14); cancel
//! or change the pickup place until it is ready (C15); the cart's titles reserved at once with
//! one pickup place, together or 読みたい順 in the order the patron gives (H9). A hold or title
//! number in a form is the patron's own or answered 404 (`hold.unknown`, `title.unknown`).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kashidashi_core::domain::{DeskKind, HoldId, TitleId};
use kashidashi_core::holds::{CartTitle, HoldChoices, HoldStatus, MyHold, Notify};
use kashidashi_core::{Error, Invalid, Lang};
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::layout::{date, page, problems, t};
use crate::session::{Patron, Session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/holds", get(show))
        .route("/holds/cancel", post(cancel))
        .route("/holds/pickup", post(change_pickup))
        .route("/cart/add", post(cart_add))
        .route("/cart/remove", post(cart_remove))
        .route("/cart/reserve", post(cart_reserve))
}

#[derive(Deserialize)]
struct Shown {
    placed: Option<String>,
}

#[derive(Deserialize)]
struct HoldForm {
    csrf: String,
    hold: i64,
    pickup: Option<String>,
}

#[derive(Deserialize)]
struct TitleForm {
    csrf: String,
    title: i64,
}

/// The pickup place and notice method of a new hold (C14), for this form and the search's.
pub fn hold_fields(lang: Lang, choices: &HoldChoices, id: &str) -> Markup {
    html! {
        label for={ "pickup-" (id) } { (t(lang, "受取場所", "Pickup place")) }
        (pickup_select(lang, choices, &format!("pickup-{id}"), None))
        fieldset {
            legend { (t(lang, "予約連絡方法", "Tell me when it is ready")) }
            @for (n, m) in choices.notify.iter().enumerate() {
                label.choice {
                    input type="radio" name="notify" value=(m.as_str()) checked[n == 0];
                    " " (notify_word(lang, *m))
                }
            }
            @if !choices.notify.contains(&Notify::Email) {
                p.hint { (t(lang, "メールで連絡を受けるには、「メール・設定」でメールアドレスを登録してください。", "To be told by e-mail, add your address under Settings.")) }
            }
        }
        @for r in &choices.not_offered { p.hint { (r.message(lang)) } }
    }
}

fn pickup_select(lang: Lang, choices: &HoldChoices, id: &str, current: Option<&str>) -> Markup {
    html! {
        select id=(id) name="pickup" {
            @for p in &choices.places {
                option value=(p.code.as_str()) selected[current == Some(p.code.as_str())] {
                    (t(lang, &p.name, &p.name_en))
                }
            }
        }
    }
}

pub fn notify_word(lang: Lang, n: Notify) -> &'static str {
    match n {
        Notify::Email => t(lang, "メール", "E-mail"),
        Notify::None => t(lang, "不要(Myページで確認します)", "None (I check My Page)"),
    }
}

/// The messages of a refusal or bad input; a store failure is the page's error.
pub fn messages(lang: Lang, e: Error) -> Result<Vec<String>, PageError> {
    match e {
        Error::Refused(rs) => Ok(rs.iter().map(|r| r.message(lang)).collect()),
        Error::Invalid(i) => Ok(vec![i.message(lang)]),
        e @ Error::Store(_) => Err(PageError::Internal(lang, e)),
    }
}

/// Someone else's hold or title, or one that never was: the same 404.
fn not_theirs(e: &Error) -> bool {
    matches!(
        e,
        Error::Invalid(Invalid::UnknownHold { .. } | Invalid::UnknownTitle { .. })
    )
}

fn hold_card(lang: Lang, session: &Session, h: &MyHold, choices: &HoldChoices) -> Markup {
    html! {
        article.hold {
            h2 { (h.title) }
            dl {
                dt { (t(lang, "資料の状況", "Status")) }
                dd {
                    span.badge { (h.label(lang)) }
                    @if let (HoldStatus::Waiting, Some(n)) = (h.status, h.position) {
                        " " (match lang { Lang::Ja => format!("予約順位 {n} 番目"), Lang::En => format!("number {n} in the queue") })
                    }
                }
                dt { (t(lang, "受取場所", "Pickup place")) }
                dd { (t(lang, &h.pickup_name, &h.pickup_name_en)) }
                dt { (t(lang, "予約連絡方法", "Notice")) }
                dd { (notify_word(lang, h.notify)) }
                @if let Some(run) = h.delivery_run {
                    dt { (t(lang, "発送日", "Delivery run")) }
                    dd { (date(lang, run)) }
                }
                @if let Some(from) = h.available_from {
                    dt { (t(lang, "受取可能日", "Ready from")) }
                    dd { (date(lang, from)) }
                }
                @if let Some(last) = h.expires_on {
                    dt { (t(lang, "取置期限", "Kept until")) }
                    dd { (date(lang, last)) }
                }
                @if let Some(seq) = h.cart_seq {
                    dt { (t(lang, "読みたい順", "Reading order")) }
                    dd { (seq) }
                }
            }
            @if h.waits_for_earlier {
                p.hint { (t(lang, "読みたい順で前の資料を借りるまで、この資料は用意されません。", "This title is prepared once you have borrowed the titles before it in your reading order.")) }
            }
            @if h.status == HoldStatus::AwaitingReturn {
                p.notice { (t(lang, "貸出冊数が上限(10冊)のため、返却の処理のあとに発送します。", "You have the most loans allowed (10): it is sent once a return is processed.")) }
            }
            @if h.pickup_kind == DeskKind::Partner && h.delivery_run.is_none() && h.status.is_active() {
                p.hint { (t(lang, "受取館へは、確保のあとの発送日(毎週火・金曜日)に発送します。", "Copies go to partner libraries on the run after they are secured (Tuesdays and Fridays).")) }
            }
            @if h.changeable {
                form method="post" action="/holds/pickup" {
                    (session.csrf_field())
                    input type="hidden" name="hold" value=(h.id.0);
                    label for={ "move-" (h.id.0) } { (t(lang, "受取場所を変更", "Change the pickup place")) }
                    (pickup_select(lang, choices, &format!("move-{}", h.id.0), Some(h.pickup.as_str())))
                    button type="submit" { (t(lang, "変更する", "Change")) }
                }
                form method="post" action="/holds/cancel" {
                    (session.csrf_field())
                    input type="hidden" name="hold" value=(h.id.0);
                    button.danger type="submit" { (t(lang, "予約を取り消す", "Cancel this hold")) }
                }
            } @else if h.status.is_active() {
                p.hint { (t(lang, "準備ができた予約の受取場所の変更・取消は、Myページではできません。図書館へお電話ください。", "A ready hold cannot be changed or cancelled here: please phone the library.")) }
            }
        }
    }
}

fn cart_section(
    lang: Lang,
    session: &Session,
    cart: &[CartTitle],
    choices: &HoldChoices,
) -> Markup {
    html! {
        section aria-labelledby="cart" {
            h2 id="cart" { (t(lang, "予約カート", "Reservation cart")) }
            @if cart.is_empty() {
                p { (t(lang, "カートは空です。蔵書検索で「予約カートに入れる」を選ぶと、ここに入ります。", "The cart is empty. Titles you add from the search appear here.")) }
            } @else {
                ol.cards {
                    @for c in cart {
                        li {
                            p { strong { (c.title) } @if let Some(a) = &c.author { " / " (a) } }
                            form method="post" action="/cart/remove" {
                                (session.csrf_field())
                                input type="hidden" name="title" value=(c.title_id.0);
                                button.secondary-dark type="submit" { (t(lang, "カートから出す", "Remove")) }
                            }
                        }
                    }
                }
                form method="post" action="/cart/reserve" {
                    (session.csrf_field())
                    fieldset {
                        legend { (t(lang, "予約方法", "How to reserve")) }
                        label.choice { input type="radio" name="method" value="together" checked; " " (t(lang, "まとめて予約(用意できた順)", "All at once (as each is ready)")) }
                        label.choice { input type="radio" name="method" value="order"; " " (t(lang, "読みたい順(前の資料を借りてから次を用意)", "In reading order (each after the one before is borrowed)")) }
                    }
                    @for c in cart {
                        label for={ "rank-" (c.title_id.0) } { (t(lang, "読みたい順: ", "Reading order: ")) (c.title) }
                        select id={ "rank-" (c.title_id.0) } name={ "rank-" (c.title_id.0) } {
                            @for n in 1..=cart.len() {
                                option value=(n) selected[cart.iter().position(|x| x.title_id == c.title_id) == Some(n - 1)] { (n) }
                            }
                        }
                    }
                    (hold_fields(lang, choices, "cart"))
                    button type="submit" { (t(lang, "カートの資料を予約する", "Reserve the cart")) }
                }
            }
        }
    }
}

struct Loaded {
    holds: Vec<MyHold>,
    cart: Vec<CartTitle>,
    choices: HoldChoices,
}

async fn load(state: &AppState, session: &Session) -> Result<Loaded, PageError> {
    let now = state.shared().clock.now();
    let patron = session.patron.patron;
    state
        .shared()
        .pool
        .run(move |lib| {
            Ok(Loaded {
                holds: lib.my_holds(patron, now)?,
                cart: lib.my_cart(patron, now)?,
                choices: lib.my_hold_choices(patron, now)?,
            })
        })
        .await
        .map_err(|e| PageError::Internal(session.lang, e))
}

fn render(state: &AppState, session: &Session, top: Markup, l: &Loaded) -> Markup {
    let lang = session.lang;
    let name = &state.shared().policy.holds.hold_name;
    let active = l.holds.iter().filter(|h| h.status.is_active()).count();
    let body = html! {
        (top)
        @if l.holds.is_empty() {
            p { (t(lang, "予約はありません。", "You have no holds.")) }
        } @else {
            p { (match lang {
                Lang::Ja => format!("{name}: {active} 件(上限 {} 件)", state.shared().policy.holds.limit),
                Lang::En => format!("{active} holds (at most {})", state.shared().policy.holds.limit),
            }) }
            ol.cards { @for h in &l.holds { li { (hold_card(lang, session, h, &l.choices)) } } }
        }
        (cart_section(lang, session, &l.cart, &l.choices))
    };
    page(
        state.shared(),
        lang,
        Some(session),
        "/holds",
        t(lang, "予約状況", "My holds"),
        body,
    )
}

/// The page again after a change, with the core's answer on top.
async fn answer(
    state: &AppState,
    session: &Session,
    outcome: Result<&str, Vec<String>>,
) -> Result<Response, PageError> {
    let l = load(state, session).await?;
    let top = match outcome {
        Ok(done) => html! { p.ok role="status" { (done) } },
        Err(problems_seen) => problems(&problems_seen),
    };
    Ok(render(state, session, top, &l).into_response())
}

async fn show(
    State(state): State<AppState>,
    Patron(session): Patron,
    Query(q): Query<Shown>,
) -> Result<Markup, PageError> {
    let l = load(&state, &session).await?;
    let lang = session.lang;
    let top = html! {
        @if q.placed.is_some() {
            p.ok role="status" { (t(lang, "予約しました。", "Your hold was placed.")) }
        }
    };
    Ok(render(&state, &session, top, &l))
}

async fn cancel(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<HoldForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let (now, patron, id) = (
        state.shared().clock.now(),
        session.patron.patron,
        HoldId(f.hold),
    );
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_cancel_hold(patron, id, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(()) => {
            answer(
                &state,
                &session,
                Ok(t(lang, "予約を取り消しました。", "The hold was cancelled.")),
            )
            .await
        }
        Err(e) if not_theirs(&e) => Err(PageError::NotFound(lang)),
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}

async fn change_pickup(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<HoldForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let (now, patron, id) = (
        state.shared().clock.now(),
        session.patron.patron,
        HoldId(f.hold),
    );
    let pickup = f.pickup.unwrap_or_default();
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_change_pickup(patron, id, &pickup, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => {
            answer(
                &state,
                &session,
                Ok(t(
                    lang,
                    "受取場所を変更しました。",
                    "The pickup place was changed.",
                )),
            )
            .await
        }
        Err(e) if not_theirs(&e) => Err(PageError::NotFound(lang)),
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}

async fn cart_add(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<TitleForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let (now, patron, title) = (
        state.shared().clock.now(),
        session.patron.patron,
        TitleId(f.title),
    );
    let result = state
        .shared()
        .pool
        .run(move |lib| Ok(lib.my_cart_add(patron, title, now)))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => {
            answer(
                &state,
                &session,
                Ok(t(lang, "予約カートに入れました。", "Added to the cart.")),
            )
            .await
        }
        Err(e) if not_theirs(&e) => Err(PageError::NotFound(lang)),
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}

async fn cart_remove(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(f): Form<TitleForm>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    session.check_csrf(&f.csrf)?;
    let (now, patron, title) = (
        state.shared().clock.now(),
        session.patron.patron,
        TitleId(f.title),
    );
    state
        .shared()
        .pool
        .run(move |lib| lib.my_cart_remove(patron, title, now))
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    answer(
        &state,
        &session,
        Ok(t(lang, "カートから出しました。", "Removed from the cart.")),
    )
    .await
}

/// The cart form: `csrf`, `method` (`together` or `order`), `pickup`, `notify`, and a
/// `rank-TITLE` per title, the patron's reading order.
async fn cart_reserve(
    State(state): State<AppState>,
    Patron(session): Patron,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let lang = session.lang;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    session.check_csrf(field("csrf").unwrap_or_default())?;
    let mut ranked: Vec<(u32, TitleId)> = Vec::new();
    for (k, v) in &fields {
        if let Some(id) = k.strip_prefix("rank-") {
            let (Ok(id), Ok(rank)) = (id.parse::<i64>(), v.parse::<u32>()) else {
                return Err(PageError::NotFound(lang));
            };
            ranked.push((rank, TitleId(id)));
        }
    }
    ranked.sort();
    let titles: Vec<TitleId> = ranked.into_iter().map(|(_, t)| t).collect();
    let in_order = field("method") == Some("order");
    let notify = match field("notify") {
        Some("email") => Notify::Email,
        _ => Notify::None,
    };
    let pickup = field("pickup").unwrap_or_default().to_string();
    let (now, patron) = (state.shared().clock.now(), session.patron.patron);
    let result = state
        .shared()
        .pool
        .run(move |lib| {
            // Only titles of the patron's own cart are reserved from it.
            let cart = lib.my_cart(patron, now)?;
            if titles.is_empty()
                || titles
                    .iter()
                    .any(|t| !cart.iter().any(|c| c.title_id == *t))
            {
                return Ok(Err(Invalid::UnknownTitle { id: String::new() }.into()));
            }
            Ok(lib.my_place_holds(patron, &titles, &pickup, notify, Some(in_order), now))
        })
        .await
        .map_err(|e| PageError::Internal(lang, e))?;
    match result {
        Ok(_) => Ok(Redirect::to("/holds?placed=1").into_response()),
        Err(e) if not_theirs(&e) => Err(PageError::NotFound(lang)),
        Err(e) => answer(&state, &session, Err(messages(lang, e)?)).await,
    }
}
