//! Connections, transactions, statements and rows for both engines, with rusqlite's names and
//! shapes: domain code calls `execute`, `query_row`, `prepare_cached(..)?.query_map(..)`,
//! `.optional()` and `Row::get` exactly as it did on rusqlite.

use std::cell::Cell;
use std::marker::PhantomData;

use super::error::{Error, Result};
use super::params::Params;
use super::pg::{self, PgConn};
use super::target::Target;
use super::value::{FromSql, ToSql, ValueRef, describe};

/// Which engine a connection talks to, for the few statements that differ (each branch says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// How a transaction starts. The names are rusqlite's; the comments say what each is on
/// PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionBehavior {
    /// A read-only look on one snapshot. SQLite: `BEGIN DEFERRED`. PostgreSQL: `REPEATABLE READ
    /// READ ONLY`.
    Deferred,
    /// A desk action. SQLite: `BEGIN IMMEDIATE` (writers take turns). PostgreSQL: `SERIALIZABLE`,
    /// so two desks never both act on what the other is changing; the loser gets 40001 and
    /// `Library::act` runs it again. Desk actions share one advisory lock, taken before the
    /// transaction starts.
    Immediate,
    /// An action that must not lose again. SQLite: `BEGIN EXCLUSIVE`. PostgreSQL: the advisory
    /// lock taken alone, so the action waits for the desks' actions in flight and runs while no
    /// other writes (its snapshot is taken after the wait), then `SERIALIZABLE` as above.
    Exclusive,
    /// A bulk load into a library no desk uses yet (the demo builder, `copy --to`): millions of
    /// rows in one transaction. SQLite: `BEGIN IMMEDIATE`. PostgreSQL: the advisory lock alone
    /// and `READ COMMITTED`, since no other writer can run beside it, while SERIALIZABLE would
    /// take a predicate lock per row read and run the server out of shared memory (53,200 locks
    /// by default: `demo --scale large` failed so).
    Bulk,
}

/// The advisory lock desk actions share on PostgreSQL ("kash" in ASCII).
const ACTIONS_LOCK: i64 = 0x6b61_7368;

pub struct Connection {
    engine: Inner,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgConn>),
}

impl Connection {
    pub(super) fn from_sqlite(conn: rusqlite::Connection) -> Connection {
        Connection {
            engine: Inner::Sqlite(conn),
        }
    }

    pub(super) fn postgres(conninfo: &str) -> Result<Connection> {
        Ok(Connection {
            engine: Inner::Postgres(Box::new(PgConn::connect(conninfo)?)),
        })
    }

    /// A plain connection to `target`, without migrating or checking anything: tools and tests.
    pub fn open(target: &Target) -> crate::error::Result<Connection> {
        super::open_connection(target, super::OpenMode::Existing)
    }

    pub fn engine(&self) -> Engine {
        match self.engine {
            Inner::Sqlite(_) => Engine::Sqlite,
            Inner::Postgres(_) => Engine::Postgres,
        }
    }

    /// The connection to the server is gone (the server stopped, the network broke): nothing
    /// sent on it will be answered, so a desk opens a new one. A file is never "closed".
    pub fn is_closed(&self) -> bool {
        match &self.engine {
            Inner::Sqlite(_) => false,
            Inner::Postgres(pg) => pg.is_closed(),
        }
    }

    /// True when the server refused a statement of the current transaction as a serialization
    /// failure or deadlock; clears the mark.
    pub(crate) fn take_conflict(&self) -> bool {
        match &self.engine {
            Inner::Sqlite(_) => false,
            Inner::Postgres(pg) => pg.take_conflict(),
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// True when the server went away from this connection (PostgreSQL): the transaction that
    /// was open on it did not commit, and the next one connects again.
    pub(crate) fn is_lost(&self) -> bool {
        match &self.engine {
            Inner::Sqlite(_) => false,
            Inner::Postgres(pg) => pg.is_lost(),
        }
    }

    /// Statements without parameters, separated by `;`.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.engine {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(pg) => pg.batch(sql),
        }
    }

    /// A statement prepared once per connection and kept (both engines cache by SQL text).
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement {
            inner: match &self.engine {
                Inner::Sqlite(c) => StatementInner::SqliteCached(c.prepare_cached(sql)?),
                Inner::Postgres(pg) => StatementInner::Postgres {
                    conn: pg,
                    statement: pg.statement(sql)?,
                },
            },
        })
    }

    /// A statement for one-off SQL. On PostgreSQL it is cached all the same: preparing costs a
    /// round trip to the server there.
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.engine {
            Inner::Sqlite(c) => Ok(Statement {
                inner: StatementInner::Sqlite(c.prepare(sql)?),
            }),
            Inner::Postgres(_) => self.prepare_cached(sql),
        }
    }

    pub fn transaction_with_behavior(
        &mut self,
        behavior: TransactionBehavior,
    ) -> Result<Transaction<'_>> {
        // A server that stopped or restarted since the last transaction: a new session first
        // (`store.unavailable` if it does not come back within a few seconds).
        if let Inner::Postgres(pg) = &self.engine
            && pg.is_lost()
        {
            pg.reconnect()?;
        }
        // PostgreSQL actions take the advisory lock before the transaction starts (a separate
        // statement: a snapshot taken before waiting for it would miss what the wait was for).
        let (lock, unlock) = match (self.engine(), behavior) {
            (Engine::Postgres, TransactionBehavior::Immediate) => (
                Some(format!("SELECT pg_advisory_lock_shared({ACTIONS_LOCK})")),
                Some(format!("SELECT pg_advisory_unlock_shared({ACTIONS_LOCK})")),
            ),
            (Engine::Postgres, TransactionBehavior::Exclusive | TransactionBehavior::Bulk) => (
                Some(format!("SELECT pg_advisory_lock({ACTIONS_LOCK})")),
                Some(format!("SELECT pg_advisory_unlock({ACTIONS_LOCK})")),
            ),
            _ => (None, None),
        };
        let begin = match (self.engine(), behavior) {
            (Engine::Sqlite, TransactionBehavior::Deferred) => "BEGIN DEFERRED",
            (Engine::Sqlite, TransactionBehavior::Immediate | TransactionBehavior::Bulk) => {
                "BEGIN IMMEDIATE"
            }
            (Engine::Sqlite, TransactionBehavior::Exclusive) => "BEGIN EXCLUSIVE",
            (Engine::Postgres, TransactionBehavior::Deferred) => {
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
            (Engine::Postgres, TransactionBehavior::Bulk) => "BEGIN ISOLATION LEVEL READ COMMITTED",
            (Engine::Postgres, _) => "BEGIN ISOLATION LEVEL SERIALIZABLE",
        };
        if let Some(lock) = &lock {
            self.execute_batch(lock)?;
        }
        self.take_conflict();
        if let Err(e) = self.execute_batch(begin) {
            if let Some(unlock) = &unlock {
                let _ = self.execute_batch(unlock);
            }
            return Err(e);
        }
        Ok(Transaction {
            conn: self,
            done: Cell::new(false),
            unlock,
        })
    }

    /// The names of the tables of the library (not the engine's own).
    pub fn table_names(&self) -> Result<Vec<String>> {
        // The catalogues differ: SQLite keeps its schema in sqlite_master, PostgreSQL in
        // information_schema (the library's tables are in the connection's current schema).
        let sql = match self.engine() {
            Engine::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            }
            Engine::Postgres => {
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
                  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                  ORDER BY table_name"
            }
        };
        let mut st = self.prepare(sql)?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect()
    }
}

/// A transaction on a connection; rolled back when dropped without `commit`, as rusqlite's.
pub struct Transaction<'c> {
    conn: &'c Connection,
    done: Cell<bool>,
    /// Releases the advisory lock taken before the transaction (PostgreSQL actions).
    unlock: Option<String>,
}

impl Transaction<'_> {
    /// A failed COMMIT leaves the transaction to be rolled back when dropped. When the server
    /// went away during it, nobody can tell whether it committed: `Error::CommitUnknown`.
    pub fn commit(self) -> Result<()> {
        match self.conn.execute_batch("COMMIT") {
            Ok(()) => {
                self.done.set(true);
                Ok(())
            }
            Err(Error::Postgres(e)) if self.conn.is_lost() => Err(Error::CommitUnknown(e)),
            Err(e) => Err(e),
        }
    }

    pub fn rollback(self) -> Result<()> {
        self.done.set(true);
        self.conn.execute_batch("ROLLBACK")
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done.get() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        // A session's advisory lock outlives its transaction; a connection that cannot run
        // this is broken, and the server releases the lock when it closes.
        if let Some(unlock) = &self.unlock {
            let _ = self.conn.execute_batch(unlock);
        }
    }
}

pub struct Statement<'c> {
    inner: StatementInner<'c>,
}

enum StatementInner<'c> {
    SqliteCached(rusqlite::CachedStatement<'c>),
    Sqlite(rusqlite::Statement<'c>),
    Postgres {
        conn: &'c PgConn,
        statement: postgres::Statement,
    },
}

fn bind_sqlite(st: &mut rusqlite::Statement<'_>, params: &[&dyn ToSql]) -> Result<()> {
    if st.parameter_count() != params.len() {
        return Err(Error::ParameterCount {
            expected: st.parameter_count(),
            given: params.len(),
        });
    }
    for (i, p) in params.iter().enumerate() {
        st.raw_bind_parameter(i + 1, SqliteValue(p.to_sql()))?;
    }
    Ok(())
}

fn sqlite_execute<P: Params>(st: &mut rusqlite::Statement<'_>, params: P) -> Result<usize> {
    params.with_slice(|p| {
        bind_sqlite(st, p)?;
        Ok(st.raw_execute()?)
    })
}

fn sqlite_query<'s, T, P, F>(
    st: &'s mut rusqlite::Statement<'_>,
    params: P,
    f: F,
) -> Result<MappedRows<'s, F>>
where
    P: Params,
    F: FnMut(&Row<'_>) -> Result<T>,
{
    params.with_slice(|p| bind_sqlite(st, p))?;
    Ok(MappedRows {
        rows: RowsInner::Sqlite(st.raw_query()),
        f,
    })
}

fn sqlite_for_each<P, E, F>(
    st: &mut rusqlite::Statement<'_>,
    params: P,
    mut f: F,
) -> std::result::Result<(), E>
where
    P: Params,
    E: From<Error>,
    F: FnMut(&Row<'_>) -> std::result::Result<(), E>,
{
    params.with_slice(|p| bind_sqlite(st, p))?;
    let mut rows = st.raw_query();
    while let Some(r) = rows.next().map_err(Error::from)? {
        f(&Row {
            inner: RowInner::Sqlite(r),
        })?;
    }
    Ok(())
}

/// One of our values, bound through rusqlite.
struct SqliteValue<'a>(ValueRef<'a>);

impl rusqlite::ToSql for SqliteValue<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef as R;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self.0 {
            ValueRef::Null => R::Null,
            ValueRef::Integer(i) => R::Integer(i),
            ValueRef::Real(f) => R::Real(f),
            ValueRef::Text(s) => R::Text(s.as_bytes()),
            ValueRef::Blob(b) => R::Blob(b),
        }))
    }
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match &mut self.inner {
            StatementInner::SqliteCached(st) => sqlite_execute(st, params),
            StatementInner::Sqlite(st) => sqlite_execute(st, params),
            StatementInner::Postgres { conn, statement } => {
                params.with_slice(|p| conn.execute(statement, p))
            }
        }
    }

    /// The first row through `f`; `Error::QueryReturnedNoRows` when there is none.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut f = Some(f);
        let mut rows = self.query_map(params, |r| (f.take().expect("one row"))(r))?;
        rows.next().unwrap_or(Err(Error::QueryReturnedNoRows))
    }

    /// Every row through `f`, as an iterator of results.
    pub fn query_map<T, P, F>(&mut self, params: P, f: F) -> Result<MappedRows<'_, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        match &mut self.inner {
            StatementInner::SqliteCached(st) => sqlite_query(st, params, f),
            StatementInner::Sqlite(st) => sqlite_query(st, params, f),
            StatementInner::Postgres { conn, statement } => {
                // The whole result at once: the connection is free again for the queries the
                // caller makes while iterating, as with SQLite.
                let rows = params.with_slice(|p| conn.query(statement, p))?;
                Ok(MappedRows {
                    rows: RowsInner::Postgres(rows.into_iter(), PhantomData),
                    f,
                })
            }
        }
    }

    /// Every row through `f` as it comes, holding one row at a time: a report of any size in
    /// flat memory. On PostgreSQL the rows stream from the server while `f` runs, so the
    /// connection is busy: `f` must not query it.
    pub fn for_each<P, E, F>(&mut self, params: P, mut f: F) -> std::result::Result<(), E>
    where
        P: Params,
        E: From<Error>,
        F: FnMut(&Row<'_>) -> std::result::Result<(), E>,
    {
        match &mut self.inner {
            StatementInner::SqliteCached(st) => sqlite_for_each(st, params, f),
            StatementInner::Sqlite(st) => sqlite_for_each(st, params, f),
            StatementInner::Postgres { conn, statement } => params.with_slice(|p| {
                conn.for_each(statement, p, |r| {
                    f(&Row {
                        inner: RowInner::Postgres(r),
                    })
                })
            }),
        }
    }

    pub fn column_count(&self) -> usize {
        match &self.inner {
            StatementInner::SqliteCached(st) => st.column_count(),
            StatementInner::Sqlite(st) => st.column_count(),
            StatementInner::Postgres { statement, .. } => statement.columns().len(),
        }
    }

    pub fn column_names(&self) -> Vec<String> {
        match &self.inner {
            StatementInner::SqliteCached(st) => st.column_names().map(str::to_string).collect(),
            StatementInner::Sqlite(st) => st.column_names().map(str::to_string).collect(),
            StatementInner::Postgres { statement, .. } => statement
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect(),
        }
    }
}

pub struct MappedRows<'s, F> {
    rows: RowsInner<'s>,
    f: F,
}

enum RowsInner<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres(std::vec::IntoIter<postgres::Row>, PhantomData<&'s ()>),
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match &mut self.rows {
            RowsInner::Sqlite(rows) => match rows.next() {
                Ok(Some(r)) => Some((self.f)(&Row {
                    inner: RowInner::Sqlite(r),
                })),
                Ok(None) => None,
                Err(e) => Some(Err(e.into())),
            },
            RowsInner::Postgres(rows, _) => rows.next().map(|r| {
                (self.f)(&Row {
                    inner: RowInner::Postgres(&r),
                })
            }),
        }
    }
}

/// One row of a result.
pub struct Row<'r> {
    inner: RowInner<'r>,
}

enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

/// A column position (rusqlite also takes names; the core reads by position).
pub trait RowIndex: Copy {
    fn index(self) -> usize;
}

impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

impl Row<'_> {
    pub fn get_ref<I: RowIndex>(&self, idx: I) -> Result<ValueRef<'_>> {
        let i = idx.index();
        match &self.inner {
            RowInner::Sqlite(r) => {
                use rusqlite::types::ValueRef as R;
                Ok(match r.get_ref(i)? {
                    R::Null => ValueRef::Null,
                    R::Integer(n) => ValueRef::Integer(n),
                    R::Real(f) => ValueRef::Real(f),
                    R::Text(t) => {
                        ValueRef::Text(std::str::from_utf8(t).map_err(|e| Error::FromSql {
                            index: i,
                            found: "text",
                            error: super::value::FromSqlError::Other(Box::new(e)),
                        })?)
                    }
                    R::Blob(b) => ValueRef::Blob(b),
                })
            }
            RowInner::Postgres(r) => pg::column(r, i),
        }
    }

    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let value = self.get_ref(idx)?;
        T::column_result(value).map_err(|error| Error::FromSql {
            index: idx.index(),
            found: describe(value),
            error,
        })
    }
}

/// `.optional()` on a query's result: no row is `None`, as rusqlite's `OptionalExtension`.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
