//! Daily circulation statistics (C6): counts per desk, no patron and no title.

use kashidashi_core::reports::DeskCounts;

use super::{Cell, Header, PDF_ROWS, Report, Section};
use crate::layout::Column;

pub fn daily_stats(header: Header, counts: &[DeskCounts]) -> Report {
    let row = |name: &str, c: [u32; 4]| {
        let mut r = vec![Cell::text(name)];
        r.extend(c.map(|n| Cell::Number(i64::from(n))));
        r
    };
    let mut total = [0u32; 4];
    let mut rows: Vec<Vec<Cell>> = counts
        .iter()
        .map(|c| {
            let n = [c.checkouts, c.checkins, c.renewals, c.holds_placed];
            for (t, v) in total.iter_mut().zip(n) {
                *t += v;
            }
            let name = if c.desk.is_some() {
                c.name.as_str()
            } else {
                "(窓口の記録なし)"
            };
            row(name, n)
        })
        .collect();
    rows.push(row("合計", total));
    Report {
        title: "貸出統計(日計)".into(),
        header,
        notes: vec!["監査記録から数えた件数です。利用者と資料の情報は含みません。".into()],
        columns: vec![
            Column::new("窓口", 60.0),
            Column::new("貸出", 30.0).right(),
            Column::new("返却", 30.0).right(),
            Column::new("延長", 30.0).right(),
            Column::new("予約受付", 30.0).right(),
        ],
        sections: vec![Section::plain(rows)],
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}
