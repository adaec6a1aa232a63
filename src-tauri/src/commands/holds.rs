use kashidashi_core::domain::{DeskCode, HoldId};
use kashidashi_core::holds::{HoldFilter, HoldRequest, HoldStatus, Notify, PlacedBy};
use kashidashi_core::{Invalid, scan};
use kashidashi_wire::{HoldView, ItemView};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::Desk;

fn request(pickup: String, notify: &str) -> kashidashi_core::Result<HoldRequest> {
    Ok(HoldRequest {
        pickup,
        notify: Notify::parse(notify).ok_or_else(|| Invalid::BadValue {
            field: "notify",
            input: notify.to_string(),
        })?,
        by: PlacedBy::Staff,
    })
}

#[derive(Serialize)]
pub struct ItemWithQueue {
    item: ItemView,
    /// The title's queue (C13), active holds first come first served.
    queue: Vec<HoldView>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn item_show(state: State<'_, Desk>, barcode: String) -> CmdResult<ItemWithQueue> {
    state.act(|lib, actor| {
        let item = lib.item(actor, &scan::item(lib.policy(), &barcode)?)?;
        let filter = HoldFilter {
            title: Some(item.title_id),
            ..HoldFilter::default()
        };
        let queue = lib
            .holds(actor, &filter)?
            .iter()
            .filter(|h| h.status.is_active())
            .map(HoldView::from)
            .collect();
        Ok(ItemWithQueue {
            item: ItemView::from(&item),
            queue,
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn hold_place(
    state: State<'_, Desk>,
    card: String,
    item: String,
    pickup: String,
    notify: String,
    r#override: bool,
) -> CmdResult<HoldView> {
    state.act(|lib, actor| {
        let (card, item) = (
            scan::card(lib.policy(), &card)?,
            scan::item(lib.policy(), &item)?,
        );
        Ok(HoldView::from(&lib.place_hold(
            actor,
            &card,
            &item,
            &request(pickup, &notify)?,
            r#override,
        )?))
    })
}

/// H9: several titles with one pickup place; `in_order` is 読みたい順.
#[tauri::command(rename_all = "snake_case")]
pub async fn hold_cart(
    state: State<'_, Desk>,
    card: String,
    items: Vec<String>,
    pickup: String,
    in_order: bool,
    notify: String,
) -> CmdResult<Vec<HoldView>> {
    state.act(|lib, actor| {
        let card = scan::card(lib.policy(), &card)?;
        let items = items
            .iter()
            .map(|i| scan::item(lib.policy(), i))
            .collect::<kashidashi_core::Result<Vec<_>>>()?;
        let holds = lib.place_cart(
            actor,
            &card,
            &items,
            &request(pickup, &notify)?,
            in_order,
            false,
        )?;
        Ok(holds.iter().map(HoldView::from).collect())
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn holds_list(
    state: State<'_, Desk>,
    card: Option<String>,
    desk: Option<String>,
    status: Option<String>,
) -> CmdResult<Vec<HoldView>> {
    state.act(|lib, actor| {
        let filter = HoldFilter {
            card: card
                .filter(|c| !c.is_empty())
                .map(|c| scan::card(lib.policy(), &c))
                .transpose()?,
            desk: desk.filter(|d| !d.is_empty()).map(DeskCode::new),
            status: match status.filter(|s| !s.is_empty()) {
                Some(s) => Some(HoldStatus::parse(&s).ok_or(Invalid::BadValue {
                    field: "status",
                    input: s,
                })?),
                None => None,
            },
            title: None,
        };
        Ok(lib
            .holds(actor, &filter)?
            .iter()
            .map(HoldView::from)
            .collect())
    })
}

/// Staff cancel at any time (C15); a copy set aside goes to the next hold or back.
#[tauri::command(rename_all = "snake_case")]
pub async fn hold_cancel(state: State<'_, Desk>, id: i64) -> CmdResult<HoldView> {
    state.act(|lib, actor| {
        lib.cancel_hold(actor, HoldId(id), PlacedBy::Staff)?;
        Ok(HoldView::from(&lib.hold(actor, HoldId(id))?))
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn hold_change_pickup(
    state: State<'_, Desk>,
    id: i64,
    pickup: String,
) -> CmdResult<HoldView> {
    state.act(|lib, actor| {
        Ok(HoldView::from(&lib.change_pickup(
            actor,
            HoldId(id),
            &pickup,
            PlacedBy::Staff,
        )?))
    })
}
