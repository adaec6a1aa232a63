use kashidashi_core::circulation::CheckinOutcome;
use kashidashi_core::domain::{Mark, date_input};
use kashidashi_core::slips::Slip;
use kashidashi_core::{Invalid, Library, scan};
use kashidashi_wire::{CheckinView, CheckoutView, LoanView, MarkView, PanelView};
use serde::Serialize;
use tauri::State;

use crate::commands::print::{Printed, slip_after_commit};
use crate::error::CmdResult;
use crate::state::Desk;

#[derive(Serialize)]
pub struct Scanned {
    kind: &'static str,
    value: String,
}

/// C3: card or item, from whatever the scanner or keyboard sent.
#[tauri::command(rename_all = "snake_case")]
pub async fn scan(state: State<'_, Desk>, code: String) -> CmdResult<Scanned> {
    state.with(|lib| {
        let s = scan::classify(lib.policy(), &code)?;
        Ok(Scanned {
            kind: s.kind(),
            value: s.value().to_string(),
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn patron_panel(state: State<'_, Desk>, card: String) -> CmdResult<PanelView> {
    let lang = state.lang();
    state.act(|lib, actor| {
        let card = scan::card(lib.policy(), &card)?;
        Ok(PanelView::new(&lib.patron_panel(actor, &card)?, lang))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn checkout(
    state: State<'_, Desk>,
    card: String,
    item: String,
    r#override: bool,
) -> CmdResult<CheckoutView> {
    state.act(|lib, actor| {
        let (card, item) = (
            scan::card(lib.policy(), &card)?,
            scan::item(lib.policy(), &item)?,
        );
        Ok(CheckoutView::from(
            &lib.checkout(actor, &card, &item, r#override)?,
        ))
    })
}

/// A check-in, with the slip the core called for (予約資料確保票 or 回送票) saved as a PDF.
#[derive(Serialize)]
pub struct CheckedIn {
    #[serde(flatten)]
    outcome: CheckinView,
    slip: Option<Printed>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn checkin(
    state: State<'_, Desk>,
    item: String,
    returned_on: Option<String>,
    r#override: bool,
) -> CmdResult<CheckedIn> {
    let out = state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        let day = optional_day(returned_on.as_deref())?;
        lib.checkin(actor, &item, day, r#override)
            .map(|o| with_slip(lib, o))
    })?;
    Ok(checked_in(&state, &out))
}

fn optional_day(s: Option<&str>) -> kashidashi_core::Result<Option<chrono::NaiveDate>> {
    s.filter(|s| !s.is_empty()).map(date_input).transpose()
}

/// The slip a check-in calls for, decided by the core from its outcome.
fn with_slip(lib: &Library, out: CheckinOutcome) -> (CheckinOutcome, Option<Slip>) {
    let slip = out.slip(lib.policy());
    (out, slip)
}

fn checked_in(state: &Desk, (out, slip): &(CheckinOutcome, Option<Slip>)) -> CheckedIn {
    CheckedIn {
        outcome: CheckinView::from(out),
        slip: slip.as_ref().map(|s| slip_after_commit(state, s)),
    }
}

/// H11, C23: a copy out of the book drop, returned on the day it was dropped (default: the
/// desk's last open day before today).
#[tauri::command(rename_all = "snake_case")]
pub async fn checkin_book_drop(
    state: State<'_, Desk>,
    item: String,
    dropped_on: Option<String>,
    r#override: bool,
) -> CmdResult<CheckedIn> {
    let out = state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        let day = optional_day(dropped_on.as_deref())?;
        lib.checkin_book_drop(actor, &item, day, r#override)
            .map(|o| with_slip(lib, o))
    })?;
    Ok(checked_in(&state, &out))
}

/// C21 from the item row: 紛失, 汚損, 修理中, 除籍, 返却済申告, 不明, or back in circulation.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_mark(
    state: State<'_, Desk>,
    item: String,
    to: String,
    note: Option<String>,
) -> CmdResult<MarkView> {
    state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        let to = Mark::parse(&to).ok_or_else(|| Invalid::BadValue {
            field: "to",
            input: to.clone(),
        })?;
        let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        Ok(MarkView::from(&lib.mark_item(actor, &item, to, note)?))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn renew(state: State<'_, Desk>, item: String, r#override: bool) -> CmdResult<LoanView> {
    state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        Ok(LoanView::from(&lib.renew(actor, &item, r#override)?))
    })
}
