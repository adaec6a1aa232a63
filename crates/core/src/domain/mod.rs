//! Types for the ideas of the desk. Nothing here does I/O.

mod codes;
mod copy_state;
mod desk;
mod ids;
mod item;
mod role;
pub(crate) mod search_key;
pub mod text;
mod time;

pub use codes::{CardNumber, ItemBarcode};
pub use copy_state::{CopyState, Mark};
pub use desk::{DeskKind, ReturnRule};
pub use ids::{DeskCode, HoldId, ItemId, LoanId, PatronId, StaffId, TitleId};
pub use item::{Collection, ItemStatus, LoanType};
pub use role::Role;
pub use time::{Now, date_input, now_input, parse_date, parse_now};
