//! The JSON shapes of CLI.md, shared by the `kashidashi` command and the desktop shell, so both
//! speak one language. Views are built from core types; the core itself knows nothing of JSON.
//! Dates are `YYYY-MM-DD`; field names are those CLI.md lists (snake_case).

mod catalog;
mod circulation;
mod copies;
mod error;
mod holds;
mod patrons;
mod setup;

pub use catalog::{ImportView, ItemView, TitleView};
pub use circulation::{
    BlockView, CheckinView, CheckoutView, LoanLineView, LoanView, PanelView, RouteView,
    TransitView, TrapView,
};
pub use copies::{MarkView, MissingView, OpenStocktakeView, StocktakeScanView, StocktakeView};
pub use error::{ErrorView, ReasonView};
pub use holds::{ExpiredView, HoldDatesView, HoldView, PullView, RescheduledView};
pub use patrons::{PatronView, SuspensionView, WarningView};
pub use setup::{DayView, DeskView};

use chrono::NaiveDate;

pub fn date_string(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
