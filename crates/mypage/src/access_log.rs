//! The access log: method, the route's template (`/loans`, never a value typed into it), status
//! and milliseconds. No address, no query, no cookie, no card number or name: a log is copied
//! and kept far longer than a session (図書館の自由).

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Where log lines go: standard error when serving, a buffer in tests.
#[derive(Clone)]
pub struct LogSink(Option<Arc<Mutex<Vec<String>>>>);

impl LogSink {
    pub fn stderr() -> LogSink {
        LogSink(None)
    }

    /// Lines kept in memory, for a test to read with `lines`.
    pub fn memory() -> LogSink {
        LogSink(Some(Arc::default()))
    }

    pub fn lines(&self) -> Vec<String> {
        self.0
            .as_ref()
            .map_or_else(Vec::new, |b| b.lock().expect("log lock").clone())
    }

    fn write(&self, line: String) {
        match &self.0 {
            Some(buffer) => buffer.lock().expect("log lock").push(line),
            None => eprintln!("{line}"),
        }
    }
}

pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", |m| m.as_str())
        .to_string();
    let res = next.run(req).await;
    state.shared().log.write(format!(
        "{method} {route} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    ));
    res
}
