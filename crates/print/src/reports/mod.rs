//! Supervisor reports: A4 PDFs with page numbers and CSV files that Excel opens as they are
//! (UTF-8 with a byte-order mark, CRLF, every field quoted). Each report is built from what a
//! core query returns; the two outputs share its columns.

mod delivery;
mod duty;
mod loans;
mod shelf;
mod stats;

pub use delivery::delivery_run;
pub use duty::duty_sheet;
pub use loans::{overdue, overdue_row};
pub use shelf::{expired_holds, hold_shelf, pull_list};
pub use stats::daily_stats;

use std::io::Write;

use chrono::NaiveDate;
use kashidashi_core::holds::Hold;
use kashidashi_core::policy::Policy;
use kashidashi_core::store::date_str;
use kashidashi_core::{Actor, Library, StoreError};

use crate::layout::{Column, PageHeader, ReportPages, Table};
use crate::text::{jdate, short_date};

/// One value of a row: dates print short in the PDF and as ISO dates in the CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Date(Option<NaiveDate>),
    Number(i64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The copy set aside for a hold, blank while none is.
    pub fn hold_copy(hold: &Hold) -> Cell {
        Cell::text(hold.item.as_ref().map_or("", |b| b.as_str()))
    }

    fn for_pdf(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(Some(d)) => short_date(*d),
            Cell::Date(None) => String::new(),
            Cell::Number(n) => n.to_string(),
        }
    }

    fn for_csv(&self) -> String {
        match self {
            Cell::Date(Some(d)) => date_str(*d),
            Cell::Text(s) => inert(s),
            other => other.for_pdf(),
        }
    }
}

/// A text as a CSV field that a spreadsheet shows and never runs: a field that begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel (a title such as
/// `=HYPERLINK(...)` would become a link that sends data away), so it gets a leading `'`, which
/// Excel reads as "this is text". Every text field of every CSV goes through here.
fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Rows under an optional heading; the CSV names the heading in its first column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Section {
    /// The rows of a report that has no headings.
    pub fn plain(rows: Vec<Vec<Cell>>) -> Section {
        Section {
            heading: None,
            rows,
        }
    }
}

/// Who prints, where, and the day the report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub library: String,
    pub desk: String,
    pub date: NaiveDate,
    pub printed_on: NaiveDate,
}

impl Header {
    pub fn new(policy: &Policy, desk: &str, date: NaiveDate, printed_on: NaiveDate) -> Header {
        Header {
            library: policy.library_name.clone(),
            desk: policy.desk_name(desk),
            date,
            printed_on,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub header: Header,
    /// Lines under the title on every page: what the report holds and how to use it.
    pub notes: Vec<String>,
    pub columns: Vec<Column>,
    pub sections: Vec<Section>,
    /// At most this many rows go into the PDF; the CSV has every row.
    pub pdf_rows: usize,
    /// Rows past `pdf_rows` that `build` streamed to the CSV without keeping them.
    pub unlisted: usize,
}

const NOTHING: &str = "該当するものはありません。";

/// How many rows a report's PDF lists: about 57 pages of A4. Past that, paper helps nobody (an
/// overdue list of a whole library one month on is 300,000 rows, 8,500 pages): the PDF lists the
/// first rows in the report's order, says on every page how many there are in all, and ends with
/// a page that points to the CSV, which has them all.
pub const PDF_ROWS: usize = 2_000;

/// `12345` as `12,345`: counts read at a glance.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn csv_error(e: impl std::fmt::Display) -> kashidashi_core::Error {
    StoreError::Io {
        path: "CSV".into(),
        detail: e.to_string(),
    }
    .into()
}

/// A CSV written a row at a time: Excel-ready (byte-order mark, CRLF, every field quoted), with
/// the section's heading first when the report has headings.
struct CsvRows<'w> {
    w: csv::Writer<&'w mut dyn Write>,
    sectioned: bool,
}

impl<'w> CsvRows<'w> {
    fn start(
        out: &'w mut dyn Write,
        columns: &[Column],
        sectioned: bool,
    ) -> kashidashi_core::Result<CsvRows<'w>> {
        out.write_all("\u{feff}".as_bytes()).map_err(csv_error)?;
        let mut rows = CsvRows {
            w: csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Always)
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
            sectioned,
        };
        let mut header: Vec<&str> = Vec::new();
        if sectioned {
            header.push("区分");
        }
        header.extend(columns.iter().map(|c| c.title.as_str()));
        rows.w.write_record(&header).map_err(csv_error)?;
        Ok(rows)
    }

    fn row(&mut self, heading: Option<&str>, row: &[Cell]) -> kashidashi_core::Result<()> {
        let mut record: Vec<String> = Vec::with_capacity(row.len() + 1);
        if self.sectioned {
            record.push(inert(heading.unwrap_or_default()));
        }
        record.extend(row.iter().map(Cell::for_csv));
        self.w.write_record(&record).map_err(csv_error)
    }

    fn finish(mut self) -> kashidashi_core::Result<()> {
        self.w.flush().map_err(csv_error)
    }
}

impl Report {
    /// Every row of the report, those left out of the PDF too.
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|s| s.rows.len()).sum::<usize>() + self.unlisted
    }

    pub fn pdf(&self) -> Vec<u8> {
        let total = self.row_count();
        let held: usize = self.sections.iter().map(|s| s.rows.len()).sum();
        let printed = held.min(self.pdf_rows);
        let left_out = total - printed;
        let mut lines = vec![format!("対象日 {}", jdate(self.header.date))];
        lines.extend(self.notes.iter().cloned());
        if left_out > 0 {
            lines.push(format!(
                "全{}件のうち先頭{}件を印刷しています。残り{}件は印刷していません(全件はCSVにあります。最終ページ参照)。",
                thousands(total),
                thousands(printed),
                thousands(left_out)
            ));
        }
        let mut pages = ReportPages::new(PageHeader {
            library: self.header.library.clone(),
            title: self.title.clone(),
            desk: self.header.desk.clone(),
            printed: format!("印刷日 {}", jdate(self.header.printed_on)),
            lines,
        });
        let table = Table {
            columns: &self.columns,
        };
        if self.sections.is_empty() {
            pages.paragraph(9.0, NOTHING);
        }
        let mut room = self.pdf_rows;
        for section in &self.sections {
            let shown = section.rows.len().min(room);
            room -= shown;
            if shown == 0 && !section.rows.is_empty() {
                continue;
            }
            let rows: Vec<Vec<String>> = section.rows[..shown]
                .iter()
                .map(|r| r.iter().map(Cell::for_pdf).collect())
                .collect();
            if let Some(h) = &section.heading {
                let heading = format!("{h} ({}件)", section.rows.len());
                pages.heading(&heading, ReportPages::first_row_height(&table, &rows));
            }
            if rows.is_empty() {
                pages.paragraph(9.0, NOTHING);
            } else {
                pages.table(&table, &rows);
            }
            pages.gap(4.0);
        }
        if left_out > 0 {
            pages.page_break();
            pages.heading("印刷を省略した行", 0.0);
            for line in [
                format!(
                    "この報告は全{}件です。このPDFには先頭の{}件を、上の表の並び順のまま載せています。",
                    thousands(total),
                    thousands(printed)
                ),
                format!(
                    "残り{}件は印刷していません。数千ページの紙は窓口の役に立たないため、PDFは{}件までとしています。",
                    thousands(left_out),
                    thousands(self.pdf_rows)
                ),
                "全件はCSVで確認してください。コマンドでは同じ報告に --csv ファイル名.csv を付けて出力し、デスクアプリでは印刷のたびにPDFと同じ場所にCSVも保存されます。Excelでそのまま開けます。".to_string(),
            ] {
                pages.paragraph(9.0, &line);
                pages.gap(2.0);
            }
        }
        pages.pdf(&self.title)
    }

    /// The CSV of the rows this report holds (a report `build` streamed went to its writer).
    pub fn csv(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_csv(&mut out).expect("writing to memory");
        out
    }

    fn write_csv(&self, out: &mut dyn Write) -> kashidashi_core::Result<()> {
        let sectioned = self.sections.iter().any(|s| s.heading.is_some());
        let mut csv = CsvRows::start(out, &self.columns, sectioned)?;
        for s in &self.sections {
            for row in &s.rows {
                csv.row(s.heading.as_deref(), row)?;
            }
        }
        csv.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{A4_INNER_MM, Table};
    use kashidashi_core::domain::DeskCode;
    use kashidashi_core::reports::DutySheet;

    fn every_report() -> Vec<Report> {
        let policy = Policy::parse(
            "hokkaido",
            kashidashi_core::policy::builtin_profile("hokkaido").unwrap(),
        )
        .unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let h = || Header::new(&policy, "general", d, d);
        let sheet = DutySheet {
            desk: DeskCode::new("diet"),
            name: "道議会図書室".into(),
            date: d,
            duty_day: false,
            bring: vec![],
            expired: vec![],
            returned: vec![],
            loans: vec![],
        };
        vec![
            hold_shelf(h(), &[]),
            expired_holds(h(), &policy, &[]),
            pull_list(h(), &policy, &[]),
            delivery_run(h(), &[]),
            duty_sheet(h(), &policy, &sheet),
            overdue(h()),
            daily_stats(h(), &[]),
        ]
    }

    #[test]
    fn every_report_fits_the_width_of_a4() {
        for r in every_report() {
            let width: f32 = r.columns.iter().map(|c| c.width_mm).sum();
            assert!(width <= A4_INNER_MM + 0.01, "{}: {width} mm", r.title);
        }
    }

    #[test]
    fn titles_and_typical_values_fit_their_columns_on_one_line() {
        let samples = [
            ("資料番号", "1000000017"),
            ("利用者番号", "2000000019"),
            ("予約番号", "1234567"),
            ("取置期限", "2026/12/28(月)"),
            ("返却期限", "2026/12/28(月)"),
            ("受取開始", "2026/12/28(月)"),
            ("期限", "2026/12/28(月)"),
            ("予約日", "2026/12/28(月)"),
            ("延滞日数", "365"),
            ("電話", "090-1234-5678"),
            ("受取場所", "一般資料カウンター"),
            ("行先・備考", "一般資料カウンター"),
            ("状況", "次の予約#12345に確保"),
            ("貸出", "12345"),
        ];
        for r in every_report() {
            let table = Table {
                columns: &r.columns,
            };
            let one_line = table.row(&[String::new()]).height;
            assert_eq!(table.header().height, one_line, "{}", r.title);
            for (i, col) in r.columns.iter().enumerate() {
                let Some((_, sample)) = samples.iter().find(|(t, _)| *t == col.title) else {
                    continue;
                };
                let mut cells = vec![String::new(); r.columns.len()];
                cells[i] = sample.to_string();
                assert_eq!(
                    table.row(&cells).height,
                    one_line,
                    "{}: {}",
                    r.title,
                    col.title
                );
            }
        }
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_quotes_every_field() {
        let r = overdue(every_report()[0].header.clone());
        let csv = String::from_utf8(r.csv()).unwrap();
        assert_eq!(
            csv,
            "\u{feff}\"返却期限\",\"延滞日数\",\"資料番号\",\"書名\",\"利用者番号\",\"氏名\",\"電話\"\r\n"
        );
    }

    #[test]
    fn a_text_beginning_with_a_tab_or_carriage_return_is_no_formula_either() {
        for (text, field) in [
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("札幌\t=1", "札幌\t=1"),
        ] {
            assert_eq!(Cell::text(text).for_csv(), field);
        }
        assert_eq!(Cell::Number(-3).for_csv(), "-3", "a number stays a number");
    }

    #[test]
    fn dates_print_short_with_the_weekday_and_export_as_iso() {
        let c = Cell::Date(NaiveDate::from_ymd_opt(2026, 4, 15));
        assert_eq!(
            (c.for_pdf(), c.for_csv()),
            ("2026/4/15(水)".into(), "2026-04-15".into())
        );
    }
}

/// The supervisor reports, by the names the CLI and the app use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    HoldShelf,
    ExpiredHolds,
    PullList,
    DeliveryRun,
    DutySheet,
    Overdue,
    DailyStats,
}

impl ReportKind {
    pub const ALL: [ReportKind; 7] = [
        ReportKind::HoldShelf,
        ReportKind::ExpiredHolds,
        ReportKind::PullList,
        ReportKind::DeliveryRun,
        ReportKind::DutySheet,
        ReportKind::Overdue,
        ReportKind::DailyStats,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::HoldShelf => "hold-shelf",
            ReportKind::ExpiredHolds => "expired-holds",
            ReportKind::PullList => "pull-list",
            ReportKind::DeliveryRun => "delivery-run",
            ReportKind::DutySheet => "duty-sheet",
            ReportKind::Overdue => "overdue",
            ReportKind::DailyStats => "daily-stats",
        }
    }

    /// What the report lists, in a line.
    pub fn summary(self) -> &'static str {
        match self {
            ReportKind::HoldShelf => "予約棚一覧: ready holds on the desk's shelf, by expiry",
            ReportKind::ExpiredHolds => "取置期限切れ: holds to clear from the shelf (C17)",
            ReportKind::PullList => {
                "出納リスト: copies to pull for holds, by collection and call number"
            }
            ReportKind::DeliveryRun => {
                "配送便: what goes to each partner library on the run of --date (H14)"
            }
            ReportKind::DutySheet => {
                "The duty room's list for --date: bring, take back, returns (H15)"
            }
            ReportKind::Overdue => {
                "延滞資料: loans of the desk due before --date, with the patron to call"
            }
            ReportKind::DailyStats => "貸出統計: counts per desk for --date, no patron data (C6)",
        }
    }

    pub fn parse(s: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Gather a report's rows from the core, for the actor's desk and `date`, and lay it out; the
/// CSV of every row goes to `csv` as the rows come, and the PDF will list at most `pdf_rows`.
/// The overdue list streams: it never holds more than `pdf_rows` rows.
pub fn build(
    lib: &mut Library,
    actor: &Actor,
    kind: ReportKind,
    date: NaiveDate,
    csv: Option<&mut dyn Write>,
    pdf_rows: usize,
) -> kashidashi_core::Result<Report> {
    let desk = actor.desk.to_string();
    let header = Header::new(lib.policy(), &desk, date, actor.now.today());
    let report = match kind {
        ReportKind::HoldShelf => hold_shelf(header, &lib.hold_shelf_report(actor, &desk)?),
        ReportKind::ExpiredHolds => {
            let lines = lib.expired_holds_report(actor, &desk, date)?;
            expired_holds(header, lib.policy(), &lines)
        }
        ReportKind::PullList => {
            let entries = lib.pull_list(actor, &desk)?;
            pull_list(header, lib.policy(), &entries)
        }
        ReportKind::DeliveryRun => {
            delivery_run(header, &lib.delivery_run_report(actor, &desk, date)?)
        }
        ReportKind::DutySheet => {
            let sheet = lib.duty_sheet(actor, &desk, date)?;
            duty_sheet(header, lib.policy(), &sheet)
        }
        ReportKind::Overdue => {
            return streamed_overdue(lib, actor, overdue(header), date, csv, pdf_rows);
        }
        ReportKind::DailyStats => daily_stats(header, &lib.daily_stats(actor, date)?),
    };
    if let Some(out) = csv {
        report.write_csv(out)?;
    }
    Ok(Report { pdf_rows, ..report })
}

/// Each overdue line straight from the store to the CSV; the first `pdf_rows` kept for the PDF.
fn streamed_overdue(
    lib: &mut Library,
    actor: &Actor,
    mut report: Report,
    date: NaiveDate,
    csv: Option<&mut dyn Write>,
    pdf_rows: usize,
) -> kashidashi_core::Result<Report> {
    let desk = actor.desk.to_string();
    let mut csv = csv
        .map(|out| CsvRows::start(out, &report.columns, false))
        .transpose()?;
    let mut kept = Vec::new();
    let total = lib.overdue_report(actor, &desk, date, |line| {
        let row = overdue_row(&line);
        if let Some(csv) = csv.as_mut() {
            csv.row(None, &row)?;
        }
        if kept.len() < pdf_rows {
            kept.push(row);
        }
        Ok(())
    })?;
    if let Some(csv) = csv {
        csv.finish()?;
    }
    report.unlisted = total - kept.len();
    report.sections = vec![Section::plain(kept)];
    report.pdf_rows = pdf_rows;
    Ok(report)
}
