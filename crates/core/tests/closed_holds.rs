//! C20: closed holds are reading records too. A cancelled, expired or fulfilled hold keeps its
//! patron for `closed_hold_days` (7 in both profiles), then the nightly job removes it; a
//! notice about a hold cancelled before it went out is withdrawn; hold numbers are never reused.

mod common;

use common::*;
use kashidashi_core::holds::{Notify, PlacedBy};

fn count(d: &Desk, sql: &str) -> i64 {
    d.lib.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// 山田 (e-mail) holds 坊っちゃん, out to 佐藤 since 4/1; returned on Tue 4/7, it is trapped
/// for 山田 and the hold-ready notice waits in the outbox. Returns the hold's number.
fn trapped_with_notice_queued(d: &mut Desk) -> i64 {
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let hold = d
        .hold_by(
            "2026-04-02",
            "2000000019",
            "1000000017",
            "general",
            Notify::Email,
            PlacedBy::Staff,
        )
        .unwrap();
    trapped(&d.checkin("general", "2026-04-07", "1000000017").unwrap());
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox WHERE kind = 'hold-ready'"),
        1
    );
    hold.id.0
}

#[test]
fn c20_cancelling_a_hold_withdraws_its_unsent_notice() {
    let mut d = library("hokkaido");
    let id = trapped_with_notice_queued(&mut d);
    d.lib
        .cancel_hold(
            &actor("general", "2026-04-08"),
            kashidashi_core::domain::HoldId(id),
            PlacedBy::Staff,
        )
        .unwrap();
    assert_eq!(count(&d, "SELECT count(*) FROM outbox"), 0, "withdrawn");
    d.sound();
}

#[test]
fn c20_a_cancelled_hold_keeps_its_patron_seven_days_then_the_nightly_job_removes_it() {
    let mut d = library("hokkaido");
    let id = trapped_with_notice_queued(&mut d);
    d.lib
        .cancel_hold(
            &actor("general", "2026-04-08"),
            kashidashi_core::domain::HoldId(id),
            PlacedBy::Staff,
        )
        .unwrap();
    // Tue 4/14, six days on: still there for the patron to see.
    assert_eq!(
        d.lib
            .forget_closed_holds(&actor("general", "2026-04-14"))
            .unwrap(),
        0
    );
    assert_eq!(count(&d, "SELECT count(*) FROM holds"), 1);
    // Wed 4/15, seven days on: the link between 山田 and 坊っちゃん is gone.
    assert_eq!(
        d.lib
            .forget_closed_holds(&actor("general", "2026-04-15"))
            .unwrap(),
        1
    );
    assert_eq!(count(&d, "SELECT count(*) FROM holds"), 0);
    d.sound();
}

#[test]
fn c20_hold_numbers_are_never_reused_after_closed_holds_are_removed() {
    let mut d = library("hokkaido");
    let id = trapped_with_notice_queued(&mut d);
    d.lib
        .cancel_hold(
            &actor("general", "2026-04-08"),
            kashidashi_core::domain::HoldId(id),
            PlacedBy::Staff,
        )
        .unwrap();
    d.lib
        .forget_closed_holds(&actor("general", "2026-04-21"))
        .unwrap();
    // 佐藤 now has こころ; 山田 holds it: a new number, never the removed one.
    d.checkout("general", "2026-04-21", "2000000027", "1000000025")
        .unwrap();
    let next = d
        .hold("2026-04-21", "2000000019", "1000000025", "general")
        .unwrap();
    assert!(next.id.0 > id, "hold #{} reuses #{id}", next.id.0);
}

#[test]
fn c20_an_expired_hold_is_removed_seven_days_after_it_expired() {
    let mut d = library("hokkaido");
    trapped_with_notice_queued(&mut d);
    // H10: the shelf's tenth open day passes; the nightly job expires the hold.
    let expired = d.lib.expire_shelf(&actor("general", "2026-05-01")).unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(
        d.lib
            .forget_closed_holds(&actor("general", "2026-05-07"))
            .unwrap(),
        0
    );
    assert_eq!(
        d.lib
            .forget_closed_holds(&actor("general", "2026-05-08"))
            .unwrap(),
        1
    );
    assert_eq!(
        count(&d, "SELECT count(*) FROM holds WHERE patron_id IS NOT NULL"),
        0
    );
}
