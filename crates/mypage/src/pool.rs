//! Open libraries kept between requests. Opening one costs a connection (and, on SQLite, the
//! checkpointer's thread), so a request borrows an open `Library` and gives it back; the pool
//! grows to as many as requests run at once, up to `KEEP`. Every use runs on tokio's blocking
//! pool: the core is synchronous, the `postgres` client panics on a runtime thread, and argon2
//! takes tens of milliseconds.

use std::sync::{Arc, Mutex};

use kashidashi_core::policy::Policy;
use kashidashi_core::store::Target;
use kashidashi_core::{Error, Library};

/// Open libraries kept idle at most; more are opened under load and closed after.
const KEEP: usize = 16;

#[derive(Clone)]
pub struct Pool(Arc<Inner>);

struct Inner {
    target: Target,
    idle: Mutex<Vec<Library>>,
}

impl Pool {
    /// The pool and the library's policy, read once: a profile does not change while serving.
    pub fn open(target: Target) -> kashidashi_core::Result<(Pool, Policy)> {
        let first = Library::open(target.clone())?;
        let policy = first.policy().clone();
        let pool = Pool(Arc::new(Inner {
            target,
            idle: Mutex::new(vec![first]),
        }));
        Ok((pool, policy))
    }

    /// Run `f` with a library of the pool, off the async runtime's threads.
    pub async fn run<T, F>(&self, f: F) -> kashidashi_core::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> kashidashi_core::Result<T> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let taken = inner.idle.lock().expect("pool lock").pop();
            let mut lib = match taken {
                Some(lib) => lib,
                None => Library::open(inner.target.clone())?,
            };
            let out = f(&mut lib);
            // A library whose connection failed is dropped, not handed to the next request.
            if !matches!(out, Err(Error::Store(_))) {
                let mut idle = inner.idle.lock().expect("pool lock");
                if idle.len() < KEEP {
                    idle.push(lib);
                }
            }
            out
        })
        .await
        .expect("a core call panicked")
    }
}
