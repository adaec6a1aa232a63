//! Policy profiles: every rule that differs between libraries is a typed setting here, read from
//! a data file (`assets/profiles/*.toml`). Rules read these settings, never the profile's name.

mod profile;

pub use profile::{
    CheckDigit, CodeRule, Desk, HoldPolicy, LoanPolicy, PasswordPolicy, Periods, Policy,
    RenewalPolicy, ShelfCount, builtin_profile, load_profile,
};
