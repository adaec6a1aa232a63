//! Copies beyond the desk (C21): marking a copy lost, damaged, in repair, withdrawn, claimed
//! returned or missing and back (`mark.rs`), and stock-taking, 蔵書点検 (`stocktake.rs`).

mod mark;
mod state;
mod stocktake;

pub use mark::MarkOutcome;
pub use stocktake::{MissingCopy, OpenStocktake, StocktakeId, StocktakeScan, StocktakeSummary};

pub(crate) use state::found_at_checkin;
