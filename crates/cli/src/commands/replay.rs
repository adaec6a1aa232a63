//! `kashidashi replay FILE`: a desk session from a file, one action a line, in one process:
//!   checkout CARD ITEM | checkin ITEM | renew ITEM | hold CARD ITEM PICKUP | cancel HOLD | expire
//! A line may start with `@DESK` to act at another desk. Refusals are counted, not fatal.
//! With `--ack`, each committed action is written to standard error once its transaction has
//! committed (`ack loan ID`, `ack return ID`, `ack checkin`, `ack renew ID`, `ack hold ID`,
//! `ack cancel ID`, `ack expire`): what a desk was told, so a test can check that nothing it was told is lost.

use std::collections::BTreeMap;
use std::path::Path;

use kashidashi_core::domain::{DeskCode, HoldId};
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};
use kashidashi_core::{Invalid, Library, Result, scan};

use crate::env::Env;
use crate::reply::Reply;

/// What one committed action did, as acknowledged.
type Ack = (&'static str, Option<i64>);

fn one(lib: &mut Library, env: &Env, line: &str) -> Result<Ack> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let mut actor = env.actor(lib);
    if let Some(desk) = words.first().and_then(|w| w.strip_prefix('@')) {
        actor.desk = DeskCode::new(desk);
        words.remove(0);
    }
    let p = lib.policy().clone();
    match words.as_slice() {
        ["checkout", card, item] => lib
            .checkout(
                &actor,
                &scan::card(&p, card)?,
                &scan::item(&p, item)?,
                false,
            )
            .map(|o| ("loan", Some(o.loan.id.0))),
        ["checkin", item] => lib
            .checkin(&actor, &scan::item(&p, item)?, None, false)
            .map(|o| match o.loan {
                Some(l) => ("return", Some(l.id.0)),
                // A copy received from transit or pulled for its hold: no loan to close.
                None => ("checkin", None),
            }),
        ["renew", item] => lib
            .renew(&actor, &scan::item(&p, item)?, false)
            .map(|l| ("renew", Some(l.id.0))),
        ["hold", card, item, pickup] => {
            let req = HoldRequest {
                pickup: pickup.to_string(),
                notify: Notify::None,
                by: PlacedBy::Staff,
            };
            lib.place_hold(
                &actor,
                &scan::card(&p, card)?,
                &scan::item(&p, item)?,
                &req,
                false,
            )
            .map(|h| ("hold", Some(h.id.0)))
        }
        ["cancel", id] => {
            let id = id.parse().map_err(|_| Invalid::BadValue {
                field: "hold id",
                input: id.to_string(),
            })?;
            lib.cancel_hold(&actor, HoldId(id), PlacedBy::Staff)
                .map(|_| ("cancel", Some(id)))
        }
        ["expire"] => lib.expire_shelf(&actor).map(|_| ("expire", None)),
        _ => Err(Invalid::BadValue {
            field: "replay line",
            input: line.to_string(),
        }
        .into()),
    }
}

pub fn run(env: &Env, file: &Path, ack: bool) -> Result<Reply> {
    let text = std::fs::read_to_string(file).map_err(|e| Invalid::ImportFile {
        path: file.display().to_string(),
        detail: e.to_string(),
    })?;
    let mut lib = env.open()?;
    let mut done = 0usize;
    let mut refused: BTreeMap<&'static str, usize> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        match one(&mut lib, env, line) {
            Ok((what, id)) => {
                done += 1;
                if ack {
                    match id {
                        Some(id) => eprintln!("ack {what} {id}"),
                        None => eprintln!("ack {what}"),
                    }
                }
            }
            Err(e) => *refused.entry(e.code()).or_default() += 1,
        }
    }
    let summary = refused
        .iter()
        .map(|(c, n)| format!("{c}: {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Reply::new(format!("{done} done; {summary}"))
        .with("done", done)
        .with("refused", refused))
}
