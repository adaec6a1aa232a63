//! `kashidashi copy --to DB`: a whole library into an empty database of either engine (SQLite
//! → PostgreSQL as a library grows), row for row with its ids, read on one snapshot and written
//! in one transaction, then checked. One side must be an SQLite file: a server's library moves
//! to another server with the server's own tools (`pg_dump`).

use crate::error::{Invalid, Refusal, Result, StoreError};
use crate::library::Library;
use crate::store::{self, Connection, Engine, OpenMode, Target, ToSql, TransactionBehavior, Value};

/// The version tables differ by engine and are written by `migrate`, not copied. SQLite's
/// search index (migration 0011: the FTS5 table, the tables FTS5 keeps it in, its list of
/// trigrams) is written by the triggers on `titles` as the titles are copied.
const NOT_COPIED: &[&str] = &[
    "schema_version",
    "title_search",
    "title_search_config",
    "title_search_data",
    "title_search_docsize",
    "title_search_idx",
    "title_search_terms",
];

impl Library {
    /// Copy this library into `to`, which must hold no library yet; returns it, checked.
    pub fn copy_to(&mut self, to: &Target) -> Result<Library> {
        let mut dest = store::open_connection(to, OpenMode::Create)?;
        if holds_a_library(&dest)? {
            return Err(Refusal::AlreadyInitialized.into());
        }
        if self.connection().engine() == Engine::Postgres && dest.engine() == Engine::Postgres {
            return Err(Invalid::BadValue {
                field: "to",
                input: to.to_string(),
            }
            .into());
        }
        store::migrate(&mut dest)?;
        let src = self
            .connection_mut()
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let sqlite_side: &Connection = match src.engine() {
            Engine::Sqlite => &src,
            Engine::Postgres => &dest,
        };
        let dest_tables = dest.table_names()?;
        let tables: Vec<String> = src
            .table_names()?
            .into_iter()
            .filter(|t| dest_tables.contains(t) && !NOT_COPIED.contains(&t.as_str()))
            .collect();
        let order = parents_first(sqlite_side, tables)?;
        let tx = dest.transaction_with_behavior(TransactionBehavior::Bulk)?;
        for table in &order {
            copy_table(&src, &tx, table)?;
        }
        if tx.engine() == Engine::Postgres {
            // Ids were copied as they are; new rows must go on after them.
            for table in &order {
                let has_id: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM information_schema.columns
                      WHERE table_schema = current_schema() AND table_name = ?1
                        AND column_name = 'id' AND is_identity = 'YES'",
                    [table.as_str()],
                    |r| r.get(0),
                )?;
                if has_id {
                    tx.query_row(
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM \"{table}\""
                        ),
                        [],
                        |r| r.get::<_, Value>(0),
                    )?;
                }
            }
            tx.query_row(
                "SELECT setval('hold_carts', max(cart_id)) FROM holds",
                [],
                |r| r.get::<_, Value>(0),
            )?;
        }
        tx.commit()?;
        store::gather_statistics(&dest)?;
        src.commit()?;
        drop(dest);
        let copy = Library::open(to.clone())?;
        let problems = copy.check_invariants()?;
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                detail: problems.join("; "),
            }
            .into());
        }
        Ok(copy)
    }
}

/// A database that already has a library's settings is never written over.
fn holds_a_library(conn: &Connection) -> Result<bool> {
    if !conn.table_names()?.iter().any(|t| t == "settings") {
        return Ok(false);
    }
    let n: u32 = conn.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?;
    Ok(n > 0)
}

/// Tables ordered so that a row's foreign keys point at rows already copied (read from the
/// SQLite side, whose schema names them the same).
fn parents_first(sqlite: &Connection, mut left: Vec<String>) -> Result<Vec<String>> {
    let mut parents = Vec::new();
    for t in &left {
        let mut st = sqlite.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let refs: Vec<String> = st
            .query_map([t.as_str()], |r| r.get(0))?
            .collect::<store::Result<_>>()?;
        parents.push((t.clone(), refs));
    }
    let mut order: Vec<String> = Vec::new();
    while !left.is_empty() {
        let ready = left.iter().position(|t| {
            parents
                .iter()
                .find(|(name, _)| name == t)
                .is_none_or(|(_, refs)| refs.iter().all(|r| r == t || order.contains(r)))
        });
        match ready {
            Some(i) => order.push(left.remove(i)),
            None => {
                return Err(StoreError::Damaged {
                    detail: format!("foreign keys in a circle: {}", left.join(", ")),
                }
                .into());
            }
        }
    }
    Ok(order)
}

fn copy_table(src: &Connection, dest: &Connection, table: &str) -> Result<()> {
    let mut st = src.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))?;
    let columns = st.column_names();
    let n = columns.len();
    let rows: Vec<Vec<Value>> = st
        .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
        .collect::<store::Result<_>>()?;
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO \"{table}\" ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut ins = dest.prepare_cached(&insert)?;
    for row in &rows {
        let params: Vec<&dyn ToSql> = row.iter().map(|v| v as &dyn ToSql).collect();
        ins.execute(params.as_slice())?;
    }
    Ok(())
}
