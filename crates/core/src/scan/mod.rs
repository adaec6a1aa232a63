//! C3: one function turns whatever a scanner or keyboard sent into a card number or an item
//! barcode, or a coded error. Pure: no store, no clock.

mod check_digit;
mod normalize;

pub use check_digit::{check_character, verify};
pub use normalize::normalize;

use crate::domain::{CardNumber, ItemBarcode};
use crate::error::{Invalid, Result};
use crate::policy::{CodeRule, Policy};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    Card(CardNumber),
    Item(ItemBarcode),
}

impl Scanned {
    pub fn kind(&self) -> &'static str {
        match self {
            Scanned::Card(_) => "patron",
            Scanned::Item(_) => "item",
        }
    }

    pub fn value(&self) -> &str {
        match self {
            Scanned::Card(c) => c.as_str(),
            Scanned::Item(i) => i.as_str(),
        }
    }
}

enum Fit {
    Yes,
    PatternOnly,
    No,
}

fn fits(rule: &CodeRule, code: &str) -> Fit {
    if !rule.pattern.is_match(code) {
        Fit::No
    } else if verify(rule.check_digit, code) {
        Fit::Yes
    } else {
        Fit::PatternOnly
    }
}

/// Tell a card from an item by the profile's patterns, after folding what scanners add.
pub fn classify(policy: &Policy, raw: &str) -> Result<Scanned> {
    let code = normalize(raw);
    if code.is_empty() {
        return Err(Invalid::ScanEmpty.into());
    }
    match (fits(&policy.card, &code), fits(&policy.item, &code)) {
        (Fit::Yes, _) => Ok(Scanned::Card(CardNumber::new_unchecked(code))),
        (_, Fit::Yes) => Ok(Scanned::Item(ItemBarcode::new_unchecked(code))),
        (Fit::PatternOnly, _) | (_, Fit::PatternOnly) => {
            Err(Invalid::ScanCheckDigit { input: code }.into())
        }
        (Fit::No, Fit::No) => Err(Invalid::ScanUnrecognized { input: code }.into()),
    }
}

/// A scan where only a patron card makes sense.
pub fn card(policy: &Policy, raw: &str) -> Result<CardNumber> {
    match classify(policy, raw)? {
        Scanned::Card(c) => Ok(c),
        Scanned::Item(i) => Err(Invalid::ExpectedCard {
            item: i.as_str().to_string(),
        }
        .into()),
    }
}

/// A scan where only an item barcode makes sense.
pub fn item(policy: &Policy, raw: &str) -> Result<ItemBarcode> {
    match classify(policy, raw)? {
        Scanned::Item(i) => Ok(i),
        Scanned::Card(c) => Err(Invalid::ExpectedItem {
            card: c.as_str().to_string(),
        }
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::builtin_profile;
    use proptest::prelude::*;

    fn policy() -> Policy {
        Policy::parse("hokkaido", builtin_profile("hokkaido").unwrap()).unwrap()
    }

    fn with_check(scheme: &str) -> Policy {
        let text = builtin_profile("hokkaido").unwrap().replacen(
            "[scan.item]\npattern = \"^1[0-9]{9}$\"\ncheck_digit = \"none\"",
            &format!("[scan.item]\npattern = \"^1[0-9]{{9}}$\"\ncheck_digit = \"{scheme}\""),
            1,
        );
        Policy::parse("x", &text).unwrap()
    }

    #[test]
    fn c3_cards_and_items_are_told_apart_by_pattern() {
        let p = policy();
        assert_eq!(classify(&p, "2000000019").unwrap().kind(), "patron");
        assert_eq!(classify(&p, "1000000017").unwrap().kind(), "item");
    }

    #[test]
    fn c3_full_width_digits_from_an_ime_are_folded() {
        let p = policy();
        let s = classify(&p, "２０００００００１９").unwrap();
        assert_eq!(
            s,
            Scanned::Card(CardNumber::new_unchecked("2000000019".into()))
        );
    }

    #[test]
    fn c3_nw7_start_stop_and_whitespace_are_stripped() {
        let p = policy();
        for raw in [
            "A1000000017B",
            "c1000000017d",
            " 1000000017\n",
            "\t1000000017\r\n",
            "Ａ１０００００００１７Ｂ",
        ] {
            assert_eq!(classify(&p, raw).unwrap().value(), "1000000017", "{raw:?}");
        }
    }

    #[test]
    fn c3_unknown_codes_and_empty_input_are_refused_with_codes() {
        let p = policy();
        assert_eq!(
            classify(&p, "not-a-code").unwrap_err().code(),
            "scan.unrecognized"
        );
        assert_eq!(
            classify(&p, "300000001").unwrap_err().code(),
            "scan.unrecognized"
        );
        assert_eq!(classify(&p, "  \n").unwrap_err().code(), "scan.empty");
    }

    #[test]
    fn c3_a_card_where_an_item_is_expected_and_the_reverse() {
        let p = policy();
        assert_eq!(
            item(&p, "2000000019").unwrap_err().code(),
            "scan.expected_item"
        );
        assert_eq!(
            card(&p, "1000000017").unwrap_err().code(),
            "scan.expected_card"
        );
    }

    #[test]
    fn c3_a_failed_check_digit_is_its_own_error() {
        let p = with_check("mod10-w21");
        // 100000001 + Luhn check digit 6.
        assert_eq!(classify(&p, "1000000016").unwrap().kind(), "item");
        assert_eq!(
            classify(&p, "1000000017").unwrap_err().code(),
            "scan.check_digit"
        );
    }

    proptest! {
        #[test]
        fn no_input_panics(s in "\\PC*") {
            let p = policy();
            let _ = classify(&p, &s);
        }

        #[test]
        fn no_bytes_panic(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let p = with_check("mod16");
            let s = String::from_utf8_lossy(&bytes);
            let _ = classify(&p, &s);
        }

        #[test]
        fn any_valid_item_survives_scanner_decoration(n in 0u64..1_000_000_000, pad in "[ \t]{0,2}", wrap in proptest::bool::ANY) {
            let p = policy();
            let code = format!("1{n:09}");
            let raw = if wrap { format!("{pad}A{code}D\r\n") } else { format!("{pad}{code}{pad}") };
            let scanned = classify(&p, &raw).unwrap();
            prop_assert_eq!(scanned.value(), code.as_str());
        }
    }
}
