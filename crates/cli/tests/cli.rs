//! The `kashidashi` command as scripts use it: exit codes, one JSON object, Japanese by default,
//! and nothing changed by a refused or invalid command.

mod common;

use std::process::Command;

use common::TestDb;
use serde_json::Value;

struct Run {
    code: i32,
    json: Value,
}

fn kashidashi(db: &TestDb, args: &[&str]) -> Run {
    let now: &[&str] = if args.contains(&"--now") {
        &[]
    } else {
        &["--now", "2026-05-01"]
    };
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(now)
        .args(args)
        .env_remove("KASHIDASHI_DESK")
        .env_remove("KASHIDASHI_STAFF")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        1,
        "exactly one JSON object: {stdout}"
    );
    Run {
        code: out.status.code().unwrap(),
        json: serde_json::from_str(&stdout).unwrap(),
    }
}

fn hokkaido() -> TestDb {
    let db = TestDb::new("h.db");
    assert_eq!(kashidashi(&db, &["init", "--profile", "hokkaido"]).code, 0);
    db
}

/// Every row, and on SQLite the file's bytes as well: a clean close checkpoints the WAL into
/// the file, so the file holds every change.
fn contents(db: &TestDb) -> (Vec<String>, Option<Vec<u8>>) {
    let bytes = db.target.file().map(|f| std::fs::read(f).unwrap());
    (common::rows(db), bytes)
}

#[test]
fn diet_room_calendar_over_the_year_end_shows_the_closure_and_only_tuesday_thursday_duty() {
    let db = hokkaido();
    let r = kashidashi(
        &db,
        &[
            "calendar",
            "show",
            "--desk",
            "diet",
            "--from",
            "2026-12-28",
            "--to",
            "2027-01-05",
        ],
    );
    assert_eq!(r.code, 0);
    let days = r.json["days"].as_array().unwrap();
    assert_eq!(days.len(), 9);
    let open: Vec<&str> = days
        .iter()
        .filter(|d| d["open"] == true)
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(open, vec!["2026-12-28", "2027-01-04", "2027-01-05"]);
    let duty: Vec<&str> = days
        .iter()
        .filter(|d| d["duty"] == true)
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(duty, vec!["2027-01-05"]);
    assert_eq!(days[1]["closure"], "年末年始");
}

#[test]
fn bad_input_exits_2_refusals_exit_3_and_neither_changes_the_database() {
    let db = hokkaido();
    assert_eq!(
        kashidashi(
            &db,
            &[
                "patron",
                "register",
                "--card",
                "2000000019",
                "--name",
                "山田 太郎"
            ]
        )
        .code,
        0
    );
    assert_eq!(
        kashidashi(
            &db,
            &[
                "item",
                "add",
                "--barcode",
                "1000000017",
                "--title",
                "国語辞典",
                "--loan-type",
                "reference"
            ]
        )
        .code,
        0
    );
    let before = contents(&db);

    let r = kashidashi(
        &db,
        &["checkout", "--card", "1000000017", "--item", "1000000017"],
    );
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("scan.expected_card"))
    );
    let r = kashidashi(
        &db,
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (3, Some("checkout.not_loanable"))
    );
    assert_eq!(r.json["error"]["rule"], "C5");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("禁帯")
    );
    let r = kashidashi(
        &db,
        &[
            "patron",
            "set-email",
            "--card",
            "2000000019",
            "--email",
            "taro.@example.jp",
        ],
    );
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("email.dot_before_at"))
    );
    let r = kashidashi(&db, &["--now", "2026-13-01", "scan", "2000000019"]);
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("input.bad_date"))
    );
    let r = kashidashi(&db, &["checkout", "--card", "2000000019"]);
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("input.usage")),
        "a missing flag, in JSON too"
    );
    assert_eq!(
        contents(&db),
        before,
        "refused and invalid commands leave the database as it was"
    );
}

#[test]
fn lang_en_gives_english_messages() {
    let db = hokkaido();
    let r = kashidashi(&db, &["--lang", "en", "scan", "１２３"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.json["error"]["message"],
        "\"123\" is neither a patron card nor an item barcode."
    );
}

#[test]
fn sqlite_a_file_that_is_not_a_database_is_named_and_left_alone() {
    let db = TestDb::sqlite("memo.db");
    let path = db.target.file().unwrap();
    std::fs::write(path, "貸出メモ\n".repeat(100)).unwrap();
    let r = kashidashi(&db, &["desk", "list"]);
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("store.not_a_database"))
    );
    assert_eq!(
        std::fs::read(path).unwrap(),
        "貸出メモ\n".repeat(100).into_bytes()
    );
}

#[test]
fn a_shift_jis_csv_file_imports_and_a_bad_one_names_every_row() {
    let db = hokkaido();
    let dir = &db.dir;
    let good = dir.path().join("items.csv");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("barcode,title,author,loan-type\n1000000017,坊っちゃん,夏目漱石,normal\n1000000025,こころ,夏目漱石,short\n");
    std::fs::write(&good, &sjis).unwrap();
    let r = kashidashi(&db, &["import", "items", good.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.json);
    assert_eq!(r.json["imported"]["items"], 2);
    let r = kashidashi(&db, &["item", "show", "--barcode", "1000000025"]);
    assert_eq!(
        (
            r.json["item"]["title"].as_str(),
            r.json["item"]["status_label"].as_str()
        ),
        (Some("こころ"), Some("短縮"))
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "barcode,title\n1000000033,よい本\n99,悪い番号\n1000000041,\n",
    )
    .unwrap();
    let r = kashidashi(&db, &["import", "items", bad.to_str().unwrap()]);
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (2, Some("import.bad_rows"))
    );
    let rows: Vec<(u64, &str)> = r.json["error"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["line"].as_u64().unwrap(), x["column"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, vec![(3, "barcode"), (4, "title")]);
    assert_eq!(
        kashidashi(&db, &["item", "show", "--barcode", "1000000033"]).code,
        2,
        "the good row was not imported"
    );
}

#[test]
fn checkin_reports_the_trap_and_delivery_carrier_the_size_class() {
    let db = hokkaido();
    kashidashi(
        &db,
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
        ],
    );
    kashidashi(
        &db,
        &[
            "patron",
            "register",
            "--card",
            "2000000027",
            "--name",
            "佐藤 花子",
        ],
    );
    kashidashi(
        &db,
        &[
            "item",
            "add",
            "--barcode",
            "1000000017",
            "--title",
            "坊っちゃん",
        ],
    );
    assert_eq!(
        kashidashi(
            &db,
            &["checkout", "--card", "2000000019", "--item", "1000000017"]
        )
        .code,
        0
    );
    let r = kashidashi(
        &db,
        &[
            "hold",
            "place",
            "--card",
            "2000000027",
            "--item",
            "1000000017",
            "--pickup",
            "general",
        ],
    );
    assert_eq!(r.json["hold"]["position"], 1);
    let r = kashidashi(&db, &["checkin", "--item", "1000000017"]);
    assert_eq!(r.json["trapped"]["route"], "shelf");
    assert_eq!(r.json["trapped"]["available_from"], "2026-05-02");
    let r = kashidashi(
        &db,
        &[
            "delivery",
            "carrier",
            "--size-cm",
            "40,30,10",
            "--weight-g",
            "3000",
        ],
    );
    assert_eq!(
        (r.json["carrier"].as_str(), r.json["size_class"].as_u64()),
        (Some("yu-pack"), Some(80))
    );
    let r = kashidashi(
        &db,
        &[
            "delivery",
            "carrier",
            "--size-cm",
            "34,25,3",
            "--weight-g",
            "1000",
        ],
    );
    assert_eq!(r.json["carrier"], "yu-mail");
    let r = kashidashi(
        &db,
        &[
            "delivery",
            "carrier",
            "--size-cm",
            "100,50,40",
            "--weight-g",
            "1000",
        ],
    );
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (3, Some("delivery.too_large"))
    );
}
