//! WAL checkpoints off the desk's path. SQLite's automatic checkpoint runs inside whichever commit
//! crosses its threshold, so one scan in a few hundred would wait tens of milliseconds for it.
//! Desk connections turn it off; this thread copies the WAL back into the database instead.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// Often enough that the WAL stays small between scans, rarely enough to cost nothing when idle.
const INTERVAL: Duration = Duration::from_millis(500);

/// How long the last checkpoint waits for another process's transaction to end: short, since a
/// command's exit should not wait behind a long import.
const FINAL_WAIT: Duration = Duration::from_millis(250);

pub struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub fn start(path: &Path) -> Checkpointer {
        let (stop, stopped) = mpsc::channel::<()>();
        let path = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("kashidashi-checkpoint".into())
            .spawn(move || {
                let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let Ok(conn) = Connection::open_with_flags(&path, flags) else {
                    return;
                };
                if conn.execute_batch("PRAGMA synchronous = FULL").is_err() {
                    return;
                }
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(INTERVAL) {
                    // PASSIVE never waits for readers or writers; a busy moment is simply skipped.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
                // At exit the WAL is emptied, not only copied back: its old frames still hold
                // rows as they were, a loan with its patron before the return (C6). SQLite
                // does this itself only when the last connection of all closes, so a short
                // command next to an open desk would leave them. A writer of another process
                // that keeps it busy past the wait empties it at its own exit.
                if conn.busy_timeout(FINAL_WAIT).is_ok() {
                    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
                }
            })
            .ok();
        Checkpointer {
            stop: Some(stop),
            thread,
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
