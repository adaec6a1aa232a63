//! The loan records (C6, C21): a loan with its copy, how it is read, and how it is closed. Below
//! the actions: checkout, return and renewal (`circulation`), holds that count a patron's loans
//! and copies marked lost or claimed returned (`copies`) all read and close loans through here.

use chrono::NaiveDate;

use crate::catalog::{ITEM_COLUMNS, Item, item_from_row_at};
use crate::domain::{DeskCode, LoanId, PatronId};
use crate::error::Result;
use crate::library::Ctx;
use crate::store::{Connection, Date, OptionalExtension, Row, date_str};

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

/// C6: a returned loan loses its patron unless they keep a history; so do their closed holds on
/// the title. The return date and the unlinking are one statement.
pub(crate) fn close_loan(ctx: &Ctx, loan: &Loan, returned_on: NaiveDate) -> Result<()> {
    const RETURN: &str = "UPDATE loans SET returned_on = ?1, returned_at_desk = ?2,
            patron_id = CASE WHEN (SELECT keep_history FROM patrons WHERE id = patron_id)
                             THEN patron_id END";
    // An open loan by its copy (see `circulation::open_loan_with_item`: no read of
    // `loans_pkey`'s last page); a claim set aside (C21) already has its return day, so by its id.
    let (sql, key) = match loan.returned_on {
        None => (
            format!("{RETURN} WHERE item_id = ?3 AND returned_on IS NULL"),
            loan.item.id.0,
        ),
        Some(_) => (format!("{RETURN} WHERE id = ?3"), loan.id.0),
    };
    ctx.tx
        .prepare_cached(&sql)?
        .execute((date_str(returned_on), ctx.desk.code.as_str(), key))?;
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
