//! The checkout receipt (貸出票): every loan the patron has, with its due date and 延長済.

use chrono::NaiveDate;
use kashidashi_core::slips::ReceiptLine;

use super::LABEL_MM;
use crate::layout::Flow;
use crate::text::jdate;

pub(super) fn draw(
    flow: &mut Flow,
    library: &str,
    card_masked: &str,
    desk: &str,
    printed_on: NaiveDate,
    lines: &[ReceiptLine],
) {
    flow.center(9.0, library);
    flow.center(15.0, "貸出票");
    flow.gap(1.0);
    flow.spread(9.0, desk, &jdate(printed_on));
    flow.field("利用者番号", LABEL_MM, 10.0, card_masked);
    flow.rule();
    for (n, line) in lines.iter().enumerate() {
        flow.left(10.5, &format!("{}. {}", n + 1, line.title));
        flow.field("資料番号", LABEL_MM, 9.0, line.barcode.as_str());
        let mark = if line.renewed { "  延長済" } else { "" };
        flow.field(
            "返却期限",
            LABEL_MM,
            11.0,
            &format!("{}{mark}", jdate(line.due_on)),
        );
        flow.gap(1.2);
    }
    flow.rule();
    flow.left(10.0, &format!("貸出中の資料 {}点", lines.len()));
    flow.left(9.0, "返却期限までに、借りたカウンターへご返却ください。");
}
