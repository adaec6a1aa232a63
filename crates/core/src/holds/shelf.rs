//! The hold shelf (K8, H10, C17) and the pull list (K7/H9 割当).

use chrono::NaiveDate;

use super::{HOLD_SELECT, Hold, HoldStatus, RouteOutcome, hold_from_row, route};
use crate::domain::{DeskCode, HoldId, ItemBarcode};
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

/// A hold that passed its shelf date, and where its copy went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expired {
    pub hold: HoldId,
    pub title: String,
    pub item: Option<ItemBarcode>,
    pub shelf_desk: Option<DeskCode>,
    pub expired_on: NaiveDate,
    pub next: Option<RouteOutcome>,
}

/// A copy to fetch from the open shelves for a hold (割当).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullEntry {
    pub hold: Hold,
    pub call_number: Option<String>,
    pub collection: String,
}

impl Library {
    /// Ready holds on `desk`'s shelf, the first to expire first.
    pub fn shelf(&mut self, actor: &Actor, desk: &str) -> Result<Vec<Hold>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::View, |ctx| {
            let mut st = ctx.tx.prepare_cached(&format!(
                "{HOLD_SELECT} WHERE h.status IN ('ready', 'awaiting-return') AND h.shelf_desk = ?1
                 ORDER BY h.expires_on IS NULL, h.expires_on, h.id"
            ))?;
            let rows = st.query_map([desk.as_str()], hold_from_row)?;
            Ok(rows.collect::<crate::store::Result<_>>()?)
        })
    }

    /// C17: every ready hold whose last shelf day is before today expires; its copy goes to the
    /// next hold or back to the shelf. A nightly job (`shelf expire`).
    pub fn expire_shelf(&mut self, actor: &Actor) -> Result<Vec<Expired>> {
        self.act(actor, Permission::Supervise, |ctx| {
            let today = ctx.today();
            let mut st = ctx.tx.prepare_cached(&format!(
                "{HOLD_SELECT} WHERE h.status = 'ready' AND h.expires_on < ?1 ORDER BY h.expires_on, h.id"
            ))?;
            let due: Vec<Hold> = st
                .query_map([date_str(today)], hold_from_row)?
                .collect::<crate::store::Result<_>>()?;
            let mut expired = Vec::with_capacity(due.len());
            for h in due {
                let next = route::close_and_release(ctx, &h, HoldStatus::Expired)?;
                ctx.audit("hold.expire", &h.id.to_string())?;
                expired.push(Expired {
                    hold: h.id,
                    title: h.title.clone(),
                    item: h.item.clone(),
                    shelf_desk: h.shelf_desk.clone(),
                    expired_on: h.expires_on.unwrap_or(today),
                    next,
                });
            }
            Ok(expired)
        })
    }

    /// Copies set aside on `desk`'s open shelves, to pull, by collection and call number.
    pub fn pull_list(&mut self, actor: &Actor, desk: &str) -> Result<Vec<PullEntry>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::View, |ctx| {
            let mut st = ctx.tx.prepare_cached(&format!(
                "{HOLD_SELECT} WHERE h.status = 'allocated' AND i.home_desk = ?1
                 ORDER BY i.collection, i.call_number, h.id"
            ))?;
            let holds: Vec<Hold> = st
                .query_map([desk.as_str()], hold_from_row)?
                .collect::<crate::store::Result<_>>()?;
            holds
                .into_iter()
                .map(|h| {
                    let (call_number, collection) = ctx.tx.query_row(
                        "SELECT call_number, collection FROM items WHERE id = ?1",
                        [h.item_id.map_or(0, |i| i.0)],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    Ok(PullEntry {
                        hold: h,
                        call_number,
                        collection,
                    })
                })
                .collect()
        })
    }
}
