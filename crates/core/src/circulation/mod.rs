//! Loans (C8–C12, H6, H8, H11, H15, K4, K6): checkout, check-in with hold trapping, renewal.

mod checkin;
mod checkout;
mod due_date;
mod panel;
mod renew;

pub use checkin::CheckinOutcome;
pub use checkout::CheckoutOutcome;
pub use due_date::due_date;
pub use panel::{Block, LoanLine, PatronPanel};
// My Page renews with the desk's own rules (issue 13).
pub(crate) use renew::{renew as renew_loan, renewal_due, renewal_refusals};

use crate::domain::ItemId;
use crate::error::Result;
use crate::loans::{Loan, loan_from_row, loan_query};
use crate::store::Connection;

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
