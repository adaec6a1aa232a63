use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::OpenFlags;

use super::conn::Connection;
use super::target::Target;
use crate::error::{Result, StoreError};

/// How long a writer waits for another process's transaction before reporting `store.locked`.
/// Long enough for any desk action, short enough that a stuck process is reported.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a writer waiting for the lock tries again.
const BUSY_RETRY: Duration = Duration::from_millis(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// `init`: create the file when missing. (A PostgreSQL database is created by its server's
    /// administrator; `init` fills an empty one.)
    Create,
    /// Everything else: the database must already exist.
    Existing,
}

/// Connect to `target`: an SQLite file with the desk's pragmas, or a PostgreSQL server.
pub fn open_connection(target: &Target, mode: OpenMode) -> Result<Connection> {
    match target {
        Target::File(path) => Ok(Connection::from_sqlite(open_file(path, mode)?)),
        Target::Postgres(conninfo) => {
            Connection::postgres(conninfo).map_err(|e| match StoreError::from(e) {
                StoreError::Io { detail, .. } | StoreError::Sql { detail } => StoreError::Io {
                    path: target.to_string(),
                    detail,
                }
                .into(),
                StoreError::Unavailable { detail } => StoreError::Unavailable {
                    detail: format!("{target}: {detail}"),
                }
                .into(),
                other => other.into(),
            })
        }
    }
}

/// Open the file with the pragmas every connection uses: WAL so the desk reads while another
/// process writes, foreign keys, a busy timeout, `synchronous = FULL` so a committed loan
/// survives a power cut, `secure_delete` so a removed patron link leaves no bytes behind (C6),
/// and no automatic checkpoint: `Checkpointer` does that in the background.
fn open_file(path: &Path, mode: OpenMode) -> Result<rusqlite::Connection> {
    let shown = path.display().to_string();
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let io = |e: std::io::Error| StoreError::Io {
        path: shown.clone(),
        detail: e.to_string(),
    };
    if mode == OpenMode::Create {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_files::create_dir(dir).map_err(io)?;
        }
        // Created here, 0600, before SQLite sees it: SQLite would make it (and so its `-wal`
        // and `-shm`) readable by everyone under the usual umask.
        if let Err(e) = crate::private_files::create_new(path)
            && e.kind() != std::io::ErrorKind::AlreadyExists
        {
            return Err(io(e).into());
        }
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else {
        // An empty file is not a library: SQLite would take it for a new database and write
        // into it (WAL mode, the schema). It is refused and left as it is.
        match std::fs::metadata(path) {
            Ok(m) if m.len() > 0 => {}
            _ => return Err(StoreError::NotInitialized { path: shown }.into()),
        }
    }
    let mut conn =
        rusqlite::Connection::open_with_flags(path, flags).map_err(|e| with_path(e, &shown))?;
    // SQLite's own busy timeout sleeps longer and longer between tries (100 ms apart after the
    // first quarter second), so a desk behind a writer that commits and starts again at once
    // (an import's batches) could miss every gap for seconds. Trying every millisecond takes
    // the lock in the first gap; a try is a few system calls.
    let mut waiting_since = Instant::now();
    conn.busy_handler(Some(move |attempt: i32| {
        if attempt == 0 {
            waiting_since = Instant::now();
        }
        std::thread::sleep(BUSY_RETRY);
        waiting_since.elapsed() < BUSY_TIMEOUT
    }))
    .map_err(|e| with_path(e, &shown))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA wal_autocheckpoint = 0;",
    )
    .map_err(|e| with_path(e, &shown))?;
    Ok(conn)
}

fn with_path(e: rusqlite::Error, path: &str) -> crate::error::Error {
    match StoreError::from(super::Error::from(e)) {
        StoreError::NotADatabase { .. } => StoreError::NotADatabase {
            path: path.to_string(),
        },
        StoreError::Io { detail, .. } => StoreError::Io {
            path: path.to_string(),
            detail,
        },
        other => other,
    }
    .into()
}
