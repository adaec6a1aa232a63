//! Loans: C5, C8, C18, H6, K4 through the core API, with the rules' own dates.

mod common;

use common::*;

#[test]
fn h6_counter_loans_are_15_days_counting_the_checkout_day_and_short_loans_8() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "short");
    let out = d
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-04-08"));
    assert_eq!(out.loan.desk.as_str(), "general");
    let short = d
        .checkout("general", "2026-03-25", "2000000019", "1000000025")
        .unwrap();
    assert_eq!(short.loan.due_on, day("2026-04-01"));
    assert_eq!(d.item_status("1000000017"), "貸出中");
    d.sound();
}

#[test]
fn h6_diet_room_loans_are_15_days_too() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    let out = d
        .checkout("diet", "2026-03-24", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-04-07"));
    assert_eq!(out.loan.desk.as_str(), "diet");
}

#[test]
fn k4_kyoto_loans_are_15_days_counting_the_checkout_day() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.copy("1000000017", "檸檬", "normal");
    let out = d
        .checkout("counter", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-04-08"));
}

#[test]
fn c5_reference_and_in_library_copies_are_never_lent() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "国語辞典", "reference");
    d.copy("1000000025", "郷土資料", "in-library");
    d.copy("1000000033", "新聞縮刷版", "in-library-short");
    for (b, label) in [
        ("1000000017", "禁帯"),
        ("1000000025", "館内"),
        ("1000000033", "館短"),
    ] {
        let e = d
            .checkout("general", "2026-04-01", "2000000019", b)
            .unwrap_err();
        assert_eq!(codes(&e), vec!["checkout.not_loanable"]);
        assert!(
            e.message(kashidashi_core::Lang::Ja).contains(label),
            "{label}"
        );
    }
}

#[test]
fn c5_a_copy_on_loan_cannot_be_lent_again() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    let again = d
        .checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(
        codes(&again),
        vec!["checkout.already_borrowed"],
        "a double scan names it"
    );
    let other = d
        .checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&other), vec!["checkout.on_loan"]);
}

#[test]
fn c8_the_eleventh_loan_is_refused_and_only_a_supervisor_may_override() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    for n in 1..=11 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    for n in 1..=10 {
        d.checkout(
            "counter",
            "2026-04-01",
            "2000000019",
            &format!("10000000{n:02}"),
        )
        .unwrap();
    }
    let e = d
        .checkout("counter", "2026-04-01", "2000000019", "1000000011")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkout.limit"]);
    assert!(e.overridable());
    let admin = kashidashi_core::domain::Role::Counter;
    d.lib
        .add_staff(&actor("counter", "2026-04-01"), "desk1", "窓口", admin)
        .unwrap();
    let c = card(&d.lib, "2000000019");
    let b = item(&d.lib, "1000000011");
    let counter = as_staff("desk1", "counter", "2026-04-01");
    assert_eq!(
        codes(&d.lib.checkout(&counter, &c, &b, true).unwrap_err()),
        vec!["checkout.limit"]
    );
    // The built-in admin is a supervisor and above.
    d.lib
        .checkout(&actor("counter", "2026-04-01"), &c, &b, true)
        .unwrap();
    let log = d.lib.audit_log(&actor("counter", "2026-04-01"), 3).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "override" && e.subject.as_deref() == Some("checkout.limit"))
    );
}

#[test]
fn c18_a_copy_on_the_shelf_for_one_patron_goes_to_no_one_else() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    let hold = d
        .hold("2026-04-02", "2000000027", "1000000017", "general")
        .unwrap();
    d.checkin("general", "2026-04-05", "1000000017").unwrap();
    assert_eq!(d.item_status("1000000017"), "割当");
    let e = d
        .checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(codes(&e), vec!["checkout.held_for_another"]);
    assert!(!e.overridable());
    let out = d
        .checkout("general", "2026-04-07", "2000000027", "1000000017")
        .unwrap();
    assert_eq!(out.fulfilled_hold, Some(hold.id));
    assert_eq!(d.hold_status(hold.id).status.as_str(), "fulfilled");
    d.sound();
}

#[test]
fn a_refused_checkout_changes_nothing() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.copy("1000000017", "国語辞典", "reference");
    let before: i64 = d
        .lib
        .connection()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    d.checkout("counter", "2026-04-01", "2000000019", "1000000017")
        .unwrap_err();
    let after: i64 = d
        .lib
        .connection()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(d.item_status("1000000017"), "禁帯");
}
