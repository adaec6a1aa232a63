//! Supervisor reports through the core API, on both engines: the overdue list streamed a line at
//! a time (defect 9), the expired holds with their copies and daily statistics (defect 7).

mod common;

use common::*;
use kashidashi_core::domain::DeskCode;
use kashidashi_core::holds::HoldStatus;
use kashidashi_core::reports::{CopyNow, OverdueLine};

fn overdue(d: &mut Desk, desk: &str, date: &str) -> (usize, Vec<OverdueLine>) {
    let mut lines = Vec::new();
    let n = d
        .lib
        .overdue_report(&actor(desk, date), desk, day(date), |l| {
            lines.push(l);
            Ok(())
        })
        .unwrap();
    (n, lines)
}

#[test]
fn the_overdue_list_streams_each_loan_due_before_the_day_longest_overdue_first() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy("1000000033", "三四郎", "normal");
    d.copy("1000000041", "門", "normal");
    d.copy("1000000058", "それから", "normal");
    // Due 4/15, then 4/08 (H6: 15 days counting the checkout day), one not due yet, one
    // returned, one lent in the Diet room.
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    d.checkout("general", "2026-03-25", "2000000027", "1000000025")
        .unwrap();
    d.checkout("general", "2026-04-10", "2000000019", "1000000033")
        .unwrap();
    d.checkout("general", "2026-03-25", "2000000019", "1000000041")
        .unwrap();
    d.checkin("general", "2026-04-07", "1000000041").unwrap();
    d.checkout("diet", "2026-03-24", "2000000019", "1000000058")
        .unwrap();

    let (n, lines) = overdue(&mut d, "general", "2026-04-20");
    assert_eq!(n, 2);
    let seen: Vec<(&str, i64, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l.loan.item.barcode.as_str(),
                l.days_overdue,
                l.card.as_str(),
                l.name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("1000000025", 12, "2000000027", "佐藤 花子"),
            ("1000000017", 5, "2000000019", "山田 太郎"),
        ]
    );
    assert_eq!(lines[0].loan.due_on, day("2026-04-08"));
    assert_eq!(lines[0].loan.item.title, "こころ");

    let (n, lines) = overdue(&mut d, "diet", "2026-04-20");
    assert_eq!((n, lines[0].loan.item.barcode.as_str()), (1, "1000000058"));
    let (n, _) = overdue(&mut d, "general", "2026-04-08");
    assert_eq!(n, 0, "a loan due today is not overdue yet");
}

#[test]
fn an_overdue_list_stops_at_the_callers_first_error() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    d.checkout("general", "2026-03-26", "2000000019", "1000000025")
        .unwrap();
    let mut calls = 0;
    let e = d
        .lib
        .overdue_report(
            &actor("general", "2026-04-20"),
            "general",
            day("2026-04-20"),
            |_| {
                calls += 1;
                Err(kashidashi_core::StoreError::Io {
                    path: "overdue.csv".into(),
                    detail: "disk full".into(),
                }
                .into())
            },
        )
        .unwrap_err();
    assert_eq!((e.code(), calls), ("store.io", 1));
    // The library is still usable: the stream ended with the error.
    assert_eq!(overdue(&mut d, "general", "2026-04-20").0, 2);
}

fn shelved_copy(d: &mut Desk, barcode: &str, title: &str, call_number: &str) {
    let b = item(&d.lib, barcode);
    let details = kashidashi_core::catalog::ItemDetails {
        title: title.into(),
        author: Some("夏目 漱石".into()),
        call_number: Some(call_number.into()),
        ..Default::default()
    };
    d.lib
        .add_item(&actor("general", "2026-01-06"), &b, &details)
        .unwrap();
}

/// Defect 7, C17: after the nightly expiry the list still names each copy on the shelf by
/// barcode and call number, and says where it went: trapped for the next hold stays on the
/// shelf, a copy nobody waits for goes back to the open shelves.
#[test]
fn c17_expired_holds_name_the_copy_and_where_it_went_next() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    shelved_copy(&mut d, "1000000017", "坊っちゃん", "913.6/N");
    shelved_copy(&mut d, "1000000025", "こころ", "913.6/N/2");
    let first = d
        .hold("2026-04-01", "2000000019", "1000000017", "general")
        .unwrap();
    let alone = d
        .hold("2026-04-01", "2000000019", "1000000025", "general")
        .unwrap();
    let next = d
        .hold("2026-04-02", "2000000027", "1000000017", "general")
        .unwrap();
    // Pulled from the open shelves on 4/01 (C16): on the hold shelf from then.
    trapped(&d.checkin("general", "2026-04-01", "1000000017").unwrap());
    trapped(&d.checkin("general", "2026-04-01", "1000000025").unwrap());
    let last_day = d.hold_status(first.id).expires_on.unwrap();
    let after = last_day.succ_opt().unwrap();
    let after_s = after.format("%Y-%m-%d").to_string();
    let a = actor("general", &after_s);

    let before_job = d.lib.expired_holds_report(&a, "general", after).unwrap();
    let copies: Vec<(Option<&str>, Option<&str>, &CopyNow)> = before_job
        .iter()
        .map(|l| {
            (
                l.copy.as_ref().map(|c| c.barcode.as_str()),
                l.copy.as_ref().and_then(|c| c.call_number.as_deref()),
                &l.now,
            )
        })
        .collect();
    assert_eq!(
        copies,
        [
            (Some("1000000017"), Some("913.6/N"), &CopyNow::Unprocessed),
            (Some("1000000025"), Some("913.6/N/2"), &CopyNow::Unprocessed),
        ]
    );

    d.lib.expire_shelf(&a).unwrap();
    let after_job = d.lib.expired_holds_report(&a, "general", after).unwrap();
    assert_eq!(
        after_job.iter().map(|l| l.hold.id).collect::<Vec<_>>(),
        [first.id, alone.id]
    );
    let barcodes: Vec<(&str, Option<&str>)> = after_job
        .iter()
        .map(|l| {
            let c = l.copy.as_ref().expect("the copy let go of is named");
            (c.barcode.as_str(), c.call_number.as_deref())
        })
        .collect();
    assert_eq!(
        barcodes,
        [
            ("1000000017", Some("913.6/N")),
            ("1000000025", Some("913.6/N/2"))
        ]
    );
    assert_eq!(
        after_job[0].now,
        CopyNow::NextHold {
            hold: next.id,
            status: HoldStatus::Ready,
            shelf_desk: Some(DeskCode::new("general")),
        },
        "trapped for the next hold, not left for the open shelves"
    );
    assert_eq!(after_job[1].now, CopyNow::Shelf);
    d.sound();
}

/// Defect 7, C6: a day's returns are loans returned; receiving a copy in transit and pulling a
/// copy for its hold are scans at the check-in screen, not returns.
#[test]
fn c6_daily_statistics_count_returns_not_transit_receipts_or_pulled_holds() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    // Tue 2026-04-07, a duty day of the Diet room (H15).
    d.checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let hold = d
        .hold("2026-04-07", "2000000019", "1000000025", "diet")
        .unwrap();
    let pulled = d.checkin("general", "2026-04-07", "1000000025").unwrap();
    assert!(pulled.loan.is_none());
    let received = d.checkin("diet", "2026-04-07", "1000000025").unwrap();
    assert!(received.received);
    assert_eq!(d.hold_status(hold.id).status, HoldStatus::Ready);
    d.checkin("general", "2026-04-07", "1000000017").unwrap();

    let stats = d
        .lib
        .daily_stats(&actor("general", "2026-04-07"), day("2026-04-07"))
        .unwrap();
    let of = |code: &str| {
        let c = stats
            .iter()
            .find(|c| c.desk.as_ref().is_some_and(|d| d.as_str() == code))
            .unwrap();
        (c.checkouts, c.checkins, c.renewals, c.holds_placed)
    };
    assert_eq!(of("general"), (1, 1, 0, 1));
    assert_eq!(of("diet"), (0, 0, 0, 0));
}
