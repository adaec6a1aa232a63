//! Closed days (C2, C23) with the guides' own dates: a closure entered after the trap moves the
//! hold shelf's expiry (H10), and a desk does not lend, register or hand out holds while closed.

mod common;

use common::*;
use kashidashi_core::day_changes::{DayChange, DayChanged};
use kashidashi_core::slips::Slip;

fn close(d: &mut Desk, on: &str, desk: &str, date: &str) -> DayChanged {
    d.lib
        .change_day(
            &actor("general", on),
            desk,
            day(date),
            DayChange::Close,
            "館内整理日",
        )
        .unwrap()
}

#[test]
fn h10_a_closure_entered_after_the_trap_moves_the_expiry_of_a_hold_on_the_shelf() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let h = d
        .hold("2026-04-02", "2000000019", "1000000017", "general")
        .unwrap();
    // Notice Tue 4/21: ten open days of the general counter from 4/22 (Mon 4/27 closed) end 5/2.
    let o = d.checkin("general", "2026-04-21", "1000000017").unwrap();
    assert_eq!(trapped(&o).expires_on, Some(day("2026-05-02")));

    let changed = close(&mut d, "2026-04-22", "general", "2026-04-25");
    assert!(!changed.day.open);
    assert_eq!(changed.rescheduled.len(), 1, "its slip is to be replaced");
    let r = &changed.rescheduled[0];
    assert_eq!(r.hold, h.id);
    assert_eq!(
        (r.before.expires_on, r.after.expires_on),
        (Some(day("2026-05-02")), Some(day("2026-05-03")))
    );
    assert!(!r.notice_queued, "only a moved run is told to the patron");
    assert_eq!(d.hold_status(h.id).expires_on, Some(day("2026-05-03")));
    let sup = actor("general", "2026-04-22");
    match d.lib.hold_slip(&sup, h.id).unwrap() {
        Slip::HoldSlip { expires_on, .. } => assert_eq!(expires_on, Some(day("2026-05-03"))),
        other => panic!("a hold slip, not {other:?}"),
    }
    let shelf = d.lib.shelf(&sup, "general").unwrap();
    assert_eq!(shelf[0].expires_on, Some(day("2026-05-03")), "shelf list");
    let report = d.lib.hold_shelf_report(&sup, "general").unwrap();
    assert_eq!(report[0].hold.expires_on, Some(day("2026-05-03")), "report");
    assert!(
        d.lib
            .expire_shelf(&actor("general", "2026-05-03"))
            .unwrap()
            .is_empty(),
        "still on the shelf on its new last day"
    );
    let expired = d.lib.expire_shelf(&actor("general", "2026-05-04")).unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].expired_on, day("2026-05-03"));
    d.sound();
}

#[test]
fn h10_a_closure_around_a_holiday_in_the_diet_room_adds_only_the_days_it_closes() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let h = d
        .hold("2026-04-02", "2000000019", "1000000017", "diet")
        .unwrap();
    d.checkin("general", "2026-04-21", "1000000017").unwrap();
    // Received in the room on Tue 4/21: from Wed 4/22, weekdays without 4/29 (昭和の日) and
    // 5/4–5/6: 4/22–24, 27, 28, 30, 5/1, 5/7, 5/8, 5/11.
    let o = d.checkin("diet", "2026-04-21", "1000000017").unwrap();
    assert_eq!(trapped(&o).expires_on, Some(day("2026-05-11")));
    // The room closes Tue 4/28 to Fri 5/1 for works; 4/29 was closed anyway: three open days
    // fewer, not four.
    for date in ["2026-04-28", "2026-04-29", "2026-04-30", "2026-05-01"] {
        close(&mut d, "2026-04-22", "diet", date);
    }
    assert_eq!(d.hold_status(h.id).expires_on, Some(day("2026-05-14")));
    // Reopened on Thu 4/30 after all: one open day more again.
    d.lib
        .change_day(
            &actor("general", "2026-04-23"),
            "diet",
            day("2026-04-30"),
            DayChange::Open,
            "工事日程変更",
        )
        .unwrap();
    assert_eq!(d.hold_status(h.id).expires_on, Some(day("2026-05-13")));
    d.sound();
}

#[test]
fn h15_registration_in_the_diet_room_only_on_duty_days() {
    let mut d = library("hokkaido");
    let details = |name: &str| kashidashi_core::patrons::PatronDetails {
        name: name.into(),
        ..Default::default()
    };
    let c = card(&d.lib, "2000000019");
    // Wed 4/8: the room is open, library staff are not there.
    let e = d
        .lib
        .register_patron(
            &actor("diet", "2026-04-08"),
            &c,
            &details("道議 一郎"),
            false,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["patron.not_duty_day"]);
    assert_eq!(e.rule(), Some("H15"));
    // Sat 4/11: the room is closed.
    let e = d
        .lib
        .register_patron(
            &actor("diet", "2026-04-11"),
            &c,
            &details("道議 一郎"),
            false,
        )
        .unwrap_err();
    assert!(codes(&e).contains(&"desk.closed"), "{:?}", codes(&e));
    // Tue 4/7: a duty day.
    d.lib
        .register_patron(
            &actor("diet", "2026-04-07"),
            &c,
            &details("道議 一郎"),
            false,
        )
        .unwrap();
    // A supervisor may register on Wed 4/8 all the same; counter staff may not.
    let c2 = card(&d.lib, "2000000027");
    d.lib
        .add_staff(
            &actor("general", "2026-04-07"),
            "duty1",
            "駐在 職員",
            kashidashi_core::domain::Role::DietDuty,
        )
        .unwrap();
    let e = d
        .lib
        .register_patron(
            &as_staff("duty1", "diet", "2026-04-08"),
            &c2,
            &details("道議 二郎"),
            true,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["patron.not_duty_day"]);
    d.lib
        .register_patron(
            &actor("diet", "2026-04-08"),
            &c2,
            &details("道議 二郎"),
            true,
        )
        .unwrap();
}

#[test]
fn c23_no_checkout_registration_or_hold_pickup_on_a_closed_day() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    // Mon 4/13: the main library is closed.
    let e = d
        .checkout("general", "2026-04-13", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["desk.closed"]);
    assert_eq!(e.rule(), Some("C23"));
    assert!(e.overridable());
    let c = card(&d.lib, "2000000035");
    let e = d
        .lib
        .register_patron(
            &actor("general", "2026-04-13"),
            &c,
            &kashidashi_core::patrons::PatronDetails {
                name: "月曜 太郎".into(),
                ..Default::default()
            },
            false,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["desk.closed"]);
    // A supervisor lets a checkout pass on a closed day.
    d.lib
        .checkout(
            &actor("general", "2026-04-13"),
            &card(&d.lib, "2000000019"),
            &item(&d.lib, "1000000017"),
            true,
        )
        .unwrap();
    assert_eq!(d.item_status("1000000017"), "貸出中");

    // A hold ready in the Diet room is not handed out on Sat 4/18 nor on 4/29 (昭和の日).
    d.checkout("general", "2026-04-14", "2000000027", "1000000025")
        .unwrap();
    d.hold("2026-04-14", "2000000019", "1000000025", "diet")
        .unwrap();
    d.checkin("general", "2026-04-16", "1000000025").unwrap();
    d.checkin("diet", "2026-04-16", "1000000025").unwrap();
    for closed in ["2026-04-18", "2026-04-29"] {
        let e = d
            .checkout("diet", closed, "2000000019", "1000000025")
            .unwrap_err();
        assert_eq!(codes(&e), vec!["desk.closed"], "{closed}");
        assert!(
            e.message(kashidashi_core::Lang::Ja)
                .contains("道議会図書室")
        );
    }
    // Fri 4/17: open without library staff; the hold is handed out.
    d.checkout("diet", "2026-04-17", "2000000019", "1000000025")
        .unwrap();
    d.sound();
}

#[test]
fn check_finds_shelf_days_that_do_not_follow_the_calendar() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-04-02", "2000000019", "1000000017", "general")
        .unwrap();
    d.checkin("general", "2026-04-21", "1000000017").unwrap();
    d.sound();
    // What the program before this rule left behind: a closure that did not move the expiry.
    d.lib
        .connection()
        .execute(
            "INSERT INTO calendar_overrides (desk_code, date, open, reason)
             VALUES ('general', '2026-04-25', FALSE, '館内整理日')",
            [],
        )
        .unwrap();
    let found = d.lib.check_invariants().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("H10"), "{found:?}");
}

#[test]
fn c2_before_a_day_is_closed_the_desk_is_told_how_many_loans_fall_due_that_day() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy("1000000033", "三四郎", "normal");
    d.copy("1000000041", "門", "normal");
    // H6: lent at the general counter on Wed 4/1, 15 days counting the day: due Wed 4/15.
    let a = d
        .checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(a.loan.due_on, day("2026-04-15"));
    d.checkout("general", "2026-04-01", "2000000027", "1000000025")
        .unwrap();
    d.checkout("general", "2026-04-01", "2000000027", "1000000033")
        .unwrap();
    // Lent a day later: due Thu 4/16, not counted for 4/15.
    d.checkout("general", "2026-04-02", "2000000019", "1000000041")
        .unwrap();
    assert_eq!(d.lib.loans_due_on("general", day("2026-04-15")).unwrap(), 3);
    // A copy already back is no longer due.
    d.checkin("general", "2026-04-03", "1000000033").unwrap();
    assert_eq!(d.lib.loans_due_on("general", day("2026-04-15")).unwrap(), 2);
    assert_eq!(d.lib.loans_due_on("general", day("2026-04-16")).unwrap(), 1);
    // The northern counter's calendar is its own: none of these loans fall due there.
    assert_eq!(
        d.lib.loans_due_on("northern", day("2026-04-15")).unwrap(),
        0
    );
    assert_eq!(
        d.lib
            .loans_due_on("nowhere", day("2026-04-15"))
            .unwrap_err()
            .code(),
        "desk.unknown"
    );
    d.sound();
}
