//! Limits on the text a desk, a script or an import may store: each field has a length a real
//! value never reaches, and no control characters (a NUL or an ESC in a title breaks every
//! slip, report and terminal that shows it; a line break breaks a CSV row).

use crate::error::{Invalid, Result};

/// A field's name, as the error names it, and its longest value in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub field: &'static str,
    pub max: usize,
}

pub const NAME: Limit = Limit {
    field: "name",
    max: 100,
};
pub const KANA: Limit = Limit {
    field: "kana",
    max: 100,
};
pub const ADDRESS: Limit = Limit {
    field: "address",
    max: 200,
};
pub const EMAIL: Limit = Limit {
    field: "email",
    max: 254,
};
pub const PHONE: Limit = Limit {
    field: "phone",
    max: 30,
};
pub const POSTAL_CODE: Limit = Limit {
    field: "postal code",
    max: 20,
};
/// Long enough for a series title with its volume and edition (a 書誌 title runs to a few
/// hundred characters at most).
pub const TITLE: Limit = Limit {
    field: "title",
    max: 1000,
};
pub const AUTHOR: Limit = Limit {
    field: "author",
    max: 500,
};
pub const ISBN: Limit = Limit {
    field: "isbn",
    max: 20,
};
pub const CALL_NUMBER: Limit = Limit {
    field: "call-number",
    max: 50,
};
/// A short code such as a collection, a loan type or a size.
pub const CODE: Limit = Limit {
    field: "value",
    max: 50,
};
pub const REASON: Limit = Limit {
    field: "reason",
    max: 200,
};
/// What staff type to find a patron: a card number, a name or part of one.
pub const SEARCH: Limit = Limit {
    field: "query",
    max: 100,
};

/// `Ok` when `s` fits `limit` and has no control characters; else the error naming the field.
pub fn check(limit: Limit, s: &str) -> Result<()> {
    if s.chars().count() > limit.max {
        return Err(Invalid::TooLong {
            field: limit.field,
            max: limit.max,
        }
        .into());
    }
    if s.chars().any(char::is_control) {
        return Err(Invalid::ControlCharacter { field: limit.field }.into());
    }
    Ok(())
}

/// `check` for an optional field.
pub fn check_opt(limit: Limit, s: Option<&str>) -> Result<()> {
    s.map_or(Ok(()), |s| check(limit, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_fits_and_a_longer_one_or_a_control_character_does_not() {
        assert!(check(TITLE, &"北".repeat(1000)).is_ok());
        let e = check(TITLE, &"北".repeat(1001)).unwrap_err();
        assert_eq!(e.code(), "input.too_long");
        for bad in [
            "題\u{0}名",
            "題\u{1b}[31m名",
            "題\n名",
            "題\t名",
            "題\u{7f}名",
        ] {
            assert_eq!(
                check(TITLE, bad).unwrap_err().code(),
                "input.control_character",
                "{bad:?}"
            );
        }
        assert!(check(TITLE, "全角　スペースと ASCII space").is_ok());
    }
}
