//! Safe by default (issue 10): the files the command leaves are its owner's alone, it never
//! overwrites or destroys what it was not asked to, bad input is refused by name, and a read
//! never waits behind a writer.

mod common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestDb;
use kashidashi_core::store::{Connection, Target, TransactionBehavior};
use serde_json::Value;

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

/// The command as a script runs it, under the usual umask 022 (which would leave new files
/// readable by everyone).
fn kashidashi(db: &str, now: &str, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .args(["-c", "umask 022; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_kashidashi"))
        .args(["--db", db, "--json", "--now", now])
        .args(args)
        .env_remove("KASHIDASHI_DESK")
        .env_remove("KASHIDASHI_STAFF")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    Run {
        code: out.status.code().unwrap(),
        json: serde_json::from_str(&stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(db: &TestDb, args: &[&str]) -> Value {
    let r = kashidashi(&db.arg(), "2026-04-01", args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.json);
    r.json
}

fn refused(db: &TestDb, now: &str, args: &[&str]) -> (i32, String) {
    let r = kashidashi(&db.arg(), now, args);
    (
        r.code,
        r.json["error"]["code"].as_str().unwrap().to_string(),
    )
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

fn file(db: &TestDb, name: &str) -> PathBuf {
    db.dir.path().join(name)
}

fn arg(path: &Path) -> String {
    path.display().to_string()
}

/// A library with one patron and one copy.
fn hokkaido(db: &TestDb) {
    ok(db, &["init", "--profile", "hokkaido"]);
    ok(
        db,
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
        ],
    );
    ok(
        db,
        &[
            "item",
            "add",
            "--barcode",
            "1000000017",
            "--title",
            "北海道の歴史",
        ],
    );
}

#[test]
fn sqlite_a_new_library_its_folder_wal_and_shm_are_for_the_owner_only_under_umask_022() {
    let db = TestDb::sqlite("unused.db");
    let folder = file(&db, "library");
    let path = folder.join("k.db");
    let r = kashidashi(
        &arg(&path),
        "2026-04-01",
        &["init", "--profile", "hokkaido"],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    assert_eq!(mode(&folder), 0o700, "the folder the library was put in");
    assert_eq!(mode(&path), 0o600, "the database");
    // A desk keeps the library open, so the WAL and its index stay while a command writes.
    let desk = Connection::open(&Target::File(path.clone())).unwrap();
    let r = kashidashi(
        &arg(&path),
        "2026-04-01",
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    for side in ["k.db-wal", "k.db-shm"] {
        assert_eq!(mode(&folder.join(side)), 0o600, "{side}");
    }
    drop(desk);
}

#[test]
fn slips_reports_and_their_csv_are_for_the_owner_only_under_umask_022() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    let slip = file(&db, "reset.pdf");
    ok(
        &db,
        &[
            "patron",
            "reset-password",
            "--card",
            "2000000019",
            "--slip",
            &arg(&slip),
        ],
    );
    let (pdf, csv) = (file(&db, "shelf.pdf"), file(&db, "shelf.csv"));
    ok(
        &db,
        &[
            "report",
            "hold-shelf",
            "--desk",
            "general",
            "--out",
            &arg(&pdf),
            "--csv",
            &arg(&csv),
        ],
    );
    for f in [&slip, &pdf, &csv] {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
}

#[test]
fn a_slip_never_overwrites_a_file_nor_writes_through_a_symlink() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    let kept = file(&db, "minutes.txt");
    std::fs::write(&kept, "会議録").unwrap();
    let link = file(&db, "link.pdf");
    symlink(&kept, &link).unwrap();
    let dangling = file(&db, "dangling.pdf");
    let nowhere = file(&db, "created-through-the-link.pdf");
    symlink(&nowhere, &dangling).unwrap();
    for slip in [&kept, &link, &dangling] {
        let (code, error) = refused(
            &db,
            "2026-04-02",
            &[
                "patron",
                "reset-password",
                "--card",
                "2000000019",
                "--slip",
                &arg(slip),
            ],
        );
        assert_eq!(
            (code, error.as_str()),
            (2, "file.exists"),
            "{}",
            slip.display()
        );
    }
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "会議録");
    assert_eq!(std::fs::read_link(&link).unwrap(), kept, "the link stays");
    assert_eq!(std::fs::read_link(&dangling).unwrap(), nowhere);
    assert!(!nowhere.exists(), "nothing made through a dangling link");
    // A refused action still removes only the new slip it made.
    let (code, error) = refused(
        &db,
        "2026-04-02",
        &["checkin", "--item", "1999999999", "--slip", &arg(&kept)],
    );
    assert_eq!((code, error.as_str()), (2, "file.exists"));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "会議録");
}

#[test]
fn sqlite_an_empty_file_given_as_db_is_left_untouched() {
    let db = TestDb::sqlite("empty.db");
    let path = file(&db, "empty.db");
    std::fs::write(&path, b"").unwrap();
    for args in [
        &["desk", "list"][..],
        &["patron", "show", "--card", "2000000019"],
    ] {
        let r = kashidashi(&arg(&path), "2026-04-01", args);
        assert_eq!(
            (r.code, r.json["error"]["code"].as_str()),
            (2, Some("store.not_initialized")),
            "{}",
            r.json
        );
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    assert!(!file(&db, "empty.db-wal").exists() && !file(&db, "empty.db-shm").exists());
}

#[test]
fn dates_outside_1900_to_2200_are_refused_and_change_nothing() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    let before = common::rows(&db);
    for (now, args) in [
        (
            "9999-12-28",
            &[
                "hold",
                "place",
                "--card",
                "2000000019",
                "--item",
                "1000000017",
                "--pickup",
                "general",
            ][..],
        ),
        (
            "2026-04-01",
            &[
                "calendar",
                "close",
                "--desk",
                "general",
                "--date",
                "9999-01-04",
                "--reason",
                "点検",
            ][..],
        ),
        (
            "2026-04-01",
            &[
                "patron",
                "register",
                "--card",
                "2000000027",
                "--name",
                "佐藤 花子",
                "--birth",
                "1899-12-31",
            ][..],
        ),
    ] {
        assert_eq!(
            refused(&db, now, args),
            (2, "input.date_out_of_range".to_string()),
            "{args:?}"
        );
    }
    assert_eq!(common::rows(&db), before);
}

#[test]
fn a_50_kb_patron_search_and_a_title_with_control_characters_are_refused_by_name() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    let before = common::rows(&db);
    let query = "山".repeat(50 * 1024 / 3);
    assert_eq!(
        refused(&db, "2026-04-01", &["patron", "search", &query]),
        (2, "input.too_long".to_string())
    );
    for title in ["題\u{1b}[2J名", "一行目\n二行目"] {
        assert_eq!(
            refused(
                &db,
                "2026-04-01",
                &["item", "add", "--barcode", "1000000025", "--title", title]
            ),
            (2, "input.control_character".to_string()),
            "{title:?}"
        );
    }
    assert_eq!(common::rows(&db), before);
}

/// One MARC record whose leader puts the data before the directory: the `marc` crate slices
/// `24..10` and panics.
const PANICKING_MARC: &[u8] = b"00026nam a2200010   4500\x1e\x1d";

#[test]
fn a_marc_record_that_panics_the_parser_is_one_coded_error_and_nothing_on_stderr() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    let before = common::rows(&db);
    let marc = file(&db, "damaged.mrc");
    std::fs::write(&marc, PANICKING_MARC).unwrap();
    let r = kashidashi(&db.arg(), "2026-04-01", &["import", "marc", &arg(&marc)]);
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("import.marc")),
        "{}",
        r.json
    );
    assert_eq!(r.stderr, "", "no panic message");
    assert_eq!(common::rows(&db), before);
}

/// The frames of an SQLite WAL file: (page number, page bytes).
fn wal_frames(wal: &Path) -> Vec<(u32, Vec<u8>)> {
    let bytes = std::fs::read(wal).unwrap_or_default();
    if bytes.len() < 32 {
        return Vec::new();
    }
    let page = u32::from_be_bytes(bytes[8..12].try_into().unwrap()) as usize;
    bytes[32..]
        .chunks_exact(24 + page)
        .map(|f| {
            (
                u32::from_be_bytes(f[..4].try_into().unwrap()),
                f[24..].to_vec(),
            )
        })
        .collect()
}

#[test]
fn sqlite_after_a_return_the_wal_keeps_no_patron_even_while_a_desk_holds_the_library_open() {
    let db = TestDb::sqlite("k.db");
    hokkaido(&db);
    let desk = Connection::open(&db.target).unwrap();
    ok(
        &db,
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    let wal = file(&db, "k.db-wal");
    assert!(wal.exists(), "the desk keeps the WAL");
    ok(&db, &["checkin", "--item", "1000000017"]);
    let frames = wal_frames(&wal);
    let card = b"2000000019";
    let with_patron = frames
        .iter()
        .filter(|(_, page)| page.windows(card.len()).any(|w| w == card))
        .count();
    assert_eq!(
        (frames.len(), with_patron),
        (0, 0),
        "frames left in the WAL after the return, and frames naming the patron"
    );
    drop(desk);
}

#[test]
fn sqlite_reads_do_not_wait_behind_a_writer() {
    let db = TestDb::sqlite("k.db");
    hokkaido(&db);
    let mut writer = Connection::open(&db.target).unwrap();
    let tx = writer
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "INSERT INTO audit (at, staff_id, action, subject) VALUES ('2026-04-01', 'admin', 'import', 'long')",
        [],
    )
    .unwrap();
    let report = file(&db, "shelf.pdf");
    for args in [
        &["desk", "list"][..],
        &["scan", "1000000017"],
        &["patron", "show", "--card", "2000000019"],
        &[
            "report",
            "hold-shelf",
            "--desk",
            "general",
            "--out",
            &arg(&report),
        ],
    ] {
        let r = kashidashi(&db.arg(), "2026-04-01", args);
        assert_eq!(
            r.code, 0,
            "{args:?} while a writer holds the lock: {}",
            r.json
        );
    }
    drop(tx);
}

#[test]
fn bench_runs_on_a_copy_and_leaves_the_library_as_it_was() {
    let db = TestDb::new("k.db");
    hokkaido(&db);
    // What one sample of each action needs: a patron with nothing out (山田), a copy on the
    // shelf, a loan with a hold waiting behind it, and a title with every copy out.
    for (card, name) in [("2000000027", "佐藤 花子"), ("2000000035", "鈴木 一郎")] {
        ok(&db, &["patron", "register", "--card", card, "--name", name]);
    }
    for (barcode, title) in [("1000000025", "こころ"), ("1000000033", "三四郎")] {
        ok(
            &db,
            &["item", "add", "--barcode", barcode, "--title", title],
        );
        ok(
            &db,
            &["checkout", "--card", "2000000027", "--item", barcode],
        );
    }
    ok(
        &db,
        &[
            "hold",
            "place",
            "--card",
            "2000000035",
            "--item",
            "1000000025",
            "--pickup",
            "general",
        ],
    );
    let before = common::rows(&db);
    let r = kashidashi(&db.arg(), "2026-04-01", &["bench", "--samples", "1"]);
    assert_eq!(r.code, 0, "{}", r.json);
    let measured: Vec<(String, u64)> = r.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["action"].as_str().unwrap().to_string(),
                s["n"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        measured.iter().all(|(_, n)| *n >= 1),
        "every action was measured: {measured:?}"
    );
    assert!(common::rows(&db) == before, "the library did not change");
}

#[test]
fn sqlite_the_nightly_job_removes_password_slips_at_once_and_other_prints_after_a_day() {
    let db = TestDb::sqlite("k.db");
    hokkaido(&db);
    let prints = file(&db, "prints");
    std::fs::create_dir(&prints).unwrap();
    let names = [
        "temporary-password-20260401T100000-0.pdf",
        "receipt-20260330T100000-0.pdf",
        "hold-slip-20260330T100000-0.pdf",
        "receipt-20260401T095000-0.pdf",
    ];
    for n in names {
        std::fs::write(prints.join(n), b"%PDF").unwrap();
    }
    for old in &names[1..3] {
        let status = Command::new("touch")
            .args(["-d", "2 days ago"])
            .arg(prints.join(old))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let r = ok(&db, &["shelf", "expire"]);
    assert_eq!(r["prints_removed"], 3, "{r}");
    let left: Vec<String> = std::fs::read_dir(&prints)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec![names[3].to_string()],
        "this morning's receipt stays"
    );
}
