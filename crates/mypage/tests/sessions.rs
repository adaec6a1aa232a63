//! Sessions and the safety of My Page on the internet (issue 13): cookie flags, the token kept
//! only as a digest, idle logout, sign-out, CSRF, the CSP, and an access log without patrons.

mod common;

use axum::http::StatusCode;
use common::Site;
use kashidashi_mypage::SESSION_COOKIE;

fn signed_in(profile: &str) -> Site {
    let mut s = Site::new(profile, "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    let p = s.sign_in("2000000019", "hanako2026");
    assert_eq!(p.location(), Some("/loans"));
    s
}

#[test]
fn the_session_cookie_is_secure_http_only_and_same_site_strict() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    let p = s.sign_in("2000000019", "hanako2026");
    let cookie = p
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(SESSION_COOKIE))
        .expect("a session cookie");
    for flag in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    assert!(!cookie.contains("Domain"), "__Host- cookies name no domain");
    // The URL after sign-in carries nothing of the patron.
    assert_eq!(p.location(), Some("/loans"));
}

#[test]
fn the_database_keeps_a_digest_of_the_token_not_the_token() {
    let s = signed_in("kyoto");
    let token = s.jar[SESSION_COOKIE].clone();
    let (hash, n): (String, i64) = s
        .desk
        .lib
        .connection()
        .query_row(
            "SELECT min(token_hash), count(*) FROM patron_sessions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(hash.len(), 64);
    assert_ne!(hash, token);
}

#[test]
fn twenty_idle_minutes_sign_the_patron_out() {
    let mut s = signed_in("kyoto");
    s.at_time("2026-04-01T10:19:00+09:00");
    assert_eq!(s.get("/loans").status, StatusCode::OK);
    // Twenty minutes after the last page, still in.
    s.at_time("2026-04-01T10:39:00+09:00");
    assert_eq!(s.get("/loans").status, StatusCode::OK);
    // Twenty-one minutes after it: out, and told why.
    s.at_time("2026-04-01T11:00:00+09:00");
    let p = s.get("/loans");
    assert_eq!(p.location(), Some("/signin?expired=1"));
    assert!(!s.jar.contains_key(SESSION_COOKIE));
    assert!(
        s.get("/signin?expired=1")
            .body
            .contains("ログアウトしました")
    );
}

#[test]
fn sign_out_ends_the_session_in_the_database() {
    let mut s = signed_in("kyoto");
    let token = s.jar[SESSION_COOKIE].clone();
    let p = s.submit("/loans", "/signout", &[]);
    assert_eq!(p.location(), Some("/signin"));
    assert!(!s.jar.contains_key(SESSION_COOKIE));
    // The old cookie, replayed, signs nobody in.
    s.jar.insert(SESSION_COOKIE.into(), token);
    assert_eq!(s.get("/loans").location(), Some("/signin?expired=1"));
}

#[test]
fn a_post_without_the_sessions_csrf_token_is_refused_and_changes_nothing() {
    let mut s = signed_in("hokkaido");
    s.desk.copy("1000000017", "坊っちゃん", "normal");
    s.desk
        .checkout("general", "2026-03-25", "2000000019", "1000000017")
        .unwrap();
    let page = s.get("/loans");
    let id = {
        let at = page.body.find("name=\"loan\" value=\"").unwrap() + 19;
        page.body[at..at + page.body[at..].find('"').unwrap()].to_string()
    };
    let p = s.post("/loans/renew", &[("csrf", "0000"), ("loan", &id)]);
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = s.post("/loans/renew", &[("loan", &id)]);
    assert!(p.status.is_client_error());
    assert!(!s.get("/loans").body.contains("延長済"), "nothing renewed");
    // Sign-out needs it too.
    assert_eq!(
        s.post("/signout", &[("csrf", "x")]).status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(s.get("/loans").status, StatusCode::OK);
}

#[test]
fn a_sign_in_posted_from_elsewhere_is_refused() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    // No form cookie: the form was not this site's page.
    let p = s.post(
        "/signin",
        &[
            ("csrf", "a"),
            ("card", "2000000019"),
            ("password", "hanako2026"),
        ],
    );
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(!s.jar.contains_key(SESSION_COOKIE));
}

#[test]
fn every_page_has_a_strict_csp_and_no_script() {
    let mut s = signed_in("kyoto");
    for path in ["/signin", "/loans", "/card", "/password", "/forgot"] {
        let p = s.get(path);
        let csp = p.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        // No inline script: at most the card page's own file.
        let scripts: Vec<&str> = p
            .body
            .match_indices("<script")
            .map(|(i, _)| &p.body[i..])
            .collect();
        for sc in &scripts {
            assert!(
                sc.starts_with("<script src=\"/card.js\" defer></script>"),
                "{path}"
            );
        }
        assert_eq!(scripts.len(), usize::from(path == "/card"), "{path}");
        assert!(!p.body.contains("style=\""), "{path}");
        assert_eq!(p.headers["cache-control"], "no-store", "{path}");
        assert_eq!(p.headers["referrer-policy"], "no-referrer", "{path}");
    }
}

#[test]
fn the_access_log_names_routes_not_patrons() {
    let mut s = signed_in("kyoto");
    s.desk.copy("1000000017", "檸檬", "normal");
    s.desk
        .checkout("counter", "2026-03-31", "2000000019", "1000000017")
        .unwrap();
    s.get("/loans");
    s.get("/card");
    s.get("/card.png");
    s.submit("/loans", "/loans/renew", &[("all", "1")]);
    s.sign_in("2000000027", "wrong123");
    let lines = s.log.lines();
    assert!(lines.iter().any(|l| l.starts_with("GET /loans 200 ")));
    assert!(lines.iter().any(|l| l.starts_with("POST /signin ")));
    for l in &lines {
        for secret in [
            "2000000019",
            "2000000027",
            "京都",
            "花子",
            "hanako",
            "wrong",
            "檸檬",
            "1000000017",
        ] {
            assert!(!l.contains(secret), "{l}");
        }
        let words: Vec<&str> = l.split(' ').collect();
        assert_eq!(words.len(), 4, "method, route, status, ms: {l}");
        assert!(words[3].ends_with("ms"));
    }
}

#[test]
fn the_language_switch_is_a_cookie_not_the_address() {
    let mut s = signed_in("kyoto");
    let p = s.get("/lang/en?back=/loans");
    assert_eq!(p.location(), Some("/loans"));
    assert_eq!(s.jar["lang"], "en");
    let p = s.get("/loans");
    assert!(p.body.contains("<html lang=\"en\""));
    assert!(p.body.contains("My loans"));
    // Only a path of this site.
    assert_eq!(s.get("/lang/ja?back=//evil.example").location(), Some("/"));
    assert!(s.get("/loans").body.contains("借りている資料"));
}

#[test]
fn a_session_made_by_one_server_is_known_to_another_on_the_same_database() {
    let mut s = signed_in("kyoto");
    s.another_server();
    assert_eq!(s.get("/loans").status, StatusCode::OK);
    s.submit("/loans", "/signout", &[]);
    assert!(!s.jar.contains_key(SESSION_COOKIE));
}

#[test]
fn h4_a_reset_at_the_counter_sends_an_open_session_to_the_change_of_password() {
    let mut s = signed_in("kyoto");
    let c = common::card(&s.desk.lib, "2000000019");
    s.desk
        .lib
        .reset_patron_password(&common::actor("counter", "2026-04-01"), &c)
        .unwrap();
    assert_eq!(s.get("/loans").location(), Some("/password"));
    assert_eq!(s.get("/card.png").location(), Some("/password"));
}
