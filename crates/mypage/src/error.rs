//! What a page answers when it cannot answer with itself. Nothing here names a patron, a card
//! or a loan: a loan of someone else is "not found", exactly like a loan that never existed.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kashidashi_core::Lang;

use crate::layout::{bare_page, t};

#[derive(Debug)]
pub enum PageError {
    /// Not there, or not this patron's: the same answer (404, never 403).
    NotFound(Lang),
    /// A form without this session's token: another site posted it, or the page is stale.
    Csrf(Lang),
    /// Too many sign-in tries from one address (issue 13, beside C24's per-card count).
    TooMany(Lang),
    /// The store failed; logged by code only.
    Internal(Lang, kashidashi_core::Error),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, lang, ja, en) = match &self {
            PageError::NotFound(l) => (
                StatusCode::NOT_FOUND,
                *l,
                "ページが見つかりません。",
                "Page not found.",
            ),
            PageError::Csrf(l) => (
                StatusCode::FORBIDDEN,
                *l,
                "このフォームは使えなくなりました。ページを開き直して、もう一度お試しください。",
                "This form has expired. Open the page again and retry.",
            ),
            PageError::TooMany(l) => (
                StatusCode::TOO_MANY_REQUESTS,
                *l,
                "この接続からの試行が多すぎます。しばらくしてからお試しください。",
                "Too many tries from this connection. Please wait a while and retry.",
            ),
            PageError::Internal(l, e) => {
                eprintln!("My Page: {}", e.code());
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    *l,
                    "ただいま処理できません。しばらくしてからお試しください。",
                    "The library cannot answer right now. Please try again later.",
                )
            }
        };
        let body = bare_page(lang, t(lang, ja, en));
        (status, body).into_response()
    }
}
