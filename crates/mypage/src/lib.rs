//! My Page (issue 13): the patrons' side of both guides, served by `kashidashi serve` over the
//! same core and database as the desks. Server-rendered pages that work without JavaScript,
//! Japanese first with English by a switch kept in a cookie. Every core call runs on tokio's
//! blocking pool (`pool.rs`): the core is synchronous, PostgreSQL's sync client must not run on a
//! runtime thread, and argon2 takes tens of milliseconds.
//!
//! A page is a module of `pages/` exporting `routes()`; see ARCHITECTURE.md, "My Page".

mod access_log;
mod address_limit;
mod clock;
mod error;
mod headers;
mod layout;
mod pages;
mod pool;
mod session;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use kashidashi_core::StoreError;
use kashidashi_core::policy::Policy;
use kashidashi_core::store::Target;

pub use access_log::LogSink;
pub use clock::Clock;
pub use session::SESSION_COOKIE;

use address_limit::AddressLimit;
use pool::Pool;

/// What every handler shares: the library's connections, the clock, the per-address limit and
/// the access log.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub(crate) struct Shared {
    pub pool: Pool,
    pub policy: Policy,
    pub clock: Clock,
    pub limit: AddressLimit,
    pub log: LogSink,
}

impl AppState {
    /// Opens the library once to check it (a wrong path or an old program fails here, not at the
    /// first patron), then keeps that connection in the pool.
    pub fn open(target: Target, clock: Clock, log: LogSink) -> kashidashi_core::Result<AppState> {
        let (pool, policy) = Pool::open(target)?;
        Ok(AppState(Arc::new(Shared {
            pool,
            policy,
            clock,
            limit: AddressLimit::default(),
            log,
        })))
    }

    pub(crate) fn shared(&self) -> &Shared {
        &self.0
    }
}

/// Every page, with the security headers and the access log around them.
pub fn router(state: AppState) -> Router {
    let routes = pages::routes();
    routes
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access_log::record,
        ))
        .layer(axum::middleware::from_fn(headers::secure))
        .with_state(state)
}

/// `kashidashi serve`: My Page on `listen` until Ctrl+C. Plain HTTP: put it behind the library's
/// TLS reverse proxy, or keep it on loopback (see ARCHITECTURE.md, "My Page").
/// `clock` is the system's, or a fixed moment for a demo (`--now`).
pub async fn serve(
    listen: SocketAddr,
    target: Target,
    clock: Clock,
) -> kashidashi_core::Result<()> {
    // Opening runs the store's synchronous client: off the runtime's threads, as every core call.
    let state =
        tokio::task::spawn_blocking(move || AppState::open(target, clock, LogSink::stderr()))
            .await
            .expect("opening the library panicked")?;
    let io = |e: std::io::Error| StoreError::Io {
        path: listen.to_string(),
        detail: e.to_string(),
    };
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(io)?;
    eprintln!("My Page: http://{}", listener.local_addr().map_err(io)?);
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(io)?;
    Ok(())
}
