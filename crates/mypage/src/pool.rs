//! Open libraries kept between requests. Opening one costs a connection (and, on SQLite, the
//! checkpointer's thread): 10 ms on SQLite and 78 ms on PostgreSQL against 0.7 and 4 ms for the
//! loans page's query on an open one (`benches/pages.rs`). So a request borrows an open `Library`
//! and gives it back; at most `SIZE` are open, and a request beyond them waits for one rather
//! than opening another. Every use runs on tokio's blocking pool: the core is synchronous, the
//! `postgres` client panics on a runtime thread, and argon2 takes tens of milliseconds.

use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;

use kashidashi_core::policy::Policy;
use kashidashi_core::store::Target;
use kashidashi_core::{Error, Library};

/// Libraries open at most (connections to a PostgreSQL server: its default limit is 100).
const SIZE: usize = 16;

#[derive(Clone)]
pub struct Pool(Arc<Inner>);

struct Inner {
    target: Target,
    idle: Mutex<Vec<Library>>,
    /// One permit per library that may be open.
    permits: Semaphore,
}

impl Pool {
    /// The pool and the library's policy, read once: a profile does not change while serving.
    pub fn open(target: Target) -> kashidashi_core::Result<(Pool, Policy)> {
        let first = Library::open(target.clone())?;
        let policy = first.policy().clone();
        let pool = Pool(Arc::new(Inner {
            target,
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(SIZE),
        }));
        Ok((pool, policy))
    }

    /// Run `f` with a library of the pool, off the async runtime's threads.
    pub async fn run<T, F>(&self, f: F) -> kashidashi_core::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> kashidashi_core::Result<T> + Send + 'static,
    {
        let permit = self
            .0
            .permits
            .acquire()
            .await
            .expect("the pool's semaphore is never closed");
        let inner = self.0.clone();
        let out = tokio::task::spawn_blocking(move || {
            let taken = inner.idle.lock().expect("pool lock").pop();
            let mut lib = match taken {
                Some(lib) => lib,
                None => Library::open(inner.target.clone())?,
            };
            let out = f(&mut lib);
            // A library whose connection failed is dropped, not handed to the next request.
            if !matches!(out, Err(Error::Store(_))) {
                inner.idle.lock().expect("pool lock").push(lib);
            }
            out
        })
        .await
        .expect("a core call panicked");
        drop(permit);
        out
    }
}
