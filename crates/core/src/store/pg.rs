//! The PostgreSQL engine: the synchronous `postgres` client, TLS through rustls, `?N` placeholders
//! rewritten to `$N` once per statement (cached with the prepared statement), and the value
//! conversions that adapt to the types the server reports.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::BytesMut;
use postgres::config::{Host, SslMode};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{FromSql as PgFromSql, IsNull, ToSql as PgToSql, Type, to_sql_checked};
use postgres::{Client, NoTls};

use super::error::{Error, Result, is_conflict, is_lost};
use super::pgpass;
use super::value::{ToSql, ValueRef};

/// Prepared statements kept per connection. The core has about a hundred distinct statements;
/// past this many (ad hoc SQL in tests and tools) the cache starts over.
const CACHE_CAPACITY: usize = 512;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a desk whose connection was lost keeps trying to connect again before it says the
/// server is unavailable: long enough for a server restarted at once (an immediate stop and a
/// start recover in about a second), short enough that staff at the counter are told.
const RECONNECT_WITHIN: Duration = Duration::from_secs(3);
const RECONNECT_PAUSE: Duration = Duration::from_millis(100);

pub(super) struct PgConn {
    /// To connect again after the server went away.
    conninfo: String,
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// Set when the server answered 40001/40P01 since the last `take_conflict`: the action's
    /// transaction may be run again, whatever the domain code made of the error.
    conflict: Cell<bool>,
    /// Set when the connection to the server was lost (the server stopped, the network went):
    /// the next transaction connects again first.
    lost: Cell<bool>,
}

impl PgConn {
    pub(super) fn connect(conninfo: &str) -> Result<PgConn> {
        Ok(PgConn {
            conninfo: conninfo.to_string(),
            client: RefCell::new(session(conninfo)?),
            statements: RefCell::new(HashMap::new()),
            conflict: Cell::new(false),
            lost: Cell::new(false),
        })
    }

    fn note(&self, e: postgres::Error) -> Error {
        if is_conflict(&e) {
            self.conflict.set(true);
        }
        if is_lost(&e) {
            self.lost.set(true);
        }
        Error::Postgres(e)
    }

    /// The server closed the connection or it broke: this connection will answer nothing more.
    pub(super) fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    pub(super) fn take_conflict(&self) -> bool {
        self.conflict.replace(false)
    }

    /// True when the server is gone from this connection: whatever transaction was open on it
    /// never committed, and the next one must connect again.
    pub(super) fn is_lost(&self) -> bool {
        self.lost.get() || self.client.borrow().is_closed()
    }

    /// A new session in place of a lost one, tried for `RECONNECT_WITHIN` while the server
    /// refuses or is still starting up. The prepared statements belonged to the old session.
    pub(super) fn reconnect(&self) -> Result<()> {
        let deadline = Instant::now() + RECONNECT_WITHIN;
        loop {
            match session(&self.conninfo) {
                Ok(client) => {
                    *self.client.borrow_mut() = client;
                    self.statements.borrow_mut().clear();
                    self.lost.set(false);
                    return Ok(());
                }
                Err(Error::Postgres(e)) if is_lost(&e) && Instant::now() < deadline => {
                    std::thread::sleep(RECONNECT_PAUSE);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The prepared form of `sql`, from the cache or prepared now.
    pub(super) fn statement(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(st) = self.statements.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self
            .client
            .borrow_mut()
            .prepare(&placeholders(sql))
            .map_err(|e| self.note(e))?;
        let mut cache = self.statements.borrow_mut();
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    pub(super) fn execute(&self, st: &postgres::Statement, params: &[&dyn ToSql]) -> Result<usize> {
        let values = values(st, params)?;
        let n = self
            .client
            .borrow_mut()
            .execute(st, &refs(&values))
            .map_err(|e| self.note(e))?;
        Ok(n as usize)
    }

    pub(super) fn query(
        &self,
        st: &postgres::Statement,
        params: &[&dyn ToSql],
    ) -> Result<Vec<postgres::Row>> {
        let values = values(st, params)?;
        self.client
            .borrow_mut()
            .query(st, &refs(&values))
            .map_err(|e| self.note(e))
    }

    /// Each row through `f` as the server sends it (the client reads ahead only a little), so
    /// a result of any size takes flat memory. The client stays borrowed until the last row.
    pub(super) fn for_each<E: From<Error>>(
        &self,
        st: &postgres::Statement,
        params: &[&dyn ToSql],
        mut f: impl FnMut(&postgres::Row) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let values = values(st, params)?;
        let mut client = self.client.borrow_mut();
        let mut rows = client
            .query_raw(st, values.iter())
            .map_err(|e| self.note(e))?;
        while let Some(row) = rows.next().map_err(|e| self.note(e))? {
            f(&row)?;
        }
        Ok(())
    }

    /// Statements without parameters, several at once (migrations, BEGIN/COMMIT).
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| self.note(e))
    }
}

fn values<'p>(st: &postgres::Statement, params: &'p [&dyn ToSql]) -> Result<Vec<ValueRef<'p>>> {
    if st.params().len() != params.len() {
        return Err(Error::ParameterCount {
            expected: st.params().len(),
            given: params.len(),
        });
    }
    Ok(params.iter().map(|p| p.to_sql()).collect())
}

fn refs<'v>(values: &'v [ValueRef<'_>]) -> Vec<&'v (dyn PgToSql + Sync)> {
    values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

/// The column at `i` of a PostgreSQL row.
pub(super) fn column(row: &postgres::Row, i: usize) -> Result<ValueRef<'_>> {
    row.try_get::<usize, ValueRef<'_>>(i)
        .map_err(Error::Postgres)
}

/// `?N` (SQLite's numbered parameters, and a bare `?` as the next number) become `$N`. Quoted
/// strings, quoted names and comments are copied as they are.
pub(super) fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut highest = 0u32;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse().unwrap_or(highest + 1);
                highest = highest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// How the connection is secured, taken out of the target before the client parses it (the
/// client knows `disable`, `prefer` and `require`, but neither `verify-full` nor a CA file).
struct Tls {
    disabled: bool,
    root_cert: Option<String>,
}

fn split_tls(conninfo: &str) -> (String, Tls) {
    let mut tls = Tls {
        disabled: false,
        root_cert: None,
    };
    let mut take = |key: &str, value: &str| match key {
        "sslmode" => {
            tls.disabled = value == "disable";
            true
        }
        "sslrootcert" => {
            tls.root_cert = Some(value.to_string());
            true
        }
        _ => false,
    };
    let rest = if conninfo.contains("://") {
        match conninfo.split_once('?') {
            Some((base, query)) => {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        !take(k, v)
                    })
                    .collect();
                if kept.is_empty() {
                    base.to_string()
                } else {
                    format!("{base}?{}", kept.join("&"))
                }
            }
            None => conninfo.to_string(),
        }
    } else {
        conninfo
            .split_whitespace()
            .filter(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                !take(k, v)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    (rest, tls)
}

/// A connected session with the desk's settings.
fn session(conninfo: &str) -> Result<Client> {
    let mut client = connect(conninfo)?;
    // As SQLite's busy timeout: a desk waits this long for a row another desk holds, then
    // reports `store.locked` rather than hanging.
    client
        .batch_execute("SET lock_timeout = '10s'")
        .map_err(Error::Postgres)?;
    Ok(client)
}

/// Connect: a Unix socket or `sslmode=disable` in plain; anything else over TLS that checks the
/// server's certificate chain and name (libpq's `verify-full`), against the public roots or the
/// `sslrootcert` file. Safe by default: a TCP target without `sslmode` gets full verification.
fn connect(conninfo: &str) -> Result<Client> {
    let (rest, tls) = split_tls(conninfo);
    let mut config: postgres::Config = rest.parse().map_err(Error::Postgres)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_password().is_none()
        && let Some(password) = password_file_entry(&config)
    {
        config.password(password);
    }
    let unix = !config.get_hosts().is_empty()
        && config
            .get_hosts()
            .iter()
            .all(|h| matches!(h, Host::Unix(_)));
    if unix || tls.disabled {
        config.ssl_mode(SslMode::Disable);
        return config.connect(NoTls).map_err(Error::Postgres);
    }
    config.ssl_mode(SslMode::Require);
    let connector = tokio_postgres_rustls::MakeRustlsConnect::new(client_config(&tls)?);
    config.connect(connector).map_err(Error::Postgres)
}

/// The password file's entry for the first host of `config`, with libpq's defaults for what
/// the target leaves out (port 5432, the user as the database, the OS user).
fn password_file_entry(config: &postgres::Config) -> Option<String> {
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        Host::Unix(dir) => dir.display().to_string(),
    };
    let user = config
        .get_user()
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())?;
    pgpass::password(&pgpass::Server {
        host: &host,
        port: config.get_ports().first().copied().unwrap_or(5432),
        database: config.get_dbname().unwrap_or(&user),
        user: &user,
    })
}

fn client_config(tls: &Tls) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match &tls.root_cert {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| Error::Target(format!("sslrootcert {path}: {e}")))?;
            for cert in certs {
                let cert = cert.map_err(|e| Error::Target(format!("sslrootcert {path}: {e}")))?;
                roots
                    .add(cert)
                    .map_err(|e| Error::Target(format!("sslrootcert {path}: {e}")))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Target(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

fn text_like(ty: &Type) -> bool {
    <&str as PgFromSql>::accepts(ty)
}

fn mismatch(value: &ValueRef<'_>, ty: &Type) -> Box<dyn StdError + Sync + Send> {
    format!(
        "cannot bind a {} value to a parameter of type {ty}",
        super::value::describe(*value)
    )
    .into()
}

/// Binding adapts to the parameter type the server inferred: an integer goes into `bigint`,
/// `integer`, `smallint` (checked for range) or `boolean` (non-zero is true), as SQLite accepts.
impl PgToSql for ValueRef<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match *self {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Integer(i) => {
                if *ty == Type::INT8 {
                    PgToSql::to_sql(&i, ty, out)
                } else if *ty == Type::INT4 {
                    PgToSql::to_sql(&i32::try_from(i)?, ty, out)
                } else if *ty == Type::INT2 {
                    PgToSql::to_sql(&i16::try_from(i)?, ty, out)
                } else if *ty == Type::BOOL {
                    PgToSql::to_sql(&(i != 0), ty, out)
                } else if *ty == Type::FLOAT8 {
                    PgToSql::to_sql(&(i as f64), ty, out)
                } else if text_like(ty) {
                    PgToSql::to_sql(&i.to_string().as_str(), ty, out)
                } else {
                    Err(mismatch(self, ty))
                }
            }
            ValueRef::Real(f) => {
                if *ty == Type::FLOAT8 {
                    PgToSql::to_sql(&f, ty, out)
                } else if *ty == Type::FLOAT4 {
                    PgToSql::to_sql(&(f as f32), ty, out)
                } else {
                    Err(mismatch(self, ty))
                }
            }
            ValueRef::Text(s) if text_like(ty) => PgToSql::to_sql(&s, ty, out),
            ValueRef::Blob(b) if *ty == Type::BYTEA => PgToSql::to_sql(&b, ty, out),
            _ => Err(mismatch(self, ty)),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// Reading maps every column type the schema uses onto SQLite's five kinds: booleans and all
/// integer widths to `Integer`, so the domain reads them as rusqlite did.
impl<'a> PgFromSql<'a> for ValueRef<'a> {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(if *ty == Type::BOOL {
            ValueRef::Integer(i64::from(bool::from_sql(ty, raw)?))
        } else if *ty == Type::INT2 {
            ValueRef::Integer(i16::from_sql(ty, raw)?.into())
        } else if *ty == Type::INT4 {
            ValueRef::Integer(i32::from_sql(ty, raw)?.into())
        } else if *ty == Type::INT8 {
            ValueRef::Integer(i64::from_sql(ty, raw)?)
        } else if *ty == Type::OID {
            ValueRef::Integer(u32::from_sql(ty, raw)?.into())
        } else if *ty == Type::FLOAT4 {
            ValueRef::Real(f32::from_sql(ty, raw)?.into())
        } else if *ty == Type::FLOAT8 {
            ValueRef::Real(f64::from_sql(ty, raw)?)
        } else if *ty == Type::BYTEA {
            ValueRef::Blob(raw)
        } else if text_like(ty) {
            ValueRef::Text(<&str>::from_sql(ty, raw)?)
        } else {
            return Err(format!(
                "a column of type {ty} cannot be read by the store (cast it in the SQL)"
            )
            .into());
        })
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(ValueRef::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_bare_placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            placeholders("SELECT ?1, ?2 WHERE a = ?1 AND b = '?3' AND \"c?\" = ?"),
            "SELECT $1, $2 WHERE a = $1 AND b = '?3' AND \"c?\" = $3"
        );
        assert_eq!(
            placeholders("SELECT 'it''s ?' -- ?9\n, ?1"),
            "SELECT 'it''s ?' -- ?9\n, $1"
        );
    }

    #[test]
    fn tls_options_are_taken_out_of_urls_and_key_value_strings() {
        let (rest, tls) = split_tls(
            "postgres://desk@db.example.jp/k?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=desk",
        );
        assert_eq!(
            rest,
            "postgres://desk@db.example.jp/k?application_name=desk"
        );
        assert!(!tls.disabled);
        assert_eq!(tls.root_cert.as_deref(), Some("/etc/ca.pem"));
        let (rest, tls) = split_tls("host=/tmp/s user=postgres sslmode=disable");
        assert_eq!(rest, "host=/tmp/s user=postgres");
        assert!(tls.disabled);
    }
}
