//! My Page's settings and search (issue 13): the notice address (H5), Kyoto's mail services
//! (K9), the reading-history consent (C6), and the catalogue search with what a patron may
//! reserve (K7, C5, C8).

mod common;

use common::*;
use kashidashi_core::domain::PatronId;
use kashidashi_core::notify::MailServicesChange;
use kashidashi_core::patrons::PatronEdit;

fn patron_id(d: &mut Desk, card_no: &str) -> PatronId {
    let c = card(&d.lib, card_no);
    d.lib
        .patron(&actor(d.first_counter(), "2026-04-01"), &c)
        .unwrap()
        .id
}

fn email_of(d: &mut Desk, card_no: &str) -> Option<String> {
    let c = card(&d.lib, card_no);
    d.lib
        .patron(&actor(d.first_counter(), "2026-04-01"), &c)
        .unwrap()
        .email
}

#[test]
fn h5_each_refused_address_says_why_and_changes_nothing() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    let p = patron_id(&mut d, "2000000019");
    for (addr, code, words) in [
        ("taro.@example.jp", "email.dot_before_at", "直前"),
        ("ta..ro@example.jp", "email.consecutive_dots", "連続"),
        ("taro@example.jp.", "email.trailing_dot", "末尾"),
        ("taro@example", "email.invalid", "メールアドレス"),
    ] {
        let e = d.lib.my_set_email(p, addr, on("2026-04-01")).unwrap_err();
        assert_eq!(e.code(), code, "{addr}");
        assert!(
            e.message(kashidashi_core::Lang::Ja).contains(words),
            "{addr}: {}",
            e.message(kashidashi_core::Lang::Ja)
        );
        assert_eq!(
            email_of(&mut d, "2000000019").as_deref(),
            Some("p2000000019@example.jp"),
            "unchanged after {addr}"
        );
    }
    let p2 = d
        .lib
        .my_set_email(p, " taro.yamada@example.ne.jp ", on("2026-04-01"))
        .unwrap();
    assert_eq!(p2.email.as_deref(), Some("taro.yamada@example.ne.jp"));
    d.lib.my_set_email(p, "", on("2026-04-01")).unwrap();
    assert_eq!(email_of(&mut d, "2000000019"), None, "cleared");
}

#[test]
fn k9_kyoto_patron_registers_the_mail_services_and_hokkaido_offers_none() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    let p = patron_id(&mut d, "2000000019");
    let s = d
        .lib
        .my_mail_services(
            p,
            &MailServicesChange {
                due_reminder: Some(true),
                add_topics: vec!["京都の 庭園".into()],
                add_authors: vec!["ＭＯＲＩ Ｏｇａｉ".into()],
                ..Default::default()
            },
            on("2026-04-01"),
        )
        .unwrap();
    assert!(s.due_reminder);
    assert_eq!(s.topics, ["京都の 庭園"]);
    assert_eq!(s.authors, ["MORI Ogai"], "width folded as stored (K9)");
    let s = d
        .lib
        .my_mail_services(
            p,
            &MailServicesChange {
                remove_topics: vec!["京都の 庭園".into()],
                ..Default::default()
            },
            on("2026-04-02"),
        )
        .unwrap();
    assert!(s.topics.is_empty());

    // Without an address nothing can be registered (K9: by mail).
    d.lib.my_set_email(p, "", on("2026-04-02")).unwrap();
    let e = d
        .lib
        .my_mail_services(
            p,
            &MailServicesChange {
                add_authors: vec!["夏目漱石".into()],
                ..Default::default()
            },
            on("2026-04-02"),
        )
        .unwrap_err();
    assert_eq!(codes(&e), ["notices.no_email"]);

    let mut h = library("hokkaido");
    h.patron("2000000019", "山田 太郎");
    let p = patron_id(&mut h, "2000000019");
    let e = h
        .lib
        .my_mail_services(
            p,
            &MailServicesChange {
                due_reminder: Some(true),
                ..Default::default()
            },
            on("2026-04-01"),
        )
        .unwrap_err();
    assert_eq!(codes(&e), ["notices.not_offered"]);
}

/// A patron who keeps a history borrowed and returned 坊っちゃん, and a hold of theirs on it
/// was fulfilled.
fn with_history(d: &mut Desk) -> PatronId {
    d.patron("2000000019", "山田 太郎");
    let p = patron_id(d, "2000000019");
    d.lib.my_keep_history(p, true, on("2026-04-01")).unwrap();
    d.copy("1000000017", "坊っちゃん", "normal");
    d.checkout("general", "2026-04-01", "2000000019", "1000000017")
        .unwrap();
    d.checkin("general", "2026-04-03", "1000000017").unwrap();
    p
}

fn linked_returns(d: &Desk, p: PatronId) -> i64 {
    d.lib
        .connection()
        .query_row(
            "SELECT count(*) FROM loans WHERE patron_id = ?1 AND returned_on IS NOT NULL",
            [p.0],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn c6_withdrawing_the_history_consent_on_my_page_forgets_the_history() {
    let mut d = library("hokkaido");
    let p = with_history(&mut d);
    assert_eq!(linked_returns(&d, p), 1, "kept while the patron consents");
    let after = d.lib.my_keep_history(p, false, on("2026-04-05")).unwrap();
    assert!(!after.keep_history);
    assert_eq!(linked_returns(&d, p), 0, "C6: forgotten once withdrawn");
    d.sound();
}

#[test]
fn c6_withdrawing_the_history_consent_at_the_desk_forgets_it_too() {
    let mut d = library("hokkaido");
    let p = with_history(&mut d);
    let c = card(&d.lib, "2000000019");
    d.lib
        .edit_patron(
            &actor("general", "2026-04-05"),
            &c,
            &PatronEdit {
                keep_history: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(linked_returns(&d, p), 0);
    d.sound();
}

#[test]
fn k7_c5_the_search_says_which_titles_a_patron_may_reserve() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    let p = patron_id(&mut d, "2000000019");
    d.copy("1000000017", "檸檬", "normal");
    d.copy("1000000025", "檸檬", "normal");
    d.copy("1000000033", "檸檬の研究", "reference");
    d.checkout("counter", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    let found = d.lib.my_search(p, "檸檬", on("2026-04-02")).unwrap();
    let seen: Vec<(&str, Vec<&str>, Vec<&str>)> = found
        .iter()
        .map(|t| {
            (
                t.title.title.as_str(),
                t.copies.iter().map(|c| c.status_label()).collect(),
                t.hold_refusals.iter().map(|r| r.code()).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("檸檬", vec!["貸出中", "在庫"], vec!["hold.copy_available"]),
            ("檸檬の研究", vec!["禁帯"], vec!["hold.not_reservable"]),
        ]
    );
    // Every copy on loan: Kyoto's 貸出待ち登録 is offered (K7).
    d.checkout("counter", "2026-04-02", "2000000027", "1000000025")
        .unwrap();
    let found = d.lib.my_search(p, "檸檬", on("2026-04-02")).unwrap();
    assert!(found[0].hold_refusals.is_empty());
    assert!(
        d.lib
            .my_search(p, "  ", on("2026-04-02"))
            .unwrap()
            .is_empty()
    );
}

/// The search reads what the hold rules ask of all its titles at once (issue 13): each title
/// still gets its own reasons, the patron's holds and loans told apart by title.
#[test]
fn c13_k7_each_title_found_has_its_own_reasons() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    let p = patron_id(&mut d, "2000000019");
    d.copy("1000000017", "猫の本", "normal");
    d.copy("1000000025", "犬の本", "normal");
    d.copy("1000000033", "鳥の本", "normal");
    d.copy("1000000041", "鳥の本", "normal");
    d.checkout("counter", "2026-04-01", "2000000027", "1000000017")
        .unwrap();
    d.hold("2026-04-01", "2000000019", "1000000017", "counter")
        .unwrap();
    d.checkout("counter", "2026-04-01", "2000000019", "1000000025")
        .unwrap();
    d.checkout("counter", "2026-04-01", "2000000027", "1000000033")
        .unwrap();
    let found = d.lib.my_search(p, "の本", on("2026-04-02")).unwrap();
    let seen: Vec<(&str, Vec<&str>, Vec<&str>)> = found
        .iter()
        .map(|t| {
            (
                t.title.title.as_str(),
                t.title.copies.iter().map(|b| b.as_str()).collect(),
                t.hold_refusals.iter().map(|r| r.code()).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("犬の本", vec!["1000000025"], vec!["hold.already_borrowed"]),
            ("猫の本", vec!["1000000017"], vec!["hold.duplicate"]),
            (
                "鳥の本",
                vec!["1000000033", "1000000041"],
                vec!["hold.copy_available"]
            ),
        ]
    );
    // The other copy of 鳥の本 lent too: nothing stands in the way.
    d.checkout("counter", "2026-04-02", "2000000027", "1000000041")
        .unwrap();
    let found = d.lib.my_search(p, "の本", on("2026-04-02")).unwrap();
    assert!(found[2].hold_refusals.is_empty());
}

#[test]
fn c22_a_suspended_patron_is_told_before_trying() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    let p = patron_id(&mut d, "2000000019");
    d.copy("1000000017", "坊っちゃん", "normal");
    let c = card(&d.lib, "2000000019");
    d.lib
        .suspend_patron(
            &actor("general", "2026-04-01"),
            &c,
            "延滞",
            Some("2026-04-30"),
        )
        .unwrap();
    let found = d.lib.my_search(p, "坊っちゃん", on("2026-04-02")).unwrap();
    assert_eq!(
        found[0]
            .hold_refusals
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>(),
        ["patron.suspended"]
    );
}

#[test]
fn the_search_ignores_kana_width_and_case_and_finds_an_isbn_typed_either_way() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    let p = patron_id(&mut d, "2000000019");
    let b = item(&d.lib, "1000000017");
    d.lib
        .add_item(
            &actor("general", "2026-01-06"),
            &b,
            &kashidashi_core::catalog::ItemDetails {
                title: "ハリー・ポッターと賢者の石".into(),
                author: Some("J.K.ローリング".into()),
                isbn: Some("978-4-915512-37-7".into()),
                ..Default::default()
            },
        )
        .unwrap();
    d.copy("1000000025", "ＳＱＬ入門 ｶﾞｲﾄﾞ", "normal");
    let titles = |d: &mut Desk, q: &str| -> Vec<String> {
        d.lib
            .my_search(p, q, on("2026-04-01"))
            .unwrap()
            .into_iter()
            .map(|t| t.title.title)
            .collect()
    };
    for q in [
        "はりー",
        "ﾊﾘｰ ﾎﾟｯﾀｰ",
        "ろーりんぐ",
        "j.k.",
        "9784915512377",
        "4-915512-37-1",
    ] {
        assert_eq!(titles(&mut d, q), ["ハリー・ポッターと賢者の石"], "{q}");
    }
    for q in ["sql", "ｓｑｌ入門", "がいど", "ガイド"] {
        assert_eq!(titles(&mut d, q), ["ＳＱＬ入門 ｶﾞｲﾄﾞ"], "{q}");
    }
    assert!(
        titles(&mut d, "賢者の石J.K.").is_empty(),
        "title and author stay apart"
    );
    assert!(titles(&mut d, "%").is_empty());
    // The desk's `item search` finds the same way.
    let desk = d
        .lib
        .search_titles(&actor("general", "2026-04-01"), "はりー")
        .unwrap();
    assert_eq!(desk.len(), 1);
}

/// Migration 0011: a needle of three characters or more is looked up in the engine's substring
/// index, a shorter one (北海, 京都) is read from every title; either way the titles found,
/// their order and the limit of 50 are the plain scan's, which the search was before the index.
/// A title's key changed or removed is found by its new words only (the index follows `titles`).
#[test]
fn the_search_index_finds_what_the_scan_found() {
    let mut d = library("hokkaido");
    // Keys already folded (hiragana, no spaces), so each is its title and author as written.
    for n in 0..120 {
        let (title, author) = match n % 3 {
            0 => (format!("札幌の歴史第{}巻", n / 3 + 1), "やまだ"),
            1 => (format!("京都の庭園{n}"), "すずき"),
            _ => (format!("ぷろぐらみんぐ入門{n}"), "札幌たろう"),
        };
        d.lib
            .connection()
            .execute(
                "INSERT INTO titles (title, author, search_key) VALUES (?1, ?2, ?3)",
                (&title, author, format!("{title} {author}")),
            )
            .unwrap();
    }
    for q in [
        "札",
        "巻",
        "1",
        "札幌",
        "京都",
        "ぷろ",
        "12",
        "札幌の",
        "第1巻",
        "庭園1",
        "入門11",
        "幌たろう",
        "やまだ",
        "史第4",
        "ぷろぐらみんぐ",
        "119",
        "ない本",
    ] {
        let expected = scanned(&d, q);
        assert_eq!(searched(&mut d, q), expected, "{q}");
        assert_eq!(expected.is_empty(), q == "ない本", "{q}");
    }
    assert_eq!(scanned(&d, "札幌").len(), 50, "more than the limit match");

    d.lib
        .connection()
        .execute(
            "UPDATE titles SET title = '小樽の運河', search_key = '小樽の運河 やまだ'
             WHERE title = '札幌の歴史第1巻'",
            [],
        )
        .unwrap();
    assert_eq!(searched(&mut d, "小樽の運河"), ["小樽の運河"]);
    assert_eq!(searched(&mut d, "の運河"), ["小樽の運河"]);
    assert!(searched(&mut d, "札幌の歴史第1巻").is_empty());
    d.lib
        .connection()
        .execute("DELETE FROM titles WHERE title = '小樽の運河'", [])
        .unwrap();
    assert!(searched(&mut d, "小樽の運河").is_empty());
}

/// The search as it was before the index: a LIKE over every title.
fn scanned(d: &Desk, q: &str) -> Vec<String> {
    let mut st = d
        .lib
        .connection()
        .prepare("SELECT title FROM titles WHERE search_key LIKE ?1 ORDER BY title, id LIMIT 50")
        .unwrap();
    st.query_map([format!("%{q}%")], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn searched(d: &mut Desk, q: &str) -> Vec<String> {
    d.lib
        .search_titles(&actor("general", "2026-04-01"), q)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}
