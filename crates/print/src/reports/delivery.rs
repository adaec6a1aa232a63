//! The delivery run sheet (H14): what goes in each partner library's box.

use kashidashi_core::reports::PartnerRun;

use super::{Cell, Header, PDF_ROWS, Report, Section};
use crate::layout::Column;

pub fn delivery_run(header: Header, runs: &[PartnerRun]) -> Report {
    let sections = runs
        .iter()
        .map(|run| Section {
            heading: Some(run.name.clone()),
            rows: run
                .holds
                .iter()
                .map(|l| {
                    vec![
                        Cell::Number(l.hold.id.0),
                        Cell::hold_copy(&l.hold),
                        Cell::text(&l.hold.title),
                        Cell::text(l.hold.card.masked()),
                        Cell::Date(l.hold.available_from),
                        Cell::Date(l.hold.expires_on),
                    ]
                })
                .collect(),
        })
        .collect();
    Report {
        title: "配送便 送付リスト".into(),
        header,
        notes: vec![
            "この日の配送便で受取館へ送る予約資料です。受取館ごとに箱に入れ、確保票を挟んでください。".into(),
            "受取館での貸出は、配送便の日に本館で貸出処理をしてから送ります(受取館で借りた資料は延長できません)。".into(),
        ],
        columns: vec![
            Column::new("予約番号", 17.0).right(),
            Column::new("資料番号", 24.0),
            Column::new("書名", 61.0),
            Column::new("利用者番号", 26.0),
            Column::new("受取開始", 26.0),
            Column::new("取置期限", 26.0),
        ],
        sections,
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}
