//! 蔵書点検 at the desk (C21): start a count of a collection, scan the shelves, finish with the
//! copies not seen, which the core marks 不明.

use kashidashi_core::copies::StocktakeId;
use kashidashi_core::domain::Collection;
use kashidashi_core::{Invalid, scan};
use kashidashi_wire::{OpenStocktakeView, StocktakeScanView, StocktakeView};
use tauri::State;

use crate::error::CmdResult;
use crate::state::Desk;

/// A supervisor starts counting `collection`; the answer is the count's id.
#[tauri::command(rename_all = "snake_case")]
pub async fn stocktake_start(state: State<'_, Desk>, collection: String) -> CmdResult<i64> {
    state.act(|lib, actor| {
        let collection = Collection::parse(&collection).ok_or_else(|| Invalid::BadValue {
            field: "collection",
            input: collection.clone(),
        })?;
        Ok(lib.stocktake_start(actor, collection)?.0)
    })
}

/// A copy seen on the shelves.
#[tauri::command(rename_all = "snake_case")]
pub async fn stocktake_scan(
    state: State<'_, Desk>,
    id: i64,
    item: String,
) -> CmdResult<StocktakeScanView> {
    state.act(|lib, actor| {
        let item = scan::item(lib.policy(), &item)?;
        Ok(StocktakeScanView::from(&lib.stocktake_scan(
            actor,
            StocktakeId(id),
            &item,
        )?))
    })
}

/// The count ends: what was not seen is marked 不明 and listed.
#[tauri::command(rename_all = "snake_case")]
pub async fn stocktake_finish(state: State<'_, Desk>, id: i64) -> CmdResult<StocktakeView> {
    state.act(|lib, actor| {
        Ok(StocktakeView::from(
            &lib.stocktake_finish(actor, StocktakeId(id))?,
        ))
    })
}

/// The counts still open, started here or at another desk, to scan into.
#[tauri::command(rename_all = "snake_case")]
pub async fn stocktakes_open(state: State<'_, Desk>) -> CmdResult<Vec<OpenStocktakeView>> {
    state.act(|lib, actor| {
        Ok(lib
            .stocktakes_open(actor)?
            .iter()
            .map(OpenStocktakeView::from)
            .collect())
    })
}
