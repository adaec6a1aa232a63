//! The store: frozen copies of every earlier schema upgrade to the current one; newer, foreign
//! and uninitialised files are refused with their own codes and left untouched.

mod common;

use common::*;
use kashidashi_core::Library;
use kashidashi_core::store::LATEST_VERSION;
use rusqlite::Connection;

/// Frozen schemas, one per released version, each with a little data written by that version.
/// With each, the profile text that version stored at `init`.
const FROZEN: &[(i64, &str, &str)] = &[
    (
        1,
        include_str!("fixtures/schema_v1.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        2,
        include_str!("fixtures/schema_v2.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        3,
        include_str!("fixtures/schema_v3.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
];

#[test]
fn every_frozen_schema_upgrades_to_the_current_one_keeping_its_data() {
    assert_eq!(
        FROZEN.len() as i64,
        LATEST_VERSION,
        "freeze each released schema here"
    );
    for (version, sql, profile) in FROZEN {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(sql).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('profile', ?1)",
            [profile],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        drop(conn);

        let mut lib = Library::open(&path).unwrap();
        let v: i64 = lib
            .connection()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION, "from v{version}");
        let a = actor("general", "2026-04-01");
        let p = lib.patron(&a, &card(&lib, "2000000019")).unwrap();
        assert_eq!(p.name, "古い 利用者");
        let i = lib.item(&a, &item(&lib, "1000000017")).unwrap();
        assert_eq!(i.title, "古い本");
        assert!(
            lib.check_invariants().unwrap().is_empty(),
            "from v{version}"
        );
        if *version >= 2 {
            let holds = lib.holds(&a, &Default::default()).unwrap();
            assert_eq!(holds[0].position, Some(1), "the v2 hold keeps its place");
        }
        // Reopening an upgraded database is a no-op.
        drop(lib);
        Library::open(&path).unwrap();
    }
}

#[test]
fn a_database_from_a_newer_program_is_refused_and_untouched() {
    let d = library("hokkaido");
    let path = d.dir.path().join("k.db");
    d.lib
        .connection()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    drop(d.lib);
    let err = Library::open(&path).err().unwrap();
    assert_eq!(err.code(), "store.too_new");
    let v: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, LATEST_VERSION + 1);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "これはデータベースではありません\n".repeat(50)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Library::open(&path).err().unwrap();
    assert_eq!(err.code(), "store.not_a_database");
    assert!(err.message(kashidashi_core::Lang::Ja).contains("notes.db"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_or_empty_file_is_not_initialised_and_init_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    assert_eq!(
        Library::open(&path).err().unwrap().code(),
        "store.not_initialized"
    );
    assert!(!path.exists(), "opening does not create the file");
    Library::init(&path, "kyoto", on("2026-04-01")).unwrap();
    assert_eq!(
        Library::init(&path, "kyoto", on("2026-04-01"))
            .err()
            .unwrap()
            .code(),
        "store.already_initialized"
    );
    assert_eq!(
        Library::init(&dir.path().join("x.db"), "osaka", on("2026-04-01"))
            .err()
            .unwrap()
            .code(),
        "profile.unknown"
    );
}

#[test]
fn connections_use_wal_foreign_keys_and_secure_delete() {
    let d = library("kyoto");
    let c = d.lib.connection();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    let sd: i64 = c
        .query_row("PRAGMA secure_delete", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), fk, sd), ("wal", 1, 1));
}
