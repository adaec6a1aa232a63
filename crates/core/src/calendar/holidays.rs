use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};

type YearTable = Arc<HashMap<NaiveDate, String>>;

/// The national holiday on `d` (substitute holidays and 国民の休日 included), from the `yasumi`
/// crate. A year's table is computed once per process: trapping and shelf expiry ask often.
pub fn holiday_name(d: NaiveDate) -> Option<String> {
    static YEARS: OnceLock<Mutex<HashMap<i32, YearTable>>> = OnceLock::new();
    let table = {
        let mut years = YEARS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        years
            .entry(d.year())
            .or_insert_with(|| Arc::new(yasumi::year_holidays(d.year()).into_iter().collect()))
            .clone()
    };
    table.get(&d).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<NaiveDate> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn holidays_of(year: i32) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = NaiveDate::from_ymd_opt(year, 1, 1)
            .unwrap()
            .iter_days()
            .take_while(|d| d.year() == year)
            .filter(|d| holiday_name(*d).is_some())
            .collect();
        v.sort();
        v
    }

    /// The Cabinet Office list (内閣府「国民の祝日」) for 2026, substitute holidays and 国民の休日 included.
    #[test]
    fn c2_2026_matches_the_official_list() {
        let official = dates(&[
            "2026-01-01",
            "2026-01-12",
            "2026-02-11",
            "2026-02-23",
            "2026-03-20",
            "2026-04-29",
            "2026-05-03",
            "2026-05-04",
            "2026-05-05",
            "2026-05-06",
            "2026-07-20",
            "2026-08-11",
            "2026-09-21",
            "2026-09-22",
            "2026-09-23",
            "2026-10-12",
            "2026-11-03",
            "2026-11-23",
        ]);
        assert_eq!(holidays_of(2026), official);
        assert!(
            holiday_name("2026-05-06".parse().unwrap())
                .unwrap()
                .ends_with("振替休日")
        );
        assert_eq!(
            holiday_name("2026-09-22".parse().unwrap()).as_deref(),
            Some("国民の休日")
        );
    }

    #[test]
    fn c2_2027_matches_the_official_list() {
        let official = dates(&[
            "2027-01-01",
            "2027-01-11",
            "2027-02-11",
            "2027-02-23",
            "2027-03-21",
            "2027-03-22",
            "2027-04-29",
            "2027-05-03",
            "2027-05-04",
            "2027-05-05",
            "2027-07-19",
            "2027-08-11",
            "2027-09-20",
            "2027-09-23",
            "2027-10-11",
            "2027-11-03",
            "2027-11-23",
        ]);
        assert_eq!(holidays_of(2027), official);
        assert!(
            holiday_name("2027-03-22".parse().unwrap())
                .unwrap()
                .ends_with("振替休日")
        );
    }

    #[test]
    fn ordinary_days_are_not_holidays() {
        assert_eq!(holiday_name("2026-12-28".parse().unwrap()), None);
        assert_eq!(holiday_name("2026-09-24".parse().unwrap()), None);
    }
}
