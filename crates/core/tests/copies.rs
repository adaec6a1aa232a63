//! Copies beyond the desk (C21): lost, damaged, in repair, withdrawn, claimed returned and
//! missing, what each does to a loan and a hold, and stock-taking (蔵書点検). Hokkaido's general
//! counter, closed on Mondays.

mod common;

use common::*;
use kashidashi_core::copies::StocktakeId;
use kashidashi_core::domain::{Collection, CopyState, Mark, Role};
use kashidashi_core::holds::HoldStatus;

const READER: &str = "2000000019";
const OTHER: &str = "2000000027";
const THIRD: &str = "2000000035";

fn desk() -> Desk {
    let mut d = library("hokkaido");
    d.patron(READER, "山田 太郎");
    d.patron(OTHER, "佐藤 花子");
    d.patron(THIRD, "鈴木 一郎");
    d
}

fn mark(
    d: &mut Desk,
    date: &str,
    barcode: &str,
    to: Mark,
) -> kashidashi_core::Result<kashidashi_core::copies::MarkOutcome> {
    let b = item(&d.lib, barcode);
    d.lib.mark_item(&actor("general", date), &b, to, None)
}

fn open_loans(d: &mut Desk, card_no: &str, date: &str) -> usize {
    let c = card(&d.lib, card_no);
    d.lib
        .patron_panel(&actor("general", date), &c)
        .unwrap()
        .loans
        .len()
}

#[test]
fn a_lost_copy_closes_its_loan_and_is_refused_by_name_at_checkout_and_checkin() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();

    let out = mark(
        &mut d,
        "2026-04-10",
        "1000000017",
        Mark::As(CopyState::Lost),
    )
    .unwrap();
    assert!(out.changed);
    assert_eq!(out.item.status_label(), "紛失");
    assert_eq!(out.item.status.as_str(), "lost");
    assert_eq!(out.item.state_since, Some(day("2026-04-10")));
    assert_eq!(
        open_loans(&mut d, READER, "2026-04-10"),
        0,
        "the loan closed as lost"
    );
    let audit = d.lib.audit_log(&actor("general", "2026-04-10"), 5).unwrap();
    assert_eq!(audit[0].action, "item.lost");
    assert_eq!(
        audit[0].subject.as_deref(),
        Some("1000000017"),
        "the copy, no patron (C6)"
    );
    d.sound();

    let e = d
        .checkout("general", "2026-04-11", OTHER, "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["item.lost"]);
    assert_eq!(e.rule(), Some("C21"));
    assert!(!e.overridable(), "a lost copy is never lent");
    let e = d
        .checkin("general", "2026-04-11", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["item.lost"]);

    // Marking it lost again changes nothing.
    let again = mark(
        &mut d,
        "2026-04-12",
        "1000000017",
        Mark::As(CopyState::Lost),
    )
    .unwrap();
    assert!(!again.changed);
    assert_eq!(again.item.state_since, Some(day("2026-04-10")));
    d.sound();
}

#[test]
fn a_claimed_return_leaves_the_overdue_list_and_a_later_scan_returns_it_on_the_claimed_day() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    // Lent Wednesday 1 April for 15 days counting the loan day: due Wednesday 15 April.
    let lent = d
        .checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();
    assert_eq!(lent.loan.due_on, day("2026-04-15"));
    let overdue = |d: &mut Desk, date: &str| {
        d.lib
            .overdue_report(&actor("general", date), "general", day(date), |_| Ok(()))
            .unwrap()
    };
    assert_eq!(overdue(&mut d, "2026-04-21"), 1);

    // Tuesday 21 April the patron says it came back: set aside while staff search.
    let out = mark(
        &mut d,
        "2026-04-21",
        "1000000017",
        Mark::As(CopyState::ClaimsReturned),
    )
    .unwrap();
    assert_eq!(out.item.status_label(), "返却済申告");
    assert_eq!(overdue(&mut d, "2026-04-22"), 0, "out of the overdue list");
    assert_eq!(
        open_loans(&mut d, READER, "2026-04-22"),
        0,
        "no loan counts"
    );
    d.sound();
    let e = d
        .checkout("general", "2026-04-22", OTHER, "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["item.claims_returned"]);

    // Saturday 25 April it turns up on the shelf: the scan settles the claim as a return on the
    // claimed day, and the copy is on the shelf again.
    let back = d.checkin("general", "2026-04-25", "1000000017").unwrap();
    let loan = back.loan.expect("the claimed loan");
    assert_eq!(loan.returned_on, Some(day("2026-04-21")));
    assert!(back.overdue, "claimed six days after the due date");
    assert_eq!(back.item.status_label(), "在庫");
    d.sound();
    d.checkout("general", "2026-04-25", OTHER, "1000000017")
        .unwrap();
}

#[test]
fn a_claimed_copy_scanned_at_the_stocktaking_settles_the_claim() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();
    mark(
        &mut d,
        "2026-04-21",
        "1000000017",
        Mark::As(CopyState::ClaimsReturned),
    )
    .unwrap();
    let a = actor("general", "2026-06-02");
    let id = d.lib.stocktake_start(&a, Collection::General).unwrap();
    let seen = d
        .lib
        .stocktake_scan(&a, id, &item(&d.lib, "1000000017"))
        .unwrap();
    assert!(seen.found);
    assert_eq!(seen.item.status_label(), "在庫");
    d.sound();
}

#[test]
fn a_search_that_ends_in_loss_closes_the_claim_as_lost() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();
    mark(
        &mut d,
        "2026-04-21",
        "1000000017",
        Mark::As(CopyState::ClaimsReturned),
    )
    .unwrap();
    let lost = mark(
        &mut d,
        "2026-05-12",
        "1000000017",
        Mark::As(CopyState::Lost),
    )
    .unwrap();
    assert_eq!(lost.item.status_label(), "紛失");
    d.sound();
}

#[test]
fn damage_and_claims_need_the_copy_where_the_rule_says() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();

    // Damage is judged with the copy in hand: check it in first.
    let e = mark(
        &mut d,
        "2026-04-02",
        "1000000017",
        Mark::As(CopyState::Damaged),
    )
    .unwrap_err();
    assert_eq!(codes(&e), vec!["item.mark_on_loan"]);
    // Only a copy on loan can be claimed returned.
    let e = mark(
        &mut d,
        "2026-04-02",
        "1000000025",
        Mark::As(CopyState::ClaimsReturned),
    )
    .unwrap_err();
    assert_eq!(codes(&e), vec!["item.claim_not_on_loan"]);
    assert_eq!(d.item_status("1000000017"), "貸出中");
    assert_eq!(d.item_status("1000000025"), "在庫");

    d.checkin("general", "2026-04-03", "1000000017").unwrap();
    let out = mark(
        &mut d,
        "2026-04-03",
        "1000000017",
        Mark::As(CopyState::Damaged),
    )
    .unwrap();
    assert_eq!(out.item.status_label(), "汚損");
    let out = mark(
        &mut d,
        "2026-04-04",
        "1000000017",
        Mark::As(CopyState::InRepair),
    )
    .unwrap();
    assert_eq!(out.item.status_label(), "修理中");
    let e = d
        .checkin("general", "2026-04-05", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["item.in_repair"]);
    d.sound();
}

#[test]
fn withdrawing_a_copy_is_for_catalogue_staff_and_a_withdrawn_title_takes_no_holds() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.lib
        .add_staff(
            &actor("general", "2026-04-01"),
            "desk1",
            "窓口",
            Role::Counter,
        )
        .unwrap();
    let b = item(&d.lib, "1000000017");
    let e = d
        .lib
        .mark_item(
            &as_staff("desk1", "general", "2026-04-02"),
            &b,
            Mark::As(CopyState::Withdrawn),
            None,
        )
        .unwrap_err();
    assert_eq!(codes(&e), vec!["staff.not_allowed"]);
    // Counter staff may mark a copy damaged.
    d.lib
        .mark_item(
            &as_staff("desk1", "general", "2026-04-02"),
            &b,
            Mark::As(CopyState::Damaged),
            Some("表紙が外れている"),
        )
        .unwrap();

    let out = mark(
        &mut d,
        "2026-04-03",
        "1000000017",
        Mark::As(CopyState::Withdrawn),
    )
    .unwrap();
    assert_eq!(out.item.status_label(), "除籍");
    assert_eq!(
        out.item.state_note, None,
        "a new state starts without the old note"
    );
    let e = d
        .hold("2026-04-03", READER, "1000000017", "general")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.not_reservable"]);
    d.sound();
}

#[test]
fn a_copy_on_the_hold_shelf_marked_damaged_hands_its_hold_to_the_shelf_copy() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();
    d.checkout("general", "2026-04-01", OTHER, "1000000025")
        .unwrap();
    let hold = d
        .hold("2026-04-02", THIRD, "1000000017", "general")
        .unwrap();

    // Wednesday 8 April the first copy comes back and waits on the hold shelf.
    let back = d.checkin("general", "2026-04-08", "1000000017").unwrap();
    assert_eq!(trapped(&back).hold, hold.id);
    // Thursday 9 April the second goes back on the open shelf: nobody else waits.
    d.checkin("general", "2026-04-09", "1000000025").unwrap();
    assert_eq!(d.item_status("1000000025"), "在庫");

    // Friday 10 April staff find the copy on the hold shelf torn: the hold keeps its place and
    // takes the copy on the open shelf, which goes onto the pull list (割当).
    mark(
        &mut d,
        "2026-04-10",
        "1000000017",
        Mark::As(CopyState::Damaged),
    )
    .unwrap();
    let h = d.hold_status(hold.id);
    assert_eq!(h.status, HoldStatus::Allocated);
    assert_eq!(h.position, Some(1));
    assert_eq!(h.item.as_ref().map(|b| b.as_str()), Some("1000000025"));
    assert_eq!(d.item_status("1000000025"), "割当");
    assert_eq!(d.item_status("1000000017"), "汚損");
    d.sound();
}

#[test]
fn a_repaired_copy_marked_available_goes_to_the_first_waiting_hold() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    mark(
        &mut d,
        "2026-04-01",
        "1000000017",
        Mark::As(CopyState::InRepair),
    )
    .unwrap();
    let hold = d
        .hold("2026-04-02", READER, "1000000017", "general")
        .unwrap();
    assert_eq!(
        d.hold_status(hold.id).status,
        HoldStatus::Waiting,
        "no copy to take"
    );

    let out = mark(&mut d, "2026-04-15", "1000000017", Mark::Available).unwrap();
    let trap = match out.route {
        Some(kashidashi_core::holds::RouteOutcome::Trapped(t)) => t,
        other => panic!("expected a trap, got {other:?}"),
    };
    assert_eq!(trap.hold, hold.id);
    assert_eq!(d.hold_status(hold.id).status, HoldStatus::Ready);
    assert_eq!(out.item.state_since, None);
    d.sound();
}

/// The scenario of issue 9: a stock-taking of the general collection in June 2026 finds two
/// copies missing; one turns up at the counter a week later, the other at December's count.
#[test]
fn a_stocktaking_finds_two_copies_missing_and_one_is_later_found() {
    let mut d = desk();
    for (b, title, call) in [
        ("1000000017", "坊っちゃん", "913.6/ナ"),
        ("1000000025", "こころ", "913.6/ナ"),
        ("1000000033", "羅生門", "913.6/ア"),
        ("1000000041", "雪国", "913.6/カ"),
        ("1000000058", "銀河鉄道の夜", "913.6/ミ"),
        ("1000000066", "人間失格", "913.6/ダ"),
    ] {
        d.copy(b, title, "normal");
        d.lib
            .connection()
            .execute(
                "UPDATE items SET call_number = ?1 WHERE barcode = ?2",
                (call, b),
            )
            .unwrap();
    }
    d.copy_in("1000000074", "北海道の地名", "reference", "northern");
    // On loan, and trapped for a hold on the shelf: elsewhere, not missing.
    d.checkout("general", "2026-05-26", READER, "1000000017")
        .unwrap();
    d.checkout("general", "2026-05-26", READER, "1000000025")
        .unwrap();
    d.hold("2026-05-27", OTHER, "1000000025", "general")
        .unwrap();
    d.checkin("general", "2026-05-29", "1000000025").unwrap();
    assert_eq!(d.item_status("1000000025"), "割当");

    // Tuesday 2 June: the count of the general collection starts; one at a time.
    let a = actor("general", "2026-06-02");
    let id = d.lib.stocktake_start(&a, Collection::General).unwrap();
    let e = d.lib.stocktake_start(&a, Collection::General).unwrap_err();
    assert_eq!(codes(&e), vec!["stocktake.already_open"]);

    let scan = |d: &mut Desk, b: &str| {
        let b = item(&d.lib, b);
        d.lib
            .stocktake_scan(&actor("general", "2026-06-02"), id, &b)
    };
    let first = scan(&mut d, "1000000033").unwrap();
    assert!(first.first);
    let twice = scan(&mut d, "1000000033").unwrap();
    assert!(!twice.first, "a double scan is harmless");
    let e = scan(&mut d, "1000000074").unwrap_err();
    assert_eq!(codes(&e), vec!["stocktake.other_collection"]);
    let e = d
        .lib
        .stocktake_scan(&a, StocktakeId(id.0 + 100), &item(&d.lib, "1000000033"))
        .unwrap_err();
    assert_eq!(codes(&e), vec!["stocktake.unknown"]);
    scan(&mut d, "1000000066").unwrap();
    // Wednesday 3 June 坊っちゃん comes back and is shelved, perhaps behind the scanners.
    d.checkin("general", "2026-06-03", "1000000017").unwrap();

    // Friday 5 June: what was not seen is listed in call-number order and marked 不明.
    let done = d
        .lib
        .stocktake_finish(&actor("general", "2026-06-05"), id)
        .unwrap();
    assert_eq!(done.scanned, 2);
    let missing: Vec<(&str, &str)> = done
        .missing
        .iter()
        .map(|m| (m.barcode.as_str(), m.title.as_str()))
        .collect();
    assert_eq!(
        missing,
        vec![("1000000041", "雪国"), ("1000000058", "銀河鉄道の夜")]
    );
    assert_eq!(done.missing[0].call_number.as_deref(), Some("913.6/カ"));
    assert_eq!(d.item_status("1000000041"), "不明");
    assert_eq!(d.item_status("1000000058"), "不明");
    assert_eq!(
        d.item_status("1000000017"),
        "在庫",
        "returned during the count: not listed"
    );
    assert_eq!(d.item_status("1000000025"), "割当");
    assert_eq!(
        d.item_status("1000000074"),
        "禁帯",
        "another collection's count"
    );
    d.sound();
    let e = scan(&mut d, "1000000041").unwrap_err();
    assert_eq!(codes(&e), vec!["stocktake.finished"]);
    let e = d
        .checkout("general", "2026-06-06", THIRD, "1000000041")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["item.missing"]);

    // Tuesday 9 June 雪国 turns up misshelved and is scanned at the counter: back on the shelf.
    let found = d.checkin("general", "2026-06-09", "1000000041").unwrap();
    assert_eq!(found.item.status_label(), "在庫");
    assert!(found.loan.is_none());
    d.checkout("general", "2026-06-09", THIRD, "1000000041")
        .unwrap();

    // December's count finds 銀河鉄道の夜 on the shelf; a hold placed meanwhile takes it.
    d.hold("2026-06-10", THIRD, "1000000058", "general")
        .unwrap();
    let a = actor("general", "2026-12-01");
    let id = d.lib.stocktake_start(&a, Collection::General).unwrap();
    let back = d
        .lib
        .stocktake_scan(&a, id, &item(&d.lib, "1000000058"))
        .unwrap();
    assert!(back.found);
    assert_eq!(
        back.item.status_label(),
        "割当",
        "onto the pull list for the hold"
    );
    d.sound();
}

#[test]
fn check_names_a_lost_copy_with_an_open_loan_and_a_missing_copy_set_aside() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.checkout("general", "2026-04-01", READER, "1000000017")
        .unwrap();
    d.hold("2026-04-01", OTHER, "1000000025", "general")
        .unwrap();
    assert_eq!(d.item_status("1000000025"), "割当");
    d.sound();

    let conn = d.lib.connection();
    conn.execute(
        "UPDATE items SET copy_state = 'lost' WHERE barcode = '1000000017'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE items SET copy_state = 'missing' WHERE barcode = '1000000025'",
        [],
    )
    .unwrap();
    let problems = d.lib.check_invariants().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(C21) with an open loan")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(C21) set aside or travelling for a hold")),
        "{problems:?}"
    );
}

#[test]
fn a_loan_reported_lost_makes_room_for_a_home_delivery_held_back_at_the_limit() {
    let mut d = desk();
    for n in 0..10 {
        let b = format!("10000001{n:02}");
        d.copy(&b, &format!("全集 第{}巻", n + 1), "normal");
        d.checkout("general", "2026-04-01", READER, &b).unwrap();
    }
    d.copy("1000000200", "雪国", "normal");
    // The copy on the shelf is set aside for home delivery and pulled: ten loans hold it back.
    let hold = d.hold("2026-04-01", READER, "1000000200", "home").unwrap();
    assert_eq!(d.hold_status(hold.id).status, HoldStatus::Allocated);
    d.checkin("general", "2026-04-01", "1000000200").unwrap();
    assert_eq!(d.hold_status(hold.id).status, HoldStatus::AwaitingReturn);

    // Friday 3 April the patron phones: one volume is lost. The loan closes, and the parcel may go.
    mark(
        &mut d,
        "2026-04-03",
        "1000000105",
        Mark::As(CopyState::Lost),
    )
    .unwrap();
    assert_eq!(d.hold_status(hold.id).status, HoldStatus::Ready);
    d.sound();
}

#[test]
fn a_stocktaking_started_at_one_desk_is_listed_open_at_another_until_it_finishes() {
    let mut d = desk();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy_in("1000000074", "北海道の川", "normal", "northern");
    d.copy_in("1000000082", "北海道の山", "normal", "northern");

    // Tuesday 2 June: the northern counter starts counting its shelves and scans one copy.
    let northern = actor("northern", "2026-06-02");
    let id = d
        .lib
        .stocktake_start(&northern, Collection::Northern)
        .unwrap();
    d.lib
        .stocktake_scan(&northern, id, &item(&d.lib, "1000000074"))
        .unwrap();

    // Wednesday 3 June the general counter sees it, with the copy already scanned, and goes on.
    let general = actor("general", "2026-06-03");
    let open = d.lib.stocktakes_open(&general).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, id);
    assert_eq!(open[0].collection, Collection::Northern);
    assert_eq!(open[0].started_on, day("2026-06-02"));
    assert_eq!(open[0].started_by, "admin");
    assert_eq!(open[0].scanned, 1);
    d.lib
        .stocktake_scan(&general, open[0].id, &item(&d.lib, "1000000082"))
        .unwrap();
    let general_count = d
        .lib
        .stocktake_start(&general, Collection::General)
        .unwrap();
    let open = d.lib.stocktakes_open(&general).unwrap();
    let listed: Vec<(StocktakeId, Collection, u32)> = open
        .iter()
        .map(|s| (s.id, s.collection, s.scanned))
        .collect();
    assert_eq!(
        listed,
        vec![
            (id, Collection::Northern, 2),
            (general_count, Collection::General, 0)
        ],
        "oldest first, with every desk's scans"
    );

    // Friday 5 June the northern count finishes: only the general one is left to resume.
    let done = d
        .lib
        .stocktake_finish(&actor("general", "2026-06-05"), id)
        .unwrap();
    assert_eq!(done.scanned, 2);
    assert!(done.missing.is_empty());
    let open = d.lib.stocktakes_open(&general).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, general_count);
    d.sound();
}
