//! Facts that must hold after any sequence of actions, crashes included. The durability test
//! kills the process at random points and then asks for these; staff can run `kashidashi check`.

use crate::store::Connection;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::holds::schedule::is_stale;
use crate::holds::{HOLD_SELECT, hold_from_row};
use crate::library::{Library, load_overrides};
use crate::policy::Policy;

/// Each check: what it means, and a query counting rows that break it.
const CHECKS: &[(&str, &str)] = &[
    (
        "a copy on loan without an open loan, or an open loan on a copy not marked on loan",
        "SELECT count(*) FROM items i WHERE (i.status IN ('on-loan', 'partner-loan'))
           <> EXISTS (SELECT 1 FROM loans l WHERE l.item_id = i.id AND l.returned_on IS NULL)",
    ),
    (
        "a copy with two open loans",
        "SELECT count(*) FROM (SELECT item_id FROM loans WHERE returned_on IS NULL
           GROUP BY item_id HAVING count(*) > 1) AS twice",
    ),
    (
        "a copy both set aside for a hold and on loan or on the open shelf",
        "SELECT count(*) FROM holds h JOIN items i ON i.id = h.item_id
          WHERE i.status NOT IN ('allocated', 'in-transit')",
    ),
    (
        "a copy set aside (割当) that no hold has",
        "SELECT count(*) FROM items i WHERE i.status = 'allocated'
           AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.item_id = i.id)",
    ),
    (
        "a half-done trap: an active hold past the queue without its copy, or a waiting one with a copy",
        "SELECT count(*) FROM holds WHERE (status IN ('allocated', 'in-transit', 'ready', 'awaiting-return'))
           <> (item_id IS NOT NULL)",
    ),
    (
        "a hold held back by the loan limit but booked on a delivery run (H12, H14)",
        "SELECT count(*) FROM holds WHERE status = 'awaiting-return' AND delivery_run IS NOT NULL",
    ),
    (
        "a ready hold without its shelf dates",
        "SELECT count(*) FROM holds WHERE status = 'ready'
           AND (notified_on IS NULL OR available_from IS NULL OR shelf_desk IS NULL)",
    ),
    (
        "a copy in transit without a destination, or a destination on a copy not in transit",
        "SELECT count(*) FROM items WHERE (status = 'in-transit') <> (transit_to IS NOT NULL)",
    ),
    (
        "a returned loan still linked to a patron who keeps no reading history (C6)",
        "SELECT count(*) FROM loans l JOIN patrons p ON p.id = l.patron_id
          WHERE l.returned_on IS NOT NULL AND NOT p.keep_history
            AND l.closed_as IS DISTINCT FROM 'claimed'",
    ),
    // C21: a copy out of circulation is nowhere else.
    (
        "a copy marked lost, damaged, in repair, withdrawn, claimed returned or missing (C21) with an open loan",
        "SELECT count(*) FROM items i WHERE i.copy_state IS NOT NULL
           AND EXISTS (SELECT 1 FROM loans l WHERE l.item_id = i.id AND l.returned_on IS NULL)",
    ),
    (
        "a copy marked lost, damaged, in repair, withdrawn, claimed returned or missing (C21) set aside or travelling for a hold",
        "SELECT count(*) FROM items i WHERE i.copy_state IS NOT NULL
           AND EXISTS (SELECT 1 FROM holds h WHERE h.item_id = i.id)",
    ),
    (
        "a copy marked lost, damaged, in repair, withdrawn, claimed returned or missing (C21) in transit or set aside",
        "SELECT count(*) FROM items WHERE copy_state IS NOT NULL
           AND (status <> 'available' OR transit_to IS NOT NULL)",
    ),
    (
        "a copy claimed returned without the loan set aside for the search, or such a loan on a copy not claimed (C21)",
        // Both ways from the few rows concerned: asked of every copy, the EXISTS read every
        // loan for each of a million copies (no index holds a closed loan's copy), and `check`
        // ran for hours on the library-scale demo.
        "SELECT (SELECT count(*) FROM items i WHERE i.copy_state = 'claims-returned'
                   AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.item_id = i.id AND l.closed_as = 'claimed'))
              + (SELECT count(*) FROM loans l JOIN items i ON i.id = l.item_id
                  WHERE l.closed_as = 'claimed' AND i.copy_state IS DISTINCT FROM 'claims-returned')",
    ),
    // Patron records (C22).
    (
        "a replaced card number that is some patron's card again (C22)",
        "SELECT count(*) FROM replaced_cards r JOIN patrons p ON p.card = r.card",
    ),
];

pub(crate) fn violations(conn: &Connection, policy: &Policy) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for (what, sql) in CHECKS {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        if n > 0 {
            found.push(format!("{n} × {what}"));
        }
    }
    let stale = stale_hold_days(conn, policy)?;
    if stale > 0 {
        found.push(format!(
            "{stale} × a secured hold whose run or shelf days do not follow the calendar (H10, H14)"
        ));
    }
    found.extend(crate::store::integrity_problem(conn)?);
    Ok(found)
}

/// Secured holds whose stored days are not what the calendar says (they are computed again at
/// every calendar change, in the same transaction).
fn stale_hold_days(conn: &Connection, policy: &Policy) -> Result<usize> {
    let cal = Calendar::new(policy, load_overrides(conn)?);
    let mut st = conn.prepare(&format!(
        "{HOLD_SELECT} WHERE h.status IN ('ready', 'in-transit') AND h.notified_on IS NOT NULL"
    ))?;
    let holds = st.query_map([], hold_from_row)?;
    let mut stale = 0;
    for h in holds {
        if is_stale(&cal, &h?) {
            stale += 1;
        }
    }
    Ok(stale)
}

impl Library {
    /// Every broken invariant, in words; empty when the database is sound.
    pub fn check_invariants(&self) -> Result<Vec<String>> {
        violations(self.connection(), self.policy())
    }
}
