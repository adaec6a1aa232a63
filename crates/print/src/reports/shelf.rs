//! The hold shelf (K8, H10), the holds to clear from it (C17) and the pull list (K7/H9 割当).

use kashidashi_core::domain::Collection;
use kashidashi_core::holds::{HoldStatus, PullEntry};
use kashidashi_core::policy::Policy;
use kashidashi_core::reports::{CopyNow, ExpiredLine, HoldLine};

use super::{Cell, Header, PDF_ROWS, Report, Section};
use crate::layout::Column;

/// A hold on the shelf: its expiry, number, copy, title and call number, then `last`.
fn shelf_row(l: &HoldLine, last: Cell) -> Vec<Cell> {
    vec![
        Cell::Date(l.hold.expires_on),
        Cell::Number(l.hold.id.0),
        Cell::hold_copy(&l.hold),
        Cell::text(&l.hold.title),
        Cell::text(l.call_number.clone().unwrap_or_default()),
        last,
    ]
}

pub fn hold_shelf(header: Header, lines: &[HoldLine]) -> Report {
    let rows = lines
        .iter()
        .map(|l| shelf_row(l, Cell::text(l.hold.card.masked())))
        .collect();
    Report {
        title: "予約棚一覧".into(),
        header,
        notes: vec!["予約棚にある資料を、取置期限の近い順に並べています。".into()],
        columns: vec![
            Column::new("取置期限", 26.0),
            Column::new("予約番号", 17.0).right(),
            Column::new("資料番号", 24.0),
            Column::new("書名", 61.0),
            Column::new("請求記号", 26.0),
            Column::new("利用者番号", 26.0),
        ],
        sections: vec![Section::plain(rows)],
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}

/// Where the copy of an expired hold goes now, in the words of the desk.
fn copy_now(policy: &Policy, shelf: Option<&str>, now: &CopyNow) -> String {
    match now {
        CopyNow::Unprocessed => "期限切れ(未処理)".into(),
        CopyNow::NextHold {
            hold,
            status: HoldStatus::Ready,
            shelf_desk,
        } if shelf_desk.as_ref().map(|d| d.as_str()) == shelf => {
            format!("次の予約#{}に確保(棚に残す)", hold.0)
        }
        CopyNow::NextHold {
            hold, shelf_desk, ..
        } => match shelf_desk {
            Some(d) => format!(
                "次の予約#{}へ回送: {}",
                hold.0,
                policy.desk_name(d.as_str())
            ),
            None => format!("次の予約#{}へ", hold.0),
        },
        CopyNow::Transit { to } => format!(
            "回送: {}",
            to.as_ref()
                .map(|d| policy.desk_name(d.as_str()))
                .unwrap_or_default()
        ),
        CopyNow::Shelf => "書架へ戻す".into(),
        CopyNow::Elsewhere { label } => format!("処理済({label})"),
        CopyNow::Unknown => "処理済(資料不明)".into(),
    }
}

pub fn expired_holds(header: Header, policy: &Policy, lines: &[ExpiredLine]) -> Report {
    let rows = lines
        .iter()
        .map(|l| {
            let shelf = l.hold.shelf_desk.as_ref().map(|d| d.as_str());
            vec![
                Cell::Date(l.hold.expires_on),
                Cell::Number(l.hold.id.0),
                Cell::text(l.copy.as_ref().map_or("", |c| c.barcode.as_str())),
                Cell::text(&l.hold.title),
                Cell::text(
                    l.copy
                        .as_ref()
                        .and_then(|c| c.call_number.clone())
                        .unwrap_or_default(),
                ),
                Cell::text(copy_now(policy, shelf, &l.now)),
            ]
        })
        .collect();
    Report {
        title: "取置期限切れ予約一覧".into(),
        header,
        notes: vec![
            "取置期限を過ぎた予約の資料です。「未処理」は取置期限切れ処理(shelf expire)の前の予約で、資料はまだこの予約のものです。".into(),
            "処理済の予約は、資料がその後どこへ回ったかを状況欄に示します。次の予約に確保された資料は新しい確保票に差し替えて棚に残し、回送・書架へ戻す資料は予約棚から下ろしてください。".into(),
        ],
        columns: vec![
            Column::new("取置期限", 26.0),
            Column::new("予約番号", 17.0).right(),
            Column::new("資料番号", 24.0),
            Column::new("書名", 51.0),
            Column::new("請求記号", 24.0),
            Column::new("状況", 38.0),
        ],
        sections: vec![Section::plain(rows)],
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}

fn collection_name(c: &str) -> &'static str {
    match Collection::parse(c) {
        Some(Collection::Northern) => "北方資料",
        _ => "一般資料",
    }
}

/// Grouped by collection, in call-number order as the core sorts them: one walk along the shelves.
pub fn pull_list(header: Header, policy: &Policy, entries: &[PullEntry]) -> Report {
    let mut sections: Vec<Section> = Vec::new();
    for e in entries {
        let heading = collection_name(&e.collection).to_string();
        if sections
            .last()
            .is_none_or(|s| s.heading.as_deref() != Some(heading.as_str()))
        {
            sections.push(Section {
                heading: Some(heading),
                rows: Vec::new(),
            });
        }
        let row = vec![
            Cell::text(e.call_number.clone().unwrap_or_default()),
            Cell::hold_copy(&e.hold),
            Cell::text(&e.hold.title),
            Cell::Number(e.hold.id.0),
            Cell::text(policy.desk_name(e.hold.pickup.as_str())),
            Cell::Date(e.hold.placed_at.get(..10).and_then(|d| d.parse().ok())),
        ];
        sections.last_mut().expect("pushed above").rows.push(row);
    }
    Report {
        title: "割当資料 出納リスト".into(),
        header,
        notes: vec!["予約に割り当てた書架の資料です。書架から出して返却処理(チェックイン)をすると、予約棚か回送に回ります。".into()],
        columns: vec![
            Column::new("請求記号", 26.0),
            Column::new("資料番号", 24.0),
            Column::new("書名", 56.0),
            Column::new("予約番号", 17.0).right(),
            Column::new("受取場所", 31.0),
            Column::new("予約日", 26.0),
        ],
        sections,
        pdf_rows: PDF_ROWS,
        unlisted: 0,
    }
}
