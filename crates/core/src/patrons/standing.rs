//! C22: whether a patron may borrow, reserve and renew today: a suspension (利用停止) with its
//! reason and last day, and the registration's validity (`registration_years` of the profile).

use chrono::{Datelike, NaiveDate};

use super::{Patron, find_by_card, find_by_id};
use crate::domain::{CardNumber, date_input};
use crate::error::{Invalid, Refusal, Result};
use crate::library::{Actor, Ctx, Library};
use crate::policy::Policy;
use crate::staff::Permission;
use crate::store::date_str;

/// A suspension as staff entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspension {
    pub reason: String,
    pub since: NaiveDate,
    /// The last day of the suspension; None: until staff resume the patron.
    pub until: Option<NaiveDate>,
}

impl Suspension {
    /// It ends by itself after its last day.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.until.is_none_or(|u| today <= u)
    }
}

/// The same month and day `years` later; 29 February becomes 1 March.
fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    let y = d.year() + years as i32;
    d.with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))
        .unwrap_or(d)
}

impl Patron {
    /// C22: the last day of the registration, when the profile lets registrations expire:
    /// `registration_years` from registration or from the last address confirmation.
    pub fn registration_valid_until(&self, policy: &Policy) -> Option<NaiveDate> {
        let years = policy.registration_years?;
        let from = self.confirmed_on.unwrap_or(self.registered_on);
        years_after(from, years).pred_opt()
    }
}

/// C22: every reason this patron may not borrow, reserve or renew today. Neither is
/// overridable: staff resume the patron or confirm the address, each audited.
pub(crate) fn standing_refusals(ctx: &Ctx, patron: &Patron) -> Vec<Refusal> {
    let today = ctx.today();
    let mut reasons = Vec::new();
    if let Some(s) = patron.suspension.as_ref().filter(|s| s.in_force(today)) {
        reasons.push(Refusal::Suspended {
            reason: s.reason.clone(),
            until: s.until.map(date_str),
        });
    }
    if let Some(last) = patron.registration_valid_until(ctx.policy)
        && today > last
    {
        reasons.push(Refusal::RegistrationExpired {
            expired_on: date_str(last),
        });
    }
    reasons
}

impl Library {
    /// C22 利用停止 with a reason, until `until` (its last day) or until resumed.
    pub fn suspend_patron(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        reason: &str,
        until: Option<&str>,
    ) -> Result<Patron> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Invalid::Missing { field: "reason" }.into());
        }
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let until = match until {
                Some(u) => {
                    let d = date_input(u)?;
                    if d < ctx.today() {
                        return Err(Invalid::BadDate {
                            input: u.to_string(),
                        }
                        .into());
                    }
                    Some(date_str(d))
                }
                None => None,
            };
            let p = find_by_card(ctx.tx, card)?;
            ctx.tx.execute(
                "UPDATE patrons SET suspended_reason = ?1, suspended_on = ?2, suspended_until = ?3
                 WHERE id = ?4",
                (reason, date_str(ctx.today()), until, p.id.0),
            )?;
            ctx.audit("patron.suspend", card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }

    /// C22: end a suspension before its last day.
    pub fn resume_patron(&mut self, actor: &Actor, card: &CardNumber) -> Result<Patron> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let p = find_by_card(ctx.tx, card)?;
            if !p
                .suspension
                .as_ref()
                .is_some_and(|s| s.in_force(ctx.today()))
            {
                return Err(Refusal::NotSuspended.into());
            }
            ctx.tx.execute(
                "UPDATE patrons SET suspended_reason = NULL, suspended_on = NULL,
                        suspended_until = NULL
                 WHERE id = ?1",
                [p.id.0],
            )?;
            ctx.audit("patron.resume", card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }

    /// C22: staff confirmed the patron's address today; the registration runs again from today.
    pub fn confirm_patron_address(&mut self, actor: &Actor, card: &CardNumber) -> Result<Patron> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let p = find_by_card(ctx.tx, card)?;
            ctx.tx.execute(
                "UPDATE patrons SET confirmed_on = ?1 WHERE id = ?2",
                (date_str(ctx.today()), p.id.0),
            )?;
            ctx.audit("patron.confirm", card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leap_day_registration_runs_to_the_end_of_february() {
        let d = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(
            years_after(d, 3).pred_opt(),
            NaiveDate::from_ymd_opt(2031, 2, 28)
        );
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert_eq!(
            years_after(d, 3).pred_opt(),
            NaiveDate::from_ymd_opt(2029, 3, 31)
        );
    }
}
