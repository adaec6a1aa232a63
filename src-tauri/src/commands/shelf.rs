use kashidashi_wire::{ExpiredView, HoldView, PullView};
use tauri::State;

use crate::error::CmdResult;
use crate::state::Desk;

/// The current desk's hold shelf, first to expire first (K8, H10).
#[tauri::command(rename_all = "snake_case")]
pub async fn shelf_list(state: State<'_, Desk>) -> CmdResult<Vec<HoldView>> {
    state.act(|lib, actor| {
        Ok(lib
            .shelf(actor, actor.desk.as_str())?
            .iter()
            .map(HoldView::from)
            .collect())
    })
}

/// Copies to fetch from this desk's open shelves (割当).
#[tauri::command(rename_all = "snake_case")]
pub async fn pull_list(state: State<'_, Desk>) -> CmdResult<Vec<PullView>> {
    state.act(|lib, actor| {
        Ok(lib
            .pull_list(actor, actor.desk.as_str())?
            .iter()
            .map(PullView::from)
            .collect())
    })
}

/// C17, for supervisors: expire what has passed today.
#[tauri::command(rename_all = "snake_case")]
pub async fn shelf_expire(state: State<'_, Desk>) -> CmdResult<Vec<ExpiredView>> {
    state.act(|lib, actor| {
        Ok(lib
            .expire_shelf(actor)?
            .iter()
            .map(ExpiredView::from)
            .collect())
    })
}
