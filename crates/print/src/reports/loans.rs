//! The overdue list: staff phone the patron, so it names them. Internal use only.

use kashidashi_core::reports::OverdueLine;

use super::{Cell, Header, PDF_ROWS, Report, Section};
use crate::layout::Column;

/// The overdue list without its rows: `build` streams them in from the core, since a month
/// of a whole library's overdue loans is hundreds of thousands of rows.
pub fn overdue(header: Header) -> Report {
    Report {
        title: "延滞資料一覧".into(),
        header,
        notes: vec![
            "職員用: 連絡のため利用者番号・氏名・電話番号をそのまま記載しています。窓口の外に出さず、用が済んだら細断してください。".into(),
        ],
        columns: vec![
            Column::new("返却期限", 26.0),
            Column::new("延滞日数", 17.0).right(),
            Column::new("資料番号", 24.0),
            Column::new("書名", 36.0),
            Column::new("利用者番号", 24.0),
            Column::new("氏名", 26.0),
            Column::new("電話", 27.0),
        ],
        sections: vec![Section::plain(Vec::new())],
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}

pub fn overdue_row(l: &OverdueLine) -> Vec<Cell> {
    vec![
        Cell::Date(Some(l.loan.due_on)),
        Cell::Number(l.days_overdue),
        Cell::text(l.loan.item.barcode.as_str()),
        Cell::text(&l.loan.item.title),
        Cell::text(l.card.as_str()),
        Cell::text(&l.name),
        Cell::text(l.phone.clone().unwrap_or_default()),
    ]
}
