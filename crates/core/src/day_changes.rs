//! Calendar actions: the month view staff read and the closures a supervisor enters. Above the
//! holds, because a changed day moves the days of the holds that follow it (H10, H14); the
//! calendar itself (`calendar`) only decides days and is read by everything.

use chrono::NaiveDate;

use crate::calendar::DayInfo;
use crate::error::{Invalid, Result};
use crate::holds::Rescheduled;
use crate::library::{Actor, Library, load_overrides};
use crate::policy::Desk;
use crate::staff::Permission;
use crate::store::date_str;

/// The longest range `calendar show` answers: a year and a bit, enough for any printed calendar.
const MAX_RANGE_DAYS: i64 = 400;

/// A changed day, and the holds whose days moved with it (H10, H14).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayChanged {
    pub day: DayInfo,
    /// Holds on the desk's shelf whose last day moved, and copies secured for its runs that go
    /// on another run now: their slips must be replaced.
    pub rescheduled: Vec<Rescheduled>,
}

/// Which part of a day a supervisor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayChange {
    Close,
    Open,
    CancelDeliveryRun,
    AddDeliveryRun,
    CancelDuty,
    AddDuty,
}

impl Library {
    pub fn desks(&self) -> &[Desk] {
        &self.policy().desks
    }

    /// C2: each day of `desk` from `from` to `to` inclusive.
    pub fn calendar_days(
        &mut self,
        desk: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<DayInfo>> {
        if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
            return Err(Invalid::BadValue {
                field: "--to",
                input: date_str(to),
            }
            .into());
        }
        let desk = self.policy().desk(desk)?.clone();
        let overrides = load_overrides(self.connection())?;
        let cal = crate::calendar::Calendar::new(self.policy(), overrides);
        Ok(from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|d| cal.day(&desk, d))
            .collect())
    }

    /// C2: how many loans of `desk` fall due on `date` and are still out, for the question a
    /// supervisor is asked before closing that day (issue 11, defect 9): those patrons will find
    /// the desk shut on their last day.
    pub fn loans_due_on(&mut self, desk: &str, date: NaiveDate) -> Result<u64> {
        let desk = self.policy().desk(desk)?.code.clone();
        let n: i64 = self.connection().query_row(
            "SELECT count(*) FROM loans WHERE desk_code = ?1 AND due_on = ?2 AND returned_on IS NULL",
            (desk.as_str(), date_str(date)),
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// C2, H14, H15: a supervisor closes a day, moves a delivery run or a duty day. The holds
    /// whose days follow this desk's calendar follow the change (H10, H14).
    pub fn change_day(
        &mut self,
        actor: &Actor,
        desk: &str,
        date: NaiveDate,
        change: DayChange,
        reason: &str,
    ) -> Result<DayChanged> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Invalid::Missing { field: "reason" }.into());
        }
        crate::domain::text::check(crate::domain::text::REASON, reason)?;
        let target = self.policy().desk(desk)?.clone();
        self.act(actor, Permission::Supervise, |ctx| {
            let (column, value) = match change {
                DayChange::Close => ("open", 0),
                DayChange::Open => ("open", 1),
                DayChange::CancelDeliveryRun => ("delivery_run", 0),
                DayChange::AddDeliveryRun => ("delivery_run", 1),
                DayChange::CancelDuty => ("duty", 0),
                DayChange::AddDuty => ("duty", 1),
            };
            ctx.tx.execute(
                &format!(
                    "INSERT INTO calendar_overrides (desk_code, date, {column}, reason)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (desk_code, date) DO UPDATE SET {column} = ?3, reason = ?4"
                ),
                (target.code.as_str(), date_str(date), value, reason),
            )?;
            ctx.audit(
                "calendar.change",
                &format!("{} {}", target.code, date_str(date)),
            )?;
            let rescheduled = crate::holds::schedule::reschedule(ctx, &target)?;
            Ok(DayChanged {
                day: ctx.calendar()?.day(&target, date),
                rescheduled,
            })
        })
    }
}
