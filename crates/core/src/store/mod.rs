//! The store: one small synchronous layer over SQLite (rusqlite) and PostgreSQL (the `postgres`
//! crate) with rusqlite's names and shapes, so domain modules own their SQL and write it once for
//! both engines. Opening with the right pragmas or TLS, forward-only migrations for each engine,
//! and the value conversions live here; nothing outside `store` names rusqlite or postgres.
//!
//! The rule for new SQL: one text for both engines (`?N` placeholders, `RETURNING id`,
//! `IS [NOT] DISTINCT FROM`, `TRUE`/`FALSE` and plain boolean expressions for flags, `CASE`
//! instead of `max(a, b)` and `sum(a = b)`, `CAST(sum(..) AS BIGINT)`, dates computed in Rust);
//! where the engines truly differ, one `match conn.engine()` with a comment saying why.

mod checkpoint;
mod conn;
mod error;
mod migrate;
mod open;
mod params;
mod pg;
mod pgpass;
mod target;
mod value;

pub use checkpoint::Checkpointer;
pub use conn::{
    Connection, Engine, MappedRows, OptionalExtension, Row, RowIndex, Statement, Transaction,
    TransactionBehavior,
};
pub use error::{Error, Result};
pub use migrate::{LATEST_VERSION, migrate, schema_version};
pub use open::{OpenMode, open_connection};
pub use params::Params;
pub use target::Target;
pub use value::{FromSql, FromSqlError, FromSqlResult, ToSql, Value, ValueRef};

pub use crate::params;

use chrono::NaiveDate;

use crate::error::StoreError;

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

/// What the engine itself says about the database's integrity: SQLite's `integrity_check`.
/// PostgreSQL checks its pages itself (data checksums, `amcheck` for the administrator) and has
/// nothing an application can ask for cheaply, so it answers `None`.
pub fn integrity_problem(conn: &Connection) -> Result<Option<String>> {
    Ok(match conn.engine() {
        Engine::Sqlite => {
            let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            (integrity != "ok").then(|| format!("SQLite integrity_check: {integrity}"))
        }
        Engine::Postgres => None,
    })
}

/// Bulk loading (the demo builder): on SQLite, commits skip the disk flush until `durable`
/// is set again, which also folds the WAL into the file. PostgreSQL's one bulk transaction needs
/// nothing of the kind.
pub fn set_durable(conn: &Connection, durable: bool) -> Result<()> {
    match (conn.engine(), durable) {
        (Engine::Sqlite, false) => conn.execute_batch("PRAGMA synchronous = OFF"),
        (Engine::Sqlite, true) => {
            conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")
        }
        (Engine::Postgres, _) => Ok(()),
    }
}

/// After a bulk load (the demo builder, `copy --to`): PostgreSQL plans by the statistics
/// ANALYZE gathers, and a table loaded in one transaction has none until autovacuum comes by.
/// Without them the open-loan lookup by copy read the whole due-date index (every desk's
/// predicate locks then covered every open loan): on the small demo, 10 desks ran 229 actions
/// a second with 140 retries per 100 before, 1,242 and 28 after. SQLite plans by the indexes'
/// shape and needs nothing.
pub fn gather_statistics(conn: &Connection) -> Result<()> {
    match conn.engine() {
        Engine::Sqlite => Ok(()),
        Engine::Postgres => conn.execute_batch("ANALYZE"),
    }
}

/// The background WAL checkpointer, for an SQLite library; a server needs none.
pub fn checkpointer(target: &Target) -> Option<Checkpointer> {
    target.file().map(Checkpointer::start)
}

/// A new, empty database on the server of `server` (tests, and later `copy --to`). `name` is
/// letters, digits and `_` only.
pub fn create_database(server: &Target, name: &str) -> crate::error::Result<Target> {
    let admin = server_connection(server, name)?;
    admin.execute_batch(&format!("CREATE DATABASE \"{name}\""))?;
    Ok(server.with_database(name))
}

/// Drop a database made by `create_database`, closing whatever is still connected to it.
pub fn drop_database(server: &Target, name: &str) -> crate::error::Result<()> {
    let admin = server_connection(server, name)?;
    admin.execute_batch(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
    Ok(())
}

/// A copy of a whole library as it is at this moment, made beside it for `bench`: an SQLite file
/// by `VACUUM INTO` (a consistent snapshot, taken while desks go on working), or on the same
/// server a database made with the original as its template (the server refuses while other
/// sessions are connected to the original, and the copy is not made). `to` must not exist.
pub fn copy_library(source: &Target, to: &Target) -> crate::error::Result<()> {
    match (source, to) {
        (Target::File(_), Target::File(path)) => {
            // Made here, 0600, and new: VACUUM INTO fills an empty file as it finds it.
            crate::private_files::create_new(path).map_err(|e| StoreError::Io {
                path: path.display().to_string(),
                detail: e.to_string(),
            })?;
            let conn = open_connection(source, OpenMode::Existing)?;
            conn.execute("VACUUM INTO ?1", [path.display().to_string()])?;
            Ok(())
        }
        (Target::Postgres(_), Target::Postgres(_)) => {
            let bad = |t: &Target| crate::error::Invalid::BadValue {
                field: "database",
                input: t.to_string(),
            };
            let from = source.database().ok_or_else(|| bad(source))?;
            let name = to.database().ok_or_else(|| bad(to))?;
            let admin = server_connection(&source.with_database("postgres"), &name)?;
            admin.execute_batch(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE \"{}\"",
                from.replace('"', "\"\"")
            ))?;
            Ok(())
        }
        _ => Err(crate::error::Invalid::BadValue {
            field: "database",
            input: to.to_string(),
        }
        .into()),
    }
}

fn server_connection(server: &Target, name: &str) -> crate::error::Result<Connection> {
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !server.is_postgres() || !plain {
        return Err(crate::error::Invalid::BadValue {
            field: "database",
            input: name.to_string(),
        }
        .into());
    }
    open_connection(server, OpenMode::Existing)
}

/// How many columns a select list names, so that code reading columns after it by position
/// follows when a column is added to the list.
pub(crate) const fn column_count(list: &str) -> usize {
    let bytes = list.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < bytes.len() {
        if bytes[i] == b',' {
            n += 1;
        }
        i += 1;
    }
    n
}
