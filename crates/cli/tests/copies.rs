//! `item mark` and `stocktake` as scripts use them (CLI.md, RULES.md C21): the JSON of each, a
//! refused checkout of a lost copy, a card scanned at the shelves, and a sound database after.

mod common;

use std::process::Command;

use common::TestDb;
use serde_json::{Value, json};

struct Run {
    code: i32,
    json: Value,
}

fn k(db: &TestDb, now: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", now])
        .args(args)
        .env_remove("KASHIDASHI_DESK")
        .env_remove("KASHIDASHI_STAFF")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    }
}

fn ok(db: &TestDb, now: &str, args: &[&str]) -> Value {
    let r = k(db, now, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.json);
    r.json
}

fn library() -> TestDb {
    let db = TestDb::new("c.db");
    ok(&db, "2026-04-01", &["init", "--profile", "hokkaido"]);
    ok(
        &db,
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
    for (b, t, c) in [
        ("1000000017", "坊っちゃん", "913.6/ナ"),
        ("1000000025", "雪国", "913.6/カ"),
        ("1000000033", "羅生門", "913.6/ア"),
    ] {
        ok(
            &db,
            "2026-04-01",
            &[
                "item",
                "add",
                "--barcode",
                b,
                "--title",
                t,
                "--call-number",
                c,
            ],
        );
    }
    db
}

#[test]
fn item_mark_answers_the_item_with_its_c21_label_and_a_lost_copy_is_refused_by_name() {
    let db = library();
    ok(
        &db,
        "2026-04-01",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    let r = ok(
        &db,
        "2026-04-10",
        &[
            "item",
            "mark",
            "--barcode",
            "1000000017",
            "--as",
            "lost",
            "--note",
            "利用者申告",
        ],
    );
    assert_eq!(r["item"]["status"], "lost");
    assert_eq!(r["item"]["status_label"], "紛失");
    assert_eq!(r["item"]["state_since"], "2026-04-10");
    assert_eq!(r["item"]["state_note"], "利用者申告");

    let r = k(
        &db,
        "2026-04-11",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    assert_eq!(r.code, 3);
    assert_eq!(r.json["error"]["code"], "item.lost");
    assert_eq!(r.json["error"]["rule"], "C21");

    let r = k(
        &db,
        "2026-04-11",
        &["item", "mark", "--barcode", "1000000025", "--as", "stolen"],
    );
    assert_eq!(r.code, 2, "{}", r.json);
    assert_eq!(r.json["error"]["code"], "input.bad_value");

    let r = ok(
        &db,
        "2026-04-11",
        &[
            "item",
            "mark",
            "--barcode",
            "1000000017",
            "--as",
            "available",
        ],
    );
    assert_eq!(r["item"]["status_label"], "在庫");
    ok(&db, "2026-04-11", &["check"]);
}

#[test]
fn a_stocktaking_through_the_command_lists_the_copy_not_seen() {
    let db = library();
    let id = ok(
        &db,
        "2026-06-02",
        &["stocktake", "start", "--collection", "general"],
    )["id"]
        .as_i64()
        .unwrap();
    let id = id.to_string();
    let scan = |b: &str| {
        k(
            &db,
            "2026-06-02",
            &["stocktake", "scan", "--id", &id, "--item", b],
        )
    };

    let r = scan("1000000017");
    assert_eq!(r.code, 0, "{}", r.json);
    assert_eq!(r.json["first"], true);
    assert_eq!(
        scan("1000000017").json["first"],
        false,
        "a double scan is harmless"
    );
    scan("1000000033");
    // A patron card read at the shelves is refused by name and changes nothing.
    let before = common::rows(&db);
    let r = scan("2000000019");
    assert_eq!(r.code, 2);
    assert_eq!(r.json["error"]["code"], "scan.expected_item");
    assert_eq!(common::rows(&db), before);

    let r = ok(&db, "2026-06-05", &["stocktake", "finish", "--id", &id]);
    assert_eq!(
        r["missing"],
        json!([{"barcode": "1000000025", "title": "雪国", "call_number": "913.6/カ"}])
    );
    assert_eq!(r["scanned"], 2);
    let shown = ok(
        &db,
        "2026-06-05",
        &["item", "show", "--barcode", "1000000025"],
    );
    assert_eq!(shown["item"]["status_label"], "不明");
    ok(&db, "2026-06-05", &["check"]);
}
