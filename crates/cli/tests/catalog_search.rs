//! `item search` and `import marc` as scripts use them, with the real LC records of
//! `../shared/reference/marc-ja/` read at their path.

mod common;

use std::process::Command;

use common::TestDb;
use serde_json::Value;

fn kashidashi(db: &TestDb, args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", "2026-04-01"])
        .args(args)
        .env_remove("KASHIDASHI_DESK")
        .env_remove("KASHIDASHI_STAFF")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}")),
    )
}

#[test]
fn a_romanized_search_finds_the_japanese_title_imported_from_marc_880() {
    let db = TestDb::new("m.db");
    assert_eq!(kashidashi(&db, &["init", "--profile", "hokkaido"]).0, 0);
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/marc-ja/traject-test_data-kubo-sakae.mrc"
    );
    let (code, json) = kashidashi(&db, &["import", "marc", file]);
    assert_eq!(code, 0, "{json}");
    let (code, json) = kashidashi(&db, &["item", "search", "Kazanbaichi"]);
    assert_eq!(code, 0, "{json}");
    let found: Vec<(&str, &str)> = json["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["title"].as_str().unwrap(), t["author"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("久保栄 「火山灰地」 を読む", "吉田一"),
            ("久保栄「火山灰地」を読む", "吉田一")
        ]
    );
    assert_eq!(
        json["titles"][0]["romanized"].as_str(),
        Some("Kubo Sakae \"Kazanbaichi\" o yomu / Yoshida, Hajime")
    );
    let (code, json) = kashidashi(&db, &["item", "search", "存在しない書名"]);
    assert_eq!(
        (code, json["titles"].as_array().map(Vec::len)),
        (0, Some(0))
    );
}
