//! C20: a closed hold is a reading record too. A cancelled, expired or fulfilled hold keeps its
//! patron for the profile's `closed_hold_days` (so the patron sees on My Page what happened),
//! then the nightly job removes it, and with it any notice about it still in the outbox. Hold
//! numbers are never handed out again (AUTOINCREMENT on SQLite, an identity on PostgreSQL).

use chrono::Duration;

use crate::error::Result;
use crate::library::{Actor, Ctx, Library};
use crate::staff::Permission;
use crate::store::date_str;

const CLOSED: &str =
    "status IN ('fulfilled', 'cancelled', 'expired') AND closed_on IS NOT NULL AND closed_on <= ?1";

/// A notice about a hold closed before it went out is withdrawn (C20): the patron is not told
/// that a cancelled hold is ready.
pub(crate) fn withdraw_notices(ctx: &Ctx, hold: crate::domain::HoldId) -> Result<usize> {
    Ok(ctx
        .tx
        .prepare_cached("DELETE FROM outbox WHERE hold_id = ?1")?
        .execute([hold.0])?)
}

impl Library {
    /// The nightly removal of closed holds older than `closed_hold_days` (C20): the number of
    /// holds removed. The audit names the count only (C6).
    pub fn forget_closed_holds(&mut self, actor: &Actor) -> Result<usize> {
        self.act(actor, Permission::Supervise, |ctx| {
            let days = i64::from(ctx.policy.holds.closed_hold_days);
            let last_kept = date_str(ctx.today() - Duration::days(days));
            ctx.tx
                .prepare_cached(&format!(
                    "DELETE FROM outbox WHERE hold_id IN (SELECT id FROM holds WHERE {CLOSED})"
                ))?
                .execute([last_kept.as_str()])?;
            let n = ctx
                .tx
                .prepare_cached(&format!("DELETE FROM holds WHERE {CLOSED}"))?
                .execute([last_kept.as_str()])?;
            if n > 0 {
                ctx.audit("hold.forget", &format!("{n} closed holds"))?;
            }
            Ok(n)
        })
    }
}
