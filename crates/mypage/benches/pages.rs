//! My Page's cost per page, and why `Library` values are pooled: `cargo bench -p
//! kashidashi-mypage` (SQLite; `KASHIDASHI_TEST_PG=URL` for a PostgreSQL server). A patron with
//! ten loans (Hokkaido, 2026-04-01) follows the loans page: one at a time, then 32 at once; and
//! the core's part alone, with a pooled library against one opened for the request.

#[path = "../../core/tests/common/db.rs"]
#[allow(dead_code)]
mod db;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::domain::{DeskCode, Now, StaffId, parse_date};
use kashidashi_core::patrons::PatronDetails;
use kashidashi_core::{Actor, Library, scan};
use kashidashi_mypage::{AppState, Clock, LogSink, SESSION_COOKIE, router};
use tower::ServiceExt;

fn on(d: &str) -> Now {
    Now::at_date(parse_date(d).unwrap())
}

fn at(d: &str) -> Actor {
    Actor {
        staff: StaffId::new("admin"),
        desk: DeskCode::new("general"),
        now: on(d),
    }
}

fn quantiles(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(v[v.len() / 2]), ms(v[v.len() * 99 / 100]))
}

fn main() {
    let db = db::TestDb::new("bench.db");
    let mut lib = Library::init(&db.target, "hokkaido", on("2026-01-06")).unwrap();
    let card = scan::card(lib.policy(), "2000000019").unwrap();
    let details = PatronDetails {
        name: "山田 太郎".into(),
        birth_date: Some("1990-04-01".into()),
        ..Default::default()
    };
    let temp = lib
        .register_patron(&at("2026-01-06"), &card, &details, false)
        .unwrap()
        .temporary_password;
    lib.change_patron_password(&card, &temp, "yama1990", on("2026-01-06"))
        .unwrap();
    for i in 0..10 {
        let b = scan::item(lib.policy(), &format!("10000001{i:02}")).unwrap();
        let item = ItemDetails {
            title: format!("本 {i}"),
            author: Some("著者".into()),
            ..Default::default()
        };
        lib.add_item(&at("2026-01-06"), &b, &item).unwrap();
        lib.checkout(&at("2026-03-25"), &card, &b, false).unwrap();
    }

    let state = AppState::open(
        db.target.clone(),
        Clock::fixed(on("2026-04-01")),
        LogSink::memory(),
    )
    .unwrap();
    let app = router(state);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let session = rt.block_on(async {
        let page = app
            .clone()
            .oneshot(Request::get("/signin").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let form_cookie = page.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let token = form_cookie.split_once('=').unwrap().1.to_string();
        let res = app
            .clone()
            .oneshot(
                Request::post("/signin")
                    .header("cookie", &form_cookie)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(format!(
                        "csrf={token}&card=2000000019&password=yama1990"
                    )))
                    .unwrap(),
            )
            .await
            .unwrap();
        let c = res.headers()["set-cookie"].to_str().unwrap();
        assert!(c.starts_with(SESSION_COOKIE));
        c.split(';').next().unwrap().to_string()
    });
    let get = |app: axum::Router, cookie: String| async move {
        let t = Instant::now();
        let res = app
            .oneshot(
                Request::get("/loans")
                    .header("cookie", cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        t.elapsed()
    };

    const N: usize = 400;
    let (seq, seq_total) = rt.block_on(async {
        let started = Instant::now();
        let mut v = Vec::new();
        for _ in 0..N {
            v.push(get(app.clone(), session.clone()).await);
        }
        (v, started.elapsed())
    });
    let (par, par_total) = rt.block_on(async {
        let started = Instant::now();
        let mut v = Vec::new();
        for _ in 0..N / 32 {
            let tasks: Vec<_> = (0..32)
                .map(|_| tokio::spawn(get(app.clone(), session.clone())))
                .collect();
            for t in tasks {
                v.push(t.await.unwrap());
            }
        }
        (v, started.elapsed())
    });

    let patron = lib.patron(&at("2026-04-01"), &card).unwrap().id;
    let pooled: Vec<Duration> = (0..100)
        .map(|_| {
            let t = Instant::now();
            lib.my_loans(patron, on("2026-04-01")).unwrap();
            t.elapsed()
        })
        .collect();
    let opened: Vec<Duration> = (0..100)
        .map(|_| {
            let t = Instant::now();
            let mut fresh = Library::open(db.target.clone()).unwrap();
            fresh.my_loans(patron, on("2026-04-01")).unwrap();
            drop(fresh);
            t.elapsed()
        })
        .collect();

    let engine = if db.is_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let (p50, p99) = quantiles(seq);
    println!(
        "{engine}: /loans (10 loans) one at a time: p50 {p50:.2} ms, p99 {p99:.2} ms, {:.0} pages/s",
        N as f64 / seq_total.as_secs_f64()
    );
    let (p50, p99) = quantiles(par);
    println!(
        "{engine}: /loans 32 at once: p50 {p50:.2} ms, p99 {p99:.2} ms, {:.0} pages/s",
        N as f64 / par_total.as_secs_f64()
    );
    let (a, _) = quantiles(pooled);
    let (b, _) = quantiles(opened);
    println!(
        "{engine}: my_loans on a pooled library p50 {a:.2} ms; opening a library for it p50 {b:.2} ms ({:.1}x)",
        b / a
    );
    drop(lib);
}
