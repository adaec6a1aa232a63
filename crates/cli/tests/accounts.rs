//! Accounts from the command line (issue 10): `init` shows admin's temporary password once, the
//! staff commands of CLI.md, passwords read from standard input with `-`, and the C24 throttle
//! across processes (each CLI run is one).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::TestDb;
use serde_json::Value;

fn kashidashi(db: &TestDb, args: &[&str], stdin: &str) -> (i32, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", "2026-04-01"])
        .args(args)
        .env_remove("KASHIDASHI_DESK")
        .env_remove("KASHIDASHI_STAFF")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_str(&stdout).unwrap(),
    )
}

fn code(r: &(i32, Value)) -> &str {
    r.1["error"]["code"].as_str().unwrap_or("ok")
}

/// A Hokkaido library with one patron; returns the patron's temporary password.
fn with_patron(db: &TestDb) -> String {
    assert_eq!(kashidashi(db, &["init", "--profile", "hokkaido"], "").0, 0);
    let (c, r) = kashidashi(
        db,
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
            "--birth",
            "2001-05-03",
        ],
        "",
    );
    assert_eq!(c, 0, "{r}");
    r["temporary_password"].as_str().unwrap().to_string()
}

#[test]
fn passwords_given_as_a_dash_are_read_from_standard_input_in_flag_order() {
    let db = TestDb::new("k.db");
    let temp = with_patron(&db);
    let changed = kashidashi(
        &db,
        &[
            "patron",
            "change-password",
            "--card",
            "2000000019",
            "--old",
            "-",
            "--new",
            "-",
        ],
        &format!("{temp}\nmine2026\n"),
    );
    assert_eq!(changed.0, 0, "{}", changed.1);
    let login = kashidashi(
        &db,
        &["patron", "login", "--card", "2000000019", "--password", "-"],
        "mine2026\n",
    );
    assert_eq!(login.0, 0, "{}", login.1);
    assert_eq!(login.1["must_change_password"], false);
    // One line for two dashes: bad input, and nothing changes.
    let short = kashidashi(
        &db,
        &[
            "patron",
            "change-password",
            "--card",
            "2000000019",
            "--old",
            "-",
            "--new",
            "-",
        ],
        "mine2026\n",
    );
    assert_eq!((short.0, code(&short)), (2, "input.missing"));
    let still = kashidashi(
        &db,
        &[
            "patron",
            "login",
            "--card",
            "2000000019",
            "--password",
            "mine2026",
        ],
        "",
    );
    assert_eq!(still.0, 0);
}

#[test]
fn c24_separate_processes_guessing_are_stopped_after_five_tries_and_audited() {
    let db = TestDb::new("k.db");
    with_patron(&db);
    let answers: Vec<(i32, String)> = (0..8)
        .map(|n| {
            let r = kashidashi(
                &db,
                &[
                    "patron",
                    "login",
                    "--card",
                    "2000000019",
                    "--password",
                    &format!("guess{n}"),
                ],
                "",
            );
            (r.0, code(&r).to_string())
        })
        .collect();
    let failed = (2, "login.failed".to_string());
    let wait = (3, "login.wait".to_string());
    assert_eq!(answers[..5], vec![failed; 5][..]);
    assert_eq!(answers[5..], vec![wait; 3][..]);
    // An unknown card gets the same answer as a wrong password.
    let unknown = kashidashi(
        &db,
        &[
            "patron",
            "login",
            "--card",
            "2000000027",
            "--password",
            "guess",
        ],
        "",
    );
    assert_eq!((unknown.0, code(&unknown)), (2, "login.failed"));
    let audit = kashidashi(&db, &["audit", "--limit", "20"], "").1;
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "login.failed").count(), 6);
    assert_eq!(actions.iter().filter(|a| **a == "login.wait").count(), 1);
}

#[test]
fn init_shows_admin_a_temporary_password_and_admins_add_reset_and_disable_staff() {
    let db = TestDb::new("k.db");
    let (c, init) = kashidashi(&db, &["init", "--profile", "kyoto"], "");
    assert_eq!(c, 0);
    assert_eq!(init["staff"]["id"], "admin");
    assert_eq!(init["temporary_password"].as_str().unwrap().len(), 10);

    let add = kashidashi(
        &db,
        &[
            "staff",
            "add",
            "--id",
            "counter1",
            "--name",
            "窓口 花子",
            "--role",
            "counter",
        ],
        "",
    );
    assert_eq!(add.0, 0, "{}", add.1);
    let first = add.1["temporary_password"].as_str().unwrap().to_string();
    let reset = kashidashi(&db, &["staff", "reset-password", "--id", "counter1"], "");
    assert_eq!(reset.0, 0, "{}", reset.1);
    assert_ne!(reset.1["temporary_password"].as_str().unwrap(), first);
    assert_eq!(
        code(&kashidashi(
            &db,
            &["staff", "reset-password", "--id", "nobody"],
            ""
        )),
        "staff.unknown"
    );

    // As counter staff: may look, may not manage staff.
    let as_counter = |args: &[&str]| {
        let mut a = vec!["--staff", "counter1"];
        a.extend_from_slice(args);
        kashidashi(&db, &a, "")
    };
    assert_eq!(as_counter(&["desk", "list"]).0, 0);
    assert_eq!(
        code(&as_counter(&["staff", "disable", "--id", "admin"])),
        "staff.not_allowed"
    );
    let disabled = kashidashi(&db, &["staff", "disable", "--id", "counter1"], "");
    assert_eq!(disabled.0, 0, "{}", disabled.1);
    assert_eq!(disabled.1["staff"]["disabled"], true);
    let refused = as_counter(&["patron", "search", "山田"]);
    assert_eq!((refused.0, code(&refused)), (3, "staff.disabled"));
    assert_eq!(
        code(&kashidashi(&db, &["staff", "disable", "--id", "admin"], "")),
        "staff.last_admin"
    );
    let list = kashidashi(&db, &["staff", "list"], "").1;
    let counter = list["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "counter1")
        .unwrap()
        .clone();
    assert_eq!(counter["disabled"], true);
    assert_eq!(counter["must_change_password"], true);
}
