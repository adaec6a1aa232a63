//! Check-in (C6, C16, C23, H11, H12, H14, H15, H16): close the loan, then pass the copy on. Also
//! receives copies in transit and pulls allocated copies for their holds. A return comes over the
//! counter (backdated to its hand-in day where staff were not there to take it, H15) or out of
//! the book drop (H11), checked in with the day it was dropped.

use chrono::{Duration, NaiveDate};

use crate::catalog::{Item, find_by_barcode};
use crate::domain::{DeskCode, DeskKind, ItemBarcode, ItemStatus, ReturnRule};
use crate::error::{Invalid, Refusal, Result};
use crate::holds::{self, HoldStatus, RouteOutcome, route};
use crate::library::{Actor, Ctx, Library};
use crate::loans::{Loan, close_loan, open_loan_of_item};
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
    /// The desk that checked it in, and the day it did (the day a transit leaves).
    pub desk: DeskCode,
    pub processed_on: NaiveDate,
    /// It came out of the book drop (H11).
    pub book_drop: bool,
}

/// How a copy came back to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandIn {
    /// Over the counter, today or on the day given (H15: processed on the next duty day).
    Counter(Option<NaiveDate>),
    /// Out of the book drop, dropped on the day given or else after closing on the desk's last
    /// open day (H11).
    BookDrop(Option<NaiveDate>),
}

impl HandIn {
    fn given(self) -> Option<NaiveDate> {
        match self {
            HandIn::Counter(d) | HandIn::BookDrop(d) => d,
        }
    }
}

/// No return date after today, and none before 1900 (a mistyped year). H15.
fn check_plausible(date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date > today {
        return Err(Invalid::FutureReturnDate {
            date: date_str(date),
        }
        .into());
    }
    if date < NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date") {
        return Err(Invalid::ReturnBefore1900 {
            date: date_str(date),
        }
        .into());
    }
    Ok(())
}

/// The place a patron returns a loan made at `loan_desk` (H11, H12, H14).
fn return_place(policy: &Policy, loan_desk: &Desk) -> String {
    match (loan_desk.returns, loan_desk.kind) {
        (ReturnRule::AnyCounter, DeskKind::Home) => format!("{}のカウンター", policy.library_name),
        _ => loan_desk.name.clone(),
    }
}

/// H11: back to the desk that lent it; partner and home loans to the counter of the copy's
/// collection.
fn refuse_at_wrong_desk(ctx: &Ctx, loan_desk: &Desk, item: &Item, reasons: &mut Vec<Refusal>) {
    let here = ctx.desk;
    let fits = match loan_desk.returns {
        ReturnRule::SameDesk => here.code == loan_desk.code,
        ReturnRule::AnyCounter => here.kind == DeskKind::Counter,
    };
    if !fits {
        reasons.push(Refusal::WrongDesk {
            belongs: return_place(ctx.policy, loan_desk),
        });
    } else if loan_desk.returns == ReturnRule::AnyCounter && !here.serves(item.collection) {
        reasons.push(Refusal::ReturnWrongCollection {
            collection: item.collection,
            counter: ctx.policy.counter_for(item.collection).name.clone(),
        });
    }
}

/// H11: the desk has a book drop, and the drop takes the copies of its own collections only
/// (北方資料 never goes through it).
fn refuse_book_drop(ctx: &Ctx, item: &Item) -> Result<()> {
    let here = ctx.desk;
    if !here.book_drop {
        return Err(Refusal::NoBookDrop {
            desk: here.name.clone(),
        }
        .into());
    }
    if !here.serves(item.collection) {
        return Err(Refusal::BookDropCollection {
            collection: item.collection,
            counter: ctx.policy.counter_for(item.collection).name.clone(),
        }
        .into());
    }
    Ok(())
}

/// H15: a duty room processes returns only while library staff are there.
fn refuse_off_duty(ctx: &Ctx, reasons: &mut Vec<Refusal>) -> Result<()> {
    let here = ctx.desk;
    if here.returns_only_on_duty_days && !ctx.calendar()?.is_duty_day(here, ctx.today()) {
        reasons.push(Refusal::NotDutyDay {
            desk: here.name.clone(),
        });
    }
    Ok(())
}

/// The desk whose calendar says whether anyone took the copy on its hand-in day: a partner
/// library for its own loans (H14), nobody for parcels sent back by post (H12), else this desk.
fn hand_in_desk<'a>(ctx: &Ctx<'a>, loan_desk: &'a Desk) -> Option<&'a Desk> {
    match loan_desk.kind {
        DeskKind::Partner => Some(loan_desk),
        DeskKind::Home => None,
        DeskKind::Counter | DeskKind::DutyRoom => Some(ctx.desk),
    }
}

/// H15, C23: a return backdated to a day its desk was closed never happened over a counter.
fn refuse_closed_hand_in_day(
    ctx: &Ctx,
    loan_desk: &Desk,
    returned_on: NaiveDate,
    reasons: &mut Vec<Refusal>,
) -> Result<()> {
    if returned_on >= ctx.today() {
        return Ok(());
    }
    if let Some(desk) = hand_in_desk(ctx, loan_desk)
        && !ctx.calendar()?.is_open(desk, returned_on)
    {
        reasons.push(Refusal::ClosedOnHandInDay {
            desk: desk.name.clone(),
            date: date_str(returned_on),
        });
    }
    Ok(())
}

/// H11: a dropped copy is returned on the day it was dropped. Unless staff know that day, it is
/// the desk's last open day before today: the drop is emptied each morning, and what is in it
/// went in after the last closing (前開館日付).
fn dropped_on(ctx: &Ctx, given: Option<NaiveDate>, loaned_on: NaiveDate) -> Result<NaiveDate> {
    if let Some(d) = given {
        return Ok(d);
    }
    let today = ctx.today();
    let last_open = ctx
        .calendar()?
        .last_open_day_before(ctx.desk, today)
        .unwrap_or(today - Duration::days(1));
    Ok(last_open.max(loaned_on))
}

fn return_loan(
    ctx: &Ctx,
    item: &Item,
    hand_in: HandIn,
    override_asked: bool,
) -> Result<(Loan, bool)> {
    let loan = open_loan_of_item(ctx.tx, item)?.ok_or(Refusal::NotOnLoan)?;
    let returned_on = match hand_in {
        HandIn::Counter(on) => on.unwrap_or(ctx.today()),
        HandIn::BookDrop(given) => dropped_on(ctx, given, loan.loaned_on)?,
    };
    if returned_on < loan.loaned_on {
        return Err(Invalid::ReturnBeforeLoan {
            date: date_str(returned_on),
            loaned_on: date_str(loan.loaned_on),
        }
        .into());
    }
    let loan_desk = ctx.policy.desk(loan.desk.as_str())?;
    let mut reasons = Vec::new();
    // C23: returns are checked in on the desk's open days, the book drop's too.
    match crate::calendar::closed_today(ctx)? {
        Some(closed) => reasons.push(closed),
        None => refuse_off_duty(ctx, &mut reasons)?,
    }
    refuse_at_wrong_desk(ctx, loan_desk, item, &mut reasons);
    if let HandIn::Counter(_) = hand_in {
        refuse_closed_hand_in_day(ctx, loan_desk, returned_on, &mut reasons)?;
    }
    ctx.settle(reasons, override_asked)?;

    close_loan(ctx, &loan, returned_on)?;
    if let Some(patron) = loan.patron {
        holds::release_held_back(ctx, patron)?;
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

fn checkin(
    ctx: &Ctx,
    barcode: &ItemBarcode,
    hand_in: HandIn,
    override_asked: bool,
) -> Result<CheckinOutcome> {
    let today = ctx.today();
    if let Some(d) = hand_in.given() {
        check_plausible(d, today)?;
    }
    let item = find_by_barcode(ctx.tx, barcode)?;
    let book_drop = matches!(hand_in, HandIn::BookDrop(_));
    if book_drop {
        refuse_book_drop(ctx, &item)?;
    }
    let here = ctx.desk;
    let (loan, overdue, received, route) = match item.status {
        // C21: a 不明 copy or one claimed returned turns up; the other states are set aside on
        // purpose and come back with `item mark --as available`.
        ItemStatus::Marked(state) => match crate::copies::found_at_checkin(ctx, &item)? {
            Some((loan, route)) => {
                let overdue = loan
                    .as_ref()
                    .is_some_and(|l| l.returned_on.is_some_and(|on| on > l.due_on));
                (loan, overdue, false, route)
            }
            None => return Err(Refusal::CopyMarked { state }.into()),
        },
        ItemStatus::OnLoan | ItemStatus::PartnerLoan => {
            let (loan, overdue) = return_loan(ctx, &item, hand_in, override_asked)?;
            let route = route::route_copy(ctx, &item, here)?;
            (Some(loan), overdue, false, route)
        }
        // Only returns come out of the book drop.
        _ if book_drop => return Err(Refusal::NotOnLoan.into()),
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
    // C6 statistics count returns: a transit received or a copy pulled for its hold is not one.
    let action = match (&loan, received) {
        (Some(_), _) => "checkin",
        (None, true) => "transit.receive",
        (None, false) => "hold.pull",
    };
    ctx.audit(action, barcode.as_str())?;
    Ok(CheckinOutcome {
        item: crate::catalog::with_current_status(ctx.tx, item)?,
        loan,
        overdue,
        received,
        route,
        desk: here.code.clone(),
        processed_on: today,
        book_drop,
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
            checkin(ctx, barcode, HandIn::Counter(returned_on), override_asked)
        })
    }

    /// H11, C23: check in a copy taken out of the actor's desk's book drop, returned on
    /// `dropped_on` (default: the desk's last open day before today).
    pub fn checkin_book_drop(
        &mut self,
        actor: &Actor,
        barcode: &ItemBarcode,
        dropped_on: Option<NaiveDate>,
        override_asked: bool,
    ) -> Result<CheckinOutcome> {
        self.act(actor, Permission::Circulate, |ctx| {
            checkin(ctx, barcode, HandIn::BookDrop(dropped_on), override_asked)
        })
    }
}
