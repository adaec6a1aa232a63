//! 回送票: goes in a copy sent to another desk. The destination is what a sorter reads first.

use chrono::NaiveDate;
use kashidashi_core::domain::ItemBarcode;
use kashidashi_core::slips::TransitReason;

use super::LABEL_MM;
use crate::error::Result;
use crate::layout::Flow;
use crate::text::jdate;

pub(super) fn draw(
    flow: &mut Flow,
    library: &str,
    (barcode, title): (&ItemBarcode, &str),
    (from, to): (&str, &str),
    reason: &TransitReason,
    sent_on: NaiveDate,
) -> Result<()> {
    flow.center(9.0, library);
    flow.center(15.0, "回送票");
    flow.rule();
    flow.left(9.0, "回送先");
    flow.boxed(22.0, to);
    flow.field("回送元", LABEL_MM, 10.0, from);
    flow.field("発送日", LABEL_MM, 10.0, &jdate(sent_on));
    match reason {
        TransitReason::Hold {
            hold,
            card_masked,
            delivery_run,
        } => {
            flow.field("区分", LABEL_MM, 12.0, "予約資料");
            flow.field("予約番号", LABEL_MM, 10.0, &hold.to_string());
            flow.field("利用者番号", LABEL_MM, 10.0, card_masked);
            if let Some(run) = delivery_run {
                flow.field("配送便", LABEL_MM, 12.0, &jdate(*run));
            }
        }
        TransitReason::ReturnToShelf => flow.field("区分", LABEL_MM, 12.0, "返却(書架へ)"),
    }
    super::copy_block(flow, barcode, title)
}
