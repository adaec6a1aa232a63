//! Checkout (C5, C8, C18, C23, H6, H11): a straight script of checks, each one named reason.

use chrono::NaiveDate;

use super::{due_date, open_loan_with_item};
use crate::catalog::{Item, find_by_barcode};
use crate::domain::{CardNumber, DeskKind, HoldId, ItemBarcode, ItemStatus};
use crate::error::{Refusal, Result};
use crate::holds::{self, Hold, HoldStatus, route};
use crate::library::{Actor, Ctx, Library};
use crate::loans::{Loan, count_open_loans, open_loan_of_item};
use crate::patrons::{Patron, find_by_card};
use crate::staff::Permission;
use crate::store::date_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutOutcome {
    pub loan: Loan,
    pub patron: Patron,
    /// The hold this checkout fulfilled (a copy ready for this patron).
    pub fulfilled_hold: Option<HoldId>,
}

fn refuse_when_not_loanable(item: &Item, reasons: &mut Vec<Refusal>) {
    if !item.loan_type.is_loanable() {
        reasons.push(Refusal::NotLoanable {
            label: item.status_label(),
        });
    }
}

fn refuse_when_unavailable(
    ctx: &Ctx,
    item: &Item,
    patron: &Patron,
    own_hold: Option<&Hold>,
    reasons: &mut Vec<Refusal>,
) -> Result<()> {
    match item.status {
        ItemStatus::OnLoan | ItemStatus::PartnerLoan => {
            let loan = open_loan_of_item(ctx.tx, item)?;
            reasons.push(if loan.and_then(|l| l.patron) == Some(patron.id) {
                Refusal::OnLoanToThisPatron
            } else {
                Refusal::AlreadyOnLoan
            });
        }
        ItemStatus::InTransit => {
            let to = item
                .transit_to
                .as_ref()
                .map_or(String::new(), |d| ctx.policy.desk_name(d.as_str()));
            reasons.push(Refusal::InTransit { to });
        }
        ItemStatus::Allocated if own_hold.is_none() => reasons.push(Refusal::HeldForAnother),
        // C21: 紛失, 汚損, 修理中, 除籍, 返却済申告, 不明 are never lent.
        ItemStatus::Marked(state) => reasons.push(Refusal::CopyMarked { state }),
        _ => {}
    }
    Ok(())
}

/// H11: a counter lends the copies of its own collection (一般資料 at the general counter,
/// 北方資料 at the northern counter).
fn refuse_at_wrong_counter(ctx: &Ctx, item: &Item, reasons: &mut Vec<Refusal>) {
    if !ctx.desk.serves(item.collection) {
        reasons.push(Refusal::WrongCollection {
            collection: item.collection,
            counter: ctx.policy.counter_for(item.collection).name.clone(),
        });
    }
}

fn refuse_when_limit_reached(ctx: &Ctx, patron: &Patron, reasons: &mut Vec<Refusal>) -> Result<()> {
    let limit = ctx.policy.loans.limit;
    if count_open_loans(ctx.tx, patron.id)? >= limit {
        reasons.push(Refusal::LoanLimit { limit });
    }
    Ok(())
}

fn insert_loan(ctx: &Ctx, item: &Item, patron: &Patron, desk: &str, due: NaiveDate) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "INSERT INTO loans (item_id, patron_id, desk_code, loaned_on, due_on) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute((item.id.0, patron.id.0, desk, date_str(ctx.today()), date_str(due)))?;
    Ok(())
}

/// The patron's other open hold on this title, if any: borrowing the title fulfils it.
fn own_title_hold(ctx: &Ctx, patron: &Patron, item: &Item) -> Result<Option<Hold>> {
    Ok(holds::of_patron(ctx.tx, patron.id)?
        .into_iter()
        .find(|h| h.title_id == item.title_id && h.status.is_active()))
}

pub(super) fn checkout(
    ctx: &Ctx,
    card: &CardNumber,
    barcode: &ItemBarcode,
    override_asked: bool,
) -> Result<CheckoutOutcome> {
    let patron = find_by_card(ctx.tx, card)?;
    let item = find_by_barcode(ctx.tx, barcode)?;
    let own_hold = holds::for_item(ctx.tx, item.id)?.filter(|h| h.patron == patron.id);

    // H15: the Diet assembly office only hands out holds ready on this desk's shelf.
    if !ctx.staff.may(Permission::Circulate) {
        let ready_here = own_hold.as_ref().is_some_and(|h| {
            h.status == HoldStatus::Ready && h.shelf_desk.as_ref() == Some(&ctx.desk.code)
        });
        if !ready_here {
            ctx.staff.require(Permission::Circulate)?;
        }
    }

    let mut reasons = Vec::new();
    // C23: no checkout and no hold pickup while the desk is closed.
    reasons.extend(crate::calendar::closed_today(ctx)?);
    // C22: a suspended patron, or one whose registration ran out, borrows nothing.
    reasons.extend(crate::patrons::standing_refusals(ctx, &patron));
    refuse_when_not_loanable(&item, &mut reasons);
    refuse_when_unavailable(ctx, &item, &patron, own_hold.as_ref(), &mut reasons)?;
    refuse_at_wrong_counter(ctx, &item, &mut reasons);
    refuse_when_limit_reached(ctx, &patron, &mut reasons)?;
    ctx.settle(reasons, override_asked)?;

    // H6: a hold for a partner library or home delivery decides the period; otherwise this desk.
    let loan_desk = match &own_hold {
        Some(h) => {
            let pickup = ctx.policy.desk(h.pickup.as_str())?;
            if pickup.kind.is_remote() {
                pickup
            } else {
                ctx.desk
            }
        }
        None => ctx.desk,
    };
    let due = due_date(&ctx.calendar()?, loan_desk, item.loan_type, ctx.today());
    insert_loan(ctx, &item, &patron, loan_desk.code.as_str(), due)?;
    let status = if loan_desk.kind == DeskKind::Partner {
        "partner-loan"
    } else {
        "on-loan"
    };
    ctx.tx
        .prepare_cached("UPDATE items SET status = ?1, transit_to = NULL WHERE id = ?2")?
        .execute((status, item.id.0))?;

    let fulfilled_hold = match own_hold {
        Some(h) => {
            ctx.tx
                .prepare_cached("UPDATE holds SET status = 'fulfilled', item_id = NULL, closed_on = ?1 WHERE id = ?2")?
                .execute((date_str(ctx.today()), h.id.0))?;
            route::unlock_cart(ctx, h.cart)?;
            Some(h.id)
        }
        None => match own_title_hold(ctx, &patron, &item)? {
            Some(h) => {
                route::close_and_release(ctx, &h, HoldStatus::Fulfilled)?;
                Some(h.id)
            }
            None => None,
        },
    };
    ctx.audit("checkout", barcode.as_str())?;
    Ok(CheckoutOutcome {
        loan: open_loan_with_item(ctx.tx, item.id)?,
        patron,
        fulfilled_hold,
    })
}

impl Library {
    /// Lend `barcode` to the holder of `card` at the actor's desk. `override_asked`: a supervisor
    /// lets overridable reasons pass (the desk asked for confirmation first).
    pub fn checkout(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        barcode: &ItemBarcode,
        override_asked: bool,
    ) -> Result<CheckoutOutcome> {
        self.act(actor, Permission::HandOutHold, |ctx| {
            checkout(ctx, card, barcode, override_asked)
        })
    }
}
