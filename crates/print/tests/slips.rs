//! Every slip the core decides on, printed and read back: the text with poppler, the barcodes
//! with zbar, and the decoded barcodes through the desk's own scanner path (C3, C4).

mod common;

use common::*;
use kashidashi_core::scan::{self, Scanned};
use kashidashi_core::slips::{Slip, TransitReason, password_rule_text};
use kashidashi_print::{card_label_pdf, card_png, delivery_label_pdf, jdate, slip_pdf};

const YAMADA: &str = "2000000019";
const SATO: &str = "2000000027";
const SUZUKI: &str = "2000000035";

fn desk() -> Desk {
    let mut d = library();
    d.patron(YAMADA, "山田 太郎");
    d.patron(SATO, "佐藤 花子");
    d.patron(SUZUKI, "鈴木 一郎");
    d.copy(
        "1000000017",
        "北海道の歴史 上 (アイヌ文化と開拓の時代を読む)",
        "general",
        "211/H",
    );
    d.copy("1000000025", "蝦夷地探検記", "northern", "H291/E");
    d.copy("1000000033", "札幌の街並み", "general", "291.1/S");
    d.copy("1000000041", "石狩川の四季", "general", "452/I");
    d
}

/// The barcodes of `pdf` at both resolutions the desk prints and previews at, each turned
/// into what the desk's scanner path makes of it.
fn scanned(d: &Desk, pdf: &std::path::Path) -> Vec<Scanned> {
    let at_150 = barcodes(pdf, 150);
    let at_300 = barcodes(pdf, 300);
    assert_eq!(at_150, at_300, "150 and 300 dpi read differently");
    at_150
        .iter()
        .map(|raw| scan::classify(d.lib.policy(), raw).unwrap())
        .collect()
}

#[test]
fn checkout_receipt_lists_every_loan_with_its_due_date_and_renewal_mark() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000017");
    d.checkout("general", "2026-04-01", YAMADA, "1000000033");
    let b = d.item("1000000033");
    d.lib
        .renew(&actor("general", "2026-04-03"), &b, false)
        .unwrap();
    let card = d.card(YAMADA);
    let slip = d
        .lib
        .receipt(&actor("general", "2026-04-03"), &card)
        .unwrap();
    let out = out_dir();
    let pdf = write(out.path(), "receipt.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    for expected in [
        "北海道立図書館",
        "貸出票",
        "一般資料カウンター",
        "2026年4月3日(金)",
        "******0019",
        "北海道の歴史 上",
        "返却期限",
        "2026年4月15日(水)",
        "2026年4月17日(金)  延長済",
        "貸出中の資料 2点",
    ] {
        assert_has(&t, expected);
    }
    assert_eq!(t.matches("延長済").count(), 1, "{t}");
    assert!(!t.contains(YAMADA), "the full card number is masked: {t}");
}

#[test]
fn hold_slip_shows_pickup_expiry_masked_card_and_a_barcode_of_the_copy() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000017");
    let hold = d.hold("2026-04-02", SATO, "1000000017", "general");
    let o = d.checkin("general", "2026-04-07", "1000000017");
    let slip = o
        .slip(d.lib.policy())
        .expect("a trapped copy calls for a slip");
    let Slip::HoldSlip { expires_on, .. } = &slip else {
        panic!("expected a hold slip, got {slip:?}");
    };
    let expires = expires_on.unwrap();
    let out = out_dir();
    let pdf = write(out.path(), "hold.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    for expected in [
        "予約資料確保票".to_string(),
        "******0027".into(),
        "一般資料カウンター".into(),
        format!("取置期限  {}", jdate(expires)),
        format!("予約番号  {hold}"),
        "北海道の歴史 上".into(),
    ] {
        assert_has(&t, &expected);
    }
    assert!(!t.contains(SATO), "{t}");
    assert_eq!(scanned(&d, &pdf), vec![Scanned::Item(d.item("1000000017"))]);
}

#[test]
fn transit_slip_to_a_hold_elsewhere_names_the_destination_and_scans_as_the_copy() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000033");
    let hold = d.hold("2026-04-02", SATO, "1000000033", "diet");
    let o = d.checkin("general", "2026-04-07", "1000000033");
    let slip = o.slip(d.lib.policy()).unwrap();
    assert!(matches!(
        &slip,
        Slip::TransitSlip {
            reason: TransitReason::Hold { .. },
            ..
        }
    ));
    let out = out_dir();
    let pdf = write(out.path(), "transit.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    for expected in [
        "回送票".to_string(),
        "道議会図書室".into(),
        "回送元  一般資料カウンター".into(),
        "予約資料".into(),
        format!("予約番号  {hold}"),
        "******0027".into(),
        "2026年4月7日(火)".into(),
        "札幌の街並み".into(),
    ] {
        assert_has(&t, &expected);
    }
    assert_eq!(scanned(&d, &pdf), vec![Scanned::Item(d.item("1000000033"))]);
}

#[test]
fn transit_slip_to_a_partner_library_carries_the_delivery_run() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000041");
    d.hold("2026-04-02", SATO, "1000000041", "ebetsu");
    // Tuesday 7 April: the run that day has gone, the next is Friday 10 April (H14).
    let o = d.checkin("general", "2026-04-07", "1000000041");
    let slip = o.slip(d.lib.policy()).unwrap();
    let Slip::TransitSlip {
        reason: TransitReason::Hold { delivery_run, .. },
        ..
    } = &slip
    else {
        panic!("expected a transit slip to a hold, got {slip:?}");
    };
    let run = delivery_run.expect("partner holds travel on a run");
    let out = out_dir();
    let pdf = write(out.path(), "partner.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    assert_has(&t, "江別市情報図書館");
    assert_has(&t, &format!("配送便 {}", jdate(run)));
    assert_eq!(scanned(&d, &pdf), vec![Scanned::Item(d.item("1000000041"))]);
}

#[test]
fn transit_slip_back_to_the_shelf_says_so() {
    let mut d = desk();
    // H15: the Diet library room lends and takes returns on duty days (Tuesday, Thursday).
    d.checkout("diet", "2026-04-07", YAMADA, "1000000017");
    let o = d.checkin("diet", "2026-04-09", "1000000017");
    let slip = o.slip(d.lib.policy()).unwrap();
    assert!(matches!(
        &slip,
        Slip::TransitSlip {
            reason: TransitReason::ReturnToShelf,
            ..
        }
    ));
    let out = out_dir();
    let pdf = write(out.path(), "shelf.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    for expected in [
        "回送票",
        "一般資料カウンター",
        "回送元  道議会図書室",
        "返却(書架へ)",
    ] {
        assert_has(&t, expected);
    }
    assert!(!t.contains("予約番号"), "{t}");
}

#[test]
fn temporary_password_slip_shows_the_password_the_rules_and_where_to_change_it() {
    let mut d = desk();
    let registered = d.patron("2000000043", "高橋 美咲");
    let slip = registered.slip(d.lib.policy(), day("2026-04-01"));
    let out = out_dir();
    let pdf = write(out.path(), "password.pdf", &slip_pdf(&slip).unwrap());
    let t = text(&pdf);
    let rule = password_rule_text(d.lib.policy());
    for expected in [
        "仮パスワードのお知らせ",
        "高橋 美咲 様",
        "2000000043",
        registered.temporary_password.as_str(),
        "マイページ",
        "パスワードの決まり",
        "2026年4月1日(水)",
    ] {
        assert_has(&t, expected);
    }
    // The rule wraps over lines; all of its words are there.
    let flat: String = t.split_whitespace().collect();
    let rule_flat: String = rule.split_whitespace().collect();
    assert!(flat.contains(&rule_flat), "{rule} missing from:\n{t}");
}

#[test]
fn slips_embed_a_subset_of_the_japanese_font_and_stay_small() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000017");
    let card = d.card(YAMADA);
    let slip = d
        .lib
        .receipt(&actor("general", "2026-04-01"), &card)
        .unwrap();
    let bytes = slip_pdf(&slip).unwrap();
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
    let out = out_dir();
    let pdf = write(out.path(), "receipt.pdf", &bytes);
    let f = fonts(&pdf);
    let line = f
        .lines()
        .find(|l| l.contains("IPAexGothic"))
        .unwrap_or_else(|| panic!("{f}"));
    // pdffonts marks a subset with a six-letter tag (ABCDEF+IPAexGothic) and emb/sub yes.
    assert!(
        line.contains('+') && line.matches("yes").count() >= 2,
        "{line}"
    );
}

#[test]
fn home_delivery_label_shows_carrier_cash_on_delivery_address_and_contents() {
    let mut d = desk();
    let h1 = d.hold("2026-04-01", SUZUKI, "1000000017", "home");
    let h2 = d.hold("2026-04-01", SUZUKI, "1000000033", "home");
    // K7/H9: both copies were on the shelf and are pulled for the holds.
    d.checkin("general", "2026-04-01", "1000000017");
    d.checkin("general", "2026-04-01", "1000000033");
    let label = d
        .lib
        .delivery_label(&actor("general", "2026-04-02"), h1)
        .unwrap();
    assert_eq!(label.shipments.len(), 2);
    assert!(label.shipments.iter().any(|s| s.hold == h2));
    let out = out_dir();
    let pdf = write(out.path(), "label.pdf", &delivery_label_pdf(&label));
    assert_eq!(pages(&pdf), 2, "the label and the insert");
    let t = text(&pdf);
    for expected in [
        // Two books of 2 cm stack to 4 cm: over ゆうメール's 3 cm (H13).
        "着払い ゆうパック 60サイズ",
        "〒060-0001",
        "札幌市中央区北1条西1丁目",
        "鈴木 一郎 様",
        "011-231-4111",
        "図書 2冊",
        "返却のご案内",
        "元払いで返送してください",
        "追跡可能なサービス",
        // Sent on 2 April, a 30-day home-delivery loan (H6).
        "2026年5月1日(金)",
    ] {
        assert_has(&t, expected);
    }
}

#[test]
fn only_a_home_delivery_hold_ready_to_ship_gets_a_label() {
    let mut d = desk();
    d.checkout("general", "2026-04-01", YAMADA, "1000000017");
    let counter_hold = d.hold("2026-04-02", SATO, "1000000017", "general");
    let e = d
        .lib
        .delivery_label(&actor("general", "2026-04-02"), counter_hold)
        .unwrap_err();
    assert_eq!(e.code(), "delivery.not_to_ship");
    let waiting = d.hold("2026-04-02", SUZUKI, "1000000017", "home");
    let e = d
        .lib
        .delivery_label(&actor("general", "2026-04-02"), waiting)
        .unwrap_err();
    assert_eq!(e.code(), "delivery.not_to_ship");
}

#[test]
fn the_phone_barcode_and_the_card_label_scan_back_as_the_same_card() {
    let d = desk();
    let card = d.card(YAMADA);
    let out = out_dir();
    let png_path = write(out.path(), "card.png", &card_png(&card).unwrap());
    let decoded = decode(&png_path);
    assert_eq!(decoded.len(), 1, "{decoded:?}");
    assert_eq!(
        scan::classify(d.lib.policy(), &decoded[0]).unwrap(),
        Scanned::Card(card.clone())
    );
    let label = card_label_pdf(&d.lib.policy().library_name, &card).unwrap();
    let pdf = write(out.path(), "card.pdf", &label);
    assert_eq!(scanned(&d, &pdf), vec![Scanned::Card(card)]);
    let t = text(&pdf);
    assert!(t.contains("利用者カード") && t.contains(YAMADA), "{t}");
}
