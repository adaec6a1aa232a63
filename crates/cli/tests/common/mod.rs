//! Shared set-up for the command's tests: each test's database, on SQLite or PostgreSQL as
//! `KASHIDASHI_TEST_PG` says (the core's tests use the same helper).
#![allow(dead_code)]

#[path = "../../../core/tests/common/db.rs"]
mod db;

pub mod own_server;

pub use db::TestDb;

use kashidashi_core::store::{Connection, Value};

/// Every row of every table, in order: what "nothing changed" compares.
pub fn rows(db: &TestDb) -> Vec<String> {
    let conn = Connection::open(&db.target).unwrap();
    let mut out = Vec::new();
    for t in conn.table_names().unwrap() {
        let mut st = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{t} {:?}", r.unwrap())));
    }
    out
}

/// One text column of a query.
pub fn column(db: &TestDb, sql: &str) -> Vec<String> {
    let conn = Connection::open(&db.target).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
