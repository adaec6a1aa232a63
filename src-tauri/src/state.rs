//! The open library and who is at the desk. One `Mutex` each: a desk action takes a millisecond,
//! so commands simply queue behind one another.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use kashidashi_core::domain::{DeskCode, Now, parse_now};
use kashidashi_core::staff::StaffSession;
use kashidashi_core::store::Target;
use kashidashi_core::{Actor, Lang, Library, StoreError};
use kashidashi_wire::ErrorView;

use crate::error::{
    CmdResult, library_not_chosen, not_signed_in, server_open_error, server_unreachable, view,
};
use crate::library_choice;

#[derive(Debug, Clone, Default)]
pub struct Session {
    /// Signed in; with a temporary password only its change is allowed (the core refuses the rest).
    pub staff: Option<StaffSession>,
    pub desk: Option<DeskCode>,
    pub lang: Lang,
}

pub struct Desk {
    /// The library chosen (`library_choice`); `None` until the first-start choice is made.
    target: Mutex<Option<Target>>,
    /// A server password typed at start: in memory only, for reconnecting.
    password: Mutex<Option<String>>,
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

/// Run `f` on a thread of its own, outside the async runtime the commands run on: the
/// `postgres` client blocks on a runtime of its own to connect, query and close, which tokio
/// refuses inside another (a panic). A desk action takes a millisecond; a thread costs tens of
/// microseconds.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(f)
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

impl Desk {
    /// `KASHIDASHI_DB`, the saved choice, or this PC's file (the same one the CLI opens by
    /// default); none at first start (`library_choice`).
    pub fn from_env() -> Desk {
        let target = library_choice::at_start();
        let fixed_now = std::env::var("KASHIDASHI_NOW")
            .ok()
            .and_then(|s| parse_now(&s));
        let library = target.as_ref().and_then(|t| Library::open(t).ok());
        Desk {
            target: Mutex::new(target),
            password: Mutex::new(None),
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

    /// The library this desk works on, `None` before the first-start choice.
    pub fn target(&self) -> Option<Target> {
        self.target
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The target with the password typed at start, for connecting only.
    fn connect_target(&self) -> Option<Target> {
        let password = self.password.lock().unwrap_or_else(|p| p.into_inner());
        match (self.target()?, password.as_deref()) {
            (Target::Postgres(address), Some(pw)) => Some(Target::Postgres(
                library_choice::with_password(&address, pw),
            )),
            (target, _) => Some(target),
        }
    }

    /// Work on `target` from now on (the first-start choice; `None` undoes one that failed),
    /// with a server password typed at start if there is one; opened on the next call.
    pub fn choose(&self, target: Option<Target>, password: Option<String>) {
        *self.target.lock().unwrap_or_else(|p| p.into_inner()) = target;
        self.set_password(password);
    }

    /// The server password typed at start; the library is opened again with it on the next call.
    pub fn set_password(&self, password: Option<String>) {
        *self.password.lock().unwrap_or_else(|p| p.into_inner()) = password;
        off_runtime(|| *self.lock() = None);
    }

    /// The library is open (and, for a server, connected).
    pub fn is_open(&self) -> bool {
        self.lock().is_some()
    }

    /// Run `f` on the open library; an unopened database is reported like the CLI reports it.
    /// A server connection that broke is dropped, so the next call (the next scan) connects
    /// again; until then the desk says the server cannot be reached.
    pub fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut Library) -> kashidashi_core::Result<T> + Send,
    ) -> CmdResult<T> {
        off_runtime(|| self.with_here(f))
    }

    fn with_here<T>(
        &self,
        f: impl FnOnce(&mut Library) -> kashidashi_core::Result<T>,
    ) -> CmdResult<T> {
        let lang = self.lang();
        let Some(target) = self.connect_target() else {
            return Err(library_not_chosen(lang));
        };
        let mut guard = self.lock();
        if guard.is_none() {
            *guard = Some(Library::open(&target).map_err(|e| self.open_error(e, &target))?);
        }
        let result = f(guard.as_mut().expect("opened above"));
        result.map_err(|e| {
            if guard
                .as_ref()
                .is_some_and(|lib| lib.connection().is_closed())
            {
                tracing::warn!(error = %e, "the server connection broke");
                *guard = None;
                server_unreachable(lang, &library_choice::server_name(&target.to_string()))
            } else {
                view(e, lang)
            }
        })
    }

    /// Why the library could not be opened; a server that does not answer is named as such.
    fn open_error(&self, e: kashidashi_core::Error, target: &Target) -> ErrorView {
        let lang = self.lang();
        match (&e, target) {
            (kashidashi_core::Error::Store(StoreError::Io { detail, .. }), Target::Postgres(a)) => {
                server_open_error(lang, &library_choice::server_name(a), detail)
                    .unwrap_or_else(|| view(e, lang))
            }
            _ => view(e, lang),
        }
    }

    /// Run `f` as the signed-in member of staff at the chosen desk.
    pub fn act<T: Send>(
        &self,
        f: impl FnOnce(&mut Library, &Actor) -> kashidashi_core::Result<T> + Send,
    ) -> CmdResult<T> {
        let s = self.session();
        let (Some(staff), Some(desk)) = (s.staff, s.desk) else {
            return Err(not_signed_in(s.lang));
        };
        let actor = staff.actor(desk, self.now()).map_err(|e| view(e, s.lang))?;
        self.with(|lib| f(lib, &actor))
    }

    /// `init_database` on the chosen library (a new file, or an empty database on the server).
    pub fn create(&self, profile: &str) -> CmdResult<kashidashi_core::NewLibrary> {
        let lang = self.lang();
        let target = self
            .connect_target()
            .ok_or_else(|| library_not_chosen(lang))?;
        off_runtime(|| {
            Library::create(&target, profile, self.now()).map_err(|e| self.open_error(e, &target))
        })
    }

    pub fn replace(&self, lib: Library) {
        off_runtime(|| *self.lock() = Some(lib));
    }

    pub fn error(&self, e: kashidashi_core::Error) -> ErrorView {
        view(e, self.lang())
    }
}
