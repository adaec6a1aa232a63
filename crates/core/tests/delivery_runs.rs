//! H14 delivery runs with the guide's own days: a run moved or cancelled after items were
//! secured for it, and the hold-back at 10 loans for partner libraries.

mod common;

use common::*;
use kashidashi_core::day_changes::DayChange;
use kashidashi_core::domain::HoldId;
use kashidashi_core::holds::{Notify, PlacedBy};

/// The holds listed on the delivery-run report of `run` for Ebetsu.
fn listed(d: &mut Desk, run: &str) -> Vec<HoldId> {
    d.lib
        .delivery_run_report(&actor("general", "2026-04-01"), "ebetsu", day(run))
        .unwrap()
        .into_iter()
        .flat_map(|r| r.holds)
        .map(|l| l.hold.id)
        .collect()
}

fn change(d: &mut Desk, on: &str, desk: &str, date: &str, change: DayChange) {
    d.lib
        .change_day(&actor("general", on), desk, day(date), change, "臨時変更")
        .unwrap();
}

/// 山田 (…19) reserves 坊っちゃん for Ebetsu with e-mail notice while 佐藤 (…27) has it.
fn ebetsu_hold(d: &mut Desk, lent: &str, placed: &str) -> HoldId {
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", lent, "2000000027", "1000000017")
        .unwrap();
    d.hold_by(
        placed,
        "2000000019",
        "1000000017",
        "ebetsu",
        Notify::Email,
        PlacedBy::Staff,
    )
    .unwrap()
    .id
}

#[test]
fn h14_a_run_cancelled_after_the_trap_takes_the_item_on_the_next_run_and_tells_the_patron() {
    let mut d = library("hokkaido");
    let h = ebetsu_hold(&mut d, "2026-04-01", "2026-04-02");
    // Secured on Wed 4/8: run Fri 4/10, collectable from Sun 4/12.
    let o = d.checkin("general", "2026-04-08", "1000000017").unwrap();
    assert_eq!(trapped(&o).delivery_run, Some(day("2026-04-10")));
    assert_eq!(listed(&mut d, "2026-04-10"), vec![h]);

    change(
        &mut d,
        "2026-04-09",
        "ebetsu",
        "2026-04-10",
        DayChange::CancelDeliveryRun,
    );
    let hold = d.hold_status(h);
    assert_eq!(hold.delivery_run, Some(day("2026-04-14")), "the next run");
    assert_eq!(hold.available_from, Some(day("2026-04-16")));
    // Ten Ebetsu open days from Thu 4/16, Mondays closed: 16–19, 21–26.
    assert_eq!(hold.expires_on, Some(day("2026-04-26")));
    assert!(listed(&mut d, "2026-04-10").is_empty());
    assert_eq!(listed(&mut d, "2026-04-14"), vec![h]);

    let outbox = d.lib.outbox().unwrap();
    assert_eq!(outbox.len(), 2, "the secured notice, then the change");
    let told = &outbox[1].body;
    assert!(
        told.contains("2026年4月14日") && told.contains("2026年4月10日"),
        "{told}"
    );
    assert!(told.contains("2026年4月26日"), "{told}");

    // H6: lent on the new run day, 30 days counting that day.
    let out = d
        .checkout("general", "2026-04-14", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-05-13"));
    d.sound();
}

#[test]
fn h14_a_run_cancelled_in_golden_week_then_moved_to_a_thursday() {
    let mut d = library("hokkaido");
    let h = ebetsu_hold(&mut d, "2026-04-14", "2026-04-15");
    // Secured Tue 4/28: run Fri 5/1, collectable Sun 5/3 (憲法記念日; Ebetsu opens on holidays
    // but not on Mondays): 5/3, 5/5–5/10, 5/12–5/14.
    let o = d.checkin("general", "2026-04-28", "1000000017").unwrap();
    let t = trapped(&o);
    assert_eq!(
        (t.delivery_run, t.available_from, t.expires_on),
        (
            Some(day("2026-05-01")),
            Some(day("2026-05-03")),
            Some(day("2026-05-14"))
        )
    );
    // The run of Fri 5/1 is cancelled; Tue 5/5 (こどもの日) has none: Fri 5/8.
    change(
        &mut d,
        "2026-04-30",
        "ebetsu",
        "2026-05-01",
        DayChange::CancelDeliveryRun,
    );
    let hold = d.hold_status(h);
    assert_eq!(
        (hold.delivery_run, hold.available_from, hold.expires_on),
        (
            Some(day("2026-05-08")),
            Some(day("2026-05-10")),
            Some(day("2026-05-21"))
        )
    );
    // Then the supervisor moves it to Thu 5/7, the day after 振替休日.
    change(
        &mut d,
        "2026-04-30",
        "ebetsu",
        "2026-05-07",
        DayChange::AddDeliveryRun,
    );
    let hold = d.hold_status(h);
    assert_eq!(
        (hold.delivery_run, hold.available_from, hold.expires_on),
        (
            Some(day("2026-05-07")),
            Some(day("2026-05-09")),
            Some(day("2026-05-20"))
        )
    );
    for run in ["2026-05-01", "2026-05-08"] {
        assert!(listed(&mut d, run).is_empty(), "{run}");
    }
    assert_eq!(listed(&mut d, "2026-05-07"), vec![h]);
    assert_eq!(d.lib.outbox().unwrap().len(), 3, "told of each change");
    let out = d
        .checkout("general", "2026-05-07", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-06-05"));
    d.sound();
}

#[test]
fn h14_a_partner_hold_waits_while_the_patron_has_ten_loans() {
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
        .hold_by(
            "2026-04-02",
            "2000000019",
            "1000000011",
            "ebetsu",
            Notify::Email,
            PlacedBy::Staff,
        )
        .unwrap();
    // Secured Wed 4/8 while 山田 has 10 loans: the notice goes, the item does not.
    let o = d.checkin("general", "2026-04-08", "1000000011").unwrap();
    let t = trapped(&o);
    assert_eq!(t.status.as_str(), "awaiting-return");
    assert_eq!(t.notified_on, Some(day("2026-04-08")));
    assert_eq!(t.delivery_run, None);
    assert_eq!(d.lib.outbox().unwrap().len(), 1);
    assert!(listed(&mut d, "2026-04-10").is_empty());

    // A return processed at the main library on Thu 4/9: out on Fri 4/10's run.
    d.checkin("general", "2026-04-09", "1000000001").unwrap();
    let hold = d.hold_status(h.id);
    assert_eq!(hold.status.as_str(), "in-transit");
    assert_eq!(
        (hold.delivery_run, hold.available_from, hold.expires_on),
        (
            Some(day("2026-04-10")),
            Some(day("2026-04-12")),
            Some(day("2026-04-23"))
        )
    );
    assert_eq!(listed(&mut d, "2026-04-10"), vec![h.id]);
    let sent = d.lib.outbox().unwrap();
    assert_eq!(sent.len(), 2, "the patron learns the run day");
    assert!(sent[1].body.contains("2026年4月10日"), "{}", sent[1].body);
    let out = d
        .checkout("general", "2026-04-10", "2000000019", "1000000011")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-05-09"));
    assert_eq!(out.fulfilled_hold, Some(h.id));
    d.sound();
}
