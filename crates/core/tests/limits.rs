//! Limits on what may be stored (issue 10, item 14): a text field has a length no real value
//! reaches and no control characters; a refused value changes nothing.

mod common;

use common::*;
use kashidashi_core::Lang;
use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::patrons::PatronDetails;

fn count(d: &Desk, table: &str) -> i64 {
    d.lib
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn add(d: &mut Desk, title: String) -> kashidashi_core::Result<()> {
    let b = item(&d.lib, "1000000017");
    let details = ItemDetails {
        title,
        ..Default::default()
    };
    d.lib
        .add_item(&actor("general", "2026-04-01"), &b, &details)
        .map(drop)
}

#[test]
fn a_20_mb_title_is_refused_by_its_length_and_nul_or_esc_by_name() {
    let mut d = library("hokkaido");
    let e = add(&mut d, "あ".repeat(20 * 1024 * 1024 / 3)).unwrap_err();
    assert_eq!(e.code(), "input.too_long");
    assert!(
        e.message(Lang::Ja).contains("1000文字まで"),
        "{}",
        e.message(Lang::Ja)
    );
    for title in ["坊っちゃん\u{0}", "\u{1b}[2J坊っちゃん", "坊っ\u{7}ちゃん"] {
        let e = add(&mut d, title.into()).unwrap_err();
        assert_eq!(e.code(), "input.control_character", "{title:?}");
    }
    assert_eq!((count(&d, "items"), count(&d, "titles")), (0, 0));
    add(&mut d, format!("{}：上巻", "北海道".repeat(330))).unwrap();
    assert_eq!(count(&d, "items"), 1, "a long real title fits");
}

#[test]
fn a_patron_name_or_address_with_a_control_character_or_past_its_length_is_refused() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    for (details, code) in [
        (
            PatronDetails {
                name: "山田\u{0}太郎".into(),
                ..Default::default()
            },
            "input.control_character",
        ),
        (
            PatronDetails {
                name: "山田 太郎".into(),
                address: Some("札幌市\u{1b}]0;x\u{7}".into()),
                ..Default::default()
            },
            "input.control_character",
        ),
        (
            PatronDetails {
                name: "山".repeat(101),
                ..Default::default()
            },
            "input.too_long",
        ),
    ] {
        let e = d
            .lib
            .register_patron(&actor("general", "2026-04-01"), &c, &details, false)
            .unwrap_err();
        assert_eq!(e.code(), code, "{details:?}");
    }
    assert_eq!(count(&d, "patrons"), 0);
}

#[test]
fn a_csv_row_with_a_control_character_in_its_title_is_named_and_nothing_is_imported() {
    let mut d = library("hokkaido");
    let csv = "barcode,title\n1000000017,坊っちゃん\n1000000025,\"こころ\u{1b}[31m\"\n";
    let e = d
        .lib
        .import_items_csv(
            &actor("general", "2026-04-01"),
            csv.as_bytes(),
            Lang::Ja,
            &mut |_, _| {},
        )
        .unwrap_err();
    assert_eq!(e.code(), "import.bad_rows");
    let m = e.message(Lang::Ja);
    assert!(m.contains("3:title"), "{m}");
    assert_eq!(count(&d, "items"), 0);
}
