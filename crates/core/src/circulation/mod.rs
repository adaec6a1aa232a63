//! Loans (C8–C12, H6, H8, H11, H15, K4, K6): checkout, check-in with hold trapping, renewal.

mod checkin;
mod checkout;
mod due_date;
mod panel;
mod renew;

pub use checkin::CheckinOutcome;
pub(crate) use checkin::close_loan;
pub use checkout::CheckoutOutcome;
pub use due_date::due_date;
pub use panel::{Block, LoanLine, PatronPanel};
// My Page renews with the desk's own rules (issue 13).
pub(crate) use renew::{renew as renew_loan, renewal_due, renewal_refusals};

use crate::store::{Connection, OptionalExtension, Row};
use chrono::NaiveDate;

use crate::catalog::{ITEM_COLUMNS, Item, item_from_row_at};
use crate::domain::{DeskCode, ItemId, LoanId, PatronId};
use crate::error::{Error, Refusal, Result};
use crate::library::Ctx;
use crate::store::Date;

/// A loan with its copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub id: LoanId,
    pub item: Item,
    /// None once returned without a kept reading history (C6).
    pub patron: Option<PatronId>,
    /// Where the patron received it (H6: sets the period; H11: where it is returned).
    pub desk: DeskCode,
    pub loaned_on: NaiveDate,
    pub due_on: NaiveDate,
    pub renewals: u32,
    pub returned_on: Option<NaiveDate>,
}

impl Loan {
    /// C10: shows 延長済 once renewed.
    pub fn renewed(&self) -> bool {
        self.renewals > 0
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.returned_on.is_none() && today > self.due_on
    }
}

const LOAN_SELECT: &str =
    "SELECT l.id, l.patron_id, l.desk_code, l.loaned_on, l.due_on, l.renewals, l.returned_on";

/// Columns of `loan_query_with` before its `more`: the loan's, then the item's.
pub(crate) const LOAN_AND_ITEM_COLUMNS: usize =
    crate::store::column_count(LOAN_SELECT) + crate::store::column_count(ITEM_COLUMNS);

pub(crate) fn loan_from_row(r: &Row) -> crate::store::Result<Loan> {
    // The item's columns follow the loan's.
    loan_with_item(
        r,
        item_from_row_at(r, crate::store::column_count(LOAN_SELECT))?,
    )
}

/// The loan columns of `LOAN_SELECT`, with its copy read already.
fn loan_with_item(r: &Row, item: Item) -> crate::store::Result<Loan> {
    Ok(Loan {
        id: LoanId(r.get(0)?),
        patron: r.get::<_, Option<i64>>(1)?.map(PatronId),
        desk: DeskCode(r.get(2)?),
        loaned_on: r.get::<_, Date>(3)?.0,
        due_on: r.get::<_, Date>(4)?.0,
        renewals: r.get(5)?,
        returned_on: r.get::<_, Option<Date>>(6)?.map(|d| d.0),
        item,
    })
}

pub(crate) fn loan_query(filter: &str) -> String {
    loan_query_with("", "", filter)
}

/// `loan_query` with `more` columns after the copy's and a `join` (the patron, for a report).
pub(crate) fn loan_query_with(more: &str, join: &str, filter: &str) -> String {
    format!(
        "{LOAN_SELECT}, {ITEM_COLUMNS}{more} FROM loans l JOIN items i ON i.id = l.item_id
         JOIN titles t ON t.id = i.title_id {join} WHERE {filter}"
    )
}

/// The open loan of `item`, read without joining the item again.
pub(crate) fn open_loan_of_item(conn: &Connection, item: &Item) -> Result<Option<Loan>> {
    Ok(conn
        .prepare_cached(&format!(
            "{LOAN_SELECT} FROM loans l WHERE l.item_id = ?1 AND l.returned_on IS NULL"
        ))?
        .query_row([item.id.0], |r| loan_with_item(r, item.clone()))
        .optional()?)
}

/// C21: the loan set aside while staff search for a copy its patron says was returned.
pub(crate) fn claimed_loan_of_item(conn: &Connection, item: &Item) -> Result<Option<Loan>> {
    Ok(conn
        .prepare_cached(&format!(
            "{LOAN_SELECT} FROM loans l WHERE l.item_id = ?1 AND l.closed_as = 'claimed'"
        ))?
        .query_row([item.id.0], |r| loan_with_item(r, item.clone()))
        .optional()?)
}

pub(crate) fn open_loans_of(conn: &Connection, patron: PatronId) -> Result<Vec<Loan>> {
    let mut st = conn.prepare_cached(&loan_query(
        "l.patron_id = ?1 AND l.returned_on IS NULL ORDER BY l.due_on, l.id",
    ))?;
    let rows = st.query_map([patron.0], loan_from_row)?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

pub(crate) fn count_open_loans(conn: &Connection, patron: PatronId) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM loans WHERE patron_id = ?1 AND returned_on IS NULL")?
        .query_row([patron.0], |r| r.get(0))?)
}

/// The open loan of a copy with its copy, after a checkout or a renewal wrote it. Found by the
/// copy, not by the loan's id: on PostgreSQL a read through `loans_pkey` puts a predicate lock on
/// the index's last page, where every other desk's new loan goes, and SERIALIZABLE then cancelled
/// about four actions in ten with 20 desks at full speed (`bench --desks`); the copy's open loan
/// sits on a page of its own in `loans_open_item`.
fn open_loan_with_item(conn: &Connection, item: ItemId) -> Result<Loan> {
    Ok(conn
        .prepare_cached(&loan_query("l.item_id = ?1 AND l.returned_on IS NULL"))?
        .query_row([item.0], loan_from_row)?)
}

/// Settle the reasons a rule gave: none → go ahead; all overridable, override asked for by a
/// role that may → go ahead; otherwise refuse with every reason (C12).
pub(crate) fn settle(ctx: &Ctx, reasons: Vec<Refusal>, override_asked: bool) -> Result<()> {
    if reasons.is_empty() {
        return Ok(());
    }
    let may =
        override_asked && ctx.staff.role.may_override() && reasons.iter().all(Refusal::overridable);
    if may {
        ctx.audit(
            "override",
            &reasons
                .iter()
                .map(Refusal::code)
                .collect::<Vec<_>>()
                .join(","),
        )?;
        Ok(())
    } else {
        Err(Error::Refused(reasons))
    }
}
