//! Cancelling a hold and changing its pickup place (C15): patrons until it is ready, staff always.

use super::place::{PlacedBy, pickup_refusals, require_real_password};
use super::{Hold, HoldStatus, RouteOutcome, find, route};
use crate::domain::HoldId;
use crate::error::{Refusal, Result};
use crate::library::{Actor, Ctx, Library};
use crate::patrons::find_by_id;
use crate::staff::Permission;

/// C15: once the patron has been told the hold is ready, only staff change it.
fn check_may_change(ctx: &Ctx, hold: &Hold, by: PlacedBy) -> Result<()> {
    if !hold.status.is_active() {
        return Err(Refusal::HoldClosed {
            status: hold.status.label(),
        }
        .into());
    }
    if by == PlacedBy::Patron {
        require_real_password(&find_by_id(ctx.tx, hold.patron)?, by)?;
        if hold.notified_on.is_some() {
            return Err(Refusal::HoldReady.into());
        }
    }
    Ok(())
}

/// Where the copy of `hold` is now, to send it on from.
fn copy_location(ctx: &Ctx, hold: &Hold, item: &crate::catalog::Item) -> crate::domain::DeskCode {
    match (hold.status, &hold.shelf_desk) {
        (HoldStatus::Ready, Some(s))
            if ctx
                .policy
                .desk(s.as_str())
                .is_ok_and(|d| !d.kind.is_remote()) =>
        {
            s.clone()
        }
        _ => item
            .transit_to
            .clone()
            .unwrap_or_else(|| item.home_desk.clone()),
    }
}

pub(crate) fn cancel(ctx: &Ctx, hold: &Hold, by: PlacedBy) -> Result<Option<RouteOutcome>> {
    check_may_change(ctx, hold, by)?;
    let outcome = route::close_and_release(ctx, hold, HoldStatus::Cancelled)?;
    super::withdraw_notices(ctx, hold.id)?;
    ctx.audit("hold.cancel", &hold.id.to_string())?;
    Ok(outcome)
}

pub(crate) fn change_pickup(ctx: &Ctx, hold: &Hold, pickup: &str, by: PlacedBy) -> Result<Hold> {
    let id = hold.id;
    check_may_change(ctx, hold, by)?;
    let desk = ctx.policy.desk(pickup)?;
    let mut reasons = Vec::new();
    pickup_refusals(&find_by_id(ctx.tx, hold.patron)?, desk, &mut reasons);
    ctx.settle(reasons, false)?;
    ctx.tx.execute(
        "UPDATE holds SET pickup_desk = ?1 WHERE id = ?2",
        (desk.code.as_str(), id.0),
    )?;
    if let (Some(item_id), true) = (hold.item_id, hold.status != HoldStatus::Allocated) {
        let item = crate::catalog::find_by_id(ctx.tx, item_id)?;
        let at = copy_location(ctx, hold, &item);
        let moved = find(ctx.tx, id)?;
        route::trap(ctx, &moved, &item, ctx.policy.desk(at.as_str())?)?;
    }
    ctx.audit("hold.change_pickup", &id.to_string())?;
    find(ctx.tx, id)
}

impl Library {
    pub fn cancel_hold(
        &mut self,
        actor: &Actor,
        id: HoldId,
        by: PlacedBy,
    ) -> Result<Option<RouteOutcome>> {
        self.act(actor, Permission::ManageHolds, |ctx| {
            cancel(ctx, &find(ctx.tx, id)?, by)
        })
    }

    /// A new pickup place. A copy already set aside is sent on to the new place from where it is;
    /// the patron is told again when it is ready there.
    pub fn change_pickup(
        &mut self,
        actor: &Actor,
        id: HoldId,
        pickup: &str,
        by: PlacedBy,
    ) -> Result<Hold> {
        self.act(actor, Permission::ManageHolds, |ctx| {
            change_pickup(ctx, &find(ctx.tx, id)?, pickup, by)
        })
    }
}
