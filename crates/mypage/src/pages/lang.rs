//! The language switch: a cookie, never a part of the page's address; back to the page it was
//! pressed on (a path of this site only).

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use kashidashi_core::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::session::lang_cookie;

pub fn routes() -> Router<AppState> {
    Router::new().route("/lang/{code}", get(switch))
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

async fn switch(Path(code): Path<String>, Query(q): Query<Back>) -> impl IntoResponse {
    let lang = Lang::parse(&code).unwrap_or_default();
    // Only a local path: `//host` or `/\host` would leave the site.
    let back = q
        .back
        .filter(|b| {
            b.starts_with('/')
                && !b.starts_with("//")
                && b.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"/-_".contains(&c))
        })
        .unwrap_or_else(|| "/".into());
    ([lang_cookie(lang)], Redirect::to(&back))
}
