//! The password for a PostgreSQL connection whose target names none, from the password file
//! libpq reads (`PGPASSFILE`, else `~/.pgpass`): so a desk's saved address, a nightly job's
//! `--db` and the process list never carry it. Same format and the same refusal as libpq: a
//! file others can read is not used.

use std::path::{Path, PathBuf};

/// The server, as the password file's first four fields match it.
pub(super) struct Server<'a> {
    /// A TCP host name, or a Unix socket's folder.
    pub host: &'a str,
    pub port: u16,
    pub database: &'a str,
    pub user: &'a str,
}

/// Where libpq looks: `PGPASSFILE`, else `~/.pgpass`.
fn file() -> Option<PathBuf> {
    std::env::var_os("PGPASSFILE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))
}

/// The password the password file gives `server`, if it is there, is a plain file and only its
/// owner may read it (libpq ignores it otherwise, and so does this).
pub(super) fn password(server: &Server<'_>) -> Option<String> {
    let path = file()?;
    if !private(&path) {
        tracing::warn!(
            file = %path.display(),
            "the password file is readable by others and is not used (chmod 0600)"
        );
        return None;
    }
    lookup(&std::fs::read_to_string(&path).ok()?, server)
}

#[cfg(unix)]
fn private(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(path: &Path) -> bool {
    path.is_file()
}

/// The first line `host:port:database:user:password` matching `server`; `*` matches anything,
/// `\:` and `\\` are a colon and a backslash, `#` starts a comment. As in libpq, `localhost`
/// also matches a connection through the default Unix socket folder.
pub(super) fn lookup(contents: &str, server: &Server<'_>) -> Option<String> {
    let port = server.port.to_string();
    contents
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = fields(line);
            let [host, port_f, database, user, password] = fields.as_slice() else {
                return None;
            };
            let host_matches = host == "*"
                || host == server.host
                || (host == "localhost" && default_socket(server.host));
            let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
            (host_matches
                && matches(port_f, &port)
                && matches(database, server.database)
                && matches(user, server.user))
            .then(|| password.clone())
        })
}

fn default_socket(host: &str) -> bool {
    matches!(host, "/var/run/postgresql" | "/run/postgresql" | "/tmp")
}

/// A line's colon-separated fields, with `\` escaping the next character.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.last_mut().expect("one field at least").push(next);
                }
            }
            ':' => out.push(String::new()),
            _ => out.last_mut().expect("one field at least").push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: Server<'static> = Server {
        host: "db.library.example.jp",
        port: 5432,
        database: "kashidashi",
        user: "desk",
    };

    #[test]
    fn the_first_matching_line_gives_the_password() {
        let file = "# desks of the main building\n\
                    other.example.jp:5432:kashidashi:desk:wrong\n\
                    db.library.example.jp:5432:kashidashi:desk:s3cret\n\
                    *:*:*:*:fallback\n";
        assert_eq!(lookup(file, &SERVER).as_deref(), Some("s3cret"));
        let nightly = Server {
            user: "nightly",
            ..SERVER
        };
        assert_eq!(lookup(file, &nightly).as_deref(), Some("fallback"));
    }

    #[test]
    fn wildcards_escapes_and_ports() {
        let file = "db.library.example.jp:6432:*:desk:pool\n\
                    db.library.example.jp:*:kashidashi:*:a\\:b\\\\c\n";
        assert_eq!(lookup(file, &SERVER).as_deref(), Some("a:b\\c"));
        let pooled = Server {
            port: 6432,
            ..SERVER
        };
        assert_eq!(lookup(file, &pooled).as_deref(), Some("pool"));
    }

    #[test]
    fn nothing_matches_nothing_is_given() {
        assert_eq!(
            lookup("other:5432:kashidashi:desk:x\nmalformed line\n", &SERVER),
            None
        );
        assert_eq!(lookup("", &SERVER), None);
    }

    #[test]
    fn localhost_matches_the_default_socket_folder_only() {
        let file = "localhost:5432:kashidashi:desk:local\n";
        let socket = |host| Server { host, ..SERVER };
        assert_eq!(
            lookup(file, &socket("/run/postgresql")).as_deref(),
            Some("local")
        );
        assert_eq!(lookup(file, &socket("/tmp/kashidashi-pg.x")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:x\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!private(&path));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(private(&path));
        assert!(!private(dir.path()), "a folder is not a password file");
    }
}
