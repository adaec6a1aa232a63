//! Check-in (C6, C16, H11, H12, H15, H16): close the loan, then pass the copy on. Also receives
//! copies in transit and pulls allocated copies for their holds.

use chrono::NaiveDate;

use super::{Loan, open_loan_of_item, settle};
use crate::catalog::{Item, find_by_barcode};
use crate::domain::{DeskKind, ItemBarcode, ItemStatus, PatronId, ReturnRule};
use crate::error::{Invalid, Refusal, Result};
use crate::holds::{self, HoldStatus, RouteOutcome, route};
use crate::library::{Actor, Ctx, Library};
use crate::policy::{Desk, Policy};
use crate::staff::Permission;
use crate::store::date_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinOutcome {
    /// The copy after check-in.
    pub item: Item,
    /// The loan closed, when the copy was on loan.
    pub loan: Option<Loan>,
    /// Handed in after its due date (the hand-in day counts, H15).
    pub overdue: bool,
    /// The copy was in transit and has arrived here.
    pub received: bool,
    /// Where the copy goes now: a hold (shelf or transit), home in transit, or the open shelf.
    pub route: RouteOutcome,
    /// The slip to put in the copy: 予約資料確保票 or 回送票 (none when it goes back on the shelf).
    pub slip: Option<crate::slips::Slip>,
}

/// The place a patron returns a loan made at `loan_desk` (H11, H12, H14).
fn return_place(policy: &Policy, loan_desk: &Desk) -> String {
    match (loan_desk.returns, loan_desk.kind) {
        (ReturnRule::AnyCounter, DeskKind::Home) => format!("{}のカウンター", policy.library_name),
        _ => loan_desk.name.clone(),
    }
}

fn refuse_at_wrong_desk(ctx: &Ctx, loan_desk: &Desk, reasons: &mut Vec<Refusal>) {
    let here = ctx.desk;
    let fits = match loan_desk.returns {
        ReturnRule::SameDesk => here.code == loan_desk.code,
        ReturnRule::AnyCounter => here.kind == DeskKind::Counter,
    };
    if !fits {
        reasons.push(Refusal::WrongDesk {
            belongs: return_place(ctx.policy, loan_desk),
        });
    }
}

fn refuse_off_duty(ctx: &Ctx, reasons: &mut Vec<Refusal>) -> Result<()> {
    let here = ctx.desk;
    if here.returns_only_on_duty_days && !ctx.calendar()?.is_duty_day(here, ctx.today()) {
        reasons.push(Refusal::NotDutyDay {
            desk: here.name.clone(),
        });
    }
    Ok(())
}

/// C6: a returned loan loses its patron unless they keep a history; so do their closed holds on
/// the title. The return date and the unlinking are one statement.
fn close_loan(ctx: &Ctx, loan: &Loan, returned_on: NaiveDate) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE loans SET returned_on = ?1, returned_at_desk = ?2,
                    patron_id = CASE WHEN (SELECT keep_history FROM patrons WHERE id = patron_id)
                                     THEN patron_id END
             WHERE id = ?3",
        )?
        .execute((date_str(returned_on), ctx.desk.code.as_str(), loan.id.0))?;
    if let Some(patron) = loan.patron {
        ctx.tx
            .prepare_cached(
                "DELETE FROM holds WHERE patron_id = ?1 AND title_id = ?2
                   AND status IN ('fulfilled', 'cancelled', 'expired')
                   AND NOT (SELECT keep_history FROM patrons WHERE id = ?1)",
            )?
            .execute((patron.0, loan.item.title_id.0))?;
    }
    Ok(())
}

/// H12: home-delivery holds held back by the loan limit go out once a return makes room.
fn release_awaiting_return(ctx: &Ctx, patron: PatronId) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE holds SET status = 'ready' WHERE id IN (
               SELECT id FROM holds WHERE patron_id = ?1 AND status = 'awaiting-return'
               ORDER BY placed_at, id
               LIMIT max(0, ?2 - (SELECT count(*) FROM loans WHERE patron_id = ?1 AND returned_on IS NULL)))",
        )?
        .execute((patron.0, ctx.policy.loans.limit))?;
    Ok(())
}

fn return_loan(
    ctx: &Ctx,
    item: &Item,
    returned_on: NaiveDate,
    override_asked: bool,
) -> Result<(Loan, bool)> {
    let loan = open_loan_of_item(ctx.tx, item)?.ok_or(Refusal::NotOnLoan)?;
    let loan_desk = ctx.policy.desk(loan.desk.as_str())?;
    let mut reasons = Vec::new();
    refuse_at_wrong_desk(ctx, loan_desk, &mut reasons);
    refuse_off_duty(ctx, &mut reasons)?;
    settle(ctx, reasons, override_asked)?;

    close_loan(ctx, &loan, returned_on)?;
    if let Some(patron) = loan.patron {
        release_awaiting_return(ctx, patron)?;
    }
    let overdue = returned_on > loan.due_on;
    // The outcome never carries the reader of a returned loan (C6).
    let returned = Loan {
        returned_on: Some(returned_on),
        patron: None,
        ..loan
    };
    Ok((returned, overdue))
}

pub(super) fn checkin(
    ctx: &Ctx,
    barcode: &ItemBarcode,
    returned_on: Option<NaiveDate>,
    override_asked: bool,
) -> Result<CheckinOutcome> {
    let today = ctx.today();
    let returned_on = returned_on.unwrap_or(today);
    if returned_on > today {
        return Err(Invalid::FutureReturnDate {
            date: date_str(returned_on),
        }
        .into());
    }
    let item = find_by_barcode(ctx.tx, barcode)?;
    let here = ctx.desk;
    let (loan, overdue, received, route) = match item.status {
        ItemStatus::OnLoan | ItemStatus::PartnerLoan => {
            let (loan, overdue) = return_loan(ctx, &item, returned_on, override_asked)?;
            let route = route::route_copy(ctx, &item, here)?;
            (Some(loan), overdue, false, route)
        }
        // H16: a copy in transit is received wherever it is scanned, and goes on from there.
        ItemStatus::InTransit => {
            let route = match holds::for_item(ctx.tx, item.id)? {
                Some(h) if h.status == HoldStatus::InTransit => {
                    RouteOutcome::Trapped(route::trap(ctx, &h, &item, here)?)
                }
                _ => route::route_copy(ctx, &item, here)?,
            };
            (None, false, true, route)
        }
        // C16: a copy pulled from the shelf for its hold.
        ItemStatus::Allocated => match holds::for_item(ctx.tx, item.id)? {
            Some(h) if h.status == HoldStatus::Allocated => (
                None,
                false,
                false,
                RouteOutcome::Trapped(route::trap(ctx, &h, &item, here)?),
            ),
            _ => return Err(Refusal::NotOnLoan.into()),
        },
        ItemStatus::Available | ItemStatus::NotForLoan => return Err(Refusal::NotOnLoan.into()),
    };
    ctx.audit("checkin", barcode.as_str())?;
    let slip = crate::slips::for_route(ctx.policy, &here.code, barcode, &item.title, &route, today);
    Ok(CheckinOutcome {
        item: crate::catalog::with_current_status(ctx.tx, item)?,
        loan,
        overdue,
        received,
        route,
        slip,
    })
}

impl Library {
    /// Check in `barcode` at the actor's desk; `returned_on` backdates to the hand-in day (H15).
    pub fn checkin(
        &mut self,
        actor: &Actor,
        barcode: &ItemBarcode,
        returned_on: Option<NaiveDate>,
        override_asked: bool,
    ) -> Result<CheckinOutcome> {
        self.act(actor, Permission::Circulate, |ctx| {
            checkin(ctx, barcode, returned_on, override_asked)
        })
    }
}
