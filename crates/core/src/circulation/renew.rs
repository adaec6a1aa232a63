//! Renewal (C10–C12, H8, K6): every reason that applies is reported at once.

use chrono::{Duration, NaiveDate};

use super::open_loan_with_item;
use crate::catalog::find_by_barcode;
use crate::domain::ItemBarcode;
use crate::error::{Refusal, Result};
use crate::holds::HoldStatus;
use crate::library::{Actor, Ctx, Library};
use crate::loans::{Loan, open_loan_of_item, open_loans_of};
use crate::staff::Permission;
use crate::store::date_str;

/// Every reason `loan` cannot be renewed today, in the order staff read them to the patron.
pub(crate) fn renewal_refusals(ctx: &Ctx, loan: &Loan) -> Result<Vec<Refusal>> {
    let today = ctx.today();
    let rules = &ctx.policy.renewal;
    // C22: a suspended patron renews nothing (nor does one whose registration ran out).
    let mut reasons = match loan.patron {
        Some(id) => {
            crate::patrons::standing_refusals(ctx, &crate::patrons::find_by_id(ctx.tx, id)?)
        }
        None => Vec::new(),
    };
    let others_waiting: i64 = ctx
        .tx
        .prepare_cached(&format!(
            "SELECT count(*) FROM holds WHERE title_id = ?1 AND status IN {} AND patron_id IS DISTINCT FROM ?2",
            HoldStatus::ACTIVE_SQL
        ))?
        .query_row((loan.item.title_id.0, loan.patron.map(|p| p.0)), |r| r.get(0))?;
    if others_waiting > 0 {
        reasons.push(Refusal::HasHolds);
    }
    if loan.renewals >= rules.max {
        reasons.push(Refusal::AlreadyRenewed);
    }
    if loan.item.ill {
        reasons.push(Refusal::InterLibraryLoan);
    }
    if loan.is_overdue(today) {
        reasons.push(Refusal::Overdue);
    }
    if rules.refuse_when_any_overdue
        && let Some(patron) = loan.patron
        && open_loans_of(ctx.tx, patron)?
            .iter()
            .any(|l| l.id != loan.id && l.is_overdue(today))
    {
        reasons.push(Refusal::PatronHasOverdue);
    }
    let desk = ctx.policy.desk(loan.desk.as_str())?;
    if rules.refuse_for_desk_kinds.contains(&desk.kind) {
        reasons.push(Refusal::DeliveryLoan);
    }
    if rules.refuse_on_checkout_day && loan.loaned_on == today {
        reasons.push(Refusal::CheckoutDay);
    }
    Ok(reasons)
}

/// C10: the due date a renewal today gives, counted from the renewal day, not added to the old
/// due date. The desk shows it before renewing: a loan made today may not move at all.
pub(crate) fn renewal_due(ctx: &Ctx, loan: &Loan) -> NaiveDate {
    let days = ctx
        .policy
        .renewal
        .days_after_renewal
        .for_type(loan.item.loan_type);
    ctx.today() + Duration::days(days.into())
}

pub(crate) fn renew(ctx: &Ctx, barcode: &ItemBarcode, override_asked: bool) -> Result<Loan> {
    let item = find_by_barcode(ctx.tx, barcode)?;
    let loan = open_loan_of_item(ctx.tx, &item)?.ok_or(Refusal::NotOnLoan)?;
    ctx.settle(renewal_refusals(ctx, &loan)?, override_asked)?;
    let due = renewal_due(ctx, &loan);
    ctx.tx
        .prepare_cached(
            // By the copy's open loan, not the loan's id: see `open_loan_with_item`.
            "UPDATE loans SET due_on = ?1, renewals = renewals + 1, renewed_on = ?2
              WHERE item_id = ?3 AND returned_on IS NULL",
        )?
        .execute((date_str(due), date_str(ctx.today()), item.id.0))?;
    ctx.audit("renew", barcode.as_str())?;
    open_loan_with_item(ctx.tx, item.id)
}

impl Library {
    pub fn renew(
        &mut self,
        actor: &Actor,
        barcode: &ItemBarcode,
        override_asked: bool,
    ) -> Result<Loan> {
        self.act(actor, Permission::Circulate, |ctx| {
            renew(ctx, barcode, override_asked)
        })
    }
}
