//! `kashidashi bench --desks N --seconds S`: many desks at once on one library (issue 12). Each
//! desk is a thread with its own connection, as a separate desk program has, scanning for S
//! seconds on patrons and copies no other desk touches: a checkout, a renewal, a return, over
//! and over, at full speed or (`--every-ms`) once every so many milliseconds, as staff at a
//! counter scan; the desks start spread over that interval, as real desks do not scan in step. At full speed the machine, not the store, sets the figures: N desks on a server that
//! does R actions a second wait about N/R each (Little's law). It reports actions per second, p50/p99/max of an action, refusals,
//! and the actions run again after a serialization failure (PostgreSQL, counted by the store
//! layer). Like `bench`, it runs on a copy of the library that it makes and removes.

use std::collections::BTreeMap;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use kashidashi_core::{Library, Result, scan};
use serde_json::json;

use super::bench::{BenchCopy, strings};
use crate::env::Env;
use crate::reply::Reply;

/// Copies per desk: enough that a desk never waits for its own, few enough for 50 desks on
/// the library-scale demo.
const COPIES: usize = 20;
/// Patrons per desk, taken in turn (each returns what it borrowed before borrowing again); two
/// let 50 desks run on the small demo.
const PATRONS: usize = 2;

/// What one desk did.
struct DeskRun {
    ms: Vec<f64>,
    refused: BTreeMap<&'static str, usize>,
    retries: u64,
}

pub fn run(env: &Env, desks: usize, seconds: u64, every_ms: u64) -> Result<Reply> {
    let copy = BenchCopy::make(&env.db)?;
    let lib = Library::open(&copy.target)?;
    let c = lib.connection();
    let patrons = strings(c, "SELECT card FROM patrons p WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id AND l.returned_on IS NULL)
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id) ORDER BY random() LIMIT ?1", desks * PATRONS)?;
    // One copy per title, of titles nobody holds: no desk's return traps another desk's copy.
    let copies = strings(c, "SELECT min(barcode) FROM items i WHERE status = 'available' AND loan_type = 'normal'
        AND collection = 'general' AND NOT ill AND copy_state IS NULL
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = i.title_id) GROUP BY title_id ORDER BY random() LIMIT ?1", desks * COPIES)?;
    if patrons.len() < desks * PATRONS || copies.len() < desks * COPIES {
        return Err(kashidashi_core::Invalid::BadValue {
            field: "desks",
            input: format!(
                "{desks} ({} patrons, {} copies free)",
                patrons.len(),
                copies.len()
            ),
        }
        .into());
    }
    let policy = lib.policy().clone();
    let actor = env.actor(&lib);
    drop(lib);
    let start = Barrier::new(desks);
    let runs: Vec<Result<DeskRun>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..desks)
            .map(|d| {
                let (start, target, policy, actor) = (&start, &copy.target, &policy, &actor);
                let cards = &patrons[d * PATRONS..(d + 1) * PATRONS];
                let items = &copies[d * COPIES..(d + 1) * COPIES];
                s.spawn(move || -> Result<DeskRun> {
                    let mut lib = Library::open(target)?;
                    let cards = cards
                        .iter()
                        .map(|c| scan::card(policy, &c[0]))
                        .collect::<Result<Vec<_>>>()?;
                    let items = items
                        .iter()
                        .map(|i| scan::item(policy, &i[0]))
                        .collect::<Result<Vec<_>>>()?;
                    let mut run = DeskRun {
                        ms: Vec::new(),
                        refused: BTreeMap::new(),
                        retries: 0,
                    };
                    let every = Duration::from_millis(every_ms);
                    let phase = every.mul_f64(d as f64 / desks as f64);
                    start.wait();
                    let until = Instant::now() + Duration::from_secs(seconds);
                    let mut next = Instant::now() + phase;
                    let mut n = 0;
                    while Instant::now() < until {
                        let (card, item) = (&cards[n % cards.len()], &items[n % items.len()]);
                        n += 1;
                        for step in 0..3 {
                            std::thread::sleep(next.saturating_duration_since(Instant::now()));
                            next += every;
                            let t = Instant::now();
                            let r = match step {
                                0 => lib.checkout(actor, card, item, false).map(drop),
                                1 => lib.renew(actor, item, false).map(drop),
                                _ => lib.checkin(actor, item, None, false).map(drop),
                            };
                            run.ms.push(t.elapsed().as_secs_f64() * 1000.0);
                            if let Err(e) = r {
                                *run.refused.entry(e.code()).or_default() += 1;
                            }
                        }
                    }
                    run.retries = lib.conflict_retries();
                    Ok(run)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a desk thread"))
            .collect()
    });
    let mut ms = Vec::new();
    let (mut refused, mut retries) = (BTreeMap::<&str, usize>::new(), 0);
    for run in runs {
        let run = run?;
        ms.extend(run.ms);
        for (code, n) in run.refused {
            *refused.entry(code).or_default() += n;
        }
        retries += run.retries;
    }
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        ms.get(((ms.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let actions = ms.len();
    let per_second = actions as f64 / seconds as f64;
    let retry_share = retries as f64 / actions.max(1) as f64 * 100.0;
    let (p50, p99, max) = (pct(0.5), pct(0.99), pct(1.0));
    let pace = match every_ms {
        0 => " at full speed".to_string(),
        ms => format!(" scanning every {ms} ms"),
    };
    let text = format!(
        "{desks} desks{pace}, {seconds} s on {}: {actions} actions ({per_second:.0}/s), p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms, refused {refused:?}, {retries} retries ({retry_share:.2}%)",
        env.db
    );
    Ok(Reply::new(text).with(
        "load",
        json!({
            "desks": desks, "seconds": seconds, "every_ms": every_ms, "actions": actions, "actions_per_second": per_second,
            "p50_ms": p50, "p99_ms": p99, "max_ms": max, "refused": refused,
            "retries": retries, "retry_percent": retry_share,
        }),
    ))
}
