//! The patron panel: what the desk shows after a card scan (loans with renewability, holds with
//! their place in the queue, copies waiting on this desk's shelf, and blocks).

use chrono::NaiveDate;

use super::renew::{renewal_due, renewal_refusals};
use crate::domain::CardNumber;
use crate::error::{Refusal, Result};
use crate::holds::{self, Hold, HoldStatus};
use crate::library::{Actor, Library};
use crate::loans::{Loan, open_loans_of};
use crate::patrons::{Patron, find_by_card};
use crate::staff::Permission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanLine {
    pub loan: Loan,
    pub overdue: bool,
    /// Empty when the loan can be renewed today; otherwise every reason (C12).
    pub renewal_refusals: Vec<Refusal>,
    /// C10: the due date a renewal today would give; when it is no later than the loan's due
    /// date, a renewal would use up the renewal for nothing, and the desk asks first.
    pub renewal_due: NaiveDate,
}

/// Something staff should tell the patron before going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Overdue {
        count: u32,
    },
    LoanLimitReached {
        limit: u32,
    },
    HoldLimitReached {
        limit: u32,
    },
    /// K1: the patron still has a temporary password.
    TemporaryPassword,
}

impl Block {
    pub fn code(self) -> &'static str {
        match self {
            Block::Overdue { .. } => "overdue",
            Block::LoanLimitReached { .. } => "loan_limit",
            Block::HoldLimitReached { .. } => "hold_limit",
            Block::TemporaryPassword => "temporary_password",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatronPanel {
    pub patron: Patron,
    pub loans: Vec<LoanLine>,
    /// Active holds, in the order placed.
    pub holds: Vec<Hold>,
    /// Holds ready on the acting desk's shelf: hand these over now.
    pub ready_here: Vec<Hold>,
    pub blocks: Vec<Block>,
}

impl Library {
    pub fn patron_panel(&mut self, actor: &Actor, card: &CardNumber) -> Result<PatronPanel> {
        self.look(actor, Permission::View, |ctx| {
            let today = ctx.today();
            let patron = find_by_card(ctx.tx, card)?;
            let loans = open_loans_of(ctx.tx, patron.id)?
                .into_iter()
                .map(|loan| {
                    Ok(LoanLine {
                        overdue: loan.is_overdue(today),
                        renewal_refusals: renewal_refusals(ctx, &loan)?,
                        renewal_due: renewal_due(ctx, &loan),
                        loan,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let holds: Vec<Hold> = holds::of_patron(ctx.tx, patron.id)?
                .into_iter()
                .filter(|h| h.status.is_active())
                .collect();
            let ready_here = holds
                .iter()
                .filter(|h| {
                    h.status == HoldStatus::Ready && h.shelf_desk.as_ref() == Some(&ctx.desk.code)
                })
                .cloned()
                .collect();
            let mut blocks = Vec::new();
            let overdue = loans.iter().filter(|l| l.overdue).count() as u32;
            if overdue > 0 {
                blocks.push(Block::Overdue { count: overdue });
            }
            if loans.len() as u32 >= ctx.policy.loans.limit {
                blocks.push(Block::LoanLimitReached {
                    limit: ctx.policy.loans.limit,
                });
            }
            if holds.len() as u32 >= ctx.policy.holds.limit {
                blocks.push(Block::HoldLimitReached {
                    limit: ctx.policy.holds.limit,
                });
            }
            if patron.must_change_password {
                blocks.push(Block::TemporaryPassword);
            }
            Ok(PatronPanel {
                patron,
                loans,
                holds,
                ready_here,
                blocks,
            })
        })
    }
}
