//! C19 through a real SMTP server on loopback (aiosmtpd): the due-date reminder and the
//! hold-ready notice arrive in Japanese, are sent once and leave the outbox; a server that is down
//! leaves them waiting for a later try.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::TestDb;
use serde_json::Value;

struct Sink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    fn start() -> Sink {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_sink.py");
        // Debian's Python, which has python3-aiosmtpd (scripts/install.sh).
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP server started");
        Sink { child, port, dir }
    }

    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn k(db: &TestDb, now: &str, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", now])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// The loopback test server speaks plain SMTP: `--insecure`, which only a relay on this machine
/// may be sent to.
fn send(db: &TestDb, now: &str, port: u16) -> Value {
    send_with(db, now, &format!("127.0.0.1:{port}"), &["--insecure"])
}

fn send_with(db: &TestDb, now: &str, smtp: &str, security: &[&str]) -> Value {
    let mut args = vec![
        "notify",
        "send",
        "--smtp",
        smtp,
        "--from",
        "info@library.example.jp",
    ];
    args.extend(security);
    k(db, now, &args)
}

#[test]
fn kyoto_due_date_reminders_arrive_three_days_ahead_once() {
    let sink = Sink::start();
    let db = TestDb::new("k.db");
    k(&db, "2026-06-02", &["init", "--profile", "kyoto"]);
    k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "京都 花子",
            "--email",
            "hanako@example.jp",
        ],
    );
    k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "register",
            "--card",
            "2000000027",
            "--name",
            "メール なし",
        ],
    );
    // K9: 事前に登録された方に. Jiro has an address but did not register for the reminder.
    k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "register",
            "--card",
            "2000000035",
            "--name",
            "京都 次郎",
            "--email",
            "jiro@example.jp",
        ],
    );
    let registered = k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "notices",
            "--card",
            "2000000019",
            "--due-reminder",
            "on",
        ],
    );
    assert_eq!(registered["due_reminder"], true, "{registered}");
    // Without an address there is nothing to register (K9 services are e-mail).
    let refused = k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "notices",
            "--card",
            "2000000027",
            "--due-reminder",
            "on",
        ],
    );
    assert_eq!(refused["error"]["code"], "notices.no_email", "{refused}");
    k(
        &db,
        "2026-06-02",
        &["item", "add", "--barcode", "1000000017", "--title", "檸檬"],
    );
    k(
        &db,
        "2026-06-02",
        &[
            "item",
            "add",
            "--barcode",
            "1000000041",
            "--title",
            "羅生門",
        ],
    );
    k(
        &db,
        "2026-06-02",
        &[
            "item",
            "add",
            "--barcode",
            "1000000025",
            "--title",
            "山月記",
        ],
    );
    k(
        &db,
        "2026-06-02",
        &[
            "item",
            "add",
            "--barcode",
            "1000000033",
            "--title",
            "高瀬舟",
        ],
    );
    for (card, item) in [
        ("2000000019", "1000000017"),
        ("2000000019", "1000000025"),
        ("2000000027", "1000000033"),
        ("2000000035", "1000000041"),
    ] {
        assert_eq!(
            k(
                &db,
                "2026-06-02",
                &["checkout", "--card", card, "--item", item]
            )["ok"],
            true
        );
    }
    // Due 6/16: nothing on 6/12, one message for both of Hanako's loans on 6/13 (none for Jiro,
    // who did not register), none again the next run.
    assert_eq!(k(&db, "2026-06-12", &["notify", "reminders"])["queued"], 0);
    assert_eq!(k(&db, "2026-06-13", &["notify", "reminders"])["queued"], 1);
    assert_eq!(k(&db, "2026-06-13", &["notify", "reminders"])["queued"], 0);
    let r = send(&db, "2026-06-13T10:30:00+09:00", sink.port);
    assert_eq!(
        (r["sent"].as_u64(), r["failed"].as_u64()),
        (Some(1), Some(0)),
        "{r}"
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 1, "only the registered patron is reminded");
    let mail = &mails[0];
    assert_eq!(mail["to"][0], "hanako@example.jp");
    assert_eq!(mail["subject"], "【京都府立図書館】返却期限日のお知らせ");
    let body = mail["body"].as_str().unwrap();
    assert!(
        body.contains("京都 花子 様") && body.contains("檸檬") && body.contains("山月記"),
        "{body}"
    );
    assert!(body.contains("2026年6月16日"));
    assert_eq!(mail["mime_version"], "1.0");
    assert!(mail["message_id"].as_str().is_some_and(|m| m.contains('@')));
    assert_eq!(
        k(&db, "2026-06-13", &["notify", "outbox"])["outbox"]
            .as_array()
            .unwrap()
            .len(),
        0,
        "sent notices are deleted (C6)"
    );
}

/// A hold-ready notice for 山田 太郎 queued on 2026-04-07 at 10:00.
fn hold_ready_notice_queued() -> TestDb {
    let db = TestDb::new("h.db");
    k(&db, "2026-04-01", &["init", "--profile", "hokkaido"]);
    k(
        &db,
        "2026-04-01",
        &[
            "patron",
            "register",
            "--card",
            "2000000019",
            "--name",
            "山田 太郎",
            "--email",
            "taro@example.jp",
        ],
    );
    k(
        &db,
        "2026-04-01",
        &[
            "patron",
            "register",
            "--card",
            "2000000027",
            "--name",
            "佐藤 花子",
        ],
    );
    k(
        &db,
        "2026-04-01",
        &[
            "item",
            "add",
            "--barcode",
            "1000000017",
            "--title",
            "坊っちゃん",
        ],
    );
    k(
        &db,
        "2026-04-01",
        &["checkout", "--card", "2000000027", "--item", "1000000017"],
    );
    k(
        &db,
        "2026-04-02",
        &[
            "hold",
            "place",
            "--card",
            "2000000019",
            "--item",
            "1000000017",
            "--pickup",
            "general",
            "--notify",
            "email",
        ],
    );
    k(&db, "2026-04-07", &["checkin", "--item", "1000000017"]);
    db
}

#[test]
fn a_hold_ready_notice_waits_while_the_server_is_down_and_goes_later() {
    let db = hold_ready_notice_queued();

    // Nothing listens on this port: the notice stays, with its error, for a later run.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = send(&db, "2026-04-07T10:05:00+09:00", closed);
    assert_eq!(
        (r["sent"].as_u64(), r["failed"].as_u64()),
        (Some(0), Some(1)),
        "{r}"
    );
    let r = send(&db, "2026-04-07T10:06:00+09:00", closed);
    assert_eq!(r["waiting"], 1, "not tried again before its back-off");

    let sink = Sink::start();
    let r = send(&db, "2026-04-07T10:20:00+09:00", sink.port);
    assert_eq!(r["sent"], 1, "{r}");
    let mail = &sink.messages()[0];
    assert_eq!(mail["subject"], "【北海道立図書館】予約資料確保のお知らせ");
    let body = mail["body"].as_str().unwrap();
    assert!(
        body.contains("坊っちゃん") && body.contains("一般資料カウンター"),
        "{body}"
    );
    assert!(body.contains("受取開始日: 2026年4月8日"), "{body}");
    assert!(body.contains("******0019"), "the card number is masked");
}

#[test]
fn notices_go_over_tls_by_default_and_one_failing_for_a_week_is_dropped_and_reported() {
    let db = hold_ready_notice_queued();
    let sink = Sink::start();
    let smtp = format!("127.0.0.1:{}", sink.port);
    // The server offers no STARTTLS: nothing goes out in clear unless asked.
    let r = send_with(&db, "2026-04-07T10:05:00+09:00", &smtp, &[]);
    assert_eq!(
        (r["sent"].as_u64(), r["failed"].as_u64()),
        (Some(0), Some(1)),
        "{r}"
    );
    let r = send_with(
        &db,
        "2026-04-07T11:00:00+09:00",
        &smtp,
        &["--tls", "implicit"],
    );
    assert_eq!(r["failed"], 1, "{r}");
    assert!(sink.messages().is_empty(), "no message in plain text");
    // Plain text is for a relay on this machine only.
    let r = send_with(
        &db,
        "2026-04-07T12:00:00+09:00",
        "smtp.example.jp:25",
        &["--insecure"],
    );
    assert_eq!(r["error"]["code"], "smtp.insecure_remote", "{r}");

    // Still failing a minute short of a week: kept. A week after it was queued: dropped, reported.
    let r = send_with(&db, "2026-04-14T09:59:00+09:00", &smtp, &[]);
    assert_eq!(
        (r["failed"].as_u64(), r["dropped"].as_u64()),
        (Some(1), Some(0)),
        "{r}"
    );
    let r = send_with(&db, "2026-04-14T16:00:00+09:00", &smtp, &[]);
    assert_eq!(
        (r["failed"].as_u64(), r["dropped"].as_u64()),
        (Some(0), Some(1)),
        "{r}"
    );
    let outbox = k(&db, "2026-04-14", &["notify", "outbox"]);
    assert_eq!(outbox["outbox"], serde_json::json!([]), "{outbox}");
}

fn register(db: &TestDb, now: &str, card: &str, name: &str, email: &str) {
    let r = k(
        db,
        now,
        &[
            "patron", "register", "--card", card, "--name", name, "--email", email,
        ],
    );
    assert_eq!(r["ok"], true, "{r}");
}

fn add(db: &TestDb, now: &str, barcode: &str, title: &str, author: &str) {
    let r = k(
        db,
        now,
        &[
            "item",
            "add",
            "--barcode",
            barcode,
            "--title",
            title,
            "--author",
            author,
        ],
    );
    assert_eq!(r["ok"], true, "{r}");
}

#[test]
fn kyoto_new_arrivals_come_as_one_digest_a_day_and_never_announce_a_title_twice() {
    let sink = Sink::start();
    let db = TestDb::new("k.db");
    k(&db, "2026-06-02", &["init", "--profile", "kyoto"]);
    register(
        &db,
        "2026-06-02",
        "2000000019",
        "京都 花子",
        "hanako@example.jp",
    );
    register(
        &db,
        "2026-06-02",
        "2000000027",
        "京都 次郎",
        "jiro@example.jp",
    );
    let r = k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "notices",
            "--card",
            "2000000019",
            "--add-topic",
            "図書館",
            "--add-author",
            "村上春樹",
            "--add-topic",
            "園芸",
        ],
    );
    assert_eq!(r["topics"], serde_json::json!(["図書館", "園芸"]), "{r}");
    assert_eq!(r["authors"], serde_json::json!(["村上春樹"]));
    let r = k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "notices",
            "--card",
            "2000000019",
            "--remove-topic",
            "園芸",
        ],
    );
    assert_eq!(r["topics"], serde_json::json!(["図書館"]), "{r}");
    assert_eq!(r["due_reminder"], false);
    k(
        &db,
        "2026-06-02",
        &[
            "patron",
            "notices",
            "--card",
            "2000000027",
            "--add-topic",
            "料理",
        ],
    );

    // Wednesday 6/3: two copies added at the counter and one imported match Hanako; the
    // gardening book matches nobody now that she withdrew the theme.
    add(&db, "2026-06-03", "1000000017", "図書館の歴史", "小川 徹");
    add(
        &db,
        "2026-06-03",
        "1000000025",
        "街とその不確かな壁",
        "村上, 春樹, 1949-",
    );
    add(&db, "2026-06-03", "1000000033", "はじめての園芸", "園田 花");
    let csv = db.dir.path().join("arrivals.csv");
    std::fs::write(
        &csv,
        "barcode,title,author\n1000000041,図書館と自由,塩見 昇\n",
    )
    .unwrap();
    let r = k(
        &db,
        "2026-06-03",
        &["import", "items", csv.to_str().unwrap()],
    );
    assert_eq!(r["ok"], true, "{r}");
    let r = k(&db, "2026-06-03", &["notify", "new-arrivals"]);
    assert_eq!(
        (r["titles"].as_u64(), r["queued"].as_u64()),
        (Some(4), Some(1)),
        "{r}"
    );
    // One digest a day: a second run the same day queues nothing; what comes later waits.
    add(&db, "2026-06-03", "1000000058", "図書館建築", "建築 家");
    let r = k(&db, "2026-06-03", &["notify", "new-arrivals"]);
    assert_eq!(
        (r["queued"].as_u64(), r["already_done"].as_bool()),
        (Some(0), Some(true))
    );

    // Thursday 6/4: a second copy of an announced title is not news; the late title is.
    add(&db, "2026-06-04", "1000000066", "図書館の歴史", "小川 徹");
    let r = k(&db, "2026-06-04", &["notify", "new-arrivals"]);
    assert_eq!(
        (r["titles"].as_u64(), r["queued"].as_u64()),
        (Some(1), Some(1)),
        "{r}"
    );

    let r = send(&db, "2026-06-04T10:30:00+09:00", sink.port);
    assert_eq!(
        (r["sent"].as_u64(), r["failed"].as_u64()),
        (Some(2), Some(0)),
        "{r}"
    );
    let mails = sink.messages();
    let bodies: Vec<&str> = mails.iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert!(mails.iter().all(|m| m["to"][0] == "hanako@example.jp"));
    assert!(
        mails
            .iter()
            .all(|m| m["subject"] == "【京都府立図書館】新着図書のお知らせ")
    );
    let first = bodies
        .iter()
        .find(|b| b.contains("街とその不確かな壁"))
        .unwrap();
    assert!(
        first.contains("京都 花子 様")
            && first.contains("図書館の歴史")
            && first.contains("図書館と自由")
            && !first.contains("園芸")
            && !first.contains("図書館建築"),
        "{first}"
    );
    let second = bodies.iter().find(|b| b.contains("図書館建築")).unwrap();
    assert!(
        !second.contains("図書館の歴史"),
        "never the same title twice: {second}"
    );
}

#[test]
fn hokkaido_offers_no_mail_services_and_says_so() {
    let db = TestDb::new("h.db");
    k(&db, "2026-04-01", &["init", "--profile", "hokkaido"]);
    register(
        &db,
        "2026-04-01",
        "2000000019",
        "山田 太郎",
        "taro@example.jp",
    );
    for flag in [["--add-topic", "北海道"], ["--due-reminder", "on"]] {
        let r = k(
            &db,
            "2026-04-01",
            &[
                "patron",
                "notices",
                "--card",
                "2000000019",
                flag[0],
                flag[1],
            ],
        );
        assert_eq!(r["error"]["code"], "notices.not_offered", "{r}");
        assert_eq!(r["error"]["rule"], "K9");
    }
    // Withdrawing is always possible, and showing changes nothing.
    let r = k(
        &db,
        "2026-04-01",
        &[
            "patron",
            "notices",
            "--card",
            "2000000019",
            "--due-reminder",
            "off",
        ],
    );
    assert_eq!(r["due_reminder"], false, "{r}");
    let r = k(&db, "2026-04-01", &["notify", "new-arrivals"]);
    assert_eq!(r["queued"], 0, "{r}");
}
