use std::fmt;

/// A patron card number (利用者番号) that passed the profile's pattern and check digit (C3, H1).
/// Only `scan` makes one from raw input; the store makes them from rows it wrote itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardNumber(String);

/// An item barcode that passed the profile's pattern and check digit (C3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemBarcode(String);

macro_rules! code_type {
    ($t:ident) => {
        impl $t {
            pub(crate) fn new_unchecked(value: String) -> Self {
                Self(value)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
code_type!(CardNumber);
code_type!(ItemBarcode);

impl CardNumber {
    /// The card number with all but the last four characters hidden, for slips and notices.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        self.0
            .chars()
            .enumerate()
            .map(|(i, c)| if i + 4 < n { '*' } else { c })
            .collect()
    }
}
