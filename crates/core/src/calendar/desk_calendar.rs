use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::holiday_name;
use crate::domain::DeskCode;
use crate::policy::{Desk, Policy};

/// A supervisor's change to one desk's day (C2 one-off closures, H14 moved delivery runs,
/// H15 changed duty days). `None` keeps the profile's rule for that part of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub desk: DeskCode,
    pub date: NaiveDate,
    pub open: Option<bool>,
    pub duty: Option<bool>,
    pub delivery_run: Option<bool>,
    pub reason: String,
}

/// One desk's day as staff see it in the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    pub date: NaiveDate,
    pub open: bool,
    /// Library staff are present to process returns and registrations (H15).
    pub duty: bool,
    /// Items leave the main library for this partner desk today (H14).
    pub delivery_run: bool,
    pub holiday: Option<String>,
    /// Why the desk is closed, when it is.
    pub closure: Option<String>,
}

/// The calendar of every desk of a policy, with the supervisor's overrides.
pub struct Calendar<'p> {
    policy: &'p Policy,
    overrides: HashMap<(DeskCode, NaiveDate), Override>,
}

/// How far ahead the open-day and delivery-run searches look before giving up: longer than any
/// closure a library announces.
const SEARCH_DAYS: u32 = 366;

impl<'p> Calendar<'p> {
    pub fn new(policy: &'p Policy, overrides: Vec<Override>) -> Calendar<'p> {
        Calendar {
            policy,
            overrides: overrides
                .into_iter()
                .map(|o| ((o.desk.clone(), o.date), o))
                .collect(),
        }
    }

    pub fn day(&self, desk: &Desk, date: NaiveDate) -> DayInfo {
        let holiday = holiday_name(date);
        let weekday = date.weekday();
        let ov = self.overrides.get(&(desk.code.clone(), date));

        let rule_closure = if desk.is_fixed_closure(date) {
            Some("年末年始".to_string())
        } else if desk.closed_on_holidays && holiday.is_some() {
            holiday.clone()
        } else if desk.closed_weekdays.contains(&weekday) {
            Some("休館日".to_string())
        } else {
            None
        };
        let open = ov.and_then(|o| o.open).unwrap_or(rule_closure.is_none());
        let closure = if open {
            None
        } else {
            ov.filter(|o| o.open == Some(false))
                .map(|o| o.reason.clone())
                .or(rule_closure)
        };
        let duty = ov
            .and_then(|o| o.duty)
            .unwrap_or(open && desk.duty_weekdays.contains(&weekday));
        // H14: runs are on the desk's weekdays, not on national holidays or the year end.
        let delivery_run = ov.and_then(|o| o.delivery_run).unwrap_or(
            desk.delivery_weekdays.contains(&weekday)
                && holiday.is_none()
                && !desk.is_fixed_closure(date),
        );
        DayInfo {
            date,
            open,
            duty: duty && open,
            delivery_run,
            holiday,
            closure,
        }
    }

    pub fn is_open(&self, desk: &Desk, date: NaiveDate) -> bool {
        self.day(desk, date).open
    }

    pub fn is_duty_day(&self, desk: &Desk, date: NaiveDate) -> bool {
        self.day(desk, date).duty
    }

    /// The `n`th day on or after `from` on which `desk` is open (n = 1: `from` itself if open).
    /// H10 counts the hold shelf this way.
    pub fn nth_open_day(&self, desk: &Desk, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut seen = 0;
        for d in from.iter_days().take((SEARCH_DAYS + n) as usize) {
            if self.is_open(desk, d) {
                seen += 1;
                if seen == n {
                    return Some(d);
                }
            }
        }
        None
    }

    /// The last day before `date` on which `desk` was open (H11: the book drop's day).
    pub fn last_open_day_before(&self, desk: &Desk, date: NaiveDate) -> Option<NaiveDate> {
        (1..=i64::from(SEARCH_DAYS))
            .map(|n| date - chrono::Duration::days(n))
            .find(|d| self.is_open(desk, *d))
    }

    /// The first delivery run strictly after `after` (H14: "on the first run after the notice").
    pub fn next_delivery_run(&self, desk: &Desk, after: NaiveDate) -> Option<NaiveDate> {
        after
            .succ_opt()?
            .iter_days()
            .take(SEARCH_DAYS as usize)
            .find(|d| self.day(desk, *d).delivery_run)
    }

    pub fn policy(&self) -> &Policy {
        self.policy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::builtin_profile;

    fn hokkaido() -> Policy {
        Policy::parse("hokkaido", builtin_profile("hokkaido").unwrap()).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn h15_diet_room_is_closed_at_year_end_and_staffed_only_tue_thu() {
        let p = hokkaido();
        let cal = Calendar::new(&p, vec![]);
        let diet = p.desk("diet").unwrap();
        let days: Vec<DayInfo> = d("2026-12-28")
            .iter_days()
            .take_while(|x| *x <= d("2027-01-05"))
            .map(|x| cal.day(diet, x))
            .collect();
        let open: Vec<_> = days.iter().filter(|x| x.open).map(|x| x.date).collect();
        assert_eq!(
            open,
            vec![d("2026-12-28"), d("2027-01-04"), d("2027-01-05")]
        );
        let duty: Vec<_> = days.iter().filter(|x| x.duty).map(|x| x.date).collect();
        assert_eq!(
            duty,
            vec![d("2027-01-05")],
            "only Tuesday 1/5 is a duty day"
        );
        assert_eq!(days[1].closure.as_deref(), Some("年末年始"));
    }

    #[test]
    fn h15_diet_room_closes_on_national_holidays_and_duty_moves_with_them() {
        let p = hokkaido();
        let cal = Calendar::new(&p, vec![]);
        let diet = p.desk("diet").unwrap();
        // 2026-09-22 (Tue) is 国民の休日: closed, so no duty that Tuesday.
        let day = cal.day(diet, d("2026-09-22"));
        assert!(!day.open && !day.duty);
        assert_eq!(day.holiday.as_deref(), Some("国民の休日"));
        assert!(cal.is_duty_day(diet, d("2026-09-24")));
    }

    #[test]
    fn h10_counts_only_open_days() {
        let p = hokkaido();
        let cal = Calendar::new(&p, vec![]);
        let diet = p.desk("diet").unwrap();
        // From Fri 2026-12-25: 12/25, 12/28, then closed until 1/4; 1/4..1/8 (5), 1/12 (Mon 1/11 is 成人の日).
        assert_eq!(
            cal.nth_open_day(diet, d("2026-12-25"), 1),
            Some(d("2026-12-25"))
        );
        assert_eq!(
            cal.nth_open_day(diet, d("2026-12-25"), 2),
            Some(d("2026-12-28"))
        );
        assert_eq!(
            cal.nth_open_day(diet, d("2026-12-25"), 3),
            Some(d("2027-01-04"))
        );
        assert_eq!(
            cal.nth_open_day(diet, d("2026-12-25"), 8),
            Some(d("2027-01-12"))
        );
    }

    #[test]
    fn h14_next_delivery_run_skips_holidays_and_year_end() {
        let p = hokkaido();
        let cal = Calendar::new(&p, vec![]);
        let ebetsu = p.desk("ebetsu").unwrap();
        // Notice on Tue 2026-05-05 (a holiday): strictly after → Fri 5/8.
        assert_eq!(
            cal.next_delivery_run(ebetsu, d("2026-05-05")),
            Some(d("2026-05-08"))
        );
        // Notice Fri 2026-12-25: Tue 12/29 and Fri 1/1 are in the year end → Tue 2027-01-05.
        assert_eq!(
            cal.next_delivery_run(ebetsu, d("2026-12-25")),
            Some(d("2027-01-05"))
        );
    }

    #[test]
    fn c2_a_supervisor_closure_closes_the_day_with_its_reason() {
        let p = hokkaido();
        let general = p.desk("general").unwrap();
        let cal = Calendar::new(
            &p,
            vec![Override {
                desk: general.code.clone(),
                date: d("2026-06-10"),
                open: Some(false),
                duty: None,
                delivery_run: None,
                reason: "館内整理日".into(),
            }],
        );
        let day = cal.day(general, d("2026-06-10"));
        assert!(!day.open);
        assert_eq!(day.closure.as_deref(), Some("館内整理日"));
        assert!(cal.is_open(general, d("2026-06-11")));
    }
}
