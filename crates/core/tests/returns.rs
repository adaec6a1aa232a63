//! Returns with the Hokkaido guide's days: backdated hand-in days (H15), the counter of each
//! collection (H11) and the book drop (H11, C23).

mod common;

use common::*;
use kashidashi_core::Lang;

fn backdated(
    d: &mut Desk,
    desk: &str,
    on: &str,
    barcode: &str,
    handed_in: &str,
) -> kashidashi_core::Result<kashidashi_core::circulation::CheckinOutcome> {
    let b = item(&d.lib, barcode);
    d.lib
        .checkin(&actor(desk, on), &b, Some(day(handed_in)), false)
}

#[test]
fn h15_a_hand_in_day_before_the_loan_or_on_a_closed_day_is_refused_by_name() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy("1000000033", "三四郎", "normal");
    // Lent at the general counter on Tue 4/7.
    d.checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let e = backdated(&mut d, "general", "2026-04-08", "1000000017", "2026-04-06").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.before_loan_day"]);
    assert_eq!(e.rule(), Some("H15"));
    assert!(e.message(Lang::Ja).contains("2026-04-07"));
    let e = backdated(&mut d, "general", "2026-04-08", "1000000017", "1899-12-31").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.before_1900"]);
    // Mon 4/13: the main library was closed; nobody took it at the counter that day.
    let e = backdated(&mut d, "general", "2026-04-14", "1000000017", "2026-04-13").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.closed_on_hand_in_day"]);
    assert!(e.message(Lang::Ja).contains("一般資料カウンター"));
    assert_eq!(d.item_status("1000000017"), "貸出中", "nothing changed");

    // Lent in the Diet room on Tue 4/7. Handed in Mon 4/13 (open, no library staff): checked in
    // on Tue 4/14 with that day. Handed in "Sat 4/11" or "Wed 4/29" (昭和の日): the room was
    // closed.
    d.checkout("diet", "2026-04-07", "2000000019", "1000000025")
        .unwrap();
    d.checkout("diet", "2026-04-07", "2000000019", "1000000033")
        .unwrap();
    let e = backdated(&mut d, "diet", "2026-04-14", "1000000025", "2026-04-11").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.closed_on_hand_in_day"]);
    assert!(e.message(Lang::Ja).contains("道議会図書室"));
    let e = backdated(&mut d, "diet", "2026-04-30", "1000000033", "2026-04-29").unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.closed_on_hand_in_day"]);
    let o = backdated(&mut d, "diet", "2026-04-14", "1000000025", "2026-04-13").unwrap();
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-13")));
    // A supervisor who knows better lets a closed hand-in day pass.
    let b = item(&d.lib, "1000000033");
    let o = d
        .lib
        .checkin(
            &actor("diet", "2026-04-30"),
            &b,
            Some(day("2026-04-29")),
            true,
        )
        .unwrap();
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-29")));
    d.sound();
}

#[test]
fn h11_copies_are_lent_at_the_counter_of_their_collection() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy_in("1000000017", "北海道の地名", "normal", "northern");
    d.copy("1000000025", "坊っちゃん", "normal");
    let e = d
        .checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkout.wrong_collection"]);
    assert_eq!(e.rule(), Some("H11"));
    assert!(e.message(Lang::Ja).contains("北方資料カウンター"));
    let e = d
        .checkout("northern", "2026-04-07", "2000000019", "1000000025")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkout.wrong_collection"]);
    assert!(e.message(Lang::Ja).contains("一般資料カウンター"));
    d.checkout("northern", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    // A supervisor may lend it at the other counter.
    d.lib
        .checkout(
            &actor("northern", "2026-04-07"),
            &card(&d.lib, "2000000019"),
            &item(&d.lib, "1000000025"),
            true,
        )
        .unwrap();
    d.sound();
}

#[test]
fn h11_a_partner_loan_of_northern_materials_comes_back_at_the_northern_counter() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy_in("1000000017", "北海道の地名", "normal", "northern");
    d.checkout("northern", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-04-02", "2000000019", "1000000017", "ebetsu")
        .unwrap();
    let o = d.checkin("northern", "2026-04-08", "1000000017").unwrap();
    assert_eq!(trapped(&o).delivery_run, Some(day("2026-04-10")));
    d.checkout("northern", "2026-04-10", "2000000019", "1000000017")
        .unwrap();
    // Back from Ebetsu: checked in at the counter of its collection.
    let e = d
        .checkin("general", "2026-05-08", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.wrong_collection"]);
    assert!(e.message(Lang::Ja).contains("北方資料カウンター"));
    d.checkin("northern", "2026-05-08", "1000000017").unwrap();
    d.sound();
}

fn dropped(
    d: &mut Desk,
    desk: &str,
    on: &str,
    barcode: &str,
    dropped_on: Option<&str>,
) -> kashidashi_core::Result<kashidashi_core::circulation::CheckinOutcome> {
    let b = item(&d.lib, barcode);
    d.lib
        .checkin_book_drop(&actor(desk, on), &b, dropped_on.map(day), false)
}

#[test]
fn h11_the_book_drop_checks_returns_in_the_next_open_day_with_the_day_they_were_dropped() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy_in("1000000033", "北海道の地名", "normal", "northern");
    // Lent Sun 4/12 at the general counter: due Sun 4/26.
    for b in ["1000000017", "1000000025"] {
        let out = d
            .checkout("general", "2026-04-12", "2000000019", b)
            .unwrap();
        assert_eq!(out.loan.due_on, day("2026-04-26"));
    }
    d.checkout("northern", "2026-04-12", "2000000019", "1000000033")
        .unwrap();
    // The drop is emptied on Tue 4/28 after the Monday closure. Unless staff know the day, a
    // dropped copy counts as returned on the last open day, Sun 4/26: not overdue.
    let o = dropped(&mut d, "general", "2026-04-28", "1000000017", None).unwrap();
    assert!(o.book_drop);
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-26")));
    assert!(!o.overdue);
    // Dropped on the closed Monday 4/27, as staff saw: that day, one day late (C23's exception).
    let o = dropped(
        &mut d,
        "general",
        "2026-04-28",
        "1000000025",
        Some("2026-04-27"),
    )
    .unwrap();
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-27")));
    assert!(o.overdue);
    assert_eq!(d.item_status("1000000025"), "在庫");

    // 北方資料 never go through the book drop; the northern counter and the Diet room have none.
    let e = dropped(&mut d, "general", "2026-04-28", "1000000033", None).unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.book_drop_collection"]);
    assert_eq!(e.rule(), Some("H11"));
    assert!(!e.overridable());
    assert!(e.message(Lang::Ja).contains("北方資料カウンター"));
    for desk in ["northern", "diet"] {
        let e = dropped(&mut d, desk, "2026-04-28", "1000000033", None).unwrap_err();
        assert_eq!(codes(&e), vec!["checkin.no_book_drop"], "{desk}");
    }
    assert_eq!(d.item_status("1000000033"), "貸出中", "nothing changed");
    // Only loans come out of the book drop.
    let e = dropped(&mut d, "general", "2026-04-28", "1000000017", None).unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.not_on_loan"]);
    d.sound();
}

#[test]
fn h11_the_book_drop_is_emptied_on_open_days_and_its_day_is_checked() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-21", "2000000019", "1000000017")
        .unwrap();
    // Mon 4/27 the library is closed: the drop waits for Tuesday (a supervisor may override).
    let e = dropped(&mut d, "general", "2026-04-27", "1000000017", None).unwrap_err();
    assert_eq!(codes(&e), vec!["desk.closed"]);
    let e = dropped(
        &mut d,
        "general",
        "2026-04-28",
        "1000000017",
        Some("2026-04-20"),
    )
    .unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.before_loan_day"]);
    let e = dropped(
        &mut d,
        "general",
        "2026-04-28",
        "1000000017",
        Some("2026-04-29"),
    )
    .unwrap_err();
    assert_eq!(codes(&e), vec!["checkin.future_date"]);
    // Lent and dropped the same evening, Tue 4/21, emptied Wed 4/22: returned 4/21.
    let o = dropped(&mut d, "general", "2026-04-22", "1000000017", None).unwrap();
    assert_eq!(o.loan.unwrap().returned_on, Some(day("2026-04-21")));
    d.sound();
}

#[test]
fn h11_a_book_drop_return_traps_the_copy_for_the_next_hold() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-12", "2000000019", "1000000017")
        .unwrap();
    d.hold("2026-04-14", "2000000027", "1000000017", "general")
        .unwrap();
    // Emptied Tue 4/28: the notice goes today, the shelf days count from Wed 4/29.
    let o = dropped(&mut d, "general", "2026-04-28", "1000000017", None).unwrap();
    let t = trapped(&o);
    assert_eq!(t.notified_on, Some(day("2026-04-28")));
    assert_eq!(t.available_from, Some(day("2026-04-29")));
    d.sound();
}
