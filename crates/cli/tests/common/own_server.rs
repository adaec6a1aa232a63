//! A PostgreSQL server of a test's own, which the test may stop and start again: the suite's
//! shared server (`scripts/pg-test-server.sh`) serves tests running in parallel and must stay
//! up. Made as that script makes its server (Unix socket only, `fsync=off`); as root the server
//! runs as the `postgres` user, since `initdb` refuses root. Stopped and removed when dropped.

use std::path::PathBuf;
use std::process::Command;

use kashidashi_core::store::Target;
use tempfile::TempDir;

pub struct OwnServer {
    pub url: Target,
    bin: PathBuf,
    dir: TempDir,
    as_postgres: bool,
}

impl OwnServer {
    /// initdb and start; PostgreSQL must be installed (Debian's `postgresql`, install.sh).
    pub fn start() -> OwnServer {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (apt package postgresql)")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let version: u32 = e.file_name().to_str()?.parse().ok()?;
                Some((version, e.path().join("bin")))
            })
            .max()
            .map(|(_, bin)| bin)
            .expect("a PostgreSQL version under /usr/lib/postgresql");
        // In /tmp: a Unix socket's path must stay short.
        let dir = tempfile::Builder::new()
            .prefix("kashidashi-own-pg")
            .tempdir_in("/tmp")
            .unwrap();
        let uid = Command::new("id").arg("-u").output().unwrap();
        let as_postgres = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        if as_postgres {
            let chown = Command::new("chown")
                .arg("postgres:")
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(chown.success());
        }
        let encoded = dir.path().display().to_string().replace('/', "%2F");
        let server = OwnServer {
            url: Target::parse(&format!("postgresql://postgres@{encoded}/postgres")),
            bin,
            dir,
            as_postgres,
        };
        let data = server.data();
        server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        );
        server.start_again();
        server
    }

    /// `pg_ctl start`, waiting until the server takes connections (after crash recovery).
    pub fn start_again(&self) {
        let options = format!(
            "-c listen_addresses='' -k {} -c fsync=off -c full_page_writes=off",
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                &log,
                "-w",
                "-s",
                "start",
                "-o",
                &options,
            ],
        );
    }

    /// `pg_ctl stop -m immediate`: every backend ends at once, without a checkpoint, as when
    /// the server's machine fails; the next start recovers from the WAL.
    pub fn stop_immediately(&self) {
        self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-s", "stop"],
        );
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut c = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        let out = c.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let program = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "-s", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(program)
                .args(args)
                .output()
        } else {
            Command::new(program).args(args).output()
        };
    }
}
