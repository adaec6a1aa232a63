//! Where a library lives: an SQLite file (one desk, the demo, tests) or a PostgreSQL database
//! named by a `postgres://` URL (a library whose desks share one database).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A `postgres://` or `postgresql://` URL, or a `key=value` connection string.
    Postgres(String),
}

impl Target {
    /// `--db` and `KASHIDASHI_DB`: a URL names a server, anything else a file.
    pub fn parse(s: &str) -> Target {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Target::Postgres(s.to_string())
        } else {
            Target::File(PathBuf::from(s))
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Target::Postgres(_))
    }

    /// The file, for an SQLite library.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Target::File(p) => Some(p),
            Target::Postgres(_) => None,
        }
    }

    /// The same server with another database: `postgres://u@h/old?x` → `postgres://u@h/NAME?x`.
    pub fn with_database(&self, name: &str) -> Target {
        match self {
            Target::File(p) => Target::File(p.with_file_name(name)),
            Target::Postgres(s) => Target::Postgres(match url_parts(s) {
                Some((base, _, query)) => format!("{base}/{name}{query}"),
                None => format!("{s} dbname={name}"),
            }),
        }
    }
}

impl Target {
    /// The database a PostgreSQL target names (`None` for a file, or when it names none).
    pub fn database(&self) -> Option<String> {
        let Target::Postgres(s) = self else {
            return None;
        };
        match url_parts(s) {
            Some((_, path, _)) => Some(path.trim_start_matches('/').to_string()),
            None => s
                .split_whitespace()
                .find_map(|kv| kv.strip_prefix("dbname="))
                .map(str::to_string),
        }
        .filter(|d| !d.is_empty())
    }
}

/// A URL as (scheme and authority, database path, `?query`).
fn url_parts(s: &str) -> Option<(&str, &str, &str)> {
    let after = s.find("://")? + 3;
    let path = s[after..].find('/').map_or(s.len(), |i| after + i);
    let query = s[path..].find('?').map_or(s.len(), |i| path + i);
    Some((&s[..path], &s[path..query], &s[query..]))
}

/// Shown in messages. A URL's password is never shown.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::File(p) => write!(f, "{}", p.display()),
            Target::Postgres(s) => write!(f, "{}", without_password(s)),
        }
    }
}

fn without_password(s: &str) -> String {
    if let Some((base, path, query)) = url_parts(s) {
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        if let Some(at) = base.rfind('@') {
            let auth = &base[scheme_end..at];
            if let Some(colon) = auth.find(':') {
                return format!(
                    "{}{}:***{}{path}{query}",
                    &base[..scheme_end],
                    &auth[..colon],
                    &base[at..]
                );
            }
        }
        return s.to_string();
    }
    s.split_whitespace()
        .map(|kv| {
            if kv.starts_with("password=") {
                "password=***"
            } else {
                kv
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl From<&Path> for Target {
    fn from(p: &Path) -> Self {
        Target::File(p.to_path_buf())
    }
}

impl From<PathBuf> for Target {
    fn from(p: PathBuf) -> Self {
        Target::File(p)
    }
}

impl From<&PathBuf> for Target {
    fn from(p: &PathBuf) -> Self {
        Target::File(p.clone())
    }
}

impl From<&Target> for Target {
    fn from(t: &Target) -> Self {
        t.clone()
    }
}

impl From<&str> for Target {
    fn from(s: &str) -> Self {
        Target::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_servers_and_everything_else_files() {
        assert!(Target::parse("postgres://desk@db.example.jp/kashidashi").is_postgres());
        assert!(Target::parse("postgresql:///k?host=/run/postgresql").is_postgres());
        assert_eq!(
            Target::parse("/tmp/k.db"),
            Target::File(PathBuf::from("/tmp/k.db"))
        );
    }

    #[test]
    fn another_database_on_the_same_server() {
        let t = Target::parse("postgres://u@%2Ftmp%2Fs/postgres?sslmode=disable");
        assert_eq!(
            t.with_database("k1"),
            Target::Postgres("postgres://u@%2Ftmp%2Fs/k1?sslmode=disable".into())
        );
        assert_eq!(
            Target::parse("postgres://u@h").with_database("k2"),
            Target::Postgres("postgres://u@h/k2".into())
        );
        assert_eq!(
            Target::Postgres("host=/tmp/s user=postgres".into()).with_database("k3"),
            Target::Postgres("host=/tmp/s user=postgres dbname=k3".into())
        );
    }

    #[test]
    fn the_database_a_server_target_names() {
        let t = Target::parse("postgres://u@%2Ftmp%2Fs/k1?sslmode=disable");
        assert_eq!(t.database().as_deref(), Some("k1"));
        assert_eq!(Target::parse("postgres://u@h").database(), None);
        let kv = Target::Postgres("host=/tmp/s dbname=k3".into());
        assert_eq!(kv.database().as_deref(), Some("k3"));
        assert_eq!(Target::parse("/tmp/k.db").database(), None);
    }

    #[test]
    fn a_password_never_shows() {
        let t = Target::parse("postgres://desk:secret@db.example.jp/k");
        assert_eq!(t.to_string(), "postgres://desk:***@db.example.jp/k");
        let kv = Target::Postgres("host=h password=secret".into());
        assert_eq!(kv.to_string(), "host=h password=***");
    }
}
