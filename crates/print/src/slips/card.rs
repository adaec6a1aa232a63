//! The patron card's barcode (C4, H1): NW-7 like the plastic card, as a PNG for a phone screen
//! and as a printable label with the number under the bars.

use kashidashi_core::domain::CardNumber;

use crate::barcode::{nw7, png};
use crate::error::Result;
use crate::layout::{Flow, pdf};

/// The start and stop characters; the desk's scanner path drops them (C3).
const GUARD: char = 'A';

/// Phone screens blur thin bars and reflect light: four pixels a module, twenty modules of
/// quiet zone on each side.
const PHONE_MODULE_PX: u32 = 4;
const PHONE_QUIET_MODULES: u32 = 20;
const PHONE_HEIGHT_PX: u32 = 240;

/// ISO/IEC 7810 ID-1, the size of the plastic card.
const CARD_WIDTH_MM: f32 = 85.6;
const CARD_HEIGHT_MM: f32 = 54.0;

pub fn card_png(card: &CardNumber) -> Result<Vec<u8>> {
    png(
        &nw7(card.as_str(), GUARD, GUARD)?,
        PHONE_MODULE_PX,
        PHONE_QUIET_MODULES,
        PHONE_HEIGHT_PX,
    )
}

pub fn card_label_pdf(library: &str, card: &CardNumber) -> Result<Vec<u8>> {
    let mut f = Flow::new(CARD_WIDTH_MM, 4.0);
    f.center(10.0, library);
    f.center(12.0, "利用者カード");
    f.gap(3.0);
    f.barcode(&nw7(card.as_str(), GUARD, GUARD)?, 15.0);
    Ok(pdf("利用者カード", vec![f.page(Some(CARD_HEIGHT_MM))]))
}
