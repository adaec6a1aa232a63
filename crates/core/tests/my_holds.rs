//! My Page's holds (issue 13): what a signed-in patron sees and may do with their own holds
//! (C13–C15, K7, K8, H9, H10, H12, H14), with the guides' own dates.

mod common;

use common::*;
use kashidashi_core::Library;
use kashidashi_core::domain::{HoldId, PatronId, TitleId};
use kashidashi_core::holds::{HoldStatus, Notify};
use kashidashi_core::patrons::PatronDetails;

/// A patron who set a real password (K1), as every signed-in My Page user has.
/// `full`: with an e-mail, an address, and Ebetsu as a partner library where there is one.
fn signed_up(d: &mut Desk, card_no: &str, name: &str, full: bool) -> PatronId {
    let c = card(&d.lib, card_no);
    let details = if full {
        with_address(d)
    } else {
        PatronDetails::default()
    };
    let r = d
        .lib
        .register_patron(
            &actor(d.first_counter(), "2026-01-06"),
            &c,
            &PatronDetails {
                name: name.into(),
                ..details
            },
            false,
        )
        .unwrap();
    d.lib
        .change_patron_password(&c, &r.temporary_password, "mypass12", on("2026-01-06"))
        .unwrap();
    r.patron.id
}

fn with_address(d: &Desk) -> PatronDetails {
    PatronDetails {
        email: Some("hanako@example.jp".into()),
        postal_code: Some("060-0001".into()),
        address: Some("札幌市中央区北1条西1丁目".into()),
        partners: if d.lib.policy().desk("ebetsu").is_ok() {
            vec!["ebetsu".into()]
        } else {
            vec![]
        },
        ..Default::default()
    }
}

fn title_of(d: &mut Desk, barcode: &str) -> TitleId {
    let b = item(&d.lib, barcode);
    d.lib
        .item(&actor(d.first_counter(), "2026-01-06"), &b)
        .unwrap()
        .title_id
}

fn place(lib: &mut Library, p: PatronId, t: TitleId, pickup: &str, date: &str) -> HoldId {
    lib.my_place_holds(p, &[t], pickup, Notify::None, None, on(date))
        .unwrap()[0]
        .id
}

#[test]
fn k8_kyoto_patron_sees_the_queue_then_the_guides_words_and_cannot_cancel_once_ready() {
    let mut d = library("kyoto");
    let hanako = signed_up(&mut d, "2000000019", "京都 花子", true);
    d.patron("2000000027", "京都 次郎");
    d.patron("2000000035", "京都 三郎");
    d.copy("1000000017", "檸檬", "normal");
    let t = title_of(&mut d, "1000000017");
    d.checkout("counter", "2027-05-20", "2000000027", "1000000017")
        .unwrap();
    d.hold("2027-05-20", "2000000035", "1000000017", "counter")
        .unwrap();
    let id = place(&mut d.lib, hanako, t, "counter", "2027-05-21");

    let mine = d.lib.my_holds(hanako, on("2027-05-21")).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].label_ja, "予約中");
    assert_eq!(mine[0].position, Some(2), "C13: second in the queue");
    assert_eq!(mine[0].pickup_name, "1階カウンター");
    assert!(mine[0].changeable);

    // 三郎 takes the copy first; then it comes back for 花子 on 6/1: kept through 6/8 (K8).
    d.checkin("counter", "2027-05-25", "1000000017").unwrap();
    d.checkout("counter", "2027-05-25", "2000000035", "1000000017")
        .unwrap();
    d.checkin("counter", "2027-06-01", "1000000017").unwrap();
    let mine = d.lib.my_holds(hanako, on("2027-06-01")).unwrap();
    assert_eq!(mine[0].status, HoldStatus::Ready);
    assert_eq!(
        mine[0].label_ja, "準備ができました",
        "the Kyoto guide's word"
    );
    assert_eq!(mine[0].expires_on, Some(day("2027-06-08")));
    assert!(!mine[0].changeable, "C15: only staff now");
    let e = d
        .lib
        .my_cancel_hold(hanako, id, on("2027-06-02"))
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.ready"]);
    let e = d
        .lib
        .my_change_pickup(hanako, id, "counter", on("2027-06-02"))
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.ready"]);
    assert_eq!(d.hold_status(id).status, HoldStatus::Ready, "unchanged");
    d.sound();
}

#[test]
fn h10_hokkaido_ready_hold_shows_kashidashi_kanou_and_ten_open_days() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    let t = title_of(&mut d, "1000000017");
    d.checkout("general", "2026-12-10", "2000000027", "1000000017")
        .unwrap();
    place(&mut d.lib, taro, t, "general", "2026-12-11");
    // Notice Fri 12/18: from Sat 12/19, skipping Mondays and 12/29–1/3, the tenth open day
    // is 1/6 (H10, the same dates as the desk's shelf list).
    d.checkin("general", "2026-12-18", "1000000017").unwrap();
    let mine = d.lib.my_holds(taro, on("2026-12-18")).unwrap();
    assert_eq!(mine[0].label_ja, "貸出可能", "the Hokkaido guide's word");
    assert_eq!(mine[0].available_from, Some(day("2026-12-19")));
    assert_eq!(mine[0].expires_on, Some(day("2027-01-06")));
    assert_eq!(mine[0].pickup_name, "一般資料カウンター");
    d.sound();
}

#[test]
fn h14_a_partner_pickup_shows_its_run_day_and_the_day_to_collect() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "坊っちゃん", "normal");
    let t = title_of(&mut d, "1000000017");
    d.checkout("general", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    place(&mut d.lib, taro, t, "ebetsu", "2026-04-02");
    // Secured on Wed 4/8: the run is Fri 4/10, to collect from Sun 4/12 (H14).
    d.checkin("general", "2026-04-08", "1000000017").unwrap();
    let mine = d.lib.my_holds(taro, on("2026-04-08")).unwrap();
    assert_eq!(mine[0].label_ja, "回送中");
    assert_eq!(mine[0].pickup_name, "江別市情報図書館");
    assert_eq!(mine[0].delivery_run, Some(day("2026-04-10")));
    assert_eq!(mine[0].available_from, Some(day("2026-04-12")));
    assert!(
        !mine[0].changeable,
        "C15: the patron was told it is secured"
    );
    d.sound();
}

#[test]
fn c15_another_patrons_hold_is_answered_as_unknown_and_left_alone() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    let hanako = signed_up(&mut d, "2000000027", "佐藤 花子", true);
    d.patron("2000000035", "鈴木 一郎");
    d.copy("1000000017", "坊っちゃん", "normal");
    let t = title_of(&mut d, "1000000017");
    d.checkout("general", "2026-04-01", "2000000035", "1000000017")
        .unwrap();
    let his = place(&mut d.lib, taro, t, "general", "2026-04-02");
    let e = d
        .lib
        .my_cancel_hold(hanako, his, on("2026-04-03"))
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.unknown"]);
    let e = d
        .lib
        .my_change_pickup(hanako, his, "diet", on("2026-04-03"))
        .unwrap_err();
    assert_eq!(codes(&e), vec!["hold.unknown"]);
    let e = d
        .lib
        .my_cancel_hold(hanako, HoldId(his.0 + 1000), on("2026-04-03"))
        .unwrap_err();
    assert_eq!(
        codes(&e),
        vec!["hold.unknown"],
        "the same answer as a number nobody has"
    );
    assert!(d.lib.my_holds(hanako, on("2026-04-03")).unwrap().is_empty());
    let h = d.hold_status(his);
    assert_eq!(
        (h.status, h.pickup.as_str()),
        (HoldStatus::Waiting, "general")
    );

    // His own: the Diet room, then cancelled (C15, before it is ready).
    let moved = d
        .lib
        .my_change_pickup(taro, his, "diet", on("2026-04-03"))
        .unwrap();
    assert_eq!(moved.pickup_name, "道議会図書室");
    d.lib.my_cancel_hold(taro, his, on("2026-04-04")).unwrap();
    let mine = d.lib.my_holds(taro, on("2026-04-04")).unwrap();
    assert_eq!(
        mine[0].status,
        HoldStatus::Cancelled,
        "C20: shown for a while"
    );
    assert_eq!(mine[0].label_ja, "取消済");
    assert!(!mine[0].changeable);
    d.sound();
}

#[test]
fn h12_h14_pickup_choices_follow_the_patrons_registrations() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    let plain = signed_up(&mut d, "2000000027", "佐藤 花子", false);
    let codes_of = |c: &kashidashi_core::holds::HoldChoices| -> Vec<String> {
        c.places.iter().map(|p| p.code.to_string()).collect()
    };
    let his = d.lib.my_hold_choices(taro, on("2026-04-01")).unwrap();
    assert_eq!(
        codes_of(&his),
        ["general", "northern", "diet", "home", "ebetsu"],
        "counters, the Diet room, home with an address, his partner library only"
    );
    assert_eq!(his.notify, [Notify::Email, Notify::None]);
    assert!(his.not_offered.is_empty());

    let hers = d.lib.my_hold_choices(plain, on("2026-04-01")).unwrap();
    assert_eq!(codes_of(&hers), ["general", "northern", "diet"]);
    assert_eq!(hers.notify, [Notify::None], "C14: e-mail needs an address");
    assert_eq!(
        hers.not_offered
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>(),
        ["hold.no_address"]
    );

    // The same rules hold when she asks anyway.
    d.copy("1000000017", "坊っちゃん", "normal");
    let t = title_of(&mut d, "1000000017");
    let e = d
        .lib
        .my_place_holds(
            plain,
            &[t],
            "sapporo",
            Notify::Email,
            None,
            on("2026-04-02"),
        )
        .unwrap_err();
    assert_eq!(codes(&e), ["hold.partner_registration", "hold.no_email"]);
    let e = d
        .lib
        .my_place_holds(plain, &[t], "home", Notify::None, None, on("2026-04-02"))
        .unwrap_err();
    assert_eq!(codes(&e), ["hold.no_address"]);
    assert!(d.lib.my_holds(plain, on("2026-04-02")).unwrap().is_empty());
    d.sound();
}

#[test]
fn h9_a_cart_in_reading_order_sets_aside_only_the_first_title() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    d.copy("1000000033", "三四郎", "normal");
    let titles: Vec<TitleId> = ["1000000033", "1000000017", "1000000025"]
        .iter()
        .map(|b| title_of(&mut d, b))
        .collect();
    let placed = d
        .lib
        .my_place_holds(
            taro,
            &titles,
            "general",
            Notify::Email,
            Some(true),
            on("2026-04-02"),
        )
        .unwrap();
    assert_eq!(placed.len(), 3);
    let mine = d.lib.my_holds(taro, on("2026-04-02")).unwrap();
    let seen: Vec<(&str, Option<u32>, bool)> = mine
        .iter()
        .map(|h| (h.title.as_str(), h.cart_seq, h.waits_for_earlier))
        .collect();
    assert_eq!(
        seen,
        [
            ("三四郎", Some(1), false),
            ("坊っちゃん", Some(2), true),
            ("こころ", Some(3), true)
        ]
    );
    assert_eq!(
        mine[0].status,
        HoldStatus::Allocated,
        "H9: the first is set aside"
    );
    assert_eq!(
        mine[1].status,
        HoldStatus::Waiting,
        "H9: the rest wait their turn"
    );
    assert_eq!(mine[0].label_ja, "確保中");
    d.sound();
}

#[test]
fn k7_k1_c8_a_patron_hold_keeps_the_desks_rules() {
    let mut d = library("kyoto");
    let hanako = signed_up(&mut d, "2000000019", "京都 花子", true);
    d.copy("1000000017", "檸檬", "normal");
    let t = title_of(&mut d, "1000000017");
    let e = d
        .lib
        .my_place_holds(
            hanako,
            &[t],
            "counter",
            Notify::None,
            None,
            on("2026-04-02"),
        )
        .unwrap_err();
    assert_eq!(
        codes(&e),
        ["hold.copy_available"],
        "K7: a copy is on the shelf"
    );

    // K1: a temporary password allows nothing but its change.
    d.patron("2000000027", "京都 次郎");
    let jiro = d
        .lib
        .patron(&actor("counter", "2026-04-02"), &card(&d.lib, "2000000027"))
        .unwrap()
        .id;
    d.checkout("counter", "2026-04-02", "2000000019", "1000000017")
        .unwrap();
    let e = d
        .lib
        .my_place_holds(jiro, &[t], "counter", Notify::None, None, on("2026-04-02"))
        .unwrap_err();
    assert_eq!(codes(&e), ["patron.must_change_password"]);

    // C8: ten holds at most, counter and internet together.
    let mut titles = Vec::new();
    for n in 0..11u32 {
        let b = format!("10000010{n:02}");
        d.copy(&b, &format!("本 {n}"), "normal");
        d.checkout("counter", "2026-04-02", "2000000027", &b).ok();
        titles.push(title_of(&mut d, &b));
    }
    let e = d
        .lib
        .my_place_holds(
            hanako,
            &titles,
            "counter",
            Notify::None,
            Some(false),
            on("2026-04-03"),
        )
        .unwrap_err();
    assert!(codes(&e).contains(&"hold.limit"), "{e:?}");
    assert!(d.lib.my_holds(hanako, on("2026-04-03")).unwrap().is_empty());
    d.sound();
}

#[test]
fn h9_the_cart_keeps_titles_across_searches_until_they_are_reserved_in_order() {
    let mut d = library("hokkaido");
    let taro = signed_up(&mut d, "2000000019", "山田 太郎", true);
    let hanako = signed_up(&mut d, "2000000027", "佐藤 花子", true);
    d.copy("1000000017", "坊っちゃん", "normal");
    d.copy("1000000025", "こころ", "normal");
    let botchan = title_of(&mut d, "1000000017");
    let kokoro = title_of(&mut d, "1000000025");
    d.lib.my_cart_add(taro, kokoro, on("2026-04-01")).unwrap();
    d.lib.my_cart_add(taro, botchan, on("2026-04-02")).unwrap();
    let cart = d.lib.my_cart_add(taro, kokoro, on("2026-04-02")).unwrap();
    let names: Vec<&str> = cart.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        names,
        ["こころ", "坊っちゃん"],
        "once each, first put first"
    );
    assert!(
        d.lib.my_cart(hanako, on("2026-04-02")).unwrap().is_empty(),
        "his own"
    );
    let e = d
        .lib
        .my_cart_add(taro, TitleId(botchan.0 + 1000), on("2026-04-02"))
        .unwrap_err();
    assert_eq!(e.code(), "title.unknown");

    // 読みたい順: 坊っちゃん first, whatever the cart's order.
    d.lib
        .my_place_holds(
            taro,
            &[botchan, kokoro],
            "general",
            Notify::Email,
            Some(true),
            on("2026-04-03"),
        )
        .unwrap();
    assert!(d.lib.my_cart(taro, on("2026-04-03")).unwrap().is_empty());
    let mine = d.lib.my_holds(taro, on("2026-04-03")).unwrap();
    assert_eq!(
        mine.iter()
            .map(|h| (h.title.as_str(), h.cart_seq))
            .collect::<Vec<_>>(),
        [("坊っちゃん", Some(1)), ("こころ", Some(2))]
    );
    d.sound();
}
