//! My Page through HTTP: the router called in-process (tower's `oneshot`) on a library of the
//! core's test set-up (`KASHIDASHI_TEST_PG` picks the engine), with a cookie jar like a
//! browser's and a clock set to the rules' own dates. Core calls by the "desk" run on the test's
//! thread, outside the runtime, as the sync PostgreSQL client requires.
#![allow(dead_code, unused_imports)]

#[path = "../../../core/tests/common/mod.rs"]
pub mod core;

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use kashidashi_core::domain::parse_now;
use kashidashi_mypage::{AppState, Clock, LogSink, router};
use tower::ServiceExt;

pub use self::core::{Desk, actor, card, day, item, library, on};

/// Fields drop in this order: the server's connections close before the test's database goes.
pub struct Site {
    router: Router,
    rt: tokio::runtime::Runtime,
    pub desk: Desk,
    pub clock: Clock,
    pub log: LogSink,
    /// The browser's cookies: name → value.
    pub jar: BTreeMap<String, String>,
    /// The address requests come from (the per-address limit).
    pub from: SocketAddr,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// The value of the first hidden `csrf` field.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .expect("a form with a csrf field");
        let rest = &self.body[at + "name=\"csrf\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
}

/// `application/x-www-form-urlencoded`, Japanese included.
pub fn encode(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl Site {
    /// A library of `profile` as it stood on 2026-04-01, and My Page on it at `date`.
    pub fn new(profile: &str, date: &str) -> Site {
        let desk = library(profile);
        let clock = Clock::fixed(on(date));
        let log = LogSink::memory();
        let state = AppState::open(desk.db.target.clone(), clock.clone(), log.clone()).unwrap();
        Site {
            router: router(state),
            rt: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap(),
            desk,
            clock,
            log,
            jar: BTreeMap::new(),
            from: "192.0.2.10:50000".parse().unwrap(),
        }
    }

    pub fn at(&self, date: &str) {
        self.clock.set(on(date));
    }

    /// An exact time, RFC 3339 (`2026-04-01T10:16:00+09:00`).
    pub fn at_time(&self, time: &str) {
        self.clock.set(parse_now(time).unwrap());
    }

    /// From now on the requests go to a second server on the same database, as a second
    /// `serve` process behind one proxy would get them.
    pub fn another_server(&mut self) {
        let state = AppState::open(
            self.desk.db.target.clone(),
            self.clock.clone(),
            self.log.clone(),
        )
        .unwrap();
        self.router = router(state);
    }

    /// A patron registered at the counter; returns the temporary password (K1).
    pub fn patron(&mut self, card_no: &str, name: &str) -> String {
        use kashidashi_core::patrons::PatronDetails;
        let partners = if self.desk.lib.policy().desk("ebetsu").is_ok() {
            vec!["ebetsu".into()]
        } else {
            vec![]
        };
        let details = PatronDetails {
            name: name.into(),
            birth_date: Some("1990-04-01".into()),
            partners,
            ..Default::default()
        };
        let c = card(&self.desk.lib, card_no);
        let counter = self.desk.first_counter();
        self.desk
            .lib
            .register_patron(&actor(counter, "2026-01-06"), &c, &details, false)
            .unwrap()
            .temporary_password
    }

    /// A patron who has already chosen `password` (K1 done).
    pub fn patron_with(&mut self, card_no: &str, name: &str, password: &str) {
        let temp = self.patron(card_no, name);
        let c = card(&self.desk.lib, card_no);
        self.desk
            .lib
            .change_patron_password(&c, &temp, password, on("2026-01-06"))
            .unwrap();
    }

    fn request(&mut self, req: Request<Body>) -> Page {
        let mut req = req;
        req.extensions_mut().insert(ConnectInfo(self.from));
        if !self.jar.is_empty() {
            let c = self
                .jar
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut().insert("cookie", c.parse().unwrap());
        }
        let router = self.router.clone();
        let (status, headers, bytes) = self.rt.block_on(async move {
            let res = router.oneshot(req).await.unwrap();
            let status = res.status();
            let headers = res.headers().clone();
            let bytes = axum::body::to_bytes(res.into_body(), 10 << 20)
                .await
                .unwrap()
                .to_vec();
            (status, headers, bytes)
        });
        let page = Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        };
        for c in page.set_cookies() {
            let first = c.split(';').next().unwrap();
            let (k, v) = first.split_once('=').unwrap();
            if c.contains("Max-Age=0") {
                self.jar.remove(k);
            } else {
                self.jar.insert(k.to_string(), v.to_string());
            }
        }
        page
    }

    pub fn get(&mut self, path: &str) -> Page {
        self.request(Request::get(path).body(Body::empty()).unwrap())
    }

    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.request(
            Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(encode(fields)))
                .unwrap(),
        )
    }

    /// GET the page, then POST its form with its own CSRF token and `fields`.
    pub fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(page).csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all)
    }

    pub fn sign_in(&mut self, card_no: &str, password: &str) -> Page {
        self.submit(
            "/signin",
            "/signin",
            &[("card", card_no), ("password", password)],
        )
    }

    /// The first error box of a page, as text without tags.
    pub fn alert(page: &Page) -> String {
        let at = page.body.find("role=\"alert\"").expect("an alert");
        let rest = &page.body[at..];
        let end = rest.find("</div>").or_else(|| rest.find("</p>")).unwrap();
        strip_tags(&rest[rest.find('>').unwrap() + 1..end])
    }
}

pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}
