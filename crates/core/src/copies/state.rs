//! Putting a copy into a C21 state and taking it out again, with what that does to its loan
//! and to the hold it was set aside for.

use crate::catalog::Item;
use crate::domain::{CopyState, ItemStatus};
use crate::error::Result;
use crate::holds::{self, RouteOutcome, route};
use crate::library::Ctx;
use crate::loans::{Loan, claimed_loan_of_item, close_loan};
use crate::store::date_str;

/// The copy leaves circulation: no transit, no shelf, its state saying why (C21).
pub(super) fn set_state(
    ctx: &Ctx,
    item: &Item,
    state: CopyState,
    note: Option<&str>,
) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE items SET copy_state = ?1, state_since = ?2, state_note = ?3,
                    status = 'available', transit_to = NULL
              WHERE id = ?4",
        )?
        .execute((state.as_str(), date_str(ctx.today()), note, item.id.0))?;
    ctx.audit(&format!("item.{}", state.as_str()), item.barcode.as_str())
}

/// The copy is back in circulation; where it goes is for the caller to route.
pub(super) fn clear_state(ctx: &Ctx, item: &Item) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE items SET copy_state = NULL, state_since = NULL, state_note = NULL WHERE id = ?1",
        )?
        .execute([item.id.0])?;
    ctx.audit("item.available", item.barcode.as_str())
}

/// A hold that had this copy set aside goes back to its place in the queue (its `placed_at` is
/// kept) and takes another copy from the shelf when there is one.
pub(super) fn requeue_hold_of(ctx: &Ctx, item: &Item) -> Result<()> {
    let Some(hold) = holds::for_item(ctx.tx, item.id)? else {
        return Ok(());
    };
    ctx.tx
        .prepare_cached(
            "UPDATE holds SET status = 'waiting', item_id = NULL, shelf_desk = NULL,
                    notified_on = NULL, available_from = NULL, expires_on = NULL, delivery_run = NULL
              WHERE id = ?1",
        )?
        .execute([hold.id.0])?;
    ctx.audit("hold.requeue", &hold.id.to_string())?;
    route::try_allocate(ctx, &holds::find(ctx.tx, hold.id)?)?;
    Ok(())
}

/// C6: a settled claim is a return on the day the patron said; the reader is then forgotten
/// like any other. `closed_as` records how it ended: NULL (found) or 'lost'.
pub(super) fn settle_claim(
    ctx: &Ctx,
    item: &Item,
    closed_as: Option<&str>,
) -> Result<Option<Loan>> {
    let Some(loan) = claimed_loan_of_item(ctx.tx, item)? else {
        return Ok(None);
    };
    let claimed_on = loan.returned_on.unwrap_or(ctx.today());
    close_loan(ctx, &loan, claimed_on)?;
    ctx.tx
        .prepare_cached("UPDATE loans SET closed_as = ?1 WHERE id = ?2")?
        .execute((closed_as, loan.id.0))?;
    Ok(Some(Loan {
        patron: None,
        ..loan
    }))
}

/// A scan at the desk finds a copy marked 不明 or 返却済申告: it is back, the claim settled in
/// the patron's favour, and the copy goes where any freed copy goes. Other states are refused by
/// name by the caller (the copy is set aside on purpose).
pub(crate) fn found_at_checkin(
    ctx: &Ctx,
    item: &Item,
) -> Result<Option<(Option<Loan>, RouteOutcome)>> {
    let ItemStatus::Marked(state) = item.status else {
        return Ok(None);
    };
    let loan = match state {
        CopyState::Missing => None,
        CopyState::ClaimsReturned => settle_claim(ctx, item, None)?,
        _ => return Ok(None),
    };
    clear_state(ctx, item)?;
    let route = route::route_copy(ctx, item, ctx.desk)?;
    Ok(Some((loan, route)))
}
