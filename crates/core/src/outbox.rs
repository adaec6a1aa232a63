//! C19: the outbox. An action that calls for a notice puts it here inside its own transaction,
//! so a notice is queued exactly when its action commits: a try that PostgreSQL rolls back and
//! runs again after a serialization failure leaves nothing behind. `notify` sends the outbox later,
//! outside the desk's path; the modules that act write to it through `enqueue` and know nothing
//! of sending.

use crate::domain::HoldId;
use crate::error::Result;
use crate::library::Ctx;

/// A message waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

/// Queue a message; one about a hold names it, so that it is withdrawn with the hold (C20).
pub(crate) fn enqueue(
    ctx: &Ctx,
    kind: &str,
    hold: Option<HoldId>,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "INSERT INTO outbox (created_at, kind, to_addr, subject, body, next_attempt_at, hold_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?1, ?6)",
        )?
        .execute((
            ctx.now.rfc3339(),
            kind,
            to,
            subject,
            body,
            hold.map(|h| h.0),
        ))?;
    Ok(())
}

/// Dates in notices: 2026年4月15日.
pub(crate) fn ja_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
