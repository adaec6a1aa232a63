//! `kashidashi copy --to` (issue 12): a whole SQLite library into an empty database of the
//! suite's engine (PostgreSQL in its run), row for row, checked, and the copy goes on working.

mod common;

use common::*;
use kashidashi_core::Library;
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};

fn count(lib: &Library, table: &str) -> u32 {
    lib.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_file_library_copied_whole_keeps_its_loans_holds_and_carts_and_goes_on() {
    let db = TestDb::sqlite("k.db");
    let lib = Library::init(&db.target, "hokkaido", on("2026-04-01")).unwrap();
    let mut d = Desk { lib, db };
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    for n in 1..=4 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    d.checkout("general", "2026-04-01", "2000000019", "1000000001")
        .unwrap();
    d.hold_by(
        "2026-04-02",
        "2000000027",
        "1000000001",
        "general",
        Notify::Email,
        PlacedBy::Staff,
    )
    .unwrap();
    let req = HoldRequest {
        pickup: "general".into(),
        notify: Notify::None,
        by: PlacedBy::Staff,
    };
    let c = card(&d.lib, "2000000019");
    let cart_items = [item(&d.lib, "1000000002"), item(&d.lib, "1000000003")];
    let first_cart = d
        .lib
        .place_cart(
            &actor("general", "2026-04-02"),
            &c,
            &cart_items,
            &req,
            true,
            false,
        )
        .unwrap()[0]
        .cart
        .unwrap();
    d.checkin("general", "2026-04-03", "1000000001").unwrap();
    assert_eq!(
        d.lib.outbox().unwrap().len(),
        1,
        "the hold-ready notice waits"
    );

    let to = TestDb::new("copy.db");
    let mut copy = d.lib.copy_to(&to.target).unwrap();
    assert_eq!(copy.target(), &to.target);
    for table in [
        "patrons", "titles", "items", "loans", "holds", "outbox", "audit", "staff",
    ] {
        assert_eq!(count(&copy, table), count(&d.lib, table), "{table}");
    }
    assert_eq!(copy.outbox().unwrap(), d.lib.outbox().unwrap());
    assert_eq!(copy.check_invariants().unwrap(), Vec::<String>::new());

    // The copy goes on: new rows take ids after the copied ones, a new cart a new number.
    let c2 = card(&copy, "2000000027");
    let second_cart = copy
        .place_cart(
            &actor("general", "2026-04-04"),
            &c2,
            &[item(&copy, "1000000004")],
            &req,
            true,
            false,
        )
        .unwrap()[0]
        .cart
        .unwrap();
    assert!(second_cart > first_cart, "{second_cart} after {first_cart}");
    copy.checkout(
        &actor("general", "2026-04-04"),
        &c2,
        &item(&copy, "1000000001"),
        false,
    )
    .unwrap();
    assert_eq!(copy.check_invariants().unwrap(), Vec::<String>::new());

    // A database that holds a library is never written over.
    let e = d.lib.copy_to(&to.target).err().expect("refused");
    assert_eq!(e.code(), "store.already_initialized");
}
