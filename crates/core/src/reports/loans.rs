//! Open loans for supervisors: the overdue list and a desk's loans still out.

use chrono::NaiveDate;

use crate::domain::{CardNumber, DeskCode};
use crate::error::Result;
use crate::library::{Actor, Ctx, Library};
use crate::loans::{Loan, loan_from_row, loan_query, loan_query_with};
use crate::staff::Permission;
use crate::store::date_str;

/// An open loan with its patron's card number masked: enough to match a copy handed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanLine {
    pub loan: Loan,
    pub card_masked: String,
}

/// An overdue loan with what staff need to phone the patron: the full card number, name and
/// phone, so for supervisors only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueLine {
    pub loan: Loan,
    pub card: CardNumber,
    pub name: String,
    pub phone: Option<String>,
    pub days_overdue: i64,
}

fn loans<P: crate::store::Params>(ctx: &Ctx, filter: &str, params: P) -> Result<Vec<Loan>> {
    let mut st = ctx.tx.prepare_cached(&loan_query(filter))?;
    let rows = st.query_map(params, loan_from_row)?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

fn patron_of(ctx: &Ctx, loan: &Loan) -> Result<Option<crate::patrons::Patron>> {
    loan.patron
        .map(|p| crate::patrons::find_by_id(ctx.tx, p))
        .transpose()
}

/// Loans made at `desk` and not yet returned, the first due first.
pub(super) fn open_loans_at(ctx: &Ctx, desk: &DeskCode) -> Result<Vec<LoanLine>> {
    loans(
        ctx,
        "l.desk_code = ?1 AND l.returned_on IS NULL ORDER BY l.due_on, l.id",
        [desk.as_str()],
    )?
    .into_iter()
    .map(|loan| {
        let card_masked = patron_of(ctx, &loan)?.map_or_else(String::new, |p| p.card.masked());
        Ok(LoanLine { loan, card_masked })
    })
    .collect()
}

/// The columns of an overdue line after the loan's and its copy's (`loan_from_row`).
const PATRON_AT: usize = crate::loans::LOAN_AND_ITEM_COLUMNS;

impl Library {
    /// Loans made at `desk` that were due before `on`, the longest overdue first, each through
    /// `f` as it is read: a library's month of overdue loans is hundreds of thousands of rows,
    /// so none is kept here. One query joins the patron; `f` must not call the library. Returns
    /// how many lines there were.
    pub fn overdue_report(
        &mut self,
        actor: &Actor,
        desk: &str,
        on: NaiveDate,
        mut f: impl FnMut(OverdueLine) -> Result<()>,
    ) -> Result<usize> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            let sql = loan_query_with(
                ", p.card, p.name, p.phone",
                "JOIN patrons p ON p.id = l.patron_id",
                "l.desk_code = ?1 AND l.returned_on IS NULL AND l.due_on < ?2 ORDER BY l.due_on, l.id",
            );
            let mut n = 0;
            ctx.tx
                .prepare_cached(&sql)?
                .for_each((desk.as_str(), date_str(on)), |r| {
                    let loan = loan_from_row(r)?;
                    n += 1;
                    f(OverdueLine {
                        days_overdue: (on - loan.due_on).num_days(),
                        card: CardNumber::new_unchecked(r.get(PATRON_AT)?),
                        name: r.get(PATRON_AT + 1)?,
                        phone: r.get(PATRON_AT + 2)?,
                        loan,
                    })
                })?;
            Ok(n)
        })
    }
}
