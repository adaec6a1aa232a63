use kashidashi_core::scan;
use kashidashi_wire::{CheckinView, CheckoutView, LoanView, PanelView};
use serde::Serialize;
use tauri::State;

use crate::commands::print::{Printed, save_slip};
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
        let day = returned_on
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(kashidashi_core::domain::date_input)
            .transpose()?;
        lib.checkin(actor, &item, day, r#override)
    })?;
    let slip = out
        .slip
        .as_ref()
        .map(|s| save_slip(&state, s))
        .transpose()
        .map_err(|e| state.error(e))?;
    Ok(CheckedIn {
        outcome: CheckinView::from(&out),
        slip,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn renew(state: State<'_, Desk>, item: String, r#override: bool) -> CmdResult<LoanView> {
    state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        Ok(LoanView::from(&lib.renew(actor, &item, r#override)?))
    })
}
