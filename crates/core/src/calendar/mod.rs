//! C2: which days each desk is open, staffed and served by a delivery run. Decision code only:
//! the caller loads supervisor overrides from the store and passes them in.

mod desk_calendar;
mod holidays;
mod open_desk;

pub use desk_calendar::{Calendar, DayInfo, Override};
pub use holidays::holiday_name;
pub(crate) use open_desk::closed_today;
