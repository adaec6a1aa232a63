//! `kashidashi backup --out FILE` as a script uses it: the copy is a library `check` passes; an
//! existing file is refused and left as it was; a PostgreSQL library is refused by name.
//! `copy --to DB`: a file library into an empty database, checked, never into a full one.

mod common;

use std::ffi::OsStr;
use std::process::Command;

use common::TestDb;
use serde_json::Value;

fn kashidashi(db: impl AsRef<OsStr>, args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_str(&stdout).unwrap(),
    )
}

#[test]
fn backup_writes_a_copy_that_check_passes_and_never_overwrites() {
    let db = TestDb::new("k.db");
    assert_eq!(kashidashi(&db, &["init", "--profile", "kyoto"]).0, 0);
    let out = db.dir.path().join("控え.db");
    let out_arg = out.to_str().unwrap();
    let (code, json) = kashidashi(&db, &["backup", "--out", out_arg]);
    if db.is_postgres() {
        assert_eq!(code, 2, "{json}");
        assert_eq!(json["error"]["code"], "store.backup_server");
        assert!(
            json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("pg_dump")
        );
        assert!(!out.exists());
        return;
    }
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["out"], out_arg);
    let (code, json) = kashidashi(&out, &["check"]);
    assert_eq!(code, 0, "the copy is a sound library: {json}");

    let before = std::fs::read(&out).unwrap();
    let (code, json) = kashidashi(&db, &["backup", "--out", out_arg]);
    assert_eq!(code, 2, "{json}");
    assert_eq!(json["error"]["code"], "store.backup_exists");
    assert_eq!(std::fs::read(&out).unwrap(), before, "left as it was");
}

#[test]
fn copy_to_fills_an_empty_database_of_the_suites_engine_once() {
    let from = TestDb::sqlite("k.db");
    assert_eq!(kashidashi(&from, &["init", "--profile", "kyoto"]).0, 0);
    let to = TestDb::new("copy.db");
    let (code, json) = kashidashi(&from, &["copy", "--to", &to.arg()]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["violations"], serde_json::json!([]));
    let (code, json) = kashidashi(&to, &["check"]);
    assert_eq!(code, 0, "the copy is a sound library: {json}");
    let (code, json) = kashidashi(&from, &["copy", "--to", &to.arg()]);
    assert_eq!(code, 3, "{json}");
    assert_eq!(json["error"]["code"], "store.already_initialized");
}
