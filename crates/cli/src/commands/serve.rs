//! `serve [--listen ADDR:PORT]`: My Page (kashidashi-mypage) on the library until Ctrl+C.

use std::net::SocketAddr;

use kashidashi_core::{Result, StoreError};
use kashidashi_mypage::Clock;

use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, listen: SocketAddr) -> Result<Reply> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| StoreError::Io {
        path: listen.to_string(),
        detail: e.to_string(),
    })?;
    let clock = if env.now_given {
        Clock::fixed(env.now)
    } else {
        Clock::system()
    };
    runtime.block_on(kashidashi_mypage::serve(listen, env.db.clone(), clock))?;
    Ok(Reply::new(env.t(
        "Myページを終了しました。".to_string(),
        "My Page stopped.".to_string(),
    )))
}
