//! Printing from the command line: slips written beside the desk action that calls for them,
//! reports with their CSV, and the card barcode read back by zbar and by `kashidashi scan`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestDb;
use serde_json::Value;

fn kashidashi(db: &TestDb, now: &str, args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--now", now])
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

fn ok(db: &TestDb, now: &str, args: &[&str]) -> Value {
    let (code, json) = kashidashi(db, now, args);
    assert_eq!(code, 0, "{args:?}: {json}");
    json
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn zbar(image: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(image)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn barcodes_of_pdf(pdf: &Path) -> Vec<String> {
    let prefix = pdf.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    zbar(&prefix.with_extension("png"))
}

struct Desk {
    db: TestDb,
}

impl Desk {
    fn file(&self, name: &str) -> PathBuf {
        self.db.dir.path().join(name)
    }

    fn arg(&self, name: &str) -> String {
        self.file(name).display().to_string()
    }
}

fn hokkaido() -> Desk {
    let db = TestDb::new("h.db");
    ok(&db, "2026-04-01", &["init", "--profile", "hokkaido"]);
    for (barcode, title) in [("1000000017", "北海道の歴史"), ("1000000025", "札幌の街")] {
        ok(
            &db,
            "2026-04-01",
            &[
                "item",
                "add",
                "--barcode",
                barcode,
                "--title",
                title,
                "--size-cm",
                "18.8,12.8,2",
                "--weight-g",
                "300",
            ],
        );
    }
    Desk { db }
}

fn register(d: &Desk, card: &str, name: &str, slip: Option<&str>) -> Value {
    let mut args = vec![
        "patron",
        "register",
        "--card",
        card,
        "--name",
        name,
        "--postal-code",
        "060-0001",
        "--address",
        "札幌市中央区北1条西1丁目",
    ];
    let path = slip.map(|s| d.arg(s));
    if let Some(p) = &path {
        args.extend(["--slip", p.as_str()]);
    }
    ok(&d.db, "2026-04-01", &args)
}

#[test]
fn registration_and_reset_print_the_temporary_password_they_issue() {
    let d = hokkaido();
    let r = register(&d, "2000000019", "山田 太郎", Some("register.pdf"));
    assert_eq!(r["slip"], d.arg("register.pdf"));
    let text = pdf_text(&d.file("register.pdf"));
    let first = r["temporary_password"].as_str().unwrap();
    assert!(
        text.contains(first) && text.contains("山田 太郎 様"),
        "{text}"
    );

    let reset = ok(
        &d.db,
        "2026-04-02",
        &[
            "patron",
            "reset-password",
            "--card",
            "2000000019",
            "--slip",
            &d.arg("reset.pdf"),
        ],
    );
    let second = reset["temporary_password"].as_str().unwrap();
    assert_ne!(first, second);
    let text = pdf_text(&d.file("reset.pdf"));
    assert!(
        text.contains(second) && text.contains("マイページ"),
        "{text}"
    );
}

#[test]
fn a_slip_path_that_cannot_be_written_refuses_before_the_password_changes() {
    let d = hokkaido();
    let r = register(&d, "2000000019", "山田 太郎", None);
    let password = r["temporary_password"].as_str().unwrap();
    let (code, json) = kashidashi(
        &d.db,
        "2026-04-02",
        &[
            "patron",
            "reset-password",
            "--card",
            "2000000019",
            "--slip",
            &d.arg("no-such-folder/reset.pdf"),
        ],
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (2, Some("store.io"))
    );
    let login = ok(
        &d.db,
        "2026-04-02",
        &[
            "patron",
            "login",
            "--card",
            "2000000019",
            "--password",
            password,
        ],
    );
    assert_eq!(
        login["must_change_password"], true,
        "the old password still works"
    );
}

#[test]
fn checkin_writes_the_slip_the_core_decides_on_and_none_when_the_copy_is_shelved() {
    let d = hokkaido();
    register(&d, "2000000019", "山田 太郎", None);
    register(&d, "2000000027", "佐藤 花子", None);
    ok(
        &d.db,
        "2026-04-01",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    ok(
        &d.db,
        "2026-04-01",
        &["checkout", "--card", "2000000019", "--item", "1000000025"],
    );
    ok(
        &d.db,
        "2026-04-02",
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
    let trapped = ok(
        &d.db,
        "2026-04-07",
        &[
            "checkin",
            "--item",
            "1000000017",
            "--slip",
            &d.arg("hold.pdf"),
        ],
    );
    assert_eq!(trapped["slip"], d.arg("hold.pdf"));
    let text = pdf_text(&d.file("hold.pdf"));
    let expires = trapped["trapped"]["expires_on"].as_str().unwrap();
    assert_eq!(expires, "2026-04-18");
    assert!(
        text.contains("予約資料確保票") && text.contains("取置期限 2026年4月18日(土)"),
        "{text}"
    );
    assert_eq!(barcodes_of_pdf(&d.file("hold.pdf")), vec!["1000000017"]);

    let shelved = ok(
        &d.db,
        "2026-04-07",
        &[
            "checkin",
            "--item",
            "1000000025",
            "--slip",
            &d.arg("none.pdf"),
        ],
    );
    assert_eq!(shelved["slip"], Value::Null);
    assert!(!d.file("none.pdf").exists());
}

#[test]
fn reports_write_a_pdf_and_an_excel_csv() {
    let d = hokkaido();
    register(&d, "2000000019", "山田 太郎", None);
    ok(
        &d.db,
        "2026-04-01",
        &["checkout", "--card", "2000000019", "--item", "1000000017"],
    );
    let r = ok(
        &d.db,
        "2026-04-20",
        &[
            "report",
            "overdue",
            "--desk",
            "general",
            "--out",
            &d.arg("overdue.pdf"),
            "--csv",
            &d.arg("overdue.csv"),
        ],
    );
    assert_eq!(
        (r["report"].as_str(), r["rows"].as_u64()),
        (Some("overdue"), Some(1))
    );
    let text = pdf_text(&d.file("overdue.pdf"));
    assert!(
        text.contains("延滞資料一覧") && text.contains("山田 太郎"),
        "{text}"
    );
    let csv = std::fs::read(d.file("overdue.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF\"\xE8\xBF\x94"),
        "BOM, then \"返却期限\""
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("\"2026-04-15\",\"5\",\"1000000017\""), "{csv}");

    for name in [
        "hold-shelf",
        "expired-holds",
        "pull-list",
        "delivery-run",
        "daily-stats",
    ] {
        ok(
            &d.db,
            "2026-04-20",
            &[
                "report",
                name,
                "--desk",
                "general",
                "--out",
                &d.arg("r.pdf"),
            ],
        );
        let footer = pdf_text(&d.file("r.pdf")).replace(' ', "");
        assert!(footer.ends_with("1/1"), "{name}: {footer}");
    }
    ok(
        &d.db,
        "2026-04-20",
        &[
            "report",
            "duty-sheet",
            "--desk",
            "diet",
            "--out",
            &d.arg("r.pdf"),
        ],
    );
    let (code, json) = kashidashi(
        &d.db,
        "2026-04-20",
        &[
            "report",
            "duty-sheet",
            "--desk",
            "general",
            "--out",
            &d.arg("r.pdf"),
        ],
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (2, Some("input.bad_value"))
    );
}

/// The CSV streams into a file beside its name and replaces it only when complete: a refused
/// report leaves an earlier CSV of that name as it was, and nothing half-written.
#[test]
fn a_refused_report_leaves_the_csv_file_of_that_name_untouched() {
    let d = hokkaido();
    std::fs::write(d.file("kept.csv"), "昨日の一覧").unwrap();
    let (code, json) = kashidashi(
        &d.db,
        "2026-04-20",
        &[
            "report",
            "duty-sheet",
            "--desk",
            "general",
            "--out",
            &d.arg("r.pdf"),
            "--csv",
            &d.arg("kept.csv"),
        ],
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (2, Some("input.bad_value"))
    );
    assert_eq!(
        std::fs::read_to_string(d.file("kept.csv")).unwrap(),
        "昨日の一覧"
    );
    assert!(!d.file("kept.csv.part").exists());
    assert!(!d.file("r.pdf").exists());
}

#[test]
fn the_card_barcode_scans_back_as_the_card_through_the_desks_scan_command() {
    let d = hokkaido();
    register(&d, "2000000019", "山田 太郎", None);
    let r = ok(
        &d.db,
        "2026-04-01",
        &[
            "card",
            "barcode",
            "--card",
            "2000000019",
            "--out",
            &d.arg("card.png"),
            "--label",
            &d.arg("card.pdf"),
        ],
    );
    assert_eq!(r["label"], d.arg("card.pdf"));
    for decoded in [
        zbar(&d.file("card.png")),
        barcodes_of_pdf(&d.file("card.pdf")),
    ] {
        assert_eq!(decoded.len(), 1, "{decoded:?}");
        let scanned = ok(&d.db, "2026-04-01", &["scan", &decoded[0]]);
        assert_eq!(
            (scanned["kind"].as_str(), scanned["value"].as_str()),
            (Some("patron"), Some("2000000019"))
        );
    }
    let (code, json) = kashidashi(
        &d.db,
        "2026-04-01",
        &[
            "card",
            "barcode",
            "--card",
            "2000000027",
            "--out",
            &d.arg("x.png"),
        ],
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (2, Some("patron.unknown_card"))
    );
}

#[test]
fn the_address_label_of_a_home_delivery_hold_names_the_carrier() {
    let d = hokkaido();
    register(&d, "2000000019", "山田 太郎", None);
    let hold = ok(
        &d.db,
        "2026-04-01",
        &[
            "hold",
            "place",
            "--card",
            "2000000019",
            "--item",
            "1000000017",
            "--pickup",
            "home",
        ],
    );
    let id = hold["hold"]["id"].to_string();
    ok(&d.db, "2026-04-01", &["checkin", "--item", "1000000017"]);
    let r = ok(
        &d.db,
        "2026-04-02",
        &[
            "slip",
            "address",
            "--hold",
            &id,
            "--out",
            &d.arg("label.pdf"),
        ],
    );
    assert_eq!(
        (r["carrier"].as_str(), r["size_class"].clone()),
        (Some("yu-mail"), Value::Null)
    );
    let text = pdf_text(&d.file("label.pdf"));
    assert!(
        text.contains("着払い ゆうメール") && text.contains("〒060-0001"),
        "{text}"
    );
    let receipt = ok(
        &d.db,
        "2026-04-02",
        &[
            "slip",
            "receipt",
            "--card",
            "2000000019",
            "--out",
            &d.arg("receipt.pdf"),
        ],
    );
    assert_eq!(receipt["out"], d.arg("receipt.pdf"));
    assert!(pdf_text(&d.file("receipt.pdf")).contains("貸出中の資料 0点"));
}

#[test]
fn a_refused_check_in_leaves_no_empty_slip_file() {
    let d = hokkaido();
    let (code, json) = kashidashi(
        &d.db,
        "2026-04-01",
        &[
            "checkin",
            "--item",
            "1999999999",
            "--slip",
            &d.arg("slip.pdf"),
        ],
    );
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (2, Some("item.unknown_barcode"))
    );
    assert!(!d.file("slip.pdf").exists(), "no slip file for a refusal");
}
