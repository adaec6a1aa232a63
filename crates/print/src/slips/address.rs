//! Home delivery (H12, H13): the address label for the parcel, sent cash on delivery (着払い)
//! by the carrier its size calls for, and the insert telling the patron how to send the books
//! back (元払い, as the Hokkaido guide says).

use kashidashi_core::reports::DeliveryLabel;

use crate::layout::{Flow, Page, pdf};
use crate::text::jdate;

/// A6, the size of a parcel label.
const LABEL_WIDTH_MM: f32 = 105.0;
const LABEL_HEIGHT_MM: f32 = 148.0;
const MARGIN_MM: f32 = 7.0;
const LABEL_MM: f32 = 20.0;

fn carrier_text(label: &DeliveryLabel) -> String {
    let size = label
        .carrier
        .size_class()
        .map(|s| format!(" {s}サイズ"))
        .unwrap_or_default();
    format!("着払い  {}{size}", label.carrier.label())
}

fn address_page(label: &DeliveryLabel) -> Page {
    let mut f = Flow::new(LABEL_WIDTH_MM, MARGIN_MM);
    f.boxed(18.0, &carrier_text(label));
    f.gap(3.0);
    f.left(10.0, "お届け先");
    f.left(14.0, &format!("〒{}", label.postal_code));
    f.left(14.0, &label.address);
    f.gap(2.0);
    f.left(18.0, &format!("{} 様", label.name));
    if let Some(phone) = &label.phone {
        f.field("電話", LABEL_MM, 11.0, phone);
    }
    f.rule();
    f.field(
        "ご依頼主",
        LABEL_MM,
        11.0,
        &format!("{} 自宅配送", label.library),
    );
    f.field(
        "内容",
        LABEL_MM,
        11.0,
        &format!("図書 {}冊", label.shipments.len()),
    );
    f.field("発送日", LABEL_MM, 11.0, &jdate(label.sent_on));
    let [l, w, t] = label.parcel.sides_mm;
    f.field(
        "寸法・重さ",
        LABEL_MM,
        9.0,
        &format!(
            "{} × {} × {} cm、{} g",
            cm(l),
            cm(w),
            cm(t),
            label.parcel.weight_g
        ),
    );
    f.field("利用者番号", LABEL_MM, 9.0, &label.card.masked());
    f.page(Some(LABEL_HEIGHT_MM))
}

fn cm(mm: u32) -> String {
    format!("{}.{}", mm / 10, mm % 10)
}

fn insert_page(label: &DeliveryLabel) -> Page {
    let mut f = Flow::new(LABEL_WIDTH_MM, MARGIN_MM);
    f.center(9.0, &label.library);
    f.center(15.0, "返却のご案内");
    f.rule();
    f.left(11.0, &format!("{} 様", label.name));
    f.left(
        9.5,
        &format!("ご予約の資料 {}冊をお送りします。", label.shipments.len()),
    );
    f.gap(1.0);
    for (n, s) in label.shipments.iter().enumerate() {
        f.left(10.0, &format!("{}. {}", n + 1, s.title));
        f.field("返却期限", LABEL_MM, 10.0, &jdate(s.due_on));
    }
    f.rule();
    f.left(10.5, "ご返却の方法");
    for line in [
        "・元払いで返送してください(送料はご負担ください)。",
        "・返送の際の宅配業者・サービスに指定はありませんが、配送中の紛失を防ぐため、可能であれば追跡可能なサービスをご利用ください。",
        &format!("・{}のカウンターでも返却できます。", label.library),
        "・自宅配送で借りた資料は、貸出期間の延長ができません。",
    ] {
        f.left(9.0, line);
    }
    f.page(Some(LABEL_HEIGHT_MM))
}

/// The label and the insert, one A6 page each.
pub fn delivery_label_pdf(label: &DeliveryLabel) -> Vec<u8> {
    pdf(
        "自宅配送 宛名ラベル",
        vec![address_page(label), insert_page(label)],
    )
}
