//! The patrons' own side (issue 13, My Page): web sessions kept in the database and what a
//! signed-in patron may see and do. The web server (`kashidashi-mypage`) calls these; the rules
//! stay the desk's own (renewal reasons come from `circulation::renew`).

mod loans;
mod search;
mod session;

pub use loans::{MyLoan, MyRenewal, RenewedLine};
pub use search::PatronTitle;
pub use session::{IDLE_MINUTES, PatronSession, SignedIn};
