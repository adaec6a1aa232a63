//! Kashidashi's printing: the slips the core decides on, supervisor reports as A4 PDF and CSV,
//! labels, and barcodes that the desk's scanner reads back as the same card or item (C3, C4).
//! Japanese text is set in the embedded IPAex Gothic; nothing depends on system fonts.

mod barcode;
mod error;
mod font;
mod layout;
pub mod reports;
mod slips;
mod text;

pub use error::{PrintError, Result};
pub use slips::{card_label_pdf, card_png, delivery_label_pdf, slip_pdf};
pub use text::jdate;
