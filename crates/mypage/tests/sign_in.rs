//! Signing in (K1, K2, H2, H3, H4, C24) through My Page's forms.

mod common;

use axum::http::StatusCode;
use common::Site;

#[test]
fn k1_a_temporary_password_allows_only_its_change() {
    let mut s = Site::new("kyoto", "2026-04-01");
    let temp = s.patron("2000000019", "京都 花子");
    let p = s.sign_in("2000000019", &temp);
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location(), Some("/password"));
    // Nothing else: every page sends the patron back to the change of password.
    for path in ["/loans", "/card", "/card.png"] {
        let p = s.get(path);
        assert_eq!(p.location(), Some("/password"), "{path}");
    }
    let p = s.get("/password");
    assert!(p.body.contains("仮パスワードでログインしています"));
    assert!(!p.body.contains("href=\"/loans\""), "no menu yet");
    let p = s.submit(
        "/password",
        "/password",
        &[
            ("old", &temp),
            ("new", "hanako2026"),
            ("again", "hanako2026"),
        ],
    );
    assert_eq!(p.location(), Some("/loans?password=changed"));
    let p = s.get("/loans?password=changed");
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("パスワードを変更しました"));
    // The temporary password stops working once changed (K1).
    s.jar.clear();
    let p = s.sign_in("2000000019", &temp);
    assert_eq!(p.status, StatusCode::OK);
    assert!(Site::alert(&p).contains("違います"));
    assert_eq!(
        s.sign_in("2000000019", "hanako2026").location(),
        Some("/loans")
    );
}

#[test]
fn k2_each_refusal_of_a_new_password_is_said_in_words() {
    let mut s = Site::new("kyoto", "2026-04-01");
    let temp = s.patron("2000000019", "京都 花子");
    s.sign_in("2000000019", &temp);
    let page = s.get("/password");
    assert!(
        page.body.contains("英字と数字を両方使ってください"),
        "the rule is shown first"
    );
    let cases = [
        ("abcdef", "abcdef", "英字と数字"),
        ("ab12", "ab12", "6"),
        ("abc-123", "abc-123", "半角英数字だけ"),
        ("abc123", "abc124", "一致しません"),
        (temp.as_str(), temp.as_str(), "違うパスワード"),
    ];
    for (new, again, words) in cases {
        let p = s.submit(
            "/password",
            "/password",
            &[("old", &temp), ("new", new), ("again", again)],
        );
        assert_eq!(p.status, StatusCode::OK, "{new}");
        let alert = Site::alert(&p);
        assert!(alert.contains(words), "{new}: {alert}");
    }
    // Still temporary: none of those changed anything.
    assert_eq!(s.get("/loans").location(), Some("/password"));
}

#[test]
fn h2_hokkaido_passwords_ignore_case_and_refuse_thirteen_characters() {
    let mut s = Site::new("hokkaido", "2026-04-01");
    let temp = s.patron("2000000019", "山田 太郎");
    s.sign_in("2000000019", &temp);
    let p = s.submit(
        "/password",
        "/password",
        &[
            ("old", &temp),
            ("new", "abcdefghijklm"),
            ("again", "abcdefghijklm"),
        ],
    );
    assert!(Site::alert(&p).contains("12"), "{}", Site::alert(&p));
    let p = s.submit(
        "/password",
        "/password",
        &[("old", &temp), ("new", "Abcd"), ("again", "Abcd")],
    );
    assert_eq!(p.location(), Some("/loans?password=changed"));
    s.jar.clear();
    assert_eq!(s.sign_in("2000000019", "aBCD").location(), Some("/loans"));
}

#[test]
fn h3_hokkaido_first_password_with_card_name_and_birth_year() {
    let mut s = Site::new("hokkaido", "2026-04-01");
    s.patron("2000000019", "山田 太郎");
    let page = s.get("/signin");
    assert!(page.body.contains("href=\"/first-password\""));
    // Born 1990-04-01: the year and 0101. A wrong year gets the sign-in's one answer (C24).
    let wrong = s.submit(
        "/first-password",
        "/first-password",
        &[
            ("card", "2000000019"),
            ("name", "山田 太郎"),
            ("birth", "19910101"),
            ("new", "yama1990"),
            ("again", "yama1990"),
        ],
    );
    let unknown = s.submit(
        "/first-password",
        "/first-password",
        &[
            ("card", "2000000027"),
            ("name", "山田 太郎"),
            ("birth", "19900101"),
            ("new", "yama1990"),
            ("again", "yama1990"),
        ],
    );
    assert_eq!(Site::alert(&wrong), Site::alert(&unknown));
    // Name spaces and widths do not matter; only the year is compared.
    let p = s.submit(
        "/first-password",
        "/first-password",
        &[
            ("card", "２０００００００１９"),
            ("name", "山田太郎"),
            ("birth", "19900101"),
            ("new", "yama1990"),
            ("again", "yama1990"),
        ],
    );
    assert!(p.body.contains("パスワードを設定しました"), "{}", p.body);
    assert_eq!(
        s.sign_in("2000000019", "YAMA1990").location(),
        Some("/loans")
    );
}

#[test]
fn k1_kyoto_has_no_first_password_page() {
    let mut s = Site::new("kyoto", "2026-04-01");
    assert_eq!(s.get("/first-password").status, StatusCode::NOT_FOUND);
    assert!(!s.get("/signin").body.contains("/first-password"));
}

#[test]
fn h4_a_forgotten_password_is_a_phone_call() {
    let mut s = Site::new("hokkaido", "2026-04-01");
    assert!(s.get("/signin").body.contains("href=\"/forgot\""));
    let p = s.get("/forgot");
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("図書館にお電話ください"));
    assert!(!p.body.contains("<form"), "no reset on the web");
}

#[test]
fn c24_every_failed_sign_in_gets_the_same_answer() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    let wrong_password = s.sign_in("2000000019", "hanako2025");
    let unknown_card = s.sign_in("2000000027", "hanako2026");
    let not_a_card = s.sign_in("12345", "hanako2026");
    for p in [&wrong_password, &unknown_card, &not_a_card] {
        assert_eq!(p.status, StatusCode::OK);
        assert!(!s.jar.contains_key(kashidashi_mypage::SESSION_COOKIE));
    }
    let a = Site::alert(&wrong_password);
    assert_eq!(a, Site::alert(&unknown_card));
    assert_eq!(a, Site::alert(&not_a_card));
}

#[test]
fn c24_five_wrong_sign_ins_make_the_card_wait_fifteen_minutes() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    for _ in 0..5 {
        s.sign_in("2000000019", "wrong123");
    }
    // The right password does not pass the wait.
    let p = s.sign_in("2000000019", "hanako2026");
    assert_eq!(p.status, StatusCode::OK);
    assert!(Site::alert(&p).contains("15 分"), "{}", Site::alert(&p));
    // An unknown card waits exactly the same way.
    for _ in 0..5 {
        s.sign_in("2000000027", "wrong123");
    }
    assert_eq!(
        Site::alert(&s.sign_in("2000000027", "wrong123")),
        Site::alert(&p)
    );
    // Sixteen minutes later (10:16 the same day) the right password signs in.
    s.at_time("2026-04-01T10:16:00+09:00");
    assert_eq!(
        s.sign_in("2000000019", "hanako2026").location(),
        Some("/loans")
    );
}

#[test]
fn one_address_trying_many_cards_is_stopped() {
    let mut s = Site::new("kyoto", "2026-04-01");
    let mut last = None;
    for i in 0..31 {
        let card = format!("20000001{i:02}");
        last = Some(s.sign_in(&card, "guess123"));
    }
    assert_eq!(last.unwrap().status, StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    s.from = "198.51.100.7:40000".parse().unwrap();
    assert_eq!(s.sign_in("2000000100", "guess123").status, StatusCode::OK);
}
