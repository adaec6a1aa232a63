//! Where a copy goes next (C16, C17, H10, H12, H14, H16). One entry point, `route_copy`, decides
//! for a copy that has just become free at a desk: the next hold in the queue traps it, or it goes
//! back to its shelf, or into transit home. `trap` puts one copy to one hold: on this desk's hold
//! shelf, into transit to the pickup place, or (partner and home) secured at the main library.

use chrono::{Duration, NaiveDate};

use super::schedule::{HoldDates, partner_dates, shelf_expiry};
use crate::store::OptionalExtension;

use super::{HOLD_SELECT, Hold, HoldStatus, hold_from_row};
use crate::catalog::Item;
use crate::domain::{CardNumber, DeskCode, DeskKind, HoldId, ItemId};
use crate::error::Result;
use crate::library::Ctx;
use crate::policy::Desk;
use crate::store::date_str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Onto a hold shelf here (or the home-delivery shelf).
    Shelf,
    /// Into transit (回送) to another desk, with a slip.
    Transit,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Shelf => "shelf",
            Route::Transit => "transit",
        }
    }
}

/// A copy put to a hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trap {
    pub hold: HoldId,
    pub card: CardNumber,
    pub title: String,
    pub route: Route,
    pub status: HoldStatus,
    /// The desk the copy goes to now: this desk's shelf, or the transit destination.
    pub destination: DeskCode,
    pub pickup: DeskCode,
    pub notified_on: Option<NaiveDate>,
    pub available_from: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub delivery_run: Option<NaiveDate>,
}

/// A copy sent to another desk with no hold waiting for it there: back to its home shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transit {
    pub to: DeskCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteOutcome {
    Trapped(Trap),
    Transit(Transit),
    /// Back on the open shelf (在庫).
    Shelved,
}

fn set_item(ctx: &Ctx, item: ItemId, status: &str, transit_to: Option<&DeskCode>) -> Result<()> {
    ctx.tx
        .prepare_cached("UPDATE items SET status = ?1, transit_to = ?2 WHERE id = ?3")?
        .execute((status, transit_to.map(DeskCode::as_str), item.0))?;
    Ok(())
}

struct HoldUpdate<'a> {
    status: HoldStatus,
    shelf: &'a DeskCode,
    notified_on: Option<NaiveDate>,
    available_from: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    delivery_run: Option<NaiveDate>,
}

fn set_hold(ctx: &Ctx, hold: HoldId, item: ItemId, u: &HoldUpdate) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE holds SET status = ?1, item_id = ?2, shelf_desk = ?3, notified_on = ?4,
                    available_from = ?5, expires_on = ?6, delivery_run = ?7
             WHERE id = ?8",
        )?
        .execute(crate::store::params![
            u.status.as_str(),
            item.0,
            u.shelf.as_str(),
            u.notified_on.map(date_str),
            u.available_from.map(date_str),
            u.expires_on.map(date_str),
            u.delivery_run.map(date_str),
            hold.0,
        ])?;
    Ok(())
}

/// H12, H14: the patron already has (or will have, once what is secured goes out) the maximum
/// loans: the notice goes, the copy waits for a return.
fn held_back(ctx: &Ctx, hold: &Hold) -> Result<bool> {
    Ok(super::holdback::committed_loans(ctx, hold.patron)? >= ctx.policy.loans.limit)
}

/// Put `item` to `hold`, the copy being at `here` now.
pub(crate) fn trap(ctx: &Ctx, hold: &Hold, item: &Item, here: &Desk) -> Result<Trap> {
    let pickup = ctx.policy.desk(hold.pickup.as_str())?;
    let today = ctx.today();
    let after_notice = today + Duration::days(ctx.policy.holds.collect_after_notice_days.into());
    let (route, destination, u) = match pickup.kind {
        DeskKind::Counter | DeskKind::DutyRoom => {
            // H11: a library counter keeps the copies of its own collection.
            let shelf = if pickup.kind == DeskKind::Counter {
                ctx.policy.counter_for(item.collection)
            } else {
                pickup
            };
            if shelf.code == here.code {
                let expires = shelf_expiry(&ctx.calendar()?, shelf, today, after_notice);
                set_item(ctx, item.id, "allocated", None)?;
                let u = HoldUpdate {
                    status: HoldStatus::Ready,
                    shelf: &shelf.code,
                    notified_on: Some(today),
                    available_from: Some(after_notice),
                    expires_on: Some(expires),
                    delivery_run: None,
                };
                (Route::Shelf, shelf.code.clone(), u)
            } else {
                set_item(ctx, item.id, "in-transit", Some(&shelf.code))?;
                let u = HoldUpdate {
                    status: HoldStatus::InTransit,
                    shelf: &shelf.code,
                    notified_on: None,
                    available_from: None,
                    expires_on: None,
                    delivery_run: None,
                };
                (Route::Transit, shelf.code.clone(), u)
            }
        }
        // H11, H12, H14: partner and home pickups are sent from the counter of the copy's
        // collection at the main library.
        DeskKind::Partner | DeskKind::Home
            if here.kind != DeskKind::Counter || !here.serves(item.collection) =>
        {
            let home = ctx.policy.desk(item.home_desk.as_str())?;
            set_item(ctx, item.id, "in-transit", Some(&home.code))?;
            let u = HoldUpdate {
                status: HoldStatus::InTransit,
                shelf: &pickup.code,
                notified_on: None,
                available_from: None,
                expires_on: None,
                delivery_run: None,
            };
            (Route::Transit, home.code.clone(), u)
        }
        DeskKind::Partner => {
            // H14: out on the first run after the notice, collectable from the second day after;
            // unless the patron is at the loan limit (then the run is set when a return makes room).
            let (status, dates) = if held_back(ctx, hold)? {
                (HoldStatus::AwaitingReturn, HoldDates::default())
            } else {
                (
                    HoldStatus::InTransit,
                    partner_dates(&ctx.calendar()?, pickup, today, today),
                )
            };
            set_item(ctx, item.id, "allocated", None)?;
            let u = HoldUpdate {
                status,
                shelf: &pickup.code,
                notified_on: Some(today),
                available_from: dates.available_from,
                expires_on: dates.expires_on,
                delivery_run: dates.delivery_run,
            };
            (Route::Transit, pickup.code.clone(), u)
        }
        DeskKind::Home => {
            // H12: sent the day after the notice, unless the patron is at the loan limit.
            let status = if held_back(ctx, hold)? {
                HoldStatus::AwaitingReturn
            } else {
                HoldStatus::Ready
            };
            set_item(ctx, item.id, "allocated", None)?;
            let u = HoldUpdate {
                status,
                shelf: &pickup.code,
                notified_on: Some(today),
                available_from: Some(after_notice),
                expires_on: None,
                delivery_run: None,
            };
            (Route::Shelf, pickup.code.clone(), u)
        }
    };
    set_hold(ctx, hold.id, item.id, &u)?;
    if u.notified_on.is_some() && hold.notify == super::Notify::Email {
        super::notices::hold_ready(ctx, hold.id)?;
    }
    Ok(Trap {
        hold: hold.id,
        card: hold.card.clone(),
        title: hold.title.clone(),
        route,
        status: u.status,
        destination,
        pickup: hold.pickup.clone(),
        notified_on: u.notified_on,
        available_from: u.available_from,
        expires_on: u.expires_on,
        delivery_run: u.delivery_run,
    })
}

/// H9: a hold of a 読みたい順 cart waits while an earlier title of its cart is still open.
pub(crate) fn is_gated(ctx: &Ctx, hold: &Hold) -> Result<bool> {
    let (Some(cart), Some(seq)) = (hold.cart, hold.cart_seq) else {
        return Ok(false);
    };
    let earlier: i64 = ctx
        .tx
        .prepare_cached(&format!(
            "SELECT count(*) FROM holds WHERE cart_id = ?1 AND cart_seq < ?2 AND status IN {}",
            HoldStatus::ACTIVE_SQL
        ))?
        .query_row((cart, seq), |r| r.get(0))?;
    Ok(earlier > 0)
}

/// C13: the first waiting hold on the title, in queue order, that may take a copy now. Read
/// lazily: the queue's head is almost always the answer.
pub(crate) fn next_eligible(ctx: &Ctx, item: &Item) -> Result<Option<Hold>> {
    let mut st = ctx.tx.prepare_cached(&format!(
        "{HOLD_SELECT} WHERE h.title_id = ?1 AND h.status = 'waiting' ORDER BY h.placed_at, h.id"
    ))?;
    let mut rows = st.query_map([item.title_id.0], hold_from_row)?;
    for h in rows.by_ref() {
        let h = h?;
        if !is_gated(ctx, &h)? {
            return Ok(Some(h));
        }
    }
    Ok(None)
}

/// A copy has become free at `here` (returned, received, released by a closed hold).
pub(crate) fn route_copy(ctx: &Ctx, item: &Item, here: &Desk) -> Result<RouteOutcome> {
    if item.loan_type.is_loanable()
        && let Some(h) = next_eligible(ctx, item)?
    {
        return Ok(RouteOutcome::Trapped(trap(ctx, &h, item, here)?));
    }
    if here.code == item.home_desk {
        set_item(ctx, item.id, "available", None)?;
        Ok(RouteOutcome::Shelved)
    } else {
        set_item(ctx, item.id, "in-transit", Some(&item.home_desk))?;
        Ok(RouteOutcome::Transit(Transit {
            to: item.home_desk.clone(),
        }))
    }
}

/// K7/H9: set a shelf copy aside for a hold now (割当, onto the pull list), if one is free and
/// the hold is not waiting for an earlier title of its cart. Copies at the counter that will
/// hold it are preferred.
pub(crate) fn try_allocate(ctx: &Ctx, hold: &Hold) -> Result<bool> {
    if hold.status != HoldStatus::Waiting || is_gated(ctx, hold)? {
        return Ok(false);
    }
    let pickup = ctx.policy.desk(hold.pickup.as_str())?;
    let copy: Option<(i64, String)> = ctx
        .tx
        .prepare_cached(
            "SELECT id, home_desk FROM items
             WHERE title_id = ?1 AND status = 'available' AND loan_type IN ('normal', 'short')
               AND copy_state IS NULL
             ORDER BY home_desk = ?2 DESC, id LIMIT 1",
        )?
        .query_row((hold.title_id.0, pickup.code.as_str()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((item, home)) = copy else {
        return Ok(false);
    };
    set_item(ctx, ItemId(item), "allocated", None)?;
    set_hold(
        ctx,
        hold.id,
        ItemId(item),
        &HoldUpdate {
            status: HoldStatus::Allocated,
            shelf: &DeskCode(home),
            notified_on: None,
            available_from: None,
            expires_on: None,
            delivery_run: None,
        },
    )?;
    Ok(true)
}

/// H9: after a cart hold closes, the next title of its cart may be allocated.
pub(crate) fn unlock_cart(ctx: &Ctx, cart: Option<i64>) -> Result<()> {
    let Some(cart) = cart else {
        return Ok(());
    };
    let mut st = ctx.tx.prepare_cached(&format!(
        "{HOLD_SELECT} WHERE h.cart_id = ?1 AND h.status = 'waiting' ORDER BY h.cart_seq, h.id"
    ))?;
    let waiting = st
        .query_map([cart], hold_from_row)?
        .collect::<crate::store::Result<Vec<_>>>()?;
    for h in waiting {
        try_allocate(ctx, &h)?;
    }
    Ok(())
}

/// Close `hold` with `status` and pass its copy on (C17): to the next hold, back to the shelf,
/// or home. A copy already travelling keeps travelling and is routed where it arrives.
pub(crate) fn close_and_release(
    ctx: &Ctx,
    hold: &Hold,
    status: HoldStatus,
) -> Result<Option<RouteOutcome>> {
    ctx.tx
        .prepare_cached(
            // The copy let go of is kept apart, so that C17's list can still name it.
            "UPDATE holds SET status = ?1, released_item_id = item_id, item_id = NULL, closed_on = ?2
             WHERE id = ?3",
        )?
        .execute((status.as_str(), date_str(ctx.today()), hold.id.0))?;
    let outcome = match hold.item_id {
        Some(id) => {
            let item = crate::catalog::find_by_id(ctx.tx, id)?;
            match item.status {
                crate::domain::ItemStatus::Allocated => {
                    let on_shelf_here = hold.status == HoldStatus::Ready
                        && hold.shelf_desk.as_ref().is_some_and(|s| {
                            ctx.policy.desk(s.as_str()).is_ok_and(|d| {
                                matches!(d.kind, DeskKind::Counter | DeskKind::DutyRoom)
                            })
                        });
                    let at = if on_shelf_here {
                        hold.shelf_desk.clone().expect("checked")
                    } else {
                        item.home_desk.clone()
                    };
                    let desk = ctx.policy.desk(at.as_str())?;
                    Some(route_copy(ctx, &item, desk)?)
                }
                _ => None,
            }
        }
        None => None,
    };
    unlock_cart(ctx, hold.cart)?;
    Ok(outcome)
}
