//! One module per page, each exporting `routes()` with its paths. Handlers are a few lines:
//! read the form, call the core through `state.shared().pool.run`, render with `layout::page`.

mod assets;
mod card;
mod first_password;
mod forgot;
mod holds;
mod lang;
mod loans;
mod password;
mod search;
mod settings;
mod signin;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;
use crate::error::PageError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(assets::routes())
        .merge(signin::routes())
        .merge(password::routes())
        .merge(first_password::routes())
        .merge(forgot::routes())
        .merge(lang::routes())
        .merge(loans::routes())
        .merge(card::routes())
        .merge(holds::routes())
        .merge(search::routes())
        .merge(settings::routes())
}

/// The address a request came from, for the per-address limit. Without one (a test calling the
/// router directly) every request shares one bucket, which only makes the limit stricter.
pub struct ClientAddr(IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()),
        ))
    }
}

impl ClientAddr {
    /// Counts a password try from this address (sign-in, change, first password).
    pub fn count_try(
        &self,
        state: &AppState,
        lang: kashidashi_core::Lang,
    ) -> Result<(), PageError> {
        if state.shared().limit.allow(self.0) {
            Ok(())
        } else {
            Err(PageError::TooMany(lang))
        }
    }
}
