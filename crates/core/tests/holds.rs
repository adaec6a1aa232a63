//! Holds: C13–C17, K7, K8, H9, H10, with the guides' own dates.

mod common;

use common::*;
use kashidashi_core::holds::{HoldFilter, Notify, PlacedBy, Route, RouteOutcome};

#[test]
fn c13_the_queue_is_first_come_first_served_and_any_copy_fills_it() {
    let mut d = library("kyoto");
    for (c, n) in [
        ("2000000019", "一"),
        ("2000000027", "二"),
        ("2000000035", "三"),
        ("2000000043", "四"),
    ] {
        d.patron(c, n);
    }
    d.copy("1000000017", "銀河鉄道の夜", "normal");
    d.copy("1000000025", "銀河鉄道の夜", "normal");
    d.checkout("counter", "2026-04-01", "2000000043", "1000000017")
        .unwrap();
    d.checkout("counter", "2026-04-01", "2000000035", "1000000025")
        .unwrap();
    let first = d
        .hold("2026-04-02", "2000000019", "1000000017", "counter")
        .unwrap();
    let second = d
        .hold("2026-04-03", "2000000027", "1000000025", "counter")
        .unwrap();
    assert_eq!((first.position, second.position), (Some(1), Some(2)));
    // The second copy comes back first: it goes to the first in the queue.
    let o = d.checkin("counter", "2026-04-05", "1000000025").unwrap();
    assert_eq!(trapped(&o).hold, first.id);
    let o = d.checkin("counter", "2026-04-07", "1000000017").unwrap();
    assert_eq!(trapped(&o).hold, second.id);
    assert_eq!(
        d.hold_status(second.id).item.unwrap().as_str(),
        "1000000017"
    );
    d.sound();
}

#[test]
fn k7_kyoto_holds_only_when_every_copy_is_on_loan() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "檸檬", "normal");
    d.copy("1000000025", "檸檬", "normal");
    d.checkout("counter", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let e = d
        .hold("2026-04-02", "2000000019", "1000000017", "counter")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.copy_available"]);
    d.checkout("counter", "2026-04-02", "2000000027", "1000000025")
        .unwrap();
    let h = d
        .hold("2026-04-02", "2000000019", "1000000017", "counter")
        .unwrap();
    assert_eq!(h.status.as_str(), "waiting");
}

#[test]
fn k7_hokkaido_holds_on_a_shelf_copy_allocate_it_for_the_pull_list() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy_in("1000000017", "北海道の野鳥", "normal", "northern");
    let h = d
        .hold("2026-04-02", "2000000019", "1000000017", "general")
        .unwrap();
    assert_eq!(h.status.as_str(), "allocated");
    assert_eq!(d.item_status("1000000017"), "割当");
    let pull = d
        .lib
        .pull_list(&actor("northern", "2026-04-02"), "northern")
        .unwrap();
    assert_eq!(pull.len(), 1);
    assert!(
        d.lib
            .pull_list(&actor("general", "2026-04-02"), "general")
            .unwrap()
            .is_empty()
    );
    // Pulled at the northern counter: H11 keeps northern materials there, so it goes on that shelf.
    let o = d.checkin("northern", "2026-04-02", "1000000017").unwrap();
    let t = trapped(&o);
    assert_eq!(
        (t.route, t.destination.as_str()),
        (Route::Shelf, "northern")
    );
    assert_eq!(
        t.available_from,
        Some(day("2026-04-03")),
        "H10: from the day after the notice"
    );
    d.sound();
}

#[test]
fn c14_email_notices_need_an_address_and_are_queued_when_ready() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "檸檬", "normal");
    d.checkout("counter", "2026-06-02", "2000000027", "1000000017")
        .unwrap();
    d.lib
        .set_patron_email(
            &actor("counter", "2026-06-02"),
            &card(&d.lib, "2000000019"),
            "",
        )
        .unwrap();
    let e = d
        .hold_by(
            "2026-06-02",
            "2000000019",
            "1000000017",
            "counter",
            Notify::Email,
            PlacedBy::Staff,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.no_email"]);
    d.lib
        .set_patron_email(
            &actor("counter", "2026-06-02"),
            &card(&d.lib, "2000000019"),
            "hanako@example.jp",
        )
        .unwrap();
    d.hold_by(
        "2026-06-02",
        "2000000019",
        "1000000017",
        "counter",
        Notify::Email,
        PlacedBy::Staff,
    )
    .unwrap();
    fn outbox(d: &Desk) -> Vec<(String, String)> {
        let mut st = d
            .lib
            .connection()
            .prepare("SELECT to_addr, body FROM outbox")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
    assert!(
        outbox(&d).is_empty(),
        "nothing is sent before the copy is ready"
    );
    d.checkin("counter", "2026-06-02", "1000000017").unwrap();
    let sent = outbox(&d);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "hanako@example.jp");
    assert!(
        sent[0].1.contains("檸檬") && sent[0].1.contains("2026年6月9日"),
        "{}",
        sent[0].1
    );
}

#[test]
fn k8_kyoto_keeps_a_ready_copy_one_week_from_the_notice_day() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "檸檬", "normal");
    d.checkout("counter", "2027-05-20", "2000000027", "1000000017")
        .unwrap();
    let h = d
        .hold("2027-05-21", "2000000019", "1000000017", "counter")
        .unwrap();
    // The rule's 6/1 in 2027, a Tuesday: in 2026 it is a Monday, when the counter is closed (C23).
    let o = d.checkin("counter", "2027-06-01", "1000000017").unwrap();
    assert_eq!(
        trapped(&o).expires_on,
        Some(day("2027-06-08")),
        "notice on 6/1 → kept through 6/8"
    );
    assert!(
        d.lib
            .expire_shelf(&actor("counter", "2027-06-08"))
            .unwrap()
            .is_empty()
    );
    let expired = d.lib.expire_shelf(&actor("counter", "2027-06-09")).unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(
        expired[0].next,
        Some(RouteOutcome::Shelved),
        "C17: back to the shelf"
    );
    assert_eq!(d.hold_status(h.id).status.as_str(), "expired");
    assert_eq!(d.item_status("1000000017"), "在庫");
    d.sound();
}

#[test]
fn h10_hokkaido_counts_ten_open_days_from_the_day_after_the_notice() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.checkout("general", "2026-12-10", "2000000027", "1000000017")
        .unwrap();
    d.checkout("general", "2026-12-10", "2000000027", "1000000025")
        .unwrap();
    d.hold("2026-12-11", "2000000019", "1000000017", "general")
        .unwrap();
    d.hold("2026-12-11", "2000000019", "1000000025", "diet")
        .unwrap();
    // General counter, notice Fri 12/18: from Sat 12/19, skipping Mondays and 12/29–1/3:
    // 19, 20, 22, 23, 24, 25, 26, 27, 1/5, 1/6.
    let o = d.checkin("general", "2026-12-18", "1000000017").unwrap();
    assert_eq!(trapped(&o).available_from, Some(day("2026-12-19")));
    assert_eq!(trapped(&o).expires_on, Some(day("2027-01-06")));
    // Diet room: in transit first; received on Thu 12/24, the notice day. From Fri 12/25:
    // 12/25, 12/28, 1/4–1/8, (1/11 成人の日), 1/12, 1/13, 1/14 → the tenth open day is 1/14.
    let o = d.checkin("general", "2026-12-18", "1000000025").unwrap();
    assert_eq!(trapped(&o).route, Route::Transit);
    let o = d.checkin("diet", "2026-12-24", "1000000025").unwrap();
    assert!(o.received);
    assert_eq!(trapped(&o).destination.as_str(), "diet");
    assert_eq!(trapped(&o).expires_on, Some(day("2027-01-14")));
    assert!(
        d.lib
            .expire_shelf(&actor("general", "2027-01-06"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        d.lib
            .expire_shelf(&actor("general", "2027-01-07"))
            .unwrap()
            .len(),
        1,
        "the general hold"
    );
    assert!(
        d.lib
            .expire_shelf(&actor("general", "2027-01-14"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        d.lib
            .expire_shelf(&actor("general", "2027-01-15"))
            .unwrap()
            .len(),
        1,
        "the diet hold"
    );
    d.sound();
}

#[test]
fn c17_an_expired_hold_passes_the_copy_to_the_next_in_the_queue() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.patron("2000000035", "鈴木 一郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000035", "1000000017")
        .unwrap();
    let first = d
        .hold("2026-04-02", "2000000019", "1000000017", "general")
        .unwrap();
    let second = d
        .hold("2026-04-03", "2000000027", "1000000017", "general")
        .unwrap();
    let o = d.checkin("general", "2026-04-07", "1000000017").unwrap();
    let until = trapped(&o).expires_on.unwrap();
    let after = (until + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let expired = d.lib.expire_shelf(&actor("general", &after)).unwrap();
    assert_eq!(expired.len(), 1);
    match &expired[0].next {
        Some(RouteOutcome::Trapped(t)) => assert_eq!(t.hold, second.id),
        other => panic!("{other:?}"),
    }
    assert_eq!(d.hold_status(first.id).status.as_str(), "expired");
    assert_eq!(d.hold_status(second.id).status.as_str(), "ready");
    let shelf = d.lib.shelf(&actor("general", &after), "general").unwrap();
    assert_eq!(shelf.len(), 1);
    d.sound();
}

#[test]
fn h9_in_order_cart_allocates_one_title_at_a_time() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "一巻", "normal");
    d.copy("1000000025", "二巻", "normal");
    d.copy("1000000033", "三巻", "normal");
    let c = card(&d.lib, "2000000019");
    let items: Vec<_> = ["1000000017", "1000000025", "1000000033"]
        .iter()
        .map(|b| item(&d.lib, b))
        .collect();
    let req = kashidashi_core::holds::HoldRequest {
        pickup: "general".into(),
        notify: Notify::None,
        by: PlacedBy::Patron,
    };
    // K1: not with a temporary password.
    let e = d
        .lib
        .place_cart(
            &actor("general", "2026-04-01"),
            &c,
            &items,
            &req,
            true,
            false,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["patron.must_change_password"]);
    d.lib
        .connection()
        .execute("UPDATE patrons SET password_temporary = FALSE", [])
        .unwrap();
    let holds = d
        .lib
        .place_cart(
            &actor("general", "2026-04-01"),
            &c,
            &items,
            &req,
            true,
            false,
        )
        .unwrap();
    let status: Vec<&str> = holds.iter().map(|h| h.status.as_str()).collect();
    assert_eq!(
        status,
        vec!["allocated", "waiting", "waiting"],
        "読みたい順: only the first"
    );
    d.checkin("general", "2026-04-01", "1000000017").unwrap();
    d.checkout("general", "2026-04-02", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(
        d.hold_status(holds[1].id).status.as_str(),
        "allocated",
        "checked out → the next title"
    );
    assert_eq!(d.hold_status(holds[2].id).status.as_str(), "waiting");
    d.lib
        .cancel_hold(
            &actor("general", "2026-04-03"),
            holds[1].id,
            PlacedBy::Patron,
        )
        .unwrap();
    assert_eq!(
        d.hold_status(holds[2].id).status.as_str(),
        "allocated",
        "cancelled → the next title"
    );
    assert_eq!(
        d.item_status("1000000025"),
        "在庫",
        "the cancelled title's copy is back on the shelf"
    );
    d.sound();
}

#[test]
fn h9_a_cart_without_order_allocates_every_title_and_counts_against_the_limit() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    for n in 1..=11 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    let c = card(&d.lib, "2000000019");
    let req = kashidashi_core::holds::HoldRequest {
        pickup: "general".into(),
        notify: Notify::None,
        by: PlacedBy::Staff,
    };
    let items: Vec<_> = (1..=11)
        .map(|n| item(&d.lib, &format!("10000000{n:02}")))
        .collect();
    let e = d
        .lib
        .place_cart(
            &actor("general", "2026-04-01"),
            &c,
            &items,
            &req,
            false,
            false,
        )
        .unwrap_err();
    assert_eq!(
        codes(&e),
        vec!["hold.limit"],
        "C8: ten holds, counter and internet together"
    );
    let holds = d
        .lib
        .place_cart(
            &actor("general", "2026-04-01"),
            &c,
            &items[..10],
            &req,
            false,
            false,
        )
        .unwrap();
    assert!(holds.iter().all(|h| h.status.as_str() == "allocated"));
    let e = d
        .hold("2026-04-02", "2000000019", "1000000011", "general")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.limit"]);
}

#[test]
fn c15_patrons_change_holds_until_ready_staff_always() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.lib
        .connection()
        .execute("UPDATE patrons SET password_temporary = FALSE", [])
        .unwrap();
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let h = d
        .hold_by(
            "2026-04-02",
            "2000000019",
            "1000000017",
            "general",
            Notify::None,
            PlacedBy::Patron,
        )
        .unwrap();
    let changed = d
        .lib
        .change_pickup(
            &actor("general", "2026-04-03"),
            h.id,
            "diet",
            PlacedBy::Patron,
        )
        .unwrap();
    assert_eq!(changed.pickup.as_str(), "diet");
    d.lib
        .change_pickup(
            &actor("general", "2026-04-03"),
            h.id,
            "general",
            PlacedBy::Patron,
        )
        .unwrap();
    d.checkin("general", "2026-04-07", "1000000017").unwrap();
    let e = d
        .lib
        .cancel_hold(&actor("general", "2026-04-08"), h.id, PlacedBy::Patron)
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.ready"]);
    let e = d
        .lib
        .change_pickup(
            &actor("general", "2026-04-08"),
            h.id,
            "diet",
            PlacedBy::Patron,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.ready"]);
    // Staff move it to the Diet room: the copy goes there in transit, and is ready there later.
    let moved = d
        .lib
        .change_pickup(
            &actor("general", "2026-04-08"),
            h.id,
            "diet",
            PlacedBy::Staff,
        )
        .unwrap();
    assert_eq!(moved.status.as_str(), "in-transit");
    assert_eq!(d.item_status("1000000017"), "回送");
    d.lib
        .cancel_hold(&actor("general", "2026-04-08"), h.id, PlacedBy::Staff)
        .unwrap();
    assert_eq!(d.hold_status(h.id).status.as_str(), "cancelled");
    let e = d
        .lib
        .cancel_hold(&actor("general", "2026-04-08"), h.id, PlacedBy::Staff)
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.closed"]);
    // The copy was on its way to the Diet room; received there with no hold, it goes home.
    let o = d.checkin("diet", "2026-04-09", "1000000017").unwrap();
    assert!(o.received);
    assert!(matches!(o.route, RouteOutcome::Transit(ref t) if t.to.as_str() == "general"));
    d.checkin("general", "2026-04-10", "1000000017").unwrap();
    assert_eq!(d.item_status("1000000017"), "在庫");
    d.sound();
}

#[test]
fn holds_refuse_duplicates_titles_on_loan_and_unreservable_titles() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "国語辞典", "reference");
    assert_eq!(
        codes(
            &d.hold("2026-04-01", "2000000019", "1000000025", "general")
                .unwrap_err()
        ),
        vec!["hold.not_reservable"]
    );
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(
        codes(
            &d.hold("2026-04-01", "2000000019", "1000000017", "general")
                .unwrap_err()
        ),
        vec!["hold.already_borrowed"]
    );
    let filter = HoldFilter {
        card: Some(card(&d.lib, "2000000019")),
        ..Default::default()
    };
    assert!(
        d.lib
            .holds(&actor("general", "2026-04-01"), &filter)
            .unwrap()
            .is_empty()
    );
}
