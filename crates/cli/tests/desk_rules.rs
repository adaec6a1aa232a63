//! The rules of the desk year through the command, as scripts use it: a cancelled delivery run
//! (H14), closed days (C23), the Diet room's duty days (H15) and the book drop (H11).

mod common;

use std::process::Command;

use common::TestDb;
use serde_json::Value;

struct Run {
    code: i32,
    json: Value,
}

fn k(db: &TestDb, now: &str, desk: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", now, "--desk", desk])
        .args(args)
        .env_remove("KASHIDASHI_STAFF")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    }
}

fn ok(db: &TestDb, now: &str, desk: &str, args: &[&str]) -> Value {
    let r = k(db, now, desk, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.json);
    r.json
}

fn refused(db: &TestDb, now: &str, desk: &str, args: &[&str]) -> Value {
    let r = k(db, now, desk, args);
    assert_eq!(r.code, 3, "{args:?}: {}", r.json);
    r.json["error"].clone()
}

/// A Hokkaido library with 山田 (…19, registered at Ebetsu) and 佐藤 (…27), and 坊っちゃん
/// (…17) and こころ (…25).
fn library() -> TestDb {
    let db = TestDb::new("h.db");
    let g = "general";
    ok(&db, "2026-04-01", g, &["init", "--profile", "hokkaido"]);
    ok(
        &db,
        "2026-04-01",
        g,
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
            "--email",
            "taro@example.jp",
            "--partner",
            "ebetsu",
        ],
    );
    ok(
        &db,
        "2026-04-01",
        g,
        &[
            "patron",
            "register",
            "--card",
            "2000000027",
            "--name",
            "佐藤 花子",
        ],
    );
    for (b, t) in [("1000000017", "坊っちゃん"), ("1000000025", "こころ")] {
        ok(
            &db,
            "2026-04-01",
            g,
            &["item", "add", "--barcode", b, "--title", t],
        );
    }
    db
}

#[test]
fn h14_a_cancelled_run_moves_the_secured_copy_off_its_delivery_run_report() {
    let db = library();
    let dir = &db.dir;
    let g = "general";
    ok(
        &db,
        "2026-04-01",
        g,
        &["checkout", "--card", "2000000027", "--item", "1000000017"],
    );
    ok(
        &db,
        "2026-04-02",
        g,
        &[
            "hold",
            "place",
            "--card",
            "2000000019",
            "--item",
            "1000000017",
            "--pickup",
            "ebetsu",
            "--notify",
            "email",
        ],
    );
    let out = ok(&db, "2026-04-08", g, &["checkin", "--item", "1000000017"]);
    assert_eq!(out["trapped"]["delivery_run"], "2026-04-10");
    let out = ok(
        &db,
        "2026-04-09",
        "ebetsu",
        &[
            "calendar",
            "delivery-run",
            "--date",
            "2026-04-10",
            "--set",
            "off",
            "--reason",
            "車両点検",
        ],
    );
    assert_eq!(out["day"]["delivery_run"], false);
    let moved = &out["rescheduled"][0];
    assert_eq!(moved["before"]["delivery_run"], "2026-04-10");
    assert_eq!(moved["after"]["delivery_run"], "2026-04-14");
    assert_eq!(moved["after"]["available_from"], "2026-04-16");
    assert_eq!(moved["after"]["expires_on"], "2026-04-26");
    assert_eq!(moved["notice_queued"], true);
    let holds = ok(
        &db,
        "2026-04-09",
        "ebetsu",
        &["hold", "list", "--card", "2000000019"],
    );
    assert_eq!(holds["holds"][0]["delivery_run"], "2026-04-14");
    let csv = |run: &str| {
        let out = dir.path().join(format!("run-{run}.csv"));
        ok(
            &db,
            "2026-04-09",
            "ebetsu",
            &[
                "report",
                "delivery-run",
                "--date",
                run,
                "--out",
                dir.path().join(format!("run-{run}.pdf")).to_str().unwrap(),
                "--csv",
                out.to_str().unwrap(),
            ],
        );
        String::from_utf8(std::fs::read(out).unwrap()).unwrap()
    };
    assert!(!csv("2026-04-10").contains("1000000017"));
    assert!(csv("2026-04-14").contains("1000000017"));
    let slip = dir.path().join("slip.pdf");
    let id = holds["holds"][0]["id"].as_i64().unwrap().to_string();
    ok(
        &db,
        "2026-04-09",
        g,
        &["slip", "hold", "--id", &id, "--out", slip.to_str().unwrap()],
    );
    assert!(std::fs::read(&slip).unwrap().starts_with(b"%PDF"));
}

#[test]
fn c23_h15_closed_days_and_duty_days_refuse_by_name_and_supervisors_override() {
    let db = library();
    // Mon 4/13: the main library is closed.
    let e = refused(
        &db,
        "2026-04-13",
        "general",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    assert_eq!(
        (&e["code"], &e["rule"], &e["overridable"]),
        (&"desk.closed".into(), &"C23".into(), &true.into())
    );
    ok(
        &db,
        "2026-04-13",
        "general",
        &[
            "checkout",
            "--card",
            "2000000019",
            "--item",
            "1000000017",
            "--override",
        ],
    );
    // Wed 4/8 in the Diet room: open, no library staff to register.
    let register = [
        "patron",
        "register",
        "--card",
        "2000000035",
        "--name",
        "道議 一郎",
    ];
    let e = refused(&db, "2026-04-08", "diet", &register);
    assert_eq!(
        (&e["code"], &e["rule"]),
        (&"patron.not_duty_day".into(), &"H15".into())
    );
    let mut with_override = register.to_vec();
    with_override.push("--override");
    ok(&db, "2026-04-08", "diet", &with_override);
}

#[test]
fn h11_the_book_drop_from_the_command_line() {
    let db = library();
    ok(
        &db,
        "2026-04-12",
        "general",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    // --dropped-on belongs to --book-drop; a hand-in day and a drop day do not go together.
    for args in [
        vec![
            "checkin",
            "--item",
            "1000000017",
            "--dropped-on",
            "2026-04-27",
        ],
        vec![
            "checkin",
            "--item",
            "1000000017",
            "--book-drop",
            "--returned-on",
            "2026-04-27",
        ],
    ] {
        assert_eq!(k(&db, "2026-04-28", "general", &args).code, 2, "{args:?}");
    }
    let e = refused(
        &db,
        "2026-04-28",
        "diet",
        &["checkin", "--item", "1000000017", "--book-drop"],
    );
    assert_eq!(e["code"], "checkin.no_book_drop");
    let out = ok(
        &db,
        "2026-04-28",
        "general",
        &[
            "checkin",
            "--item",
            "1000000017",
            "--book-drop",
            "--dropped-on",
            "2026-04-27",
        ],
    );
    assert_eq!(out["book_drop"], true);
    assert_eq!(out["loan"]["returned_on"], "2026-04-27");
    assert_eq!(out["overdue"], true, "due Sun 4/26");
}
