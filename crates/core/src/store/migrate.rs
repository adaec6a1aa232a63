//! Forward-only migrations for both engines. SQLite counts its version in `user_version`;
//! PostgreSQL in the `schema_version` table. Every migration from version 4 on is a pair with
//! the same number: `schema/NNNN_name.sql` for SQLite and `schema/postgres/NNNN_name.sql`.

use super::conn::{Connection, Engine};
use crate::error::{Result, StoreError};

/// Every SQLite schema change, in order. Version N is reached by running entries 0..N. Entries
/// are never edited once released; a change is a new entry.
const SQLITE: &[&str] = &[
    include_str!("schema/0001_foundation.sql"),
    include_str!("schema/0002_circulation.sql"),
    include_str!("schema/0003_notices.sql"),
    include_str!("schema/0004_closed_holds.sql"),
    include_str!("schema/0005_patron_records.sql"),
    include_str!("schema/0006_copies.sql"),
    include_str!("schema/0007_released_copy_romanized.sql"),
    include_str!("schema/0008_accounts.sql"),
    include_str!("schema/0009_patron_sessions.sql"),
    include_str!("schema/0010_title_search_cart.sql"),
    include_str!("schema/0011_title_search_index.sql"),
];

/// PostgreSQL starts at `POSTGRES_BASELINE.0` in one step, equal to SQLite's first versions.
const POSTGRES_BASELINE: (i64, &str) = (3, include_str!("schema/postgres/0003_baseline.sql"));

/// PostgreSQL's migrations after the baseline: entry 0 is version 4, and so on, each the twin of
/// SQLite's entry with the same number.
const POSTGRES: &[&str] = &[
    include_str!("schema/postgres/0004_closed_holds.sql"),
    include_str!("schema/postgres/0005_patron_records.sql"),
    include_str!("schema/postgres/0006_copies.sql"),
    include_str!("schema/postgres/0007_released_copy_romanized.sql"),
    include_str!("schema/postgres/0008_accounts.sql"),
    include_str!("schema/postgres/0009_patron_sessions.sql"),
    include_str!("schema/postgres/0010_title_search_cart.sql"),
    include_str!("schema/postgres/0011_title_search_index.sql"),
];

pub const LATEST_VERSION: i64 = SQLITE.len() as i64;

// Each SQLite migration needs its PostgreSQL twin.
const _: () = assert!(POSTGRES_BASELINE.0 + POSTGRES.len() as i64 == LATEST_VERSION);

/// Bring the database forward to `LATEST_VERSION` in one transaction; refuse a database written
/// by a newer program. Returns the version found.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    match conn.engine() {
        Engine::Sqlite => migrate_sqlite(conn),
        Engine::Postgres => migrate_postgres(conn),
    }
}

/// What SQL cannot do, done in the migration's transaction: the search keys of titles stored
/// before the column (0010) existed.
fn after_migrations(conn: &Connection) -> Result<()> {
    fill_search_keys(conn)
}

/// The migration that added the column (0010) leaves it empty: every title gets its key here,
/// in the migration's transaction.
fn fill_search_keys(conn: &Connection) -> Result<()> {
    let titles: Vec<(i64, String, Option<String>, Option<String>)> = conn
        .prepare("SELECT id, title, author, romanized FROM titles WHERE search_key IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<crate::store::Result<_>>()?;
    let mut set = conn.prepare("UPDATE titles SET search_key = ?1 WHERE id = ?2")?;
    for (id, title, author, romanized) in titles {
        set.execute((
            crate::domain::search_key::title_key(&title, author.as_deref(), romanized.as_deref()),
            id,
        ))?;
    }
    Ok(())
}

fn too_new(found: i64) -> Result<()> {
    if found > LATEST_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: LATEST_VERSION,
        }
        .into());
    }
    Ok(())
}

fn migrate_sqlite(conn: &mut Connection) -> Result<i64> {
    // Looked at first without the write lock: opening a current library (every desk, every
    // read-only command) must not wait behind a writer such as a long import.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == LATEST_VERSION {
        return Ok(current);
    }
    let tx = conn.transaction_with_behavior(super::TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    too_new(found)?;
    for sql in &SQLITE[found as usize..] {
        tx.execute_batch(sql)?;
    }
    after_migrations(&tx)?;
    if found < LATEST_VERSION {
        tx.execute_batch(&format!("PRAGMA user_version = {LATEST_VERSION}"))?;
    }
    tx.commit()?;
    Ok(found)
}

/// Two programs opening a new library at once take turns on an advisory lock; READ COMMITTED so
/// that the second sees what the first committed once it has the lock.
fn migrate_postgres(conn: &mut Connection) -> Result<i64> {
    conn.execute_batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
    let result = (|| -> Result<i64> {
        conn.query_row("SELECT pg_advisory_xact_lock(1262094636)", [], |_| Ok(()))?;
        let has_table: bool = conn.query_row(
            "SELECT to_regclass('schema_version') IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        let found: i64 = if has_table {
            conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?
        } else {
            0
        };
        too_new(found)?;
        if found < LATEST_VERSION {
            if found == 0 {
                conn.execute_batch(POSTGRES_BASELINE.1)?;
            }
            let from = found.max(POSTGRES_BASELINE.0) - POSTGRES_BASELINE.0;
            for sql in &POSTGRES[from as usize..] {
                conn.execute_batch(sql)?;
            }
            after_migrations(conn)?;
            conn.execute("UPDATE schema_version SET version = ?1", [LATEST_VERSION])?;
        }
        Ok(found)
    })();
    match result {
        Ok(found) => {
            conn.execute_batch("COMMIT")?;
            Ok(found)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The version the database is at, without changing it.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(match conn.engine() {
        Engine::Sqlite => conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        Engine::Postgres => {
            conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?
        }
    })
}
