use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

/// Every schema change, in order. Version N is reached by running entries 0..N. Entries are
/// never edited once released; a change is a new entry.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/0001_foundation.sql"),
    include_str!("schema/0002_circulation.sql"),
    include_str!("schema/0003_notices.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database forward to `LATEST_VERSION` in one IMMEDIATE transaction; refuse a database
/// written by a newer program. Returns the version found.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > LATEST_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: LATEST_VERSION,
        }
        .into());
    }
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    if found < LATEST_VERSION {
        tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    }
    tx.commit()?;
    Ok(found)
}
