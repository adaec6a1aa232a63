//! `kashidashi bench`: p50 and p99 of each desk action on this database, and in the same run a
//! bare write transaction (one UPDATE, one INSERT) on the same file with the same pragmas.
//! Each action sample is paired with a bare sample so both see the same machine load; the bare
//! transaction is then also run alone, as many times, for the engine's own figure. It runs
//! on a copy of the library that it makes and removes, never on the library itself.

use std::path::PathBuf;
use std::time::Instant;

use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};
use kashidashi_core::store::{
    self, Connection, OpenMode, Target, TransactionBehavior, open_connection,
};
use kashidashi_core::{Actor, Library, Result, StoreError, private_files, scan};
use serde_json::json;

use crate::env::Env;
use crate::reply::Reply;

struct Series {
    name: &'static str,
    ms: Vec<f64>,
}

impl Series {
    fn new(name: &'static str) -> Series {
        Series {
            name,
            ms: Vec::new(),
        }
    }

    fn pct(&self, p: f64) -> f64 {
        let mut v = self.ms.clone();
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    }
}

fn time<T>(series: &mut Series, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    series.ms.push(t.elapsed().as_secs_f64() * 1000.0);
    out
}

fn bare(conn: &mut Connection, series: &mut Series, n: i64) -> Result<()> {
    time(series, || -> Result<()> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.prepare_cached("UPDATE items SET status = status WHERE id = ?1")?
            .execute([n])?;
        tx.prepare_cached("INSERT INTO audit (at, staff_id, action, subject) VALUES ('bench', 'bench', 'bench', ?1)")?
            .execute([n])?;
        tx.commit()?;
        Ok(())
    })
}

pub(super) fn strings(conn: &Connection, sql: &str, n: usize) -> Result<Vec<Vec<String>>> {
    let mut st = conn.prepare(sql)?;
    let cols = st.column_count();
    let rows = st.query_map([n as i64], |r| {
        (0..cols).map(|i| r.get::<_, String>(i)).collect()
    })?;
    Ok(rows.collect::<store::Result<_>>()?)
}

/// The library the benchmark runs on: a copy of `--db` made for it and removed after it, so
/// its loans, returns, holds in real patrons' names and audit rows never reach the library.
pub(super) struct BenchCopy {
    source: Target,
    pub(super) target: Target,
    /// The private folder of an SQLite copy.
    dir: Option<PathBuf>,
}

impl BenchCopy {
    pub(super) fn make(source: &Target) -> Result<BenchCopy> {
        let stamp = format!(
            "{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let copy = match source {
            Target::File(_) => {
                let dir = std::env::temp_dir().join(format!("kashidashi-bench-{stamp}"));
                private_files::create_dir(&dir).map_err(|e| StoreError::Io {
                    path: dir.display().to_string(),
                    detail: e.to_string(),
                })?;
                BenchCopy {
                    source: source.clone(),
                    target: Target::File(dir.join("bench.db")),
                    dir: Some(dir),
                }
            }
            Target::Postgres(_) => BenchCopy {
                source: source.clone(),
                target: source.with_database(&format!("kashidashi_bench_{stamp}")),
                dir: None,
            },
        };
        store::copy_library(source, &copy.target)?;
        Ok(copy)
    }
}

impl Drop for BenchCopy {
    fn drop(&mut self) {
        match (&self.dir, self.target.database()) {
            (Some(dir), _) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            (None, Some(name)) => {
                let _ = store::drop_database(&self.source, &name);
            }
            (None, None) => {}
        }
    }
}

pub fn run(env: &Env, samples: usize) -> Result<Reply> {
    let copy = BenchCopy::make(&env.db)?;
    let mut lib = Library::open(&copy.target)?;
    let mut raw = open_connection(&copy.target, OpenMode::Existing)?;
    let p = lib.policy().clone();
    let actor = env.actor(&lib);
    let at = |desk: &str| Actor {
        desk: kashidashi_core::domain::DeskCode::new(desk),
        ..actor.clone()
    };
    let c = lib.connection();
    let patrons = strings(c, "SELECT card FROM patrons p WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id) ORDER BY random() LIMIT ?1", samples)?;
    let free = strings(c, "SELECT barcode, CAST(title_id AS TEXT) FROM items i WHERE status = 'available' AND loan_type = 'normal'
        AND collection = 'general' AND NOT ill
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = i.title_id) ORDER BY random() LIMIT ?1", samples * 2)?;
    let trapping = strings(c, "SELECT i.barcode, CAST(i.title_id AS TEXT), l.desk_code FROM items i JOIN loans l ON l.item_id = i.id AND l.returned_on IS NULL
        JOIN desks d ON d.code = l.desk_code AND d.kind = 'counter'
        WHERE EXISTS (SELECT 1 FROM holds h WHERE h.title_id = i.title_id AND h.status = 'waiting') ORDER BY random() LIMIT ?1", samples * 2)?;
    // Titles with every copy out: a hold waits in the queue and takes no copy from the lists above.
    let wanted = strings(c, "SELECT min(barcode), CAST(title_id AS TEXT) FROM items WHERE loan_type IN ('normal', 'short') GROUP BY title_id
        HAVING sum(CASE WHEN status = 'available' THEN 1 ELSE 0 END) = 0
           AND sum(CASE WHEN status = 'on-loan' THEN 1 ELSE 0 END) > 0 ORDER BY random() LIMIT ?1", samples * 2)?;
    // Each sample works on titles no other sample touches, so one action never changes another's case.
    let mut used = std::collections::HashSet::new();
    let mut fresh = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .filter(|r| used.insert(r[1].clone()))
            .collect()
    };
    let (free, trapping, wanted) = (fresh(free), fresh(trapping), fresh(wanted));
    let n = samples
        .min(patrons.len())
        .min(free.len())
        .min(trapping.len())
        .min(wanted.len());

    let mut base = Series::new("bare transaction");
    let mut out = Series::new("checkout");
    let mut renew = Series::new("renew");
    let mut back = Series::new("checkin");
    let mut trap = Series::new("checkin with trap");
    let mut hold = Series::new("hold placement");
    let mut k = 0i64;
    let mut pair = |series: &mut Series,
                    raw: &mut Connection,
                    f: &mut dyn FnMut() -> Result<()>|
     -> Result<()> {
        k += 1;
        bare(raw, &mut base, k)?;
        time(series, f)
    };
    for i in 0..n {
        let card = scan::card(&p, &patrons[i][0])?;
        let item = scan::item(&p, &free[i][0])?;
        pair(&mut out, &mut raw, &mut || {
            lib.checkout(&actor, &card, &item, false).map(drop)
        })?;
        pair(&mut renew, &mut raw, &mut || {
            lib.renew(&actor, &item, false).map(drop)
        })?;
        pair(&mut back, &mut raw, &mut || {
            lib.checkin(&actor, &item, None, false).map(drop)
        })?;
        let returned = scan::item(&p, &trapping[i][0])?;
        let desk = at(&trapping[i][2]);
        pair(&mut trap, &mut raw, &mut || {
            lib.checkin(&desk, &returned, None, false).map(drop)
        })?;
        let title = scan::item(&p, &wanted[i][0])?;
        let req = HoldRequest {
            pickup: actor.desk.to_string(),
            notify: Notify::None,
            by: PlacedBy::Staff,
        };
        pair(&mut hold, &mut raw, &mut || {
            lib.place_hold(&actor, &card, &title, &req, false).map(drop)
        })?;
    }
    // The same bare transaction run alone, back to back: the paired samples above share the
    // cache and the WAL with the actions, which inflates their tail; this is the engine's own.
    let mut alone = Series::new("bare, alone");
    for _ in 0..base.ms.len() {
        k += 1;
        bare(&mut raw, &mut alone, k)?;
    }
    let bare_p99 = base.pct(0.99);
    let mut lines = vec![format!(
        "{:<20} {:>6} {:>9} {:>9} {:>12}",
        "action", "n", "p50 ms", "p99 ms", "p99 / bare"
    )];
    let mut rows = Vec::new();
    for s in [&out, &back, &trap, &renew, &hold, &base, &alone] {
        let ratio = s.pct(0.99) / bare_p99;
        lines.push(format!(
            "{:<20} {:>6} {:>9.3} {:>9.3} {:>11.2}x",
            s.name,
            s.ms.len(),
            s.pct(0.5),
            s.pct(0.99),
            ratio
        ));
        rows.push(json!({"action": s.name, "n": s.ms.len(), "p50_ms": s.pct(0.5), "p99_ms": s.pct(0.99), "p99_ratio_to_bare": ratio}));
    }
    Ok(Reply::new(lines.join("\n")).with("results", rows))
}
