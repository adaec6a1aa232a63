//! `kashidashi backup` (issue 12): a consistent copy of an SQLite library while a desk writes,
//! readable by its owner only, never over an existing file; a PostgreSQL library is refused by
//! name (pg_dump is its tool).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::sync::Barrier;

use common::*;
use kashidashi_core::Library;

/// Backup is of SQLite files: these tests use a file whatever engine the suite runs on.
fn sqlite_library() -> Desk {
    let db = TestDb::sqlite("k.db");
    let lib = Library::init(&db.target, "kyoto", on("2026-04-01")).unwrap();
    Desk { lib, db }
}

fn count(lib: &Library, sql: &str) -> u32 {
    lib.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sqlite_backup_while_a_desk_lends_and_takes_back_is_a_sound_copy() {
    let mut d = sqlite_library();
    d.patron("2000000019", "京都 花子");
    for n in 1..=10 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    let start = Barrier::new(2);
    let copies: Vec<_> = (0..6)
        .map(|i| d.db.dir.path().join(format!("copy-{i}.db")))
        .collect();
    std::thread::scope(|s| {
        let target = d.db.target.clone();
        let start = &start;
        s.spawn(move || {
            let mut desk = Library::open(target).unwrap();
            let c = card(&desk, "2000000019");
            start.wait();
            for n in 1..=10 {
                let b = item(&desk, &format!("10000000{n:02}"));
                desk.checkout(&actor("counter", "2026-04-01"), &c, &b, false)
                    .unwrap();
            }
            for n in 1..=10 {
                let b = item(&desk, &format!("10000000{n:02}"));
                desk.checkin(&actor("counter", "2026-04-07"), &b, None, false)
                    .unwrap();
            }
        });
        start.wait();
        for out in &copies[..5] {
            d.lib.backup(out).unwrap();
        }
    });
    d.lib.backup(&copies[5]).unwrap();

    for out in &copies {
        let mode = std::fs::metadata(out).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode,
            0o600,
            "{}: the patrons' data, for its owner only",
            out.display()
        );
        let copy = Library::open(out.as_path()).unwrap();
        assert_eq!(
            copy.check_invariants().unwrap(),
            Vec::<String>::new(),
            "{}: one moment of the library, no half-done loan",
            out.display()
        );
        let loans = count(&copy, "SELECT count(*) FROM loans");
        assert!(loans <= 10, "{loans}");
    }
    let last = Library::open(copies[5].as_path()).unwrap();
    assert_eq!(count(&last, "SELECT count(*) FROM patrons"), 1);
    assert_eq!(count(&last, "SELECT count(*) FROM items"), 10);
    assert_eq!(
        count(
            &last,
            "SELECT count(*) FROM loans WHERE returned_on IS NULL"
        ),
        0,
        "made after the desk finished: every copy back"
    );
    assert_eq!(
        count(&last, "SELECT count(*) FROM loans"),
        count(&d.lib, "SELECT count(*) FROM loans")
    );
}

#[test]
fn sqlite_backup_never_overwrites_a_file() {
    let d = sqlite_library();
    let out = d.db.dir.path().join("yesterday.db");
    std::fs::write(&out, "昨日のバックアップ").unwrap();
    let e = d.lib.backup(&out).unwrap_err();
    assert_eq!(e.code(), "store.backup_exists");
    assert!(
        e.message(kashidashi_core::Lang::En)
            .contains("yesterday.db")
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "昨日のバックアップ");
}

#[test]
fn backup_copies_a_file_library_and_refuses_a_server_by_name() {
    let d = library("kyoto");
    let out = d.db.dir.path().join("backup.db");
    let result = d.lib.backup(&out);
    if d.db.is_postgres() {
        let e = result.unwrap_err();
        assert_eq!(e.code(), "store.backup_server");
        assert!(e.message(kashidashi_core::Lang::Ja).contains("pg_dump"));
        assert!(!out.exists(), "nothing written");
    } else {
        result.unwrap();
        let copy = Library::open(out.as_path()).unwrap();
        assert_eq!(copy.policy().profile_name, "kyoto");
        assert_eq!(copy.check_invariants().unwrap(), Vec::<String>::new());
    }
}
