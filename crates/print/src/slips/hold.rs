//! 予約資料確保票: goes in the copy on the hold shelf. The card number is masked but for its
//! last digits, by which the shelf is sorted; the barcode is the copy's, for the checkout.

use chrono::NaiveDate;
use kashidashi_core::domain::{HoldId, ItemBarcode};

use super::LABEL_MM;
use crate::error::Result;
use crate::layout::Flow;
use crate::text::jdate;

pub(super) fn draw(
    flow: &mut Flow,
    library: &str,
    hold: HoldId,
    (barcode, title): (&ItemBarcode, &str),
    card_masked: &str,
    pickup: &str,
    (available_from, expires_on): (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<()> {
    flow.center(9.0, library);
    flow.center(15.0, "予約資料確保票");
    flow.rule();
    flow.boxed(20.0, card_masked);
    flow.field("受取場所", LABEL_MM, 12.0, pickup);
    if let Some(d) = expires_on {
        flow.field("取置期限", LABEL_MM, 12.0, &jdate(d));
    }
    if let Some(d) = available_from {
        flow.field("受取開始", LABEL_MM, 10.0, &jdate(d));
    }
    flow.field("予約番号", LABEL_MM, 10.0, &hold.to_string());
    super::copy_block(flow, barcode, title)
}
