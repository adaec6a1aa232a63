//! `patron edit` and the C22 commands as scripts use them: edit changes only the flags given
//! (defect 8 of issue 9), suspension and card replacement refuse by name with exit 3.

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

fn hokkaido_with_taro() -> TestDb {
    let db = TestDb::new("h.db");
    assert_eq!(
        k(&db, "2026-04-01", &["init", "--profile", "hokkaido"]).code,
        0
    );
    let r = k(
        &db,
        "2026-04-01",
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
            "--kana",
            "ヤマダ タロウ",
            "--birth",
            "2001-05-03",
            "--email",
            "taro@example.jp",
            "--postal-code",
            "069-0834",
            "--address",
            "江別市文京台東町41",
            "--phone",
            "011-386-8521",
            "--residence",
            "resident",
            "--partner",
            "ebetsu,sapporo",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    db
}

#[test]
fn patron_edit_changes_only_the_fields_given() {
    let db = hokkaido_with_taro();
    // The patron moved within Ebetsu and married: name and address change, nothing else.
    let r = k(
        &db,
        "2026-05-12",
        &[
            "patron",
            "edit",
            "--card",
            "2000000019",
            "--name",
            "佐藤 太郎",
            "--address",
            "江別市大麻東町1",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    let p = &k(
        &db,
        "2026-05-12",
        &["patron", "show", "--card", "2000000019"],
    )
    .json["patron"];
    assert_eq!(p["name"], "佐藤 太郎");
    assert_eq!(p["address"], "江別市大麻東町1");
    assert_eq!(p["kana"], "ヤマダ タロウ");
    assert_eq!(p["email"], "taro@example.jp");
    assert_eq!(p["birth_date"], "2001-05-03");
    assert_eq!(p["postal_code"], "069-0834");
    assert_eq!(p["phone"], "011-386-8521");
    assert_eq!(p["residence"], "resident");
    assert_eq!(p["partners"], json!(["ebetsu", "sapporo"]));

    // An empty value clears that field only; partners and the history consent change alone.
    let r = k(
        &db,
        "2026-05-12",
        &[
            "patron",
            "edit",
            "--card",
            "2000000019",
            "--phone",
            "",
            "--partner",
            "asahikawa",
            "--keep-history",
            "on",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    let p = &r.json["patron"];
    assert_eq!(p["phone"], Value::Null);
    assert_eq!(p["partners"], json!(["asahikawa"]));
    assert_eq!(p["keep_history"], true);
    assert_eq!(p["email"], "taro@example.jp");
    assert_eq!(p["name"], "佐藤 太郎");

    // A bad value is refused and changes nothing.
    let r = k(
        &db,
        "2026-05-12",
        &[
            "patron",
            "edit",
            "--card",
            "2000000019",
            "--postal-code",
            "069-083",
        ],
    );
    assert_eq!(r.code, 2);
    let p = &k(
        &db,
        "2026-05-12",
        &["patron", "show", "--card", "2000000019"],
    )
    .json["patron"];
    assert_eq!(p["postal_code"], "069-0834");
}

#[test]
fn suspension_and_a_replaced_card_refuse_by_name() {
    let db = hokkaido_with_taro();
    k(
        &db,
        "2026-04-01",
        &[
            "item",
            "add",
            "--barcode",
            "1000000017",
            "--title",
            "北の本",
        ],
    );
    let r = k(
        &db,
        "2026-04-08",
        &[
            "patron",
            "suspend",
            "--card",
            "2000000019",
            "--reason",
            "延滞資料の未返却",
            "--until",
            "2026-04-20",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    assert_eq!(r.json["patron"]["suspension"]["until"], "2026-04-20");
    let r = k(
        &db,
        "2026-04-10",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    assert_eq!(r.code, 3);
    assert_eq!(r.json["error"]["code"], "patron.suspended");
    assert_eq!(r.json["error"]["rule"], "C22");
    let msg = r.json["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("2026-04-20") && msg.contains("延滞資料の未返却"),
        "{msg}"
    );
    let r = k(
        &db,
        "2026-04-10",
        &["patron", "resume", "--card", "2000000019"],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    let r = k(
        &db,
        "2026-04-10",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    assert_eq!(r.code, 0, "{}", r.json);

    let r = k(
        &db,
        "2026-04-14",
        &[
            "patron",
            "replace-card",
            "--card",
            "2000000019",
            "--new-card",
            "2000000043",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.json);
    assert_eq!(r.json["patron"]["card"], "2000000043");
    let r = k(
        &db,
        "2026-04-14",
        &["patron", "show", "--card", "2000000019"],
    );
    assert_eq!(
        (r.code, r.json["error"]["code"].as_str()),
        (3, Some("patron.card_replaced"))
    );
    let r = k(
        &db,
        "2026-04-14",
        &["patron", "show", "--card", "2000000043"],
    );
    assert_eq!(r.json["loans"][0]["item"], "1000000017", "{}", r.json);
}
