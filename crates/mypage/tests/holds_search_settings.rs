//! My Page's holds, search and settings pages through HTTP (issue 13), on the engine
//! `KASHIDASHI_TEST_PG` picks, with the rules' own dates.

mod common;

use common::*;
use kashidashi_core::holds::{HoldFilter, HoldStatus};

/// The holds of the library, as the desk sees them.
fn desk_holds(site: &mut Site) -> Vec<kashidashi_core::holds::Hold> {
    let counter = site.desk.first_counter();
    site.desk
        .lib
        .holds(&actor(counter, "2026-01-06"), &HoldFilter::default())
        .unwrap()
}

/// The value of the hidden `name` field of the first form posting to `action`.
fn hidden(page: &Page, action: &str, name: &str) -> String {
    let at = page
        .body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("a form to {action}"));
    let rest = &page.body[at..];
    let key = format!("name=\"{name}\" value=\"");
    let v = &rest[rest.find(&key).unwrap() + key.len()..];
    v[..v.find('"').unwrap()].to_string()
}

/// Search as the signed-in patron, then place a hold on the first title found.
fn reserve(site: &mut Site, q: &str, pickup: &str) -> Page {
    let found = site.submit("/search", "/search", &[("q", q)]);
    assert_eq!(found.status, 200);
    let title = hidden(&found, "/search/hold", "title");
    let csrf = found.csrf();
    site.post(
        "/search/hold",
        &[
            ("csrf", &csrf),
            ("title", &title),
            ("pickup", pickup),
            ("notify", "none"),
            ("q", q),
        ],
    )
}

fn hokkaido_with_a_title_on_loan() -> Site {
    let mut site = Site::new("hokkaido", "2026-04-02");
    site.patron_with("2000000019", "山田 太郎", "abcd1234");
    site.patron_with("2000000027", "佐藤 花子", "efgh5678");
    site.desk.patron("2000000035", "鈴木 一郎");
    site.desk.copy("1000000017", "坊っちゃん", "normal");
    site.desk
        .checkout("general", "2026-04-01", "2000000035", "1000000017")
        .unwrap();
    site
}

#[test]
fn c15_a_hold_placed_from_the_search_is_moved_then_cancelled_on_the_holds_page() {
    let mut site = hokkaido_with_a_title_on_loan();
    site.sign_in("2000000019", "abcd1234");
    let placed = reserve(&mut site, "坊ｯﾁｬﾝ", "general");
    assert_eq!(placed.status, 303, "{}", placed.body);
    assert_eq!(placed.location(), Some("/holds?placed=1"));
    let holds = site.get("/holds?placed=1");
    assert!(holds.body.contains("予約しました"));
    assert!(holds.body.contains("予約中"), "{}", holds.body);
    assert!(holds.body.contains("予約順位 1 番目"));
    assert!(holds.body.contains("一般資料カウンター"));

    let id = hidden(&holds, "/holds/pickup", "hold");
    let moved = site.submit(
        "/holds",
        "/holds/pickup",
        &[("hold", &id), ("pickup", "diet")],
    );
    assert_eq!(moved.status, 200);
    assert!(moved.body.contains("受取場所を変更しました"));
    assert_eq!(desk_holds(&mut site)[0].pickup.as_str(), "diet");

    // H14: a partner library he is not registered at is refused in words (he is at Ebetsu).
    let refused = site.submit(
        "/holds",
        "/holds/pickup",
        &[("hold", &id), ("pickup", "sapporo")],
    );
    assert!(
        Site::alert(&refused).contains("札幌市中央図書館"),
        "{}",
        Site::alert(&refused)
    );
    assert_eq!(desk_holds(&mut site)[0].pickup.as_str(), "diet");

    let cancelled = site.submit("/holds", "/holds/cancel", &[("hold", &id)]);
    assert!(cancelled.body.contains("予約を取り消しました"));
    assert!(cancelled.body.contains("取消済"), "C20: shown for a while");
    assert_eq!(desk_holds(&mut site)[0].status, HoldStatus::Cancelled);
}

#[test]
fn another_patrons_hold_number_is_not_found_and_a_form_without_its_token_is_refused() {
    let mut site = hokkaido_with_a_title_on_loan();
    site.sign_in("2000000019", "abcd1234");
    reserve(&mut site, "坊っちゃん", "general");
    let his = desk_holds(&mut site)[0].id;
    let csrf = site.get("/holds").csrf();
    site.post("/signout", &[("csrf", &csrf)]);
    site.jar.clear();

    site.sign_in("2000000027", "efgh5678");
    let theirs = his.0.to_string();
    let csrf = site.get("/holds").csrf();
    for action in ["/holds/cancel", "/holds/pickup"] {
        let page = site.post(
            action,
            &[("csrf", &csrf), ("hold", &theirs), ("pickup", "diet")],
        );
        assert_eq!(page.status, 404, "{action}");
        assert!(!page.body.contains("坊っちゃん"));
    }
    let none = site.post("/holds/cancel", &[("csrf", &csrf), ("hold", "999999")]);
    assert_eq!(none.status, 404, "the same answer as a number nobody has");
    let forged = site.post("/holds/cancel", &[("csrf", "0"), ("hold", &theirs)]);
    assert_eq!(forged.status, 403);
    let h = &desk_holds(&mut site)[0];
    assert_eq!(
        (h.id, h.status, h.pickup.as_str()),
        (his, HoldStatus::Waiting, "general")
    );
    assert!(
        !site.get("/holds").body.contains("坊っちゃん"),
        "hers shows none of his"
    );
}

#[test]
fn k8_a_ready_kyoto_hold_shows_its_words_and_last_day_and_stays_with_staff() {
    let mut site = Site::new("kyoto", "2027-05-21");
    site.patron_with("2000000019", "京都 花子", "abc123");
    site.desk.patron("2000000027", "京都 次郎");
    site.desk.copy("1000000017", "レモン", "normal");
    site.desk
        .checkout("counter", "2027-05-20", "2000000027", "1000000017")
        .unwrap();
    site.sign_in("2000000019", "abc123");
    let found = site.submit("/search", "/search", &[("q", "れもん")]);
    assert!(found.body.contains("貸出待ち登録する"), "Kyoto's word (K7)");
    reserve(&mut site, "れもん", "counter");
    let id = desk_holds(&mut site)[0].id;
    // Back on 6/1 (a Tuesday): kept through 6/8 (K8).
    site.desk
        .checkin("counter", "2027-06-01", "1000000017")
        .unwrap();
    site.at("2027-06-02");
    site.sign_in("2000000019", "abc123");
    let holds = site.get("/holds");
    assert!(holds.body.contains("準備ができました"), "{}", holds.body);
    assert!(holds.body.contains("2027年6月8日(火)"));
    assert!(
        !holds.body.contains("action=\"/holds/cancel\""),
        "C15: no cancel button"
    );
    assert!(holds.body.contains("お電話ください"));
    let csrf = holds.csrf();
    let tried = site.post(
        "/holds/cancel",
        &[("csrf", &csrf), ("hold", &id.0.to_string())],
    );
    assert_eq!(tried.status, 200);
    assert!(
        Site::alert(&tried).contains("お電話"),
        "{}",
        Site::alert(&tried)
    );
    assert_eq!(desk_holds(&mut site)[0].status, HoldStatus::Ready);
}

#[test]
fn k7_the_search_folds_kana_and_width_and_says_why_a_title_cannot_be_reserved() {
    let mut site = Site::new("kyoto", "2026-04-02");
    site.patron_with("2000000019", "京都 花子", "abc123");
    site.desk
        .copy("1000000017", "ハリー・ポッターと賢者の石", "normal");
    site.sign_in("2000000019", "abc123");
    for q in ["はりー", "ﾊﾘｰ", "ハリー ポッター"] {
        let found = site.submit("/search", "/search", &[("q", q)]);
        assert!(found.body.contains("ハリー・ポッターと賢者の石"), "{q}");
        assert!(found.body.contains("在庫"), "C5: the copy's state");
        assert!(
            found.body.contains("貸出待ち登録できません"),
            "K7: a copy is on the shelf"
        );
        assert!(!found.body.contains("action=\"/search/hold\""));
    }
    let nothing = site.submit("/search", "/search", &[("q", "檸檬")]);
    assert!(nothing.body.contains("見つかりませんでした"));
    assert!(
        site.log
            .lines()
            .iter()
            .all(|l| !l.contains("はりー") && !l.contains("%E3")),
        "the search words stay out of the log and the URL"
    );
}

#[test]
fn h9_a_cart_reserved_in_reading_order() {
    let mut site = Site::new("hokkaido", "2026-04-02");
    site.patron_with("2000000019", "山田 太郎", "abcd1234");
    for (b, title) in [
        ("1000000017", "坊っちゃん"),
        ("1000000025", "こころ"),
        ("1000000033", "三四郎"),
    ] {
        site.desk.copy(b, title, "normal");
    }
    site.sign_in("2000000019", "abcd1234");
    let mut ids = Vec::new();
    for q in ["坊っちゃん", "こころ", "三四郎"] {
        let found = site.submit("/search", "/search", &[("q", q)]);
        let title = hidden(&found, "/cart/add", "title");
        let csrf = found.csrf();
        let added = site.post("/cart/add", &[("csrf", &csrf), ("title", &title)]);
        assert!(added.body.contains("予約カートに入れました"));
        ids.push(title);
    }
    // 読みたい順: 三四郎, 坊っちゃん, こころ.
    let (r1, r2, r3) = (
        format!("rank-{}", ids[2]),
        format!("rank-{}", ids[0]),
        format!("rank-{}", ids[1]),
    );
    let placed = site.submit(
        "/holds",
        "/cart/reserve",
        &[
            ("method", "order"),
            (&r1, "1"),
            (&r2, "2"),
            (&r3, "3"),
            ("pickup", "general"),
            ("notify", "none"),
        ],
    );
    assert_eq!(placed.status, 303, "{}", placed.body);
    let mut holds = desk_holds(&mut site);
    holds.sort_by_key(|h| h.cart_seq);
    let order: Vec<(&str, Option<u32>, HoldStatus)> = holds
        .iter()
        .map(|h| (h.title.as_str(), h.cart_seq, h.status))
        .collect();
    assert_eq!(
        order,
        [
            ("三四郎", Some(1), HoldStatus::Allocated),
            ("坊っちゃん", Some(2), HoldStatus::Waiting),
            ("こころ", Some(3), HoldStatus::Waiting),
        ]
    );
    let page = site.get("/holds");
    assert!(page.body.contains("カートは空です"));
    assert!(page.body.contains("前の資料を借りるまで"));
}

#[test]
fn h5_each_refused_address_is_said_in_words_and_changes_nothing() {
    let mut site = Site::new("hokkaido", "2026-04-02");
    site.patron_with("2000000019", "山田 太郎", "abcd1234");
    site.sign_in("2000000019", "abcd1234");
    let saved = site.submit(
        "/settings",
        "/settings/email",
        &[("email", "taro@example.jp")],
    );
    assert!(saved.body.contains("メールアドレスを登録しました"));
    for (addr, words) in [
        ("taro.@example.jp", "直前"),
        ("ta..ro@example.jp", "連続"),
        ("taro@example.jp.", "末尾"),
    ] {
        let page = site.submit("/settings", "/settings/email", &[("email", addr)]);
        assert_eq!(page.status, 200);
        assert!(
            Site::alert(&page).contains(words),
            "{addr}: {}",
            Site::alert(&page)
        );
        assert!(
            page.body.contains("value=\"taro@example.jp\""),
            "unchanged after {addr}"
        );
    }
    assert!(
        !site
            .get("/settings")
            .body
            .contains("返却期限日お知らせメール"),
        "K9: Hokkaido offers no mail services"
    );
}

#[test]
fn k9_c6_kyoto_mail_services_and_the_reading_history() {
    let mut site = Site::new("kyoto", "2026-04-02");
    site.patron_with("2000000019", "京都 花子", "abc123");
    site.sign_in("2000000019", "abc123");
    let refused = site.submit(
        "/settings",
        "/settings/services",
        &[("due_reminder_shown", "1"), ("due_reminder", "on")],
    );
    assert!(
        Site::alert(&refused).contains("メールアドレス"),
        "K9 needs an address"
    );
    site.submit(
        "/settings",
        "/settings/email",
        &[("email", "hanako@example.jp")],
    );
    let on = site.submit(
        "/settings",
        "/settings/services",
        &[("due_reminder_shown", "1"), ("due_reminder", "on")],
    );
    assert!(
        on.body
            .contains("name=\"due_reminder\" value=\"on\" checked"),
        "{}",
        on.body
    );
    let added = site.submit(
        "/settings",
        "/settings/services",
        &[("add_author", "夏目　漱石")],
    );
    assert!(added.body.contains("夏目 漱石"), "stored width-folded");
    let removed = site.submit(
        "/settings",
        "/settings/services",
        &[("remove_author", "夏目 漱石")],
    );
    assert!(removed.body.contains("登録はありません"));

    let kept = site.submit("/settings", "/settings/history", &[("keep", "on")]);
    assert!(kept.body.contains("いまは記録を残しています"));
    let c = card(&site.desk.lib, "2000000019");
    assert!(
        site.desk
            .lib
            .patron(&actor("counter", "2026-04-02"), &c)
            .unwrap()
            .keep_history
    );
    let gone = site.submit("/settings", "/settings/history", &[("keep", "off")]);
    assert!(gone.body.contains("いまは記録を残していません"));
}
