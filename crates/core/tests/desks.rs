//! Desks and delivery (Hokkaido): H11–H16 with the guide's own days.

mod common;

use common::*;
use kashidashi_core::delivery::{Carrier, choose_carrier};
use kashidashi_core::holds::{Route, RouteOutcome};

#[test]
fn h11_items_return_to_the_counter_that_lent_them_unless_a_supervisor_overrides() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    for desk in ["northern", "diet"] {
        let e = d.checkin(desk, "2026-04-02", "1000000017").unwrap_err();
        assert_eq!(codes(&e)[0], "checkin.wrong_desk", "{desk}");
        assert!(
            e.message(kashidashi_core::Lang::Ja)
                .contains("一般資料カウンター")
        );
    }
    d.lib
        .add_staff(
            &actor("general", "2026-04-01"),
            "desk1",
            "窓口",
            kashidashi_core::domain::Role::Counter,
        )
        .unwrap();
    let b = item(&d.lib, "1000000017");
    let e = d
        .lib
        .checkin(&as_staff("desk1", "northern", "2026-04-02"), &b, None, true)
        .unwrap_err();
    assert_eq!(
        codes(&e),
        vec!["checkin.wrong_desk"],
        "counter staff cannot override"
    );
    let o = d
        .lib
        .checkin(&actor("northern", "2026-04-02"), &b, None, true)
        .unwrap();
    assert!(matches!(o.route, RouteOutcome::Transit(ref t) if t.to.as_str() == "general"));
    d.sound();
}

#[test]
fn h11_diet_room_loans_are_returned_only_there() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("diet", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let e = d
        .checkin("general", "2026-04-08", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.wrong_desk"]);
    assert!(
        e.message(kashidashi_core::Lang::Ja)
            .contains("道議会図書室")
    );
}

#[test]
fn h15_diet_returns_wait_for_a_duty_day_and_are_backdated_to_the_hand_in_day() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    // Lent Tue 4/7 in the Diet room: due 4/21 (Tue).
    let out = d
        .checkout("diet", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-04-21"));
    // Handed in Mon 4/20; no library staff that day.
    let e = d.checkin("diet", "2026-04-20", "1000000017").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.not_duty_day"]);
    // Processed on Thu 4/23, after the due date, backdated to Mon 4/20: not overdue.
    let b = item(&d.lib, "1000000017");
    let o = d
        .lib
        .checkin(
            &actor("diet", "2026-04-23"),
            &b,
            Some(day("2026-04-20")),
            false,
        )
        .unwrap();
    assert!(!o.overdue);
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-20")));
    // The same day's processing without a backdate counts it late.
    d.checkout("diet", "2026-04-07", "2000000019", "1000000025")
        .unwrap();
    assert!(
        d.checkin("diet", "2026-04-23", "1000000025")
            .unwrap()
            .overdue
    );
}

#[test]
fn h15_a_return_date_in_the_future_is_refused() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let b = item(&d.lib, "1000000017");
    let e = d
        .lib
        .checkin(
            &actor("general", "2026-04-08"),
            &b,
            Some(day("2026-04-09")),
            false,
        )
        .unwrap_err();
    assert_eq!(e.code(), "checkin.future_date");
}

#[test]
fn h16_items_travel_between_the_diet_room_and_the_main_library_in_transit() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("diet", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let o = d.checkin("diet", "2026-04-09", "1000000017").unwrap();
    assert!(matches!(o.route, RouteOutcome::Transit(ref t) if t.to.as_str() == "general"));
    assert_eq!(d.item_status("1000000017"), "回送");
    let e = d
        .checkout("general", "2026-04-09", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkout.in_transit"]);
    let o = d.checkin("general", "2026-04-10", "1000000017").unwrap();
    assert!(o.received);
    assert_eq!(o.route, RouteOutcome::Shelved);
    assert_eq!(d.item_status("1000000017"), "在庫");
    d.sound();
}

#[test]
fn h14_partner_pickup_needs_registration_and_goes_on_the_next_run() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let e = d
        .hold("2026-04-02", "2000000019", "1000000017", "sapporo")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.partner_registration"]);
    let h = d
        .hold("2026-04-02", "2000000019", "1000000017", "ebetsu")
        .unwrap();
    // Secured on Wed 4/8: the next run is Fri 4/10; collectable from Sun 4/12 (the second day after).
    let o = d.checkin("general", "2026-04-08", "1000000017").unwrap();
    let t = trapped(&o);
    assert_eq!(
        (t.route, t.destination.as_str()),
        (Route::Transit, "ebetsu")
    );
    assert_eq!(
        t.notified_on,
        Some(day("2026-04-08")),
        "the notice goes when the copy is secured"
    );
    assert_eq!(t.delivery_run, Some(day("2026-04-10")));
    assert_eq!(t.available_from, Some(day("2026-04-12")));
    // Ten Ebetsu open days from 4/12, Mondays closed: 12, 14–19, 21–23.
    assert_eq!(t.expires_on, Some(day("2026-04-23")));
    // H6: lent on the run day for 30 days counting that day; shows as 協力.
    let out = d
        .checkout("general", "2026-04-10", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-05-09"));
    assert_eq!(out.fulfilled_hold, Some(h.id));
    assert_eq!(d.item_status("1000000017"), "協力");
    // Returned at Ebetsu, it stays on loan until checked in at the main library.
    let e = d.checkin("diet", "2026-05-07", "1000000017").unwrap_err();
    assert!(e.message(kashidashi_core::Lang::Ja).contains("江別"));
    d.checkin("general", "2026-05-08", "1000000017").unwrap();
    d.sound();
}

#[test]
fn h14_runs_skip_holidays_and_the_year_end_and_a_supervisor_can_move_them() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-12-10", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-12-11", "2000000019", "1000000017", "ebetsu")
        .unwrap();
    // Secured on Fri 12/25: Tue 12/29 and Fri 1/1 fall in the year end. A supervisor adds a
    // run on Mon 12/28.
    d.lib
        .change_day(
            &actor("general", "2026-12-20"),
            "ebetsu",
            day("2026-12-28"),
            kashidashi_core::day_changes::DayChange::AddDeliveryRun,
            "年末臨時便",
        )
        .unwrap();
    let o = d.checkin("general", "2026-12-25", "1000000017").unwrap();
    assert_eq!(trapped(&o).delivery_run, Some(day("2026-12-28")));
}

#[test]
fn h12_home_delivery_waits_while_the_patron_has_ten_loans() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    for n in 1..=11 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    for n in 1..=10 {
        d.checkout(
            "general",
            "2026-04-01",
            "2000000019",
            &format!("10000000{n:02}"),
        )
        .unwrap();
    }
    d.checkout("general", "2026-04-01", "2000000027", "1000000011")
        .unwrap();
    let h = d
        .hold("2026-04-02", "2000000019", "1000000011", "home")
        .unwrap();
    let o = d.checkin("general", "2026-04-08", "1000000011").unwrap();
    assert_eq!(trapped(&o).status.as_str(), "awaiting-return");
    assert_eq!(
        trapped(&o).notified_on,
        Some(day("2026-04-08")),
        "the notice is sent anyway"
    );
    d.checkin("general", "2026-04-09", "1000000001").unwrap();
    assert_eq!(
        d.hold_status(h.id).status.as_str(),
        "ready",
        "a return makes room: the parcel goes"
    );
    let out = d
        .checkout("general", "2026-04-10", "2000000019", "1000000011")
        .unwrap();
    assert_eq!(out.loan.desk.as_str(), "home");
    assert_eq!(
        out.loan.due_on,
        day("2026-05-09"),
        "30 days counting the sending day"
    );
    d.sound();
}

#[test]
fn h12_home_delivery_needs_an_address() {
    let mut d = library("hokkaido");
    d.copy("1000000017", "坊っちゃん", "normal");
    let c = card(&d.lib, "2000000035");
    let details = kashidashi_core::patrons::PatronDetails {
        name: "住所 なし".into(),
        ..Default::default()
    };
    d.lib
        .register_patron(&actor("general", "2026-04-01"), &c, &details, false)
        .unwrap();
    let e = d
        .hold("2026-04-02", "2000000035", "1000000017", "home")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.no_address"]);
}

#[test]
fn h13_a_parcel_of_several_books_picks_its_carrier_from_the_stack() {
    let mut d = library("hokkaido");
    d.copy("1000000017", "一巻", "normal");
    d.copy("1000000025", "二巻", "normal");
    let a = actor("general", "2026-04-01");
    let one = d.lib.parcel_of(&a, &[item(&d.lib, "1000000017")]).unwrap();
    assert_eq!(
        choose_carrier(one).unwrap(),
        Carrier::YuMail,
        "18.8 × 12.8 × 2 cm, 300 g"
    );
    let two = d
        .lib
        .parcel_of(
            &a,
            &[item(&d.lib, "1000000017"), item(&d.lib, "1000000025")],
        )
        .unwrap();
    assert_eq!(two.sides_mm, [188, 128, 40]);
    assert_eq!(
        choose_carrier(two).unwrap(),
        Carrier::YuPack(60),
        "4 cm thick is over ゆうメール's 3 cm"
    );
}

#[test]
fn diet_office_staff_hand_out_ready_holds_and_nothing_else() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.lib
        .add_staff(
            &actor("general", "2026-04-01"),
            "office1",
            "議会 事務",
            kashidashi_core::domain::Role::DietOffice,
        )
        .unwrap();
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-04-02", "2000000019", "1000000017", "diet")
        .unwrap();
    d.checkin("general", "2026-04-05", "1000000017").unwrap();
    d.checkin("diet", "2026-04-07", "1000000017").unwrap();
    let office = as_staff("office1", "diet", "2026-04-08");
    let c = card(&d.lib, "2000000019");
    let other = d
        .lib
        .checkout(&office, &c, &item(&d.lib, "1000000025"), false)
        .unwrap_err();
    assert_eq!(other.code(), "staff.not_allowed");
    let out = d
        .lib
        .checkout(&office, &c, &item(&d.lib, "1000000017"), false)
        .unwrap();
    assert_eq!(out.loan.desk.as_str(), "diet");
    let e = d
        .lib
        .checkin(&office, &item(&d.lib, "1000000017"), None, false)
        .unwrap_err();
    assert_eq!(e.code(), "staff.not_allowed");
}
