//! Page layout: a top-down canvas, a one-column flow for slips and labels, and A4 reports with
//! tables that break across pages.

mod canvas;
mod document;
mod flow;
mod report;
mod table;

pub use canvas::{Align, Canvas};
pub use document::{Page, pdf};
pub use flow::{Flow, line_height};
#[cfg(test)]
pub use report::A4_INNER_MM;
pub use report::{PageHeader, ReportPages};
pub use table::{Column, Table};
