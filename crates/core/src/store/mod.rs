//! The SQLite store: opening with the right pragmas, forward-only migrations, and the query
//! helpers shared by the domain modules. Domain modules own their SQL; nothing outside `store`
//! sets pragmas or touches `user_version`.

mod checkpoint;
mod migrate;
mod open;

pub use checkpoint::Checkpointer;
pub use migrate::{LATEST_VERSION, migrate};
pub use open::{OpenMode, open_connection};

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

/// A `YYYY-MM-DD` column.
pub struct Date(pub NaiveDate);

impl FromSql for Date {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        crate::domain::parse_date(s)
            .map(Date)
            .ok_or_else(|| FromSqlError::Other(format!("bad date {s:?}").into()))
    }
}

/// CLI.md's default database: `$XDG_DATA_HOME/kashidashi/kashidashi.db`, or
/// `~/.local/share/kashidashi/kashidashi.db`. The CLI and the desktop app open the same file.
pub fn default_path() -> std::path::PathBuf {
    use std::path::PathBuf;
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("kashidashi").join("kashidashi.db")
}

pub fn date_str(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
