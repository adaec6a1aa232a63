//! The store's own error, from either engine, and its mapping onto the core's `StoreError`.

use std::fmt;

use super::value::FromSqlError;
use crate::error::StoreError;

#[derive(Debug)]
pub enum Error {
    /// `query_row` found nothing; `.optional()` turns this into `None`.
    QueryReturnedNoRows,
    /// A column did not fit the Rust type asked for.
    FromSql {
        index: usize,
        found: &'static str,
        error: FromSqlError,
    },
    /// A statement was given a different number of parameters than it has.
    ParameterCount {
        expected: usize,
        given: usize,
    },
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// The target could not be used (a bad URL, a TLS set-up that failed).
    Target(String),
    /// The server went away while COMMIT was on its way: it may have committed or not.
    CommitUnknown(postgres::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::QueryReturnedNoRows => write!(f, "query returned no rows"),
            Error::FromSql {
                index,
                found,
                error,
            } => write!(f, "column {index} ({found}): {error}"),
            Error::ParameterCount { expected, given } => {
                write!(f, "statement takes {expected} parameters, {given} given")
            }
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::Postgres(e) => match (e.as_db_error(), std::error::Error::source(e)) {
                (Some(db), _) => write!(f, "{}: {}", db.code().code(), db.message()),
                // The client's own text is only its kind ("error connecting to server"); the
                // cause says what a desk can act on ("Connection refused", "password missing").
                (None, Some(cause)) => write!(f, "{e}: {cause}"),
                (None, None) => write!(f, "{e}"),
            },
            Error::Target(s) => write!(f, "{s}"),
            Error::CommitUnknown(e) => write!(f, "COMMIT: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        match e {
            Error::Sqlite(e) => from_sqlite(e),
            Error::Postgres(e) => from_postgres(e),
            Error::Target(detail) => StoreError::Io {
                path: String::new(),
                detail,
            },
            Error::CommitUnknown(e) => StoreError::CommitUnknown { detail: detail(&e) },
            other => StoreError::Sql {
                detail: other.to_string(),
            },
        }
    }
}

impl From<Error> for crate::error::Error {
    fn from(e: Error) -> Self {
        crate::error::Error::Store(e.into())
    }
}

fn from_sqlite(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(f, detail) = &e {
        let detail = detail.clone().unwrap_or_else(|| f.to_string());
        return match f.code {
            ErrorCode::NotADatabase => StoreError::NotADatabase {
                path: String::new(),
            },
            ErrorCode::DatabaseCorrupt => StoreError::Damaged { detail },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Locked,
            ErrorCode::CannotOpen => StoreError::Io {
                path: String::new(),
                detail,
            },
            _ => StoreError::Sql { detail },
        };
    }
    StoreError::Sql {
        detail: e.to_string(),
    }
}

fn from_postgres(e: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    if is_conflict(&e) {
        // Retried already (`Library::act`); what is left is "busy, try again".
        return StoreError::Locked;
    }
    if is_lost(&e) {
        return StoreError::Unavailable { detail: detail(&e) };
    }
    match e.code() {
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => StoreError::Locked,
        Some(c) if *c == SqlState::DATA_CORRUPTED || *c == SqlState::INDEX_CORRUPTED => {
            StoreError::Damaged {
                detail: Error::Postgres(e).to_string(),
            }
        }
        Some(_) => StoreError::Sql {
            detail: Error::Postgres(e).to_string(),
        },
        // No SQLSTATE and not a lost connection: TLS, a bad connection string.
        None => StoreError::Io {
            path: String::new(),
            detail: Error::Postgres(e).to_string(),
        },
    }
}

/// The error's own words with its cause ("error connecting to server: Connection refused").
fn detail(e: &postgres::Error) -> String {
    use std::error::Error as _;
    match (e.as_db_error(), e.source()) {
        (Some(db), _) => format!("{}: {}", db.code().code(), db.message()),
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}

/// The connection to the server is gone or cannot be made: the socket closed or failed, the
/// server shut down (57P01 admin, 57P02 crash), is starting up (57P03), or a connection
/// exception (class 08). Nothing sent on it since the last COMMIT went through has committed.
pub(crate) fn is_lost(e: &postgres::Error) -> bool {
    use std::error::Error as _;
    match e.code() {
        Some(c) => {
            let c = c.code();
            c.starts_with("08") || matches!(c, "57P01" | "57P02" | "57P03")
        }
        None => e.is_closed() || e.source().is_some_and(|s| s.is::<std::io::Error>()),
    }
}

pub(crate) fn is_conflict(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    )
}
