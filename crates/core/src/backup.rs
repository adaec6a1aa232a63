//! `kashidashi backup`: a consistent copy of an SQLite library while desks go on working.
//! `VACUUM INTO` reads one snapshot (WAL lets the desks write meanwhile) and writes a compact
//! file without free pages, so no unlinked patron data travels in the copy (C6). A PostgreSQL
//! library is backed up by its server's tools (`pg_dump`), which library IT already runs.

use std::io::ErrorKind;
use std::path::Path;

use crate::error::{Invalid, Result, StoreError};
use crate::library::Library;

impl Library {
    /// Copy the whole library into `out`, a file that must not exist yet. The file is created
    /// readable by its owner only (it holds every patron) before SQLite writes into it, so it is
    /// never another user's to read, and an existing file is never overwritten.
    pub fn backup(&self, out: &Path) -> Result<()> {
        if self.target().is_postgres() {
            return Err(StoreError::BackupOfServer.into());
        }
        let shown = out.display().to_string();
        let name = out.to_str().ok_or_else(|| Invalid::BadValue {
            field: "out",
            input: shown.clone(),
        })?;
        crate::private_files::create_new(out).map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => StoreError::BackupExists {
                path: shown.clone(),
            },
            _ => StoreError::Io {
                path: shown.clone(),
                detail: e.to_string(),
            },
        })?;
        // SQLite writes into an empty file it finds, keeping the mode set above.
        if let Err(e) = self.connection().execute("VACUUM INTO ?1", [name]) {
            let _ = std::fs::remove_file(out);
            return Err(e.into());
        }
        Ok(())
    }
}
