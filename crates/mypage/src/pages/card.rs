//! C4 (Kyoto's 図書館カードバーコード表示): the card's barcode on the phone, drawn by the server
//! with the print crate's NW-7 (the same bars as the printed card label), black on white, four
//! pixels a module with wide quiet zones, so the desk's scanner reads it as the card.

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};

use crate::AppState;
use crate::error::PageError;
use crate::layout::{page, t};
use crate::session::Patron;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/card", get(show))
        .route("/card.png", get(image))
}

async fn show(State(state): State<AppState>, Patron(session): Patron) -> Markup {
    let lang = session.lang;
    let card = session.patron.card.as_str();
    let body = html! {
        div.cardcode {
            img src="/card.png" alt=(format!("{} {}", t(lang, "利用者カードのバーコード", "Library card barcode"), card));
            p.number { (card) }
        }
        p.hint { (t(lang,
            "カウンターでこの画面を見せてください。読み取りにくいときは、画面を明るくしてください。",
            "Show this screen at the counter. If it does not scan, turn the screen brightness up."))
        }
        // Keeps the screen on where the browser allows (Screen Wake Lock); nothing else.
        script src="/card.js" defer {}
    };
    page(
        state.shared(),
        lang,
        Some(&session),
        "/card",
        t(lang, "利用者カード", "Library card"),
        body,
    )
}

/// The PNG of the signed-in patron's card; the card is the session's, never a part of the URL.
async fn image(Patron(session): Patron) -> Result<Response, PageError> {
    let png = kashidashi_print::card_png(&session.patron.card)
        .map_err(|_| PageError::NotFound(session.lang))?;
    Ok(([(CONTENT_TYPE, "image/png")], png).into_response())
}
