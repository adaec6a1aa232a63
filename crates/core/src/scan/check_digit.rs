//! Check-digit schemes a profile may pick (C3). Each takes the whole code, its last character
//! being the check character.

use crate::policy::CheckDigit;

/// Does `code`'s last character match the scheme's check character for the rest?
pub fn verify(scheme: CheckDigit, code: &str) -> bool {
    if scheme == CheckDigit::None {
        return true;
    }
    let Some(last) = code.chars().last() else {
        return false;
    };
    let body = &code[..code.len() - last.len_utf8()];
    check_character(scheme, body) == Some(last.to_ascii_uppercase())
}

/// The check character for `body`, or `None` when the body has characters the scheme cannot
/// weigh (or, for `None`, always).
pub fn check_character(scheme: CheckDigit, body: &str) -> Option<char> {
    match scheme {
        CheckDigit::None => None,
        CheckDigit::Mod10W21 => mod10_w21(&digits(body)?),
        CheckDigit::Mod16 => mod16(body),
        CheckDigit::SevenDr => seven_dr(&digits(body)?),
        CheckDigit::Mod11 => mod11(&digits(body)?),
    }
}

fn digits(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() {
        return None;
    }
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn digit_char(d: u32) -> Option<char> {
    char::from_digit(d, 10)
}

/// Weights 2,1,2,1… from the rightmost body digit; two-digit products add their digits.
fn mod10_w21(ds: &[u32]) -> Option<char> {
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let p = if i % 2 == 0 { d * 2 } else { d };
            p / 10 + p % 10
        })
        .sum();
    digit_char((10 - sum % 10) % 10)
}

const NW7_CHARS: &str = "0123456789-$:/.+ABCD";

/// NW-7's own check: the values of all characters plus the check add up to a multiple of 16.
fn mod16(body: &str) -> Option<char> {
    if body.is_empty() {
        return None;
    }
    let sum: usize = body
        .chars()
        .map(|c| NW7_CHARS.find(c.to_ascii_uppercase()))
        .sum::<Option<usize>>()?;
    NW7_CHARS.chars().nth((16 - sum % 16) % 16)
}

/// The body read as a number, modulo 7.
fn seven_dr(ds: &[u32]) -> Option<char> {
    let r = ds.iter().fold(0u32, |acc, &d| (acc * 10 + d) % 7);
    digit_char(r)
}

/// Weights 2..=7 cycling from the rightmost body digit; 11 − remainder, with 10 and 11 as 0.
fn mod11(ds: &[u32]) -> Option<char> {
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| d * (2 + (i as u32 % 6)))
        .sum();
    let c = 11 - sum % 11;
    digit_char(if c >= 10 { 0 } else { c })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_examples() {
        // The textbook Luhn example 7992739871 → 3.
        assert_eq!(
            check_character(CheckDigit::Mod10W21, "7992739871"),
            Some('3')
        );
        assert!(verify(CheckDigit::Mod10W21, "79927398713"));
        assert!(!verify(CheckDigit::Mod10W21, "79927398714"));
    }

    #[test]
    fn mod16_nw7_example() {
        // A 1 2 3 4 5 B: 16+1+2+3+4+5+17 = 48 → check value 0 makes 48 ≡ 0 (mod 16).
        assert_eq!(check_character(CheckDigit::Mod16, "A12345B"), Some('0'));
        // 1+2+3 = 6 → 10 is '-'.
        assert_eq!(check_character(CheckDigit::Mod16, "123"), Some('-'));
        assert!(verify(CheckDigit::Mod16, "123-"));
    }

    #[test]
    fn seven_dr_is_the_remainder() {
        // 100000001 = 7 × 14285714 + 3.
        assert_eq!(check_character(CheckDigit::SevenDr, "100000001"), Some('3'));
        assert!(verify(CheckDigit::SevenDr, "1000000013"));
        assert!(!verify(CheckDigit::SevenDr, "1000000012"));
    }

    #[test]
    fn mod11_weights_two_to_seven() {
        // 12345: 5*2+4*3+3*4+2*5+1*6 = 50; 50 mod 11 = 6; 11-6 = 5.
        assert_eq!(check_character(CheckDigit::Mod11, "12345"), Some('5'));
        assert!(verify(CheckDigit::Mod11, "123455"));
    }

    #[test]
    fn letters_in_a_digit_scheme_fail_instead_of_panicking() {
        assert!(!verify(CheckDigit::Mod10W21, "12a4"));
        assert!(!verify(CheckDigit::Mod11, ""));
        assert!(!verify(CheckDigit::SevenDr, "ー"));
    }
}
