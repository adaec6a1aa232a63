//! The duty-room sheet (H15, H16): what to bring to the Diet library room, what to take back,
//! and which loans may be handed in there.

use kashidashi_core::policy::Policy;
use kashidashi_core::reports::{DutySheet, HoldLine};

use super::{Cell, Header, PDF_ROWS, Report, Section};
use crate::layout::Column;

fn hold_row(l: &HoldLine, note: &str) -> Vec<Cell> {
    vec![
        Cell::hold_copy(&l.hold),
        Cell::text(&l.hold.title),
        Cell::Number(l.hold.id.0),
        Cell::text(l.hold.card.masked()),
        Cell::Date(l.hold.expires_on),
        Cell::text(note),
    ]
}

pub fn duty_sheet(header: Header, policy: &Policy, sheet: &DutySheet) -> Report {
    let duty_note = if sheet.duty_day {
        format!("{}の当番日です。返却処理ができます。", sheet.name)
    } else {
        format!(
            "{}の当番日ではありません。返却された資料は、次の当番日に返却日を指定して処理します。",
            sheet.name
        )
    };
    let bring = sheet
        .bring
        .iter()
        .map(|l| hold_row(l, "予約棚へ"))
        .collect();
    let expired = sheet
        .expired
        .iter()
        .map(|l| hold_row(l, "取置期限切れ"))
        .collect();
    let returned = sheet
        .returned
        .iter()
        .map(|i| {
            let to = i
                .transit_to
                .as_ref()
                .map(|d| policy.desk_name(d.as_str()))
                .unwrap_or_default();
            vec![
                Cell::text(i.barcode.as_str()),
                Cell::text(&i.title),
                Cell::text(""),
                Cell::text(""),
                Cell::Date(None),
                Cell::text(to),
            ]
        })
        .collect();
    let loans = sheet
        .loans
        .iter()
        .map(|l| {
            let late = if l.loan.due_on < sheet.date {
                "延滞"
            } else {
                ""
            };
            vec![
                Cell::text(l.loan.item.barcode.as_str()),
                Cell::text(&l.loan.item.title),
                Cell::text(""),
                Cell::text(&l.card_masked),
                Cell::Date(Some(l.loan.due_on)),
                Cell::text(late),
            ]
        })
        .collect();
    let section = |heading: &str, rows| Section {
        heading: Some(heading.to_string()),
        rows,
    };
    Report {
        title: format!("{} 当番用リスト", sheet.name),
        header,
        notes: vec![duty_note],
        columns: vec![
            Column::new("資料番号", 24.0),
            Column::new("書名", 52.0),
            Column::new("予約番号", 17.0).right(),
            Column::new("利用者番号", 25.0),
            Column::new("期限", 26.0),
            Column::new("行先・備考", 36.0),
        ],
        sections: vec![
            section("持参する資料(予約)", bring),
            section("持ち帰る資料(取置期限切れ)", expired),
            section("持ち帰る資料(返却済・回送)", returned),
            section("返却処理の対象(この室で貸出中)", loans),
        ],
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}
