//! Tauri commands: parse, call the core, map the result. Arguments keep the snake_case names of
//! the wire format.

pub mod calendar;
pub mod circulation;
pub mod form_error;
pub mod holds;
pub mod patrons;
pub mod print;
pub mod session;
pub mod shelf;
pub mod stocktake;
