use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use serde::Deserialize;

use crate::domain::{Collection, DeskCode, DeskKind, LoanType, ReturnRule};
use crate::error::{Invalid, Result};

const HOKKAIDO: &str = include_str!("../../../../assets/profiles/hokkaido.toml");
const KYOTO: &str = include_str!("../../../../assets/profiles/kyoto.toml");

/// The text of a profile shipped with the program.
pub fn builtin_profile(name: &str) -> Option<&'static str> {
    match name {
        "hokkaido" => Some(HOKKAIDO),
        "kyoto" => Some(KYOTO),
        _ => None,
    }
}

/// `init --profile NAME|PATH`: a shipped profile by name, or a library's own file.
pub fn load_profile(name_or_path: &str) -> Result<(String, String)> {
    if let Some(text) = builtin_profile(name_or_path) {
        return Ok((name_or_path.to_string(), text.to_string()));
    }
    let path = std::path::Path::new(name_or_path);
    if path.extension().is_some_and(|e| e == "toml") && path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| Invalid::ImportFile {
            path: name_or_path.to_string(),
            detail: e.to_string(),
        })?;
        let name = path
            .file_stem()
            .map_or("custom".into(), |s| s.to_string_lossy().into_owned());
        return Ok((name, text));
    }
    Err(Invalid::UnknownProfile {
        name: name_or_path.to_string(),
    }
    .into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckDigit {
    None,
    /// Modulus 10, weights 2-1 from the right, digit sums of the products (Luhn).
    Mod10W21,
    /// Modulus 16 over the NW-7 character values.
    Mod16,
    /// Seven-division remainder.
    #[serde(rename = "7dr")]
    SevenDr,
    /// Modulus 11, weights 2–7 from the right; remainders giving 10 or 11 use 0.
    Mod11,
}

/// The pattern and check digit of one kind of code (C3).
#[derive(Debug, Clone)]
pub struct CodeRule {
    pub pattern: Regex,
    pub check_digit: CheckDigit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Periods {
    pub normal: u32,
    pub short: u32,
}

impl Periods {
    pub fn for_type(&self, t: LoanType) -> u32 {
        if t == LoanType::Short {
            self.short
        } else {
            self.normal
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoanPolicy {
    pub limit: u32,
    /// Days counting the first day, per desk kind (H6, K4).
    pub periods: HashMap<DeskKind, Periods>,
    pub shift_due_to_open_day: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewalPolicy {
    pub max: u32,
    /// C10: the new due date is this many days after the renewal day.
    pub days_after_renewal: Periods,
    /// K6.
    pub refuse_on_checkout_day: bool,
    /// H8.
    pub refuse_when_any_overdue: bool,
    /// H8: loans received at these desk kinds are never renewed.
    pub refuse_for_desk_kinds: Vec<DeskKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShelfCount {
    /// K8: calendar days from the notice day.
    CalendarDays,
    /// H10: days the pickup place is open, from the first day the patron may collect.
    OpenDays,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldPolicy {
    pub limit: u32,
    /// K7 false: holds only on titles whose copies are all on loan.
    pub allow_on_available_titles: bool,
    pub shelf_count: ShelfCount,
    pub shelf_days: u32,
    pub collect_after_notice_days: u32,
    pub collect_after_run_days: u32,
    /// C20: days a cancelled, expired or fulfilled hold keeps its patron (shown on My Page),
    /// after which the nightly job removes it. A profile stored before the setting: 7.
    #[serde(default = "closed_hold_days")]
    pub closed_hold_days: u32,
    /// My Page: the library's own word for a hold (K: 貸出待ち登録, H: 予約).
    #[serde(default = "hold_name")]
    pub hold_name: String,
    /// C15: the library's own word for a ready hold (K: 準備ができました, H: 貸出可能).
    #[serde(default = "ready_label")]
    pub ready_label: String,
}

fn closed_hold_days() -> u32 {
    7
}

fn hold_name() -> String {
    "予約".into()
}

fn ready_label() -> String {
    "貸出可能".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordPolicy {
    pub min_length: u32,
    pub max_length: u32,
    pub require_letter_and_digit: bool,
    /// H2: `Abcd12` and `abcd12` are the same password.
    pub case_insensitive: bool,
    /// H3.
    pub self_service_first_password: bool,
    pub temporary_length: u32,
}

/// A desk of the profile (C1) with its calendar rules (C2, H14, H15).
#[derive(Debug, Clone)]
pub struct Desk {
    pub code: DeskCode,
    pub name: String,
    pub name_en: String,
    pub kind: DeskKind,
    pub collections: Vec<Collection>,
    pub hours: Option<String>,
    pub closed_weekdays: Vec<Weekday>,
    pub closed_on_holidays: bool,
    pub fixed_closures: Vec<MonthDayRange>,
    pub duty_weekdays: Vec<Weekday>,
    pub delivery_weekdays: Vec<Weekday>,
    pub returns: ReturnRule,
    pub returns_only_on_duty_days: bool,
    /// H15: patrons register here only while library staff are on duty.
    pub registration_only_on_duty_days: bool,
    /// H11: returns dropped while the desk is closed, checked in the next open day.
    pub book_drop: bool,
}

impl Desk {
    pub fn is_fixed_closure(&self, d: NaiveDate) -> bool {
        self.fixed_closures.iter().any(|r| r.contains(d))
    }

    /// H11: a counter lends and takes back only the copies of its own collections; other desks
    /// hand out whatever was sent to them.
    pub fn serves(&self, collection: Collection) -> bool {
        self.kind != DeskKind::Counter || self.collections.contains(&collection)
    }
}

/// `MM-DD..MM-DD`, wrapping over the new year when the end comes before the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDayRange {
    from: (u32, u32),
    to: (u32, u32),
}

impl MonthDayRange {
    fn parse(s: &str) -> Option<MonthDayRange> {
        let md = |p: &str| -> Option<(u32, u32)> {
            let (m, d) = p.trim().split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
        };
        let (a, b) = s.split_once("..").unwrap_or((s, s));
        Some(MonthDayRange {
            from: md(a)?,
            to: md(b)?,
        })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        let x = (d.month(), d.day());
        if self.from <= self.to {
            self.from <= x && x <= self.to
        } else {
            x >= self.from || x <= self.to
        }
    }
}

/// The whole typed policy of one library.
#[derive(Debug, Clone)]
pub struct Policy {
    pub profile_name: String,
    pub library_name: String,
    pub library_name_en: String,
    /// The prefecture the library serves, and cities in it (addresses of demo patrons).
    pub prefecture: String,
    pub cities: Vec<String>,
    pub card: CodeRule,
    pub item: CodeRule,
    pub loans: LoanPolicy,
    pub renewal: RenewalPolicy,
    pub holds: HoldPolicy,
    pub password: PasswordPolicy,
    pub residence_categories: Vec<String>,
    /// C19: e-mail a reminder this many days before the due date (Kyoto: 3); None sends none.
    pub due_reminder_days: Option<u32>,
    /// K9: the reminder goes only to patrons who registered for it (事前に登録された方に).
    pub due_reminder_registered_only: bool,
    /// K9: the library offers new-arrival notices (新着図書お知らせ) for registered themes and authors.
    pub new_arrivals: bool,
    /// C22: a registration is valid this many years from registration or the last address
    /// confirmation; None: no expiry.
    pub registration_years: Option<u32>,
    pub desks: Vec<Desk>,
}

impl Policy {
    pub fn parse(profile_name: &str, text: &str) -> Result<Policy> {
        let raw: RawProfile = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        raw.into_policy(profile_name)
    }

    /// The desk's name for people, or its code when the profile no longer has it (an old record).
    pub fn desk_name(&self, code: &str) -> String {
        self.desk(code)
            .map_or_else(|_| code.to_string(), |d| d.name.clone())
    }

    pub fn desk(&self, code: &str) -> Result<&Desk> {
        self.desks
            .iter()
            .find(|d| d.code.as_str() == code)
            .ok_or_else(|| {
                Invalid::UnknownDesk {
                    code: code.to_string(),
                }
                .into()
            })
    }

    /// CLI.md: "default: the profile's first counter".
    pub fn first_counter(&self) -> &Desk {
        self.desks
            .iter()
            .find(|d| d.kind == DeskKind::Counter)
            .expect("validated: a profile has a counter")
    }

    /// The counter that keeps a collection's copies and their hold shelf (H11).
    pub fn counter_for(&self, collection: Collection) -> &Desk {
        self.desks
            .iter()
            .find(|d| d.kind == DeskKind::Counter && d.collections.contains(&collection))
            .unwrap_or_else(|| self.first_counter())
    }

    /// H6, K4: loan length in days counting the first day.
    pub fn loan_days(&self, kind: DeskKind, t: LoanType) -> u32 {
        self.loans
            .periods
            .get(&kind)
            .or_else(|| self.loans.periods.get(&DeskKind::Counter))
            .map_or(15, |p| p.for_type(t))
    }
}

fn bad(detail: impl Into<String>) -> crate::error::Error {
    Invalid::BadProfile {
        detail: detail.into(),
    }
    .into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    library: RawLibrary,
    scan: RawScan,
    loans: RawLoans,
    renewal: RenewalPolicy,
    holds: HoldPolicy,
    password: PasswordPolicy,
    patrons: RawPatrons,
    #[serde(default)]
    notices: RawNotices,
    desks: Vec<RawDesk>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawNotices {
    due_reminder_days: Option<u32>,
    #[serde(default)]
    due_reminder_registered_only: bool,
    #[serde(default)]
    new_arrivals: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLibrary {
    name: String,
    name_en: String,
    prefecture: String,
    cities: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScan {
    card: RawCode,
    item: RawCode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    pattern: String,
    check_digit: CheckDigit,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLoans {
    limit: u32,
    shift_due_to_open_day: bool,
    period: HashMap<DeskKind, Periods>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPatrons {
    residence_categories: Vec<String>,
    registration_years: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDesk {
    code: String,
    name: String,
    name_en: String,
    kind: DeskKind,
    #[serde(default)]
    collections: Vec<Collection>,
    hours: Option<String>,
    #[serde(default)]
    closed_weekdays: Vec<String>,
    #[serde(default)]
    closed_on_holidays: bool,
    #[serde(default)]
    fixed_closures: Vec<String>,
    #[serde(default)]
    duty_weekdays: Vec<String>,
    #[serde(default)]
    delivery_weekdays: Vec<String>,
    returns: ReturnRule,
    #[serde(default)]
    returns_only_on_duty_days: bool,
    /// Absent in profiles stored before it existed: the desk's staff then register on the days
    /// they process returns (H15 ties both to duty days).
    registration_only_on_duty_days: Option<bool>,
    #[serde(default)]
    book_drop: bool,
}

fn weekdays(desk: &str, list: &[String]) -> Result<Vec<Weekday>> {
    list.iter()
        .map(|s| {
            s.parse::<Weekday>()
                .map_err(|_| bad(format!("desk {desk}: \"{s}\" is not a weekday")))
        })
        .collect()
}

fn code_rule(which: &str, raw: RawCode) -> Result<CodeRule> {
    let pattern =
        Regex::new(&raw.pattern).map_err(|e| bad(format!("scan.{which}.pattern: {e}")))?;
    Ok(CodeRule {
        pattern,
        check_digit: raw.check_digit,
    })
}

impl RawProfile {
    fn into_policy(self, profile_name: &str) -> Result<Policy> {
        let mut desks = Vec::with_capacity(self.desks.len());
        for d in self.desks {
            if desks.iter().any(|x: &Desk| x.code.as_str() == d.code) {
                return Err(bad(format!("desk code {} appears twice", d.code)));
            }
            let fixed_closures = d
                .fixed_closures
                .iter()
                .map(|s| {
                    MonthDayRange::parse(s).ok_or_else(|| {
                        bad(format!(
                            "desk {}: closure \"{s}\" is not MM-DD..MM-DD",
                            d.code
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let collections = if d.collections.is_empty() && d.kind == DeskKind::Counter {
                vec![Collection::General, Collection::Northern]
            } else {
                d.collections
            };
            desks.push(Desk {
                closed_weekdays: weekdays(&d.code, &d.closed_weekdays)?,
                duty_weekdays: weekdays(&d.code, &d.duty_weekdays)?,
                delivery_weekdays: weekdays(&d.code, &d.delivery_weekdays)?,
                code: DeskCode::new(d.code),
                name: d.name,
                name_en: d.name_en,
                kind: d.kind,
                collections,
                hours: d.hours,
                closed_on_holidays: d.closed_on_holidays,
                fixed_closures,
                returns: d.returns,
                returns_only_on_duty_days: d.returns_only_on_duty_days,
                registration_only_on_duty_days: d
                    .registration_only_on_duty_days
                    .unwrap_or(d.returns_only_on_duty_days),
                book_drop: d.book_drop,
            });
        }
        if !desks.iter().any(|d| d.kind == DeskKind::Counter) {
            return Err(bad("a profile needs at least one desk of kind counter"));
        }
        if !self.loans.period.contains_key(&DeskKind::Counter) {
            return Err(bad("loans.period.counter is required"));
        }
        if self.patrons.registration_years == Some(0) {
            return Err(bad(
                "patrons.registration_years must be at least 1 (leave it out for no expiry)",
            ));
        }
        if self.password.min_length == 0 || self.password.min_length > self.password.max_length {
            return Err(bad("password.min_length must be 1..=max_length"));
        }
        Ok(Policy {
            profile_name: profile_name.to_string(),
            library_name: self.library.name,
            library_name_en: self.library.name_en,
            prefecture: self.library.prefecture,
            cities: self.library.cities,
            card: code_rule("card", self.scan.card)?,
            item: code_rule("item", self.scan.item)?,
            loans: LoanPolicy {
                limit: self.loans.limit,
                periods: self.loans.period,
                shift_due_to_open_day: self.loans.shift_due_to_open_day,
            },
            renewal: self.renewal,
            holds: self.holds,
            password: self.password,
            residence_categories: self.patrons.residence_categories,
            due_reminder_days: self.notices.due_reminder_days,
            due_reminder_registered_only: self.notices.due_reminder_registered_only,
            new_arrivals: self.notices.new_arrivals,
            registration_years: self.patrons.registration_years,
            desks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hokkaido() -> Policy {
        Policy::parse("hokkaido", builtin_profile("hokkaido").unwrap()).unwrap()
    }

    fn kyoto() -> Policy {
        Policy::parse("kyoto", builtin_profile("kyoto").unwrap()).unwrap()
    }

    #[test]
    fn hokkaido_has_the_desks_of_cli_md() {
        let p = hokkaido();
        for code in [
            "general",
            "northern",
            "diet",
            "home",
            "ebetsu",
            "sapporo",
            "asahikawa",
            "hakodate",
        ] {
            assert!(p.desk(code).is_ok(), "{code}");
        }
        assert_eq!(p.first_counter().code.as_str(), "general");
        assert_eq!(p.desk("diet").unwrap().kind, DeskKind::DutyRoom);
        assert_eq!(
            p.desk("diet").unwrap().duty_weekdays,
            vec![Weekday::Tue, Weekday::Thu]
        );
        assert_eq!(
            p.counter_for(Collection::Northern).code.as_str(),
            "northern"
        );
    }

    #[test]
    fn h6_loan_periods_follow_the_desk_kind() {
        let p = hokkaido();
        assert_eq!(p.loan_days(DeskKind::Counter, LoanType::Normal), 15);
        assert_eq!(p.loan_days(DeskKind::Counter, LoanType::Short), 8);
        assert_eq!(p.loan_days(DeskKind::DutyRoom, LoanType::Normal), 15);
        assert_eq!(p.loan_days(DeskKind::Partner, LoanType::Normal), 30);
        assert_eq!(p.loan_days(DeskKind::Home, LoanType::Short), 15);
    }

    #[test]
    fn kyoto_differs_in_data_not_code() {
        let p = kyoto();
        assert_eq!(p.desks.len(), 1);
        assert_eq!(p.first_counter().code.as_str(), "counter");
        assert!(!p.holds.allow_on_available_titles);
        assert_eq!(p.holds.shelf_count, ShelfCount::CalendarDays);
        assert!(p.renewal.refuse_on_checkout_day);
        assert!(p.password.require_letter_and_digit);
        assert_eq!(p.loan_days(DeskKind::Counter, LoanType::Normal), 15);
    }

    #[test]
    fn year_end_range_wraps_over_new_year() {
        let r = MonthDayRange::parse("12-29..01-03").unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert!(r.contains(d(12, 29)) && r.contains(d(12, 31)) && r.contains(d(1, 3)));
        assert!(!r.contains(d(12, 28)) && !r.contains(d(1, 4)));
    }

    #[test]
    fn a_broken_profile_is_refused_with_the_reason() {
        let text = builtin_profile("kyoto")
            .unwrap()
            .replace("kind = \"counter\"", "kind = \"shop\"");
        let err = Policy::parse("x", &text).unwrap_err();
        assert_eq!(err.code(), "profile.invalid");
        assert!(err.message(crate::Lang::En).contains("shop"));
    }
}
