//! The style sheet, the card page's wake lock script and the health check (for the reverse proxy or a monitor: it opens nothing
//! but a read of the database).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

const STYLE: &str = include_str!("../../assets/style.css");
const CARD_SCRIPT: &str = include_str!("../../assets/card.js");

pub fn routes() -> axum::Router<AppState> {
    Router::new()
        .route("/style.css", get(style))
        .route("/card.js", get(card_script))
        .route("/health", get(health))
}

async fn style() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}

async fn card_script() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        CARD_SCRIPT,
    )
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let now = state.shared().clock.now();
    // A session lookup of a token nobody has: a real read of the store, nothing changed.
    match state
        .shared()
        .pool
        .run(move |lib| lib.patron_session("health", now))
        .await
    {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "store unavailable"),
    }
}
