//! The open library and who is at the desk. One `Mutex` each: a desk action takes a millisecond,
//! so commands simply queue behind one another.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use kashidashi_core::domain::{DeskCode, Now, parse_now};
use kashidashi_core::staff::StaffSession;
use kashidashi_core::{Actor, Lang, Library};
use kashidashi_wire::ErrorView;

use crate::error::{CmdResult, not_signed_in, view};

#[derive(Debug, Clone, Default)]
pub struct Session {
    /// Signed in; with a temporary password only its change is allowed (the core refuses the rest).
    pub staff: Option<StaffSession>,
    pub desk: Option<DeskCode>,
    pub lang: Lang,
}

pub struct Desk {
    pub db: PathBuf,
    /// `KASHIDASHI_NOW`: act as if it were this day (tests and training).
    pub fixed_now: Option<Now>,
    pub library: Mutex<Option<Library>>,
    pub session: Mutex<Session>,
    ui_connected: AtomicBool,
}

/// Milliseconds since this process was started, from /proc (Linux), for the start-up log.
fn ms_since_process_start() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let start_ticks: f64 = stat.rsplit(") ").next()?.split(' ').nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    // Linux reports process start in clock ticks of 1/100 s (USER_HZ).
    Some((uptime - start_ticks / 100.0) * 1000.0)
}

impl Desk {
    /// `KASHIDASHI_DB`, or the OS data folder (the same file the CLI opens by default).
    pub fn from_env() -> Desk {
        let db = std::env::var_os("KASHIDASHI_DB")
            .map(PathBuf::from)
            .unwrap_or_else(kashidashi_core::store::default_path);
        let fixed_now = std::env::var("KASHIDASHI_NOW")
            .ok()
            .and_then(|s| parse_now(&s));
        let library = Library::open(&db).ok();
        Desk {
            db,
            fixed_now,
            library: Mutex::new(library),
            session: Mutex::new(Session::default()),
            ui_connected: AtomicBool::new(false),
        }
    }

    /// The UI's first call: the window is up and its first field takes input now.
    pub fn note_ui_connected(&self) {
        if !self.ui_connected.swap(true, Ordering::Relaxed)
            && let Some(ms) = ms_since_process_start()
        {
            tracing::info!(ms = ms.round(), "window ready");
        }
    }

    pub fn now(&self) -> Now {
        self.fixed_now.unwrap_or_else(Now::system)
    }

    pub fn session(&self) -> Session {
        self.session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn lang(&self) -> Lang {
        self.session().lang
    }

    pub fn set_session(&self, f: impl FnOnce(&mut Session)) {
        f(&mut self.session.lock().unwrap_or_else(|p| p.into_inner()));
    }

    fn lock(&self) -> MutexGuard<'_, Option<Library>> {
        self.library.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` on the open library; an unopened database is reported like the CLI reports it.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Library) -> kashidashi_core::Result<T>,
    ) -> CmdResult<T> {
        let lang = self.lang();
        let mut guard = self.lock();
        if guard.is_none() {
            *guard = Some(Library::open(&self.db).map_err(|e| view(e, lang))?);
        }
        f(guard.as_mut().expect("opened above")).map_err(|e| view(e, lang))
    }

    /// Run `f` as the signed-in member of staff at the chosen desk.
    pub fn act<T>(
        &self,
        f: impl FnOnce(&mut Library, &Actor) -> kashidashi_core::Result<T>,
    ) -> CmdResult<T> {
        let s = self.session();
        let (Some(staff), Some(desk)) = (s.staff, s.desk) else {
            return Err(not_signed_in(s.lang));
        };
        let actor = staff.actor(desk, self.now()).map_err(|e| view(e, s.lang))?;
        self.with(|lib| f(lib, &actor))
    }

    pub fn replace(&self, lib: Library) {
        *self.lock() = Some(lib);
    }

    pub fn error(&self, e: kashidashi_core::Error) -> ErrorView {
        view(e, self.lang())
    }
}
