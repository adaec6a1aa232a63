use chrono::{Duration, NaiveDate};

use crate::calendar::Calendar;
use crate::domain::LoanType;
use crate::policy::Desk;

/// H6 / K4: the period of the desk where the patron receives the item, counting the first day
/// (15 days from 3/25 is 4/8). C9: moved to the desk's next open day only if the profile says so.
pub fn due_date(cal: &Calendar, desk: &Desk, loan_type: LoanType, on: NaiveDate) -> NaiveDate {
    let days = cal.policy().loan_days(desk.kind, loan_type);
    let due = on + Duration::days(i64::from(days.max(1)) - 1);
    if cal.policy().loans.shift_due_to_open_day {
        cal.nth_open_day(desk, due, 1).unwrap_or(due)
    } else {
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Policy, builtin_profile};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn h6_fifteen_days_counting_the_first_day() {
        let p = Policy::parse("hokkaido", builtin_profile("hokkaido").unwrap()).unwrap();
        let cal = Calendar::new(&p, vec![]);
        let general = p.desk("general").unwrap();
        assert_eq!(
            due_date(&cal, general, LoanType::Normal, d("2026-03-25")),
            d("2026-04-08")
        );
        assert_eq!(
            due_date(&cal, general, LoanType::Short, d("2026-03-25")),
            d("2026-04-01")
        );
        let ebetsu = p.desk("ebetsu").unwrap();
        assert_eq!(
            due_date(&cal, ebetsu, LoanType::Normal, d("2026-03-25")),
            d("2026-04-23")
        );
        assert_eq!(
            due_date(&cal, ebetsu, LoanType::Short, d("2026-03-25")),
            d("2026-04-08")
        );
    }

    #[test]
    fn c9_a_due_date_on_a_closed_day_stays_unless_the_profile_shifts_it() {
        let text = builtin_profile("hokkaido").unwrap();
        let p = Policy::parse("h", text).unwrap();
        let cal = Calendar::new(&p, vec![]);
        let diet = p.desk("diet").unwrap();
        // 2026-12-15 + 14 = 12-29, in the Diet room's year-end closure.
        assert_eq!(
            due_date(&cal, diet, LoanType::Normal, d("2026-12-15")),
            d("2026-12-29")
        );
        let shifted = Policy::parse(
            "h",
            &text.replace(
                "shift_due_to_open_day = false",
                "shift_due_to_open_day = true",
            ),
        )
        .unwrap();
        let cal = Calendar::new(&shifted, vec![]);
        let diet = shifted.desk("diet").unwrap();
        assert_eq!(
            due_date(&cal, diet, LoanType::Normal, d("2026-12-15")),
            d("2027-01-04")
        );
    }
}
