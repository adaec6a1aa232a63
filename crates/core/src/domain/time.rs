use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// The moment an action happens, in Asia/Tokyo (+09:00, no daylight saving). Every rule works
/// on `today()`; `--now` sets it for scripts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now(DateTime<FixedOffset>);

fn tokyo() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

impl Now {
    pub fn system() -> Now {
        Now(Utc::now().with_timezone(&tokyo()))
    }

    /// 10:00 on the given day, the time `--now 2026-04-01` stands for.
    pub fn at_date(date: NaiveDate) -> Now {
        let t = date.and_time(NaiveTime::from_hms_opt(10, 0, 0).expect("valid time"));
        Now(tokyo()
            .from_local_datetime(&t)
            .single()
            .expect("fixed offset is unambiguous"))
    }

    pub fn today(&self) -> NaiveDate {
        self.0.date_naive()
    }

    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339()
    }

    /// Seconds since 1970 (UTC), for waits that span processes (C24).
    pub fn timestamp(&self) -> i64 {
        self.0.timestamp()
    }
}

/// `YYYY-MM-DD`, the only date form the desk and scripts use.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A date given by a person or a script, or `input.bad_date` naming what was given.
pub fn date_input(s: &str) -> crate::Result<NaiveDate> {
    let date = parse_date(s).ok_or_else(|| crate::Invalid::BadDate {
        input: s.to_string(),
    })?;
    in_range(date, s)?;
    Ok(date)
}

/// The years a desk's dates can be in. A mistyped year such as 9999 would otherwise become a due
/// date or a hold's last day past year 9999, which no date column can hold (`+10000-01-14`).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn in_range(date: NaiveDate, input: &str) -> crate::Result<()> {
    if YEARS.contains(&chrono::Datelike::year(&date)) {
        Ok(())
    } else {
        Err(crate::Invalid::DateOutOfRange {
            input: input.trim().to_string(),
        }
        .into())
    }
}

/// `--now` given by a script: `input.bad_date` when unreadable, `input.date_out_of_range`
/// outside 1900–2200.
pub fn now_input(s: &str) -> crate::Result<Now> {
    let now = parse_now(s).ok_or_else(|| crate::Invalid::BadDate {
        input: s.to_string(),
    })?;
    in_range(now.today(), s)?;
    Ok(now)
}

/// `--now`: a date (10:00 that day in Tokyo) or an RFC 3339 time.
pub fn parse_now(s: &str) -> Option<Now> {
    if let Some(d) = parse_date(s) {
        return Some(Now::at_date(d));
    }
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| Now(t.with_timezone(&tokyo())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_from_a_date_is_ten_in_the_morning_in_tokyo() {
        let now = parse_now("2026-04-01").unwrap();
        assert_eq!(now.rfc3339(), "2026-04-01T10:00:00+09:00");
    }

    #[test]
    fn rfc3339_in_utc_late_evening_is_the_next_day_in_tokyo() {
        let now = parse_now("2026-03-31T16:30:00Z").unwrap();
        assert_eq!(now.today(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
    }

    #[test]
    fn malformed_dates_are_refused() {
        for s in ["2026-4-1", "2026/04/01", "2026-02-30", "", "tomorrow"] {
            assert!(parse_date(s).is_none(), "{s}");
        }
    }
}
