//! Renewals: C10–C12, H8, K6, with the Hokkaido guide's own example.

mod common;

use common::*;

#[test]
fn c10_due_4_8_renewed_on_4_1_is_due_4_15_not_4_22() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    let out = d
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.due_on, day("2026-04-08"));
    let renewed = d.renew("2026-04-01", "1000000017").unwrap();
    assert_eq!(renewed.due_on, day("2026-04-15"));
    assert!(renewed.renewed(), "the loan shows 延長済");
    let again = d.renew("2026-04-02", "1000000017").unwrap_err();
    assert_eq!(codes(&again), vec!["renew.already_renewed"]);
}

#[test]
fn c10_short_loans_are_renewed_for_7_days() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "こころ", "short");
    d.checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(
        d.renew("2026-03-28", "1000000017").unwrap().due_on,
        day("2026-04-04")
    );
}

#[test]
fn c11_c12_every_reason_that_applies_is_reported_at_once() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "取り寄せた本", "normal");
    d.lib
        .connection()
        .execute(
            "UPDATE items SET ill = TRUE WHERE barcode = '1000000017'",
            [],
        )
        .unwrap();
    d.checkout("counter", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    d.lib
        .connection()
        .execute("UPDATE loans SET renewals = 1", [])
        .unwrap();
    d.hold("2026-03-30", "2000000027", "1000000017", "counter")
        .unwrap();
    let e = d.renew("2026-04-10", "1000000017").unwrap_err();
    assert_eq!(
        codes(&e),
        vec![
            "renew.has_holds",
            "renew.already_renewed",
            "renew.inter_library_loan",
            "renew.overdue"
        ]
    );
    let msg = e.message(kashidashi_core::Lang::Ja);
    for words in ["予約", "1回", "他の図書館", "返却期限"] {
        assert!(msg.contains(words), "{words} in {msg}");
    }
    match &e {
        kashidashi_core::Error::Refused(rs) => {
            assert!(
                rs.iter().all(|r| r.rule().is_some()),
                "each reason names its rule"
            );
        }
        _ => unreachable!(),
    }
}

#[test]
fn h8_hokkaido_refuses_renewal_while_any_loan_is_overdue_kyoto_does_not() {
    for (profile, desk, expected) in [
        ("hokkaido", "general", vec!["renew.patron_has_overdue"]),
        ("kyoto", "counter", vec![]),
    ] {
        let mut d = library(profile);
        d.patron("2000000019", "山田 太郎");
        d.copy("1000000017", "古い本", "normal");
        d.copy("1000000025", "新しい本", "normal");
        d.checkout(desk, "2026-03-01", "2000000019", "1000000017")
            .unwrap();
        d.checkout(desk, "2026-03-25", "2000000019", "1000000025")
            .unwrap();
        let r = d.renew("2026-04-01", "1000000025");
        assert_eq!(
            r.as_ref().err().map(codes).unwrap_or_default(),
            expected,
            "{profile}"
        );
    }
}

#[test]
fn k6_kyoto_refuses_renewal_on_the_checkout_day_hokkaido_allows_it() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.copy("1000000017", "檸檬", "normal");
    d.checkout("counter", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(
        codes(&d.renew("2026-04-01", "1000000017").unwrap_err()),
        vec!["renew.checkout_day"]
    );
    assert_eq!(
        d.renew("2026-04-02", "1000000017").unwrap().due_on,
        day("2026-04-16")
    );

    let mut h = library("hokkaido");
    h.patron("2000000019", "山田 太郎");
    h.copy("1000000017", "坊っちゃん", "normal");
    h.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(
        h.renew("2026-04-01", "1000000017").unwrap().due_on,
        day("2026-04-15")
    );
}

#[test]
fn h8_loans_received_at_a_partner_library_or_home_are_not_renewed() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-04-02", "2000000019", "1000000017", "ebetsu")
        .unwrap();
    let trap = d.checkin("general", "2026-04-05", "1000000017").unwrap();
    // Trapped on Sun 4/5: out on the next run, Tue 4/7; the loan is made then, at the main library.
    assert_eq!(trapped(&trap).delivery_run, Some(day("2026-04-07")));
    let out = d
        .checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    assert_eq!(out.loan.desk.as_str(), "ebetsu");
    assert_eq!(
        codes(&d.renew("2026-04-20", "1000000017").unwrap_err()),
        vec!["renew.delivery_loan"]
    );
}

#[test]
fn a_supervisor_may_override_an_overdue_refusal_but_not_a_waiting_hold() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "檸檬", "normal");
    d.checkout("counter", "2026-03-01", "2000000019", "1000000017")
        .unwrap();
    let b = item(&d.lib, "1000000017");
    let loan = d
        .lib
        .renew(&actor("counter", "2026-04-01"), &b, true)
        .unwrap();
    assert_eq!(loan.due_on, day("2026-04-15"));
    d.lib
        .connection()
        .execute("UPDATE loans SET renewals = 0", [])
        .unwrap();
    d.hold("2026-04-02", "2000000027", "1000000017", "counter")
        .unwrap();
    let e = d
        .lib
        .renew(&actor("counter", "2026-04-03"), &b, true)
        .unwrap_err();
    assert_eq!(codes(&e), vec!["renew.has_holds"]);
}

#[test]
fn c10_the_panel_shows_that_renewing_a_loan_made_today_would_not_move_its_due_date() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    let patron = card(&d.lib, "2000000019");
    let same_day = d
        .lib
        .patron_panel(&actor("general", "2026-03-25"), &patron)
        .unwrap();
    assert_eq!(same_day.loans[0].loan.due_on, day("2026-04-08"));
    assert_eq!(same_day.loans[0].renewal_due, day("2026-04-08"));
    let week_later = d
        .lib
        .patron_panel(&actor("general", "2026-04-01"), &patron)
        .unwrap();
    assert_eq!(week_later.loans[0].renewal_due, day("2026-04-15"));
    assert_eq!(
        d.renew("2026-04-01", "1000000017").unwrap().due_on,
        day("2026-04-15"),
        "the renewal gives the date the panel showed"
    );
}
