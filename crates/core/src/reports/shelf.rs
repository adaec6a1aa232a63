//! The hold shelf (K8, H10) and the holds to clear from it (C17).

use chrono::NaiveDate;

use super::{HoldLine, hold_lines};
use crate::catalog::Item;
use crate::domain::{DeskCode, HoldId, ItemId, ItemStatus};
use crate::error::Result;
use crate::holds::{Hold, HoldStatus};
use crate::library::{Actor, Ctx, Library};
use crate::staff::Permission;
use crate::store::{OptionalExtension, date_str};

/// C17: a hold whose shelf days are over, the copy that waited for it, and where that copy
/// is now, so staff know whether to take it off the shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredLine {
    pub hold: Hold,
    /// The copy on the shelf: the hold's own while it is ready, the one it let go of once
    /// expired. None only for a hold expired before the program kept it.
    pub copy: Option<Item>,
    pub now: CopyNow,
}

/// Where the copy of an expired hold has gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyNow {
    /// The hold is past its last day but `shelf expire` has not run: the copy is still its.
    Unprocessed,
    /// Trapped for the next hold in the queue (C17, C13).
    NextHold {
        hold: HoldId,
        status: HoldStatus,
        shelf_desk: Option<DeskCode>,
    },
    /// On its way to another desk (H16).
    Transit { to: Option<DeskCode> },
    /// Back to the open shelves.
    Shelf,
    /// Lent or otherwise moved on since: its status label (C5).
    Elsewhere { label: &'static str },
    /// The copy is not known (expired before the program kept it).
    Unknown,
}

fn released_copy(ctx: &Ctx, hold: HoldId) -> Result<Option<ItemId>> {
    Ok(ctx
        .tx
        .prepare_cached("SELECT released_item_id FROM holds WHERE id = ?1")?
        .query_row([hold.0], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .flatten()
        .map(ItemId))
}

fn expired_line(ctx: &Ctx, line: HoldLine) -> Result<ExpiredLine> {
    let hold = line.hold;
    let copy_id = if hold.item_id.is_some() {
        hold.item_id
    } else {
        released_copy(ctx, hold.id)?
    };
    let copy = copy_id
        .map(|id| crate::catalog::find_by_id(ctx.tx, id))
        .transpose()?;
    let now = match &copy {
        _ if hold.status == HoldStatus::Ready => CopyNow::Unprocessed,
        None => CopyNow::Unknown,
        Some(item) => match crate::holds::for_item(ctx.tx, item.id)? {
            Some(next) => CopyNow::NextHold {
                hold: next.id,
                status: next.status,
                shelf_desk: next.shelf_desk,
            },
            None => match item.status {
                ItemStatus::InTransit => CopyNow::Transit {
                    to: item.transit_to.clone(),
                },
                ItemStatus::Available => CopyNow::Shelf,
                other => CopyNow::Elsewhere {
                    label: other.label(item.loan_type),
                },
            },
        },
    };
    Ok(ExpiredLine { hold, copy, now })
}

impl Library {
    /// Ready holds on `desk`'s shelf, the first to expire first, with each copy's call number.
    pub fn hold_shelf_report(&mut self, actor: &Actor, desk: &str) -> Result<Vec<HoldLine>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            hold_lines(
                ctx,
                "WHERE h.status IN ('ready', 'awaiting-return') AND h.shelf_desk = ?1
                 ORDER BY h.expires_on IS NULL, h.expires_on, h.id",
                [desk.as_str()],
            )
        })
    }

    /// C17: the copies to take off `desk`'s hold shelf on `on`. Ready holds whose last shelf day
    /// has passed (what `shelf expire` clears), and holds that the nightly job expired that
    /// day, with the copy each let go of and where it went: trapped for the next hold, in
    /// transit, or back to the open shelves.
    pub fn expired_holds_report(
        &mut self,
        actor: &Actor,
        desk: &str,
        on: NaiveDate,
    ) -> Result<Vec<ExpiredLine>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            hold_lines(
                ctx,
                "WHERE h.shelf_desk = ?1
                   AND ((h.status = 'ready' AND h.expires_on < ?2)
                     OR (h.status = 'expired' AND h.closed_on = ?2))
                 ORDER BY h.expires_on, h.id",
                (desk.as_str(), date_str(on)),
            )?
            .into_iter()
            .map(|l| expired_line(ctx, l))
            .collect()
        })
    }
}
