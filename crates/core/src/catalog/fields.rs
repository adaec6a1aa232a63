//! Field parsers shared by `item add`, the CSV and MARC imports and the carrier choice.

use unicode_normalization::UnicodeNormalization;

use crate::domain::{Collection, LoanType};
use crate::error::{Invalid, Result};

fn bad(field: &'static str, input: &str) -> crate::error::Error {
    Invalid::BadValue {
        field,
        input: input.to_string(),
    }
    .into()
}

/// ISBN-10 or ISBN-13 with hyphens or spaces, checked, returned as ISBN-13 digits so that the
/// two forms of one book find the same title.
pub fn parse_isbn(raw: &str) -> Result<String> {
    let s: String = raw
        .nfkc()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect::<String>()
        .to_ascii_uppercase();
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    match s.len() {
        13 if digits.len() == 13 => {
            let sum: u32 = digits[..12]
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
                .sum();
            if (10 - sum % 10) % 10 == digits[12] {
                Ok(s)
            } else {
                Err(bad("isbn", raw))
            }
        }
        10 if digits.len() >= 9 && s[..9].chars().all(|c| c.is_ascii_digit()) => {
            let check = match s.chars().nth(9) {
                Some('X') => 10,
                Some(c) => c.to_digit(10).ok_or_else(|| bad("isbn", raw))?,
                None => return Err(bad("isbn", raw)),
            };
            let sum: u32 = digits[..9]
                .iter()
                .enumerate()
                .map(|(i, d)| d * (10 - i as u32))
                .sum::<u32>()
                + check;
            if !sum.is_multiple_of(11) {
                return Err(bad("isbn", raw));
            }
            let body = format!("978{}", &s[..9]);
            let sum13: u32 = body
                .chars()
                .filter_map(|c| c.to_digit(10))
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
                .sum();
            Ok(format!("{body}{}", (10 - sum13 % 10) % 10))
        }
        _ => Err(bad("isbn", raw)),
    }
}

/// `L,W,T` in centimetres (decimals allowed, either width, `x` or `×` also separate), as
/// millimetres sorted longest first: which side is which does not matter for the carrier (H13).
pub fn parse_size_cm(raw: &str) -> Result<[u32; 3]> {
    let s: String = raw.nfkc().collect();
    let parts: Vec<&str> = s.split([',', 'x', 'X', '×', '*']).map(str::trim).collect();
    if parts.len() != 3 {
        return Err(bad("size-cm", raw));
    }
    let mut mm = [0u32; 3];
    for (i, p) in parts.iter().enumerate() {
        let v: f64 = p.parse().map_err(|_| bad("size-cm", raw))?;
        if !(v.is_finite() && v > 0.0 && v < 1000.0) {
            return Err(bad("size-cm", raw));
        }
        mm[i] = (v * 10.0).round() as u32;
    }
    mm.sort_unstable_by(|a, b| b.cmp(a));
    Ok(mm)
}

pub fn parse_weight_g(raw: &str) -> Result<u32> {
    let s: String = raw.nfkc().filter(|c| !c.is_whitespace()).collect();
    let s = s.strip_suffix('g').unwrap_or(&s);
    match s.parse::<u32>() {
        Ok(g) if g > 0 && g <= 100_000 => Ok(g),
        _ => Err(bad("weight-g", raw)),
    }
}

pub(crate) fn parse_collection(raw: &str) -> Result<Collection> {
    match raw.trim() {
        "" => Ok(Collection::General),
        "一般" => Ok(Collection::General),
        "北方" | "北方資料" => Ok(Collection::Northern),
        s => Collection::parse(s).ok_or_else(|| bad("collection", raw)),
    }
}

pub(crate) fn parse_loan_type(raw: &str) -> Result<LoanType> {
    match raw.trim() {
        "" | "在庫" => Ok(LoanType::Normal),
        "短縮" => Ok(LoanType::Short),
        "禁帯" => Ok(LoanType::Reference),
        "館内" => Ok(LoanType::InLibrary),
        "館短" => Ok(LoanType::InLibraryShort),
        s => LoanType::parse(s).ok_or_else(|| bad("loan-type", raw)),
    }
}

pub(crate) fn parse_flag(raw: &str) -> Result<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "no" | "n" => Ok(false),
        "1" | "true" | "yes" | "y" => Ok(true),
        _ => Err(bad("ill", raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn_10_and_13_of_one_book_agree() {
        assert_eq!(parse_isbn("4-00-310101-4").unwrap(), "9784003101018");
        assert_eq!(parse_isbn("978-4-00-310101-8").unwrap(), "9784003101018");
        assert_eq!(
            parse_isbn("978-4-00-310101-9").unwrap_err().code(),
            "input.bad_value"
        );
        assert_eq!(parse_isbn("abc").unwrap_err().code(), "input.bad_value");
    }

    #[test]
    fn sizes_are_millimetres_longest_first() {
        assert_eq!(parse_size_cm("21,30,2").unwrap(), [300, 210, 20]);
        assert_eq!(parse_size_cm("１４.８×２１×１.５").unwrap(), [210, 148, 15]);
        assert!(parse_size_cm("21,30").is_err());
        assert!(parse_size_cm("21,-3,2").is_err());
    }
}
