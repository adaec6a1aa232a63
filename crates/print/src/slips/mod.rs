//! One layout per slip the core decides on (`kashidashi_core::slips::Slip`), on 80 mm
//! receipt-printer paper, as long as the content; and the labels: the home-delivery parcel and
//! a new patron card.

mod address;
mod card;
mod hold;
mod password;
mod receipt;
mod transit;

pub use address::delivery_label_pdf;
pub use card::{card_label_pdf, card_png};

use kashidashi_core::slips::Slip;

use crate::error::Result;
use crate::layout::{Flow, pdf};

const SLIP_WIDTH_MM: f32 = 80.0;
const SLIP_MARGIN_MM: f32 = 4.0;
/// Labels beside values on slips.
const LABEL_MM: f32 = 19.0;

/// The slip as a one-page PDF.
pub fn slip_pdf(slip: &Slip) -> Result<Vec<u8>> {
    let mut flow = Flow::new(SLIP_WIDTH_MM, SLIP_MARGIN_MM);
    let title = match slip {
        Slip::CheckoutReceipt {
            library,
            card_masked,
            desk,
            printed_on,
            lines,
        } => {
            receipt::draw(&mut flow, library, card_masked, desk, *printed_on, lines);
            "貸出票"
        }
        Slip::HoldSlip {
            library,
            hold,
            barcode,
            title,
            card_masked,
            pickup,
            available_from,
            expires_on,
            ..
        } => {
            hold::draw(
                &mut flow,
                library,
                *hold,
                (barcode, title),
                card_masked,
                pickup,
                (*available_from, *expires_on),
            )?;
            "予約資料確保票"
        }
        Slip::TransitSlip {
            library,
            barcode,
            title,
            from,
            to,
            reason,
            sent_on,
            ..
        } => {
            transit::draw(
                &mut flow,
                library,
                (barcode, title),
                (from, to),
                reason,
                *sent_on,
            )?;
            "回送票"
        }
        Slip::TemporaryPassword {
            library,
            card,
            name,
            password,
            rule,
            issued_on,
        } => {
            password::draw(&mut flow, library, card, name, password, rule, *issued_on);
            "仮パスワードのお知らせ"
        }
    };
    Ok(pdf(title, vec![flow.page(None)]))
}

/// The foot of the hold and transit slips: the copy's number, title and a Code 128 of it.
fn copy_block(
    flow: &mut Flow,
    barcode: &kashidashi_core::domain::ItemBarcode,
    title: &str,
) -> Result<()> {
    flow.rule();
    flow.field("資料番号", LABEL_MM, 10.0, barcode.as_str());
    flow.left(11.0, title);
    flow.gap(2.0);
    flow.barcode(&crate::barcode::code128(barcode.as_str())?, 12.0);
    Ok(())
}
