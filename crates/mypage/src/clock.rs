//! The time every request acts at: the system clock when serving, a chosen day in tests (the
//! rules' own dates).

use std::sync::{Arc, Mutex};

use kashidashi_core::domain::Now;

#[derive(Clone)]
pub struct Clock(Arc<Mutex<Option<Now>>>);

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(Mutex::new(None)))
    }

    /// A clock standing at `now` until `set` moves it.
    pub fn fixed(now: Now) -> Clock {
        Clock(Arc::new(Mutex::new(Some(now))))
    }

    pub fn set(&self, now: Now) {
        *self.0.lock().expect("clock lock") = Some(now);
    }

    pub fn now(&self) -> Now {
        self.0
            .lock()
            .expect("clock lock")
            .unwrap_or_else(Now::system)
    }
}
