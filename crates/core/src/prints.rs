//! The desk app's `prints/` folder beside an SQLite library, where every slip and report it
//! prints is saved. Prints are for printing, not for keeping (C6): the nightly job removes a
//! temporary-password slip whatever its age (it holds a password in clear) and every other
//! print a day old.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{Result, StoreError};
use crate::library::Library;

/// How long a receipt, hold slip or report stays in `prints/`.
const KEPT: Duration = Duration::from_secs(24 * 60 * 60);

/// Slips the app names `temporary-password-…`: never kept.
pub const PASSWORD_SLIP: &str = "temporary-password-";

/// `prints/` beside the database file.
pub fn prints_dir(db: &Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("prints"), |d| d.join("prints"))
}

fn io(path: &Path, e: std::io::Error) -> crate::error::Error {
    StoreError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
    .into()
}

impl Library {
    /// Remove what has served its purpose from `prints/` (nothing for a PostgreSQL library,
    /// whose desks keep prints beside their own files). Returns the number of files removed.
    /// Ages are the files' own, against the clock, not `--now`.
    pub fn clear_prints(&self) -> Result<usize> {
        let Some(db) = self.target().file() else {
            return Ok(0);
        };
        let dir = prints_dir(db);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(io(&dir, e)),
        };
        let now = SystemTime::now();
        let mut removed = 0;
        for entry in entries {
            let entry = entry.map_err(|e| io(&dir, e))?;
            let meta = entry.metadata().map_err(|e| io(&entry.path(), e))?;
            if !meta.is_file() {
                continue;
            }
            let password = entry
                .file_name()
                .to_string_lossy()
                .starts_with(PASSWORD_SLIP);
            let old = meta
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age >= KEPT);
            if password || old {
                std::fs::remove_file(entry.path()).map_err(|e| io(&entry.path(), e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}
