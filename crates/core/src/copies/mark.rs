//! `item mark` (C21): what each state does to the copy's loan and hold.
//!
//! - 紛失 (lost): an open loan closes as lost, and the reader is forgotten as at a return (C6).
//! - 返却済申告 (claims-returned): only for a copy on loan. The loan is set aside (closed as
//!   'claimed', so no overdue list, reminder or loan limit counts it) but keeps its patron while
//!   staff search; a later scan of the copy settles the claim as a return on the claimed day.
//! - 汚損, 修理中, 除籍, 不明: judged with the copy in hand, so a copy on loan is refused until
//!   it is checked in.
//! - A copy set aside or travelling for a hold leaves it: the hold goes back to its place in
//!   the queue and takes another shelf copy if there is one.
//! - Available: the copy is back at this desk and goes where a returned copy goes (the next
//!   hold, home in transit, or the shelf).

use super::state::{clear_state, requeue_hold_of, set_state, settle_claim};
use crate::catalog::{Item, find_by_barcode, with_current_status};
use crate::domain::{CopyState, ItemBarcode, ItemStatus, Mark};
use crate::error::{Refusal, Result};
use crate::holds::{self, RouteOutcome, route};
use crate::library::{Actor, Ctx, Library};
use crate::loans::{close_loan, open_loan_of_item};
use crate::staff::Permission;
use crate::store::date_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkOutcome {
    /// The copy as it is now.
    pub item: Item,
    /// Where a copy marked available went (the next hold, home, or the shelf).
    pub route: Option<RouteOutcome>,
    /// False when the copy was in that state already: nothing changed.
    pub changed: bool,
}

/// 除籍 and its reversal change the collection itself: catalogue staff only.
fn require_for(ctx: &Ctx, item: &Item, mark: Mark) -> Result<()> {
    let withdrawing = mark == Mark::As(CopyState::Withdrawn);
    let reinstating = item.status == ItemStatus::Marked(CopyState::Withdrawn);
    if withdrawing || reinstating {
        ctx.staff.require(Permission::ManageCatalog)?;
    }
    Ok(())
}

/// The copy's open loan ends: lost closes it (C6 as at a return), a claim sets it aside.
fn end_loan(ctx: &Ctx, item: &Item, state: CopyState) -> Result<()> {
    let Some(loan) = open_loan_of_item(ctx.tx, item)? else {
        return Ok(());
    };
    match state {
        CopyState::Lost => {
            close_loan(ctx, &loan, ctx.today())?;
            ctx.tx
                .prepare_cached("UPDATE loans SET closed_as = 'lost' WHERE id = ?1")?
                .execute([loan.id.0])?;
        }
        _ => {
            ctx.tx
                .prepare_cached(
                    "UPDATE loans SET returned_on = ?1, returned_at_desk = ?2, closed_as = 'claimed'
                      WHERE id = ?3",
                )?
                .execute((
                    date_str(ctx.today()),
                    ctx.desk.code.as_str(),
                    loan.id.0,
                ))?;
        }
    }
    // The loan no longer counts towards the limit: what was held back for it may go (H12, H14).
    if let Some(patron) = loan.patron {
        holds::release_held_back(ctx, patron)?;
    }
    Ok(())
}

fn mark_as(ctx: &Ctx, item: &Item, state: CopyState, note: Option<&str>) -> Result<()> {
    match item.status {
        ItemStatus::OnLoan | ItemStatus::PartnerLoan => {
            if !state.concerns_a_loan() {
                return Err(Refusal::MarkOnLoan { state }.into());
            }
            end_loan(ctx, item, state)?;
        }
        _ if state == CopyState::ClaimsReturned => return Err(Refusal::ClaimNotOnLoan.into()),
        ItemStatus::Marked(CopyState::ClaimsReturned) => {
            // The search ends: lost is the patron's loss; any other state accepts the claim.
            let closed_as = (state == CopyState::Lost).then_some("lost");
            settle_claim(ctx, item, closed_as)?;
        }
        _ => requeue_hold_of(ctx, item)?,
    }
    set_state(ctx, item, state, note)
}

fn mark(ctx: &Ctx, barcode: &ItemBarcode, mark: Mark, note: Option<&str>) -> Result<MarkOutcome> {
    let item = find_by_barcode(ctx.tx, barcode)?;
    require_for(ctx, &item, mark)?;
    let (changed, route) = match (mark, item.status) {
        (Mark::As(state), ItemStatus::Marked(now)) if now == state => (false, None),
        (Mark::As(state), _) => {
            mark_as(ctx, &item, state, note)?;
            (true, None)
        }
        (Mark::Available, ItemStatus::Marked(now)) => {
            if now == CopyState::ClaimsReturned {
                settle_claim(ctx, &item, None)?;
            }
            clear_state(ctx, &item)?;
            (true, Some(route::route_copy(ctx, &item, ctx.desk)?))
        }
        (Mark::Available, _) => (false, None),
    };
    Ok(MarkOutcome {
        item: with_current_status(ctx.tx, item)?,
        route,
        changed,
    })
}

impl Library {
    /// `item mark`: put a copy into a C21 state, or back into circulation, at the actor's desk.
    /// Marking a copy with the state it has changes nothing.
    pub fn mark_item(
        &mut self,
        actor: &Actor,
        barcode: &ItemBarcode,
        to: Mark,
        note: Option<&str>,
    ) -> Result<MarkOutcome> {
        self.act(actor, Permission::Circulate, |ctx| {
            mark(ctx, barcode, to, note)
        })
    }
}
