//! My loans through HTTP (C10–C12, H8, K6, H14, H15): due dates, 延長済, renewing one loan or all
//! with every reason at once, and another patron's loan answered as if it did not exist.

mod common;

use axum::http::StatusCode;
use common::{Site, actor, day, item};

/// The loan id behind the renew button of the card whose title is `title`.
fn renew_button(body: &str, title: &str) -> String {
    let card = &body[body.find(&format!("<h2>{title}</h2>")).expect(title)..];
    let at = card.find("name=\"loan\" value=\"").expect("a renew button") + 19;
    card[at..at + card[at..].find('"').unwrap()].to_string()
}

/// The text of the loan card of `title`.
fn card_of(body: &str, title: &str) -> String {
    let start = body.find(&format!("<h2>{title}</h2>")).expect(title);
    let end = body[start..].find("</article>").unwrap() + start;
    common::strip_tags(&body[start..end])
}

fn hokkaido_reader() -> Site {
    let mut s = Site::new("hokkaido", "2026-04-01");
    s.patron_with("2000000019", "山田 太郎", "yama1990");
    s.patron_with("2000000027", "佐藤 花子", "sato1990");
    s
}

#[test]
fn c10_renewed_on_4_1_a_loan_due_4_8_is_due_4_15_and_shows_renewed() {
    let mut s = hokkaido_reader();
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    // Lent 3/25 at the general counter: due 4/8 (H6, 15 days counting the first).
    s.desk
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    s.sign_in("2000000019", "yama1990");
    let page = s.get("/loans");
    let card = card_of(&page.body, "坊っちゃん");
    assert!(card.contains("2026年4月8日(水)"), "{card}");
    assert!(
        card.contains("2026年4月15日(水)"),
        "the new due date is shown first: {card}"
    );
    assert!(!card.contains("延長済"));
    let id = renew_button(&page.body, "坊っちゃん");
    let p = s.submit("/loans", "/loans/renew", &[("loan", &id)]);
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("を延長しました"));
    let card = card_of(&p.body, "坊っちゃん");
    assert!(
        card.contains("2026年4月15日(水)") && card.contains("延長済"),
        "{card}"
    );
    // C11: once only, said in words; nothing changes on a second try.
    assert!(card.contains("延長できません"), "{card}");
    let p = s.submit("/loans", "/loans/renew", &[("loan", &id)]);
    assert!(p.body.contains("延長できませんでした"));
    let loan = s
        .desk
        .lib
        .patron_panel(
            &actor("general", "2026-04-01"),
            &common::card(&s.desk.lib, "2000000019"),
        )
        .unwrap()
        .loans[0]
        .loan
        .clone();
    assert_eq!((loan.due_on, loan.renewals), (day("2026-04-15"), 1));
}

#[test]
fn c12_renewing_all_renews_what_may_be_and_gives_every_reason_for_the_rest() {
    let mut s = hokkaido_reader();
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    s.desk.copy("1000000025", "こころ", "normal");
    s.desk.copy("1000000033", "三四郎", "normal");
    s.desk
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    s.desk
        .checkout("general", "2026-03-25", "2000000019", "1000000025")
        .unwrap();
    s.desk
        .checkout("general", "2026-03-10", "2000000019", "1000000033")
        .unwrap();
    // 三四郎 was due 3/24: overdue on 4/1 (C11), and H8 then refuses the others too.
    s.sign_in("2000000019", "yama1990");
    let page = s.get("/loans");
    let overdue = card_of(&page.body, "三四郎");
    assert!(overdue.contains("延滞"), "{overdue}");
    for title in ["坊っちゃん", "こころ"] {
        assert!(
            card_of(&page.body, title).contains("延長できません"),
            "H8: {title}"
        );
    }
    // The overdue copy comes back; now 坊っちゃん and こころ may be renewed, but
    // another patron holds こころ (C11).
    s.desk
        .checkin("general", "2026-04-01", "1000000033")
        .unwrap();
    s.desk
        .hold("2026-04-01", "2000000027", "1000000025", "general")
        .unwrap();
    let p = s.submit("/loans", "/loans/renew", &[("all", "1")]);
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body.contains("「坊っちゃん」を延長しました"),
        "{}",
        p.body
    );
    let holds_card = card_of(&p.body, "こころ");
    assert!(holds_card.contains("予約"), "{holds_card}");
    assert!(!holds_card.contains("延長済"));
    assert!(card_of(&p.body, "坊っちゃん").contains("延長済"));
}

#[test]
fn k6_kyoto_refuses_a_renewal_on_the_checkout_day_with_the_reason() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    s.desk.copy("1000000017", "檸檬", "normal");
    s.desk
        .checkout("counter", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    s.sign_in("2000000019", "hanako2026");
    let card = card_of(&s.get("/loans").body, "檸檬");
    assert!(
        card.contains("延長できません") && card.contains("貸出"),
        "{card}"
    );
    // The next day: due 4/16.
    // A day later the session has long gone idle: sign in again.
    s.at("2026-04-02");
    s.sign_in("2000000019", "hanako2026");
    let page = s.get("/loans");
    let id = renew_button(&page.body, "檸檬");
    let p = s.submit("/loans", "/loans/renew", &[("loan", &id)]);
    assert!(card_of(&p.body, "檸檬").contains("2026年4月16日(木)"));
}

#[test]
fn another_patrons_loan_is_not_found_and_not_renewed() {
    let mut s = hokkaido_reader();
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    s.desk.copy("1000000025", "こころ", "normal");
    s.desk
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    s.desk
        .checkout("general", "2026-03-25", "2000000027", "1000000025")
        .unwrap();
    // 佐藤's loan id, as 佐藤 sees it.
    s.sign_in("2000000027", "sato1990");
    let theirs = renew_button(&s.get("/loans").body, "こころ");
    s.jar.clear();
    s.sign_in("2000000019", "yama1990");
    let p = s.submit("/loans", "/loans/renew", &[("loan", &theirs)]);
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(!p.body.contains("こころ") && !p.body.contains("佐藤"));
    // A made-up id answers the same.
    let q = s.submit("/loans", "/loans/renew", &[("loan", "999999")]);
    assert_eq!(q.status, StatusCode::NOT_FOUND);
    assert_eq!(q.body, p.body);
    s.jar.clear();
    s.sign_in("2000000027", "sato1990");
    assert!(!card_of(&s.get("/loans").body, "こころ").contains("延長済"));
}

#[test]
fn h15_a_diet_room_return_shows_as_on_loan_until_the_duty_day() {
    let mut s = hokkaido_reader();
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    // Lent Tue 4/7 in the Diet room: due 4/21.
    s.desk
        .checkout("diet", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    // Handed in Wed 4/8, no library staff: not checked in.
    assert!(s.desk.checkin("diet", "2026-04-08", "1000000017").is_err());
    s.at("2026-04-08");
    s.sign_in("2000000019", "yama1990");
    let card = card_of(&s.get("/loans").body, "坊っちゃん");
    assert!(
        card.contains("2026年4月21日(火)") && card.contains("道議会図書室"),
        "{card}"
    );
    // Thu 4/9, duty day: checked in with the hand-in day; gone from My Page.
    let b = item(&s.desk.lib, "1000000017");
    s.desk
        .lib
        .checkin(
            &actor("diet", "2026-04-09"),
            &b,
            Some(day("2026-04-08")),
            false,
        )
        .unwrap();
    s.at("2026-04-09");
    s.sign_in("2000000019", "yama1990");
    let page = s.get("/loans");
    assert!(!page.body.contains("坊っちゃん"));
    assert!(page.body.contains("借りている資料はありません"));
}

#[test]
fn h14_a_partner_library_loan_shows_until_checked_in_at_the_main_library_and_is_not_renewed() {
    let mut s = hokkaido_reader();
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    s.desk
        .checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    s.desk
        .hold("2026-04-02", "2000000019", "1000000017", "ebetsu")
        .unwrap();
    s.desk
        .checkin("general", "2026-04-05", "1000000017")
        .unwrap();
    // Sent on the run of Tue 4/7: lent for 30 days counting the first (H6): due 5/6.
    s.desk
        .checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    s.at("2026-04-20");
    s.sign_in("2000000019", "yama1990");
    let card = card_of(&s.get("/loans").body, "坊っちゃん");
    assert!(card.contains("江別市情報図書館"), "{card}");
    assert!(card.contains("2026年5月6日(水)"), "{card}");
    assert!(card.contains("延長できません"), "H8: {card}");
    // Returned at Ebetsu 4/24, on its way back: still on loan until the main library checks it in.
    s.at("2026-04-27");
    s.sign_in("2000000019", "yama1990");
    assert!(s.get("/loans").body.contains("坊っちゃん"));
    s.desk
        .checkin("general", "2026-04-28", "1000000017")
        .unwrap();
    s.at("2026-04-28");
    s.sign_in("2000000019", "yama1990");
    let page = s.get("/loans");
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("坊っちゃん"));
}
