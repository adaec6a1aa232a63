//! A database of its own for each test, on the engine the environment picks: an SQLite file in a
//! temporary folder, or, when `KASHIDASHI_TEST_PG` holds the URL of a PostgreSQL server (such as
//! `postgresql://postgres@%2Ftmp%2Fpg/postgres`, as `scripts/pg-test-server.sh` prints), a new
//! database on it, dropped when the test ends. Shared by the core's and the CLI's tests.

use std::ffi::OsStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use kashidashi_core::store::{self, Target};
use tempfile::TempDir;

pub const PG_ENV: &str = "KASHIDASHI_TEST_PG";

/// The PostgreSQL server the suite runs against, if any.
pub fn pg_server() -> Option<Target> {
    std::env::var(PG_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let t = Target::parse(s.trim());
            assert!(t.is_postgres(), "{PG_ENV} must be a postgres:// URL");
            t
        })
}

pub struct TestDb {
    pub target: Target,
    /// A scratch folder for the test's other files (and the SQLite file).
    pub dir: TempDir,
    server: Option<(Target, String)>,
}

impl TestDb {
    /// A new, empty database (`file` names the SQLite file).
    pub fn new(file: &str) -> TestDb {
        match pg_server() {
            Some(server) => TestDb::on_server(&server),
            None => {
                let dir = tempfile::tempdir().unwrap();
                TestDb {
                    target: Target::File(dir.path().join(file)),
                    dir,
                    server: None,
                }
            }
        }
    }

    /// A new, empty database on the PostgreSQL server `server` (the suite's, or a test's own).
    pub fn on_server(server: &Target) -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "kt_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let target = store::create_database(server, &name).unwrap();
        TestDb {
            target,
            dir,
            server: Some((server.clone(), name)),
        }
    }

    /// Always an SQLite file: for what only SQLite has (pragmas, WAL, the file's bytes).
    pub fn sqlite(file: &str) -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        TestDb {
            target: Target::File(dir.path().join(file)),
            dir,
            server: None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.target.is_postgres()
    }

    /// `--db` for the command line.
    pub fn arg(&self) -> String {
        match &self.target {
            Target::File(p) => p.display().to_string(),
            Target::Postgres(s) => s.clone(),
        }
    }
}

impl AsRef<OsStr> for TestDb {
    fn as_ref(&self) -> &OsStr {
        match &self.target {
            Target::File(p) => p.as_os_str(),
            Target::Postgres(s) => OsStr::new(s),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.server {
            let _ = store::drop_database(server, name);
        }
    }
}
