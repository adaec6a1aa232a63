//! My Page on a library-scale catalogue (issue 13, Benchmarks), on a copy of a library given by
//! `KASHIDASHI_BENCH_LIBRARY` (a `kashidashi demo --scale large` file, or a `postgres://` URL of
//! one; the copy is made beside it as `kashidashi bench` makes its own, and removed):
//!
//!     KASHIDASHI_BENCH_LIBRARY=/tmp/large.db cargo bench -p kashidashi-mypage --bench library
//!
//! Without the variable it does nothing, so `cargo bench` runs the small bench (`pages.rs`) alone.
//! `KASHIDASHI_BENCH_PARTS=search` (or `load`) runs one part only.
//!
//! 1. The search page (蔵書検索) one at a time for needles of every kind: three characters or
//!    more, common and rare (the substring index, migration 0011), one and two characters
//!    (the index's trigrams that begin with them; a common one in title order) and an ISBN.
//! 2. Desk checkout and check-in (a desk's own `Library`, on a thread of its own as a desk is a
//!    process of its own), alone.
//! 3. 200 patrons at once, each signed in and following their loans and holds pages, with a
//!    think time of 1–3 s between pages as a reader has; the desk scanning all along.
//! 4. The same 200 at full speed (no think time); the desk scanning all along.
//!
//! Pages go through the router in-process (no socket), as in `pages.rs`. Patrons are signed in
//! through the core's `patron_sign_in` (the session and cookie the sign-in page makes), one argon2
//! check each, not through the sign-in page: its per-address limit would stop 200 sign-ins from
//! one address, as it should. My Page's clock starts at 10:00 on the day the demo was made and
//! runs with real time, so sessions are touched once a minute as in service.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use kashidashi_core::domain::{Now, StaffId, parse_date, parse_now};
use kashidashi_core::store::{self, Target};
use kashidashi_core::{Actor, Library, scan};
use kashidashi_mypage::{AppState, Clock, LogSink, SESSION_COOKIE, router};
use rand::Rng;
use tower::ServiceExt;

const LIBRARY_ENV: &str = "KASHIDASHI_BENCH_LIBRARY";
const PARTS_ENV: &str = "KASHIDASHI_BENCH_PARTS";
const PATRONS: usize = 200;
const PASSWORD: &str = "yama1990";
/// Seconds each load phase runs, and the desk alone.
const THINK_SECONDS: u64 = 60;
const FULL_SECONDS: u64 = 30;
const ALONE_SECONDS: u64 = 30;
const SEARCHES: usize = 100;
/// Between a desk's scans: 20 a second, faster than one counter scans, so that the desk's
/// figures have samples enough, but not back to back (a desk writing without pause holds
/// SQLite's one write lock nearly all the time, which no counter does).
const DESK_PAUSE: Duration = Duration::from_millis(50);

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p99 in milliseconds.
fn quantiles(v: &[Duration]) -> (f64, f64) {
    let mut v = v.to_vec();
    v.sort();
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    (
        ms(v[v.len() / 2]),
        ms(v[(v.len() * 99 / 100).min(v.len() - 1)]),
    )
}

/// The copy the bench runs on, removed when it ends.
struct BenchCopy {
    source: Target,
    target: Target,
    dir: Option<tempfile::TempDir>,
}

impl BenchCopy {
    fn make(source: &Target) -> BenchCopy {
        let copy = match source {
            Target::File(path) => {
                let dir = tempfile::tempdir_in(path.parent().expect("a file's folder")).unwrap();
                BenchCopy {
                    source: source.clone(),
                    target: Target::File(dir.path().join("bench.db")),
                    dir: Some(dir),
                }
            }
            Target::Postgres(_) => BenchCopy {
                source: source.clone(),
                target: source.with_database(&format!("kashidashi_mypage_{}", std::process::id())),
                dir: None,
            },
        };
        store::copy_library(source, &copy.target).unwrap();
        copy
    }
}

impl Drop for BenchCopy {
    fn drop(&mut self) {
        if self.dir.is_none()
            && let Some(name) = self.target.database()
        {
            let _ = store::drop_database(&self.source, &name);
        }
    }
}

fn strings(lib: &Library, sql: &str, n: usize) -> Vec<String> {
    let mut st = lib.connection().prepare(sql).unwrap();
    st.query_map([n as i64], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A page through the router: its time to the last byte of the body.
async fn fetch(app: axum::Router, req: Request<Body>) -> Duration {
    fetch_sized(app, req).await.0
}

/// A page's time and its size in bytes.
async fn fetch_sized(app: axum::Router, req: Request<Body>) -> (Duration, usize) {
    let t = Instant::now();
    let res = app.oneshot(req).await.unwrap();
    assert_eq!(res.status(), 200);
    let body = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    (t.elapsed(), body.len())
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap()
}

/// A desk at its counter: checkout then check-in, copy after copy, until `stop`, `DESK_PAUSE`
/// after each.
struct Desk {
    checkout: Vec<Duration>,
    checkin: Vec<Duration>,
}

fn desk(
    target: Target,
    actor: Actor,
    cards: Arc<Vec<String>>,
    items: Arc<Vec<String>>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Desk> {
    std::thread::spawn(move || {
        let mut lib = Library::open(target).unwrap();
        let policy = lib.policy().clone();
        let mut d = Desk {
            checkout: Vec::new(),
            checkin: Vec::new(),
        };
        let mut i = 0;
        while !stop.load(Ordering::Relaxed) {
            let card = scan::card(&policy, &cards[i % cards.len()]).unwrap();
            let item = scan::item(&policy, &items[i % items.len()]).unwrap();
            let t = Instant::now();
            lib.checkout(&actor, &card, &item, false).unwrap();
            d.checkout.push(t.elapsed());
            std::thread::sleep(DESK_PAUSE);
            let t = Instant::now();
            lib.checkin(&actor, &item, None, false).unwrap();
            d.checkin.push(t.elapsed());
            std::thread::sleep(DESK_PAUSE);
            i += 1;
        }
        d
    })
}

/// The 200 patrons for `seconds`, each following loans then holds, with a think time between
/// pages or none; every page's kind and time.
async fn browse(
    app: &axum::Router,
    cookies: &[String],
    seconds: u64,
    think: bool,
) -> (Vec<Duration>, Vec<Duration>, Duration) {
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = cookies
        .iter()
        .cloned()
        .map(|cookie| {
            let app = app.clone();
            tokio::spawn(async move {
                // Patrons do not arrive in step: each starts within the first think time.
                if think {
                    let wait = rand::rng().random_range(0..3000);
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                }
                let (mut loans, mut holds) = (Vec::new(), Vec::new());
                while Instant::now() < until {
                    for (path, times) in [("/loans", &mut loans), ("/holds", &mut holds)] {
                        times.push(fetch(app.clone(), get(path, &cookie)).await);
                        if think {
                            let wait = rand::rng().random_range(1000..3000);
                            tokio::time::sleep(Duration::from_millis(wait)).await;
                        }
                    }
                }
                (loans, holds)
            })
        })
        .collect();
    let (mut loans, mut holds) = (Vec::new(), Vec::new());
    for t in tasks {
        let (l, h) = t.await.unwrap();
        loans.extend(l);
        holds.extend(h);
    }
    (loans, holds, started.elapsed())
}

fn main() {
    let Some(source) = std::env::var(LIBRARY_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
    else {
        println!("library bench: skipped ({LIBRARY_ENV} names no library-scale demo)");
        return;
    };
    let source = Target::parse(source.trim());
    let t = Instant::now();
    let copy = BenchCopy::make(&source);
    println!("copy made in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut lib = Library::open(copy.target.clone()).unwrap();
    println!(
        "opened (migrated where older) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let engine = match copy.target {
        Target::File(_) => "SQLite",
        Target::Postgres(_) => "PostgreSQL",
    };
    let policy = lib.policy().clone();

    // The day the demo was made: its loans and holds are as of that day.
    let made: String = lib
        .connection()
        .query_row(
            "SELECT created_at FROM staff WHERE id = 'counter1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let day = parse_date(&made[..10]).unwrap();
    let start = Now::at_date(day);
    let desk_actor = Actor {
        staff: StaffId::new("counter1"),
        desk: policy.first_counter().code.clone(),
        now: start,
    };

    // Patrons with loans and holds sign in with a password of their own (the demo sets none):
    // one set through the desk and My Page's own calls, its hash given to the others.
    let cards = strings(
        &lib,
        "SELECT card FROM patrons p
          WHERE EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id AND l.returned_on IS NULL)
            AND EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id)
          ORDER BY id LIMIT ?1",
        PATRONS,
    );
    assert_eq!(cards.len(), PATRONS, "the library-scale demo has them");
    let first = scan::card(&policy, &cards[0]).unwrap();
    let temp = lib
        .reset_patron_password(&desk_actor, &first)
        .unwrap()
        .temporary_password;
    lib.change_patron_password(&first, &temp, PASSWORD, start)
        .unwrap();
    for c in &cards[1..] {
        lib.connection()
            .execute(
                "UPDATE patrons SET password_hash = (SELECT password_hash FROM patrons WHERE card = ?1),
                        password_temporary = FALSE
                  WHERE card = ?2",
                (cards[0].as_str(), c.as_str()),
            )
            .unwrap();
    }
    let t = Instant::now();
    let signed: Vec<_> = cards
        .iter()
        .map(|c| {
            let card = scan::card(&policy, c).unwrap();
            lib.patron_sign_in(&card, PASSWORD, start).unwrap()
        })
        .collect();
    println!(
        "{PATRONS} patrons signed in through the core in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let cookies: Vec<String> = signed
        .iter()
        .map(|s| format!("{SESSION_COOKIE}={}", s.token))
        .collect();

    // An ISBN to look up: the demo's titles have none.
    lib.connection()
        .execute(
            "UPDATE titles SET isbn = '9784915512377' WHERE id = (SELECT max(id) FROM titles)",
            [],
        )
        .unwrap();
    // The desk lends copies nobody waits for to patrons with nothing out, and takes them back.
    let desk_items = Arc::new(strings(
        &lib,
        "SELECT barcode FROM items i WHERE status = 'available' AND loan_type = 'normal'
            AND collection = 'general' AND NOT ill
            AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = i.title_id) ORDER BY id DESC LIMIT ?1",
        300,
    ));
    // Those a checkout is not refused to (a registration past its years is, C22).
    let mut desk_cards = Vec::new();
    for c in strings(
        &lib,
        "SELECT card FROM patrons p WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id) ORDER BY id DESC LIMIT ?1",
        400,
    ) {
        let card = scan::card(&policy, &c).unwrap();
        let item = scan::item(&policy, &desk_items[0]).unwrap();
        if lib.checkout(&desk_actor, &card, &item, false).is_ok() {
            lib.checkin(&desk_actor, &item, None, false).unwrap();
            desk_cards.push(c);
        }
    }
    assert!(desk_cards.len() >= 20, "patrons the desk may lend to");
    let desk_cards = Arc::new(desk_cards);
    drop(lib);

    let clock = Clock::fixed(start);
    let state = AppState::open(copy.target.clone(), clock.clone(), LogSink::memory()).unwrap();
    let app = router(state);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    // My Page's clock runs with real time from 10:00 on the demo's day.
    let ticking = Arc::new(AtomicBool::new(true));
    let ticker = {
        let (ticking, clock) = (ticking.clone(), clock.clone());
        let from = chrono::DateTime::parse_from_rfc3339(&start.rfc3339()).unwrap();
        let began = Instant::now();
        std::thread::spawn(move || {
            while ticking.load(Ordering::Relaxed) {
                let at = from + chrono::Duration::from_std(began.elapsed()).unwrap();
                clock.set(parse_now(&at.to_rfc3339()).unwrap());
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };

    let parts = std::env::var(PARTS_ENV).unwrap_or_default();
    let part = |name: &str| parts.is_empty() || parts == name;

    // 1. The search page, one at a time.
    let needles: &[(&str, &str)] = &[
        ("3+ common", "プログラミング"),
        ("3+ common", "札幌の野鳥"),
        ("3+ author", "佐藤花子"),
        ("3+ rare", "吾輩は猫"),
        ("2 common", "札幌"),
        ("2 rare", "漱石"),
        ("1 rare", "猫"),
        ("1 common", "の"),
        ("ISBN", "978-4-915512-37-7"),
    ];
    if part("search") {
        println!(
            "\n{engine}: the search (core, ms) and its page (POST /search), {SEARCHES} one at a time"
        );
        println!(
            "{:<10} {:<18} {:>6} {:>9} {:>8} {:>9} {:>9}",
            "needle", "", "titles", "find p50", "page KB", "p50 ms", "p99 ms"
        );
    }
    let csrf = signed[0].csrf.clone();
    for (kind, q) in needles.iter().filter(|_| part("search")) {
        // The core's search alone (the desk's `item search`), apart from the page's copies.
        let (hits, find) = {
            let mut lib = Library::open(copy.target.clone()).unwrap();
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..20 {
                let t = Instant::now();
                hits = lib.search_titles(&desk_actor, q).unwrap().len();
                times.push(t.elapsed());
            }
            (hits, quantiles(&times).0)
        };
        let (times, size) = rt.block_on(async {
            let (mut v, mut size) = (Vec::new(), 0);
            for _ in 0..SEARCHES {
                let req = Request::post("/search")
                    .header("cookie", &cookies[0])
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(format!("csrf={csrf}&q={}", form_encode(q))))
                    .unwrap();
                let (t, n) = fetch_sized(app.clone(), req).await;
                v.push(t);
                size = n;
            }
            (v, size)
        });
        let (p50, p99) = quantiles(&times);
        println!(
            "{kind:<10} {q:<18} {hits:>6} {find:>9.2} {:>8} {p50:>9.2} {p99:>9.2}",
            size / 1024
        );
    }

    if !part("load") {
        ticking.store(false, Ordering::Relaxed);
        ticker.join().unwrap();
        return;
    }

    // Every patron's pages once, so the pool's libraries are open and the pages cached, as on
    // a server that has been up a while.
    rt.block_on(async {
        for c in &cookies {
            fetch(app.clone(), get("/loans", c)).await;
            fetch(app.clone(), get("/holds", c)).await;
        }
    });

    let run_desk = |stop: &Arc<AtomicBool>| {
        desk(
            copy.target.clone(),
            desk_actor.clone(),
            desk_cards.clone(),
            desk_items.clone(),
            stop.clone(),
        )
    };

    // 2. The desk alone.
    let stop = Arc::new(AtomicBool::new(false));
    let alone = run_desk(&stop);
    std::thread::sleep(Duration::from_secs(ALONE_SECONDS));
    stop.store(true, Ordering::Relaxed);
    let alone = alone.join().unwrap();

    // 3 and 4. 200 patrons reading, then at full speed, the desk scanning all along.
    let mut phases = Vec::new();
    for (name, seconds, think) in [
        ("think 1-3 s", THINK_SECONDS, true),
        ("full speed", FULL_SECONDS, false),
    ] {
        let stop = Arc::new(AtomicBool::new(false));
        let d = run_desk(&stop);
        let (loans, holds, took) = rt.block_on(browse(&app, &cookies, seconds, think));
        stop.store(true, Ordering::Relaxed);
        phases.push((name, loans, holds, took, d.join().unwrap()));
    }
    ticking.store(false, Ordering::Relaxed);
    ticker.join().unwrap();

    println!("\n{engine}: {PATRONS} patrons following /loans and /holds, the desk scanning");
    println!(
        "{:<12} {:>7} {:>8} {:>9} {:>9} {:>11} {:>11} {:>11} {:>11}",
        "load",
        "pages",
        "pages/s",
        "p50 ms",
        "p99 ms",
        "loans p99",
        "holds p99",
        "desk out99",
        "desk in99"
    );
    for (name, loans, holds, took, d) in &phases {
        let all: Vec<Duration> = loans.iter().chain(holds).copied().collect();
        let (p50, p99) = quantiles(&all);
        println!(
            "{name:<12} {:>7} {:>8.0} {p50:>9.2} {p99:>9.2} {:>11.2} {:>11.2} {:>11.2} {:>11.2}",
            all.len(),
            all.len() as f64 / took.as_secs_f64(),
            quantiles(loans).1,
            quantiles(holds).1,
            quantiles(&d.checkout).1,
            quantiles(&d.checkin).1,
        );
    }
    println!("\n{engine}: the desk (checkout, check-in), p50 / p99 ms and how many");
    let mut rows = vec![("alone", &alone)];
    rows.extend(phases.iter().map(|(name, _, _, _, d)| (*name, d)));
    for (name, d) in rows {
        let (o50, o99) = quantiles(&d.checkout);
        let (i50, i99) = quantiles(&d.checkin);
        println!(
            "{name:<12} checkout {o50:>6.2} / {o99:>6.2} (n {}), check-in {i50:>6.2} / {i99:>6.2} (n {})",
            d.checkout.len(),
            d.checkin.len()
        );
    }
}

/// `application/x-www-form-urlencoded` for a search's words.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
