use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta])* $t:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $t(pub i64);
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}
row_id!(
    /// A patron's row id: never shown to staff, the card number is the public key.
    PatronId
);
row_id!(
    /// One copy of a title.
    ItemId
);
row_id!(
    /// A bibliographic title; holds are placed on titles (C13).
    TitleId
);
row_id!(LoanId);
row_id!(
    /// A hold (予約), numbered for staff and scripts.
    HoldId
);

macro_rules! text_id {
    ($(#[$doc:meta])* $t:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $t(pub String);
        impl $t {
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
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
text_id!(
    /// A desk's code from the profile (`general`, `diet`, `ebetsu`, `counter`, ...).
    DeskCode
);
text_id!(
    /// A staff member's sign-in name.
    StaffId
);
