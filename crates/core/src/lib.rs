//! Kashidashi's core: everything a circulation desk can do, as functions over a SQLite store and
//! a typed policy. The desktop shell, the CLI and the tests call the same `Library` methods.
//! No Tauri, no command-line parsing, no JSON here.

mod audit;
mod backup;
pub mod calendar;
pub mod catalog;
pub mod circulation;
pub mod copies;
mod copy;
mod credentials;
pub mod day_changes;
pub mod delivery;
pub mod demo;
pub mod domain;
mod error;
pub mod holds;
mod invariants;
mod library;
pub mod loans;
pub mod my_page;
pub mod notify;
mod outbox;
pub mod patrons;
pub mod policy;
pub mod prints;
pub mod private_files;
pub mod reports;
pub mod scan;
pub mod slips;
pub mod staff;
pub mod store;
pub mod throttle;

pub use audit::AuditEntry;
pub use error::{
    EmailProblem, Error, Invalid, Lang, PasswordProblem, Refusal, Result, RowProblem, StoreError,
};
pub use library::{Actor, Library, NewLibrary};
