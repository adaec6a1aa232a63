//! The store: frozen copies of every earlier SQLite schema upgrade to the current one; newer,
//! foreign and uninitialised databases are refused with their own codes and left untouched, on
//! both engines. Tests named `sqlite_` check what only SQLite has and always run on a file.

mod common;

use common::*;
use kashidashi_core::Library;
use kashidashi_core::store::{
    Connection, Engine, LATEST_VERSION, OpenMode, Target, open_connection, schema_version,
};

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
    (
        4,
        include_str!("fixtures/schema_v4.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        5,
        include_str!("fixtures/schema_v5.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        6,
        include_str!("fixtures/schema_v6.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        7,
        include_str!("fixtures/schema_v7.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        8,
        include_str!("fixtures/schema_v8.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        9,
        include_str!("fixtures/schema_v9.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        10,
        include_str!("fixtures/schema_v10.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
    (
        11,
        include_str!("fixtures/schema_v11.sql"),
        include_str!("fixtures/profile_v1_hokkaido.toml"),
    ),
];

#[test]
fn sqlite_every_frozen_schema_upgrades_to_the_current_one_keeping_its_data() {
    assert_eq!(
        FROZEN.len() as i64,
        LATEST_VERSION,
        "freeze each released schema here"
    );
    for (version, sql, profile) in FROZEN {
        let db = TestDb::sqlite("old.db");
        let conn = open_connection(&db.target, OpenMode::Create).unwrap();
        conn.execute_batch(sql).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('profile', ?1)",
            [profile],
        )
        .unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        drop(conn);

        let mut lib = Library::open(&db.target).unwrap();
        let v = schema_version(lib.connection()).unwrap();
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
        // Titles stored before the search key (10) get theirs in the migration, else no search
        // would find them.
        let found = lib.search_titles(&a, "古い").unwrap();
        assert_eq!(found.len(), 1, "from v{version}");
        assert_eq!(found[0].title, "古い本");
        // A needle of three characters or more is looked up in the search index (11), which
        // holds the keys filled in the migration as well.
        let found = lib.search_titles(&a, "古い本").unwrap();
        assert_eq!(found.len(), 1, "from v{version}");
        let found = lib.search_titles(&a, "昔の著者").unwrap();
        assert_eq!(found.len(), 1, "from v{version}");
        if *version >= 6 {
            let repair = lib.item(&a, &item(&lib, "1000000025")).unwrap();
            assert_eq!(
                repair.status_label(),
                "修理中",
                "the v6 copy stays in repair"
            );
        }
        // Reopening an upgraded database is a no-op.
        drop(lib);
        Library::open(&db.target).unwrap();
    }
}

#[test]
fn a_database_from_a_newer_program_is_refused_and_untouched() {
    let d = library("hokkaido");
    let newer = LATEST_VERSION + 1;
    // Each engine keeps its version in its own place.
    let set = match d.lib.connection().engine() {
        Engine::Sqlite => format!("PRAGMA user_version = {newer}"),
        Engine::Postgres => format!("UPDATE schema_version SET version = {newer}"),
    };
    d.lib.connection().execute_batch(&set).unwrap();
    let Desk { lib, db } = d;
    drop(lib);
    let err = Library::open(&db.target).err().unwrap();
    assert_eq!(err.code(), "store.too_new");
    let conn = Connection::open(&db.target).unwrap();
    assert_eq!(schema_version(&conn).unwrap(), newer);
}

#[test]
fn sqlite_a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let db = TestDb::sqlite("notes.db");
    let path = db.target.file().unwrap();
    std::fs::write(path, "これはデータベースではありません\n".repeat(50)).unwrap();
    let before = std::fs::read(path).unwrap();
    let err = Library::open(&db.target).err().unwrap();
    assert_eq!(err.code(), "store.not_a_database");
    assert!(err.message(kashidashi_core::Lang::Ja).contains("notes.db"));
    assert_eq!(std::fs::read(path).unwrap(), before);
}

#[test]
fn sqlite_opening_a_missing_file_does_not_create_it() {
    let db = TestDb::sqlite("none.db");
    assert_eq!(
        Library::open(&db.target).err().unwrap().code(),
        "store.not_initialized"
    );
    assert!(!db.target.file().unwrap().exists());
}

#[test]
fn an_empty_database_is_not_initialised_and_init_twice_is_refused() {
    let db = TestDb::new("none.db");
    assert_eq!(
        Library::open(&db.target).err().unwrap().code(),
        "store.not_initialized"
    );
    Library::init(&db.target, "kyoto", on("2026-04-01")).unwrap();
    assert_eq!(
        Library::init(&db.target, "kyoto", on("2026-04-01"))
            .err()
            .unwrap()
            .code(),
        "store.already_initialized"
    );
    let other = TestDb::new("x.db");
    assert_eq!(
        Library::init(&other.target, "osaka", on("2026-04-01"))
            .err()
            .unwrap()
            .code(),
        "profile.unknown"
    );
}

#[test]
fn sqlite_connections_use_wal_foreign_keys_and_secure_delete() {
    let db = TestDb::sqlite("k.db");
    let lib = Library::init(&db.target, "kyoto", on("2026-04-01")).unwrap();
    let c = lib.connection();
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

#[test]
fn a_server_that_is_not_there_is_named_without_its_password() {
    let target = Target::parse("postgres://desk:secret@127.0.0.1:1/kashidashi?sslmode=disable");
    let err = Library::open(&target).err().unwrap();
    // Issue 12: the desk says the server cannot be reached, and that nothing was recorded.
    assert_eq!(err.code(), "store.unavailable");
    assert!(
        err.message(kashidashi_core::Lang::Ja)
            .contains("データベースサーバーに接続できません"),
        "{}",
        err.message(kashidashi_core::Lang::Ja)
    );
    let message = err.message(kashidashi_core::Lang::En);
    assert!(
        message.contains("postgres://desk:***@127.0.0.1:1/kashidashi"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
    assert!(
        message.contains("Connection refused"),
        "the cause, not only the kind: {message}"
    );
}
