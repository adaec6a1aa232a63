//! My loans (issue 13): the patron's open loans with their due dates, 延長済 and every reason a
//! renewal would be refused today (C10–C12, H8, K6), and the patron's own renewals. A copy handed
//! in at the Diet room on a day without library staff (H15), or at a partner library (H14), is
//! still an open loan until it is checked in, so it shows as on loan here without a rule of its own.

use chrono::NaiveDate;

use crate::circulation::{LoanLine, renew_loan, renewal_due, renewal_refusals};
use crate::domain::{LoanId, Now, PatronId, Role, StaffId};
use crate::error::{Refusal, Result};
use crate::library::{Ctx, Library};
use crate::loans::{Loan, open_loans_of};
use crate::policy::Policy;
use crate::staff::StaffMember;
use crate::store::Transaction;

/// One loan on My Page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyLoan {
    pub line: LoanLine,
    /// Where the patron received it (H6, H14: a partner library's loans go back there).
    pub received_at: String,
    pub received_at_en: String,
}

/// One loan the patron asked to renew, as it stands afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewedLine {
    pub loan: Loan,
    /// Empty when renewed; otherwise every reason it was not (C12).
    pub refusals: Vec<Refusal>,
}

/// The answer to a renewal from My Page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MyRenewal {
    Done(Vec<RenewedLine>),
    /// A loan that is not this patron's open loan: nothing was renewed, and the page answers as
    /// for a loan that does not exist, naming nobody else's.
    NotFound,
}

/// The patron acting on My Page, for the desk's rules: no role to override anything, the desk
/// where the loan was made for the rules, audited as `patron` with no desk (`by_patron`: the
/// daily statistics count My Page renewals apart from the counter's).
fn patron_ctx<'a>(
    tx: &'a Transaction<'a>,
    policy: &'a Policy,
    loan: &Loan,
    now: Now,
) -> Result<Ctx<'a>> {
    Ok(Ctx {
        tx,
        policy,
        staff: StaffMember {
            id: StaffId::new("patron"),
            name: "My Page".into(),
            role: Role::Counter,
        },
        desk: policy.desk(loan.desk.as_str())?,
        now,
        by_patron: true,
    })
}

fn line(ctx: &Ctx, loan: Loan, today: NaiveDate) -> Result<MyLoan> {
    Ok(MyLoan {
        received_at: ctx.desk.name.clone(),
        received_at_en: ctx.desk.name_en.clone(),
        line: LoanLine {
            overdue: loan.is_overdue(today),
            renewal_refusals: renewal_refusals(ctx, &loan)?,
            renewal_due: renewal_due(ctx, &loan),
            loan,
        },
    })
}

impl Library {
    /// The patron's open loans, soonest due first, each with what a renewal today would give.
    pub fn my_loans(&mut self, patron: PatronId, now: Now) -> Result<Vec<MyLoan>> {
        self.peek(|tx, policy| {
            open_loans_of(tx, patron)?
                .into_iter()
                .map(|loan| line(&patron_ctx(tx, policy, &loan, now)?, loan, now.today()))
                .collect()
        })
    }

    /// C10–C12: renew the loans asked for, each that may be; the others keep their due date and
    /// come back with every reason. One transaction; a loan id that is not the patron's open loan
    /// renews nothing.
    pub fn my_renew(&mut self, patron: PatronId, loans: &[LoanId], now: Now) -> Result<MyRenewal> {
        self.unattended(|tx, policy| {
            let open = open_loans_of(tx, patron)?;
            let mut asked = Vec::new();
            for id in loans {
                match open.iter().find(|l| l.id == *id) {
                    Some(l) if !asked.contains(&l) => asked.push(l),
                    Some(_) => {}
                    None => return Ok(MyRenewal::NotFound),
                }
            }
            let mut lines = Vec::new();
            for loan in asked {
                let ctx = patron_ctx(tx, policy, loan, now)?;
                let refusals = renewal_refusals(&ctx, loan)?;
                let loan = if refusals.is_empty() {
                    renew_loan(&ctx, &loan.item.barcode, false)?
                } else {
                    loan.clone()
                };
                lines.push(RenewedLine { loan, refusals });
            }
            Ok(MyRenewal::Done(lines))
        })
    }
}
