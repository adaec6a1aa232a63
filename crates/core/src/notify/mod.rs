//! C19: notices by e-mail. Actions only put a message in the outbox, inside their own
//! transaction; sending happens later, outside the desk's path, and is retried. A sent notice is
//! deleted, so no title stays linked to an address (C6).

mod messages;

use rusqlite::OptionalExtension;

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

pub(crate) fn enqueue(ctx: &Ctx, kind: &str, to: &str, subject: &str, body: &str) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "INSERT INTO outbox (created_at, kind, to_addr, subject, body, next_attempt_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?1)",
        )?
        .execute((ctx.now.rfc3339(), kind, to, subject, body))?;
    Ok(())
}

/// C14, C16: the hold-ready notice (予約資料確保), for patrons who chose e-mail.
pub(crate) fn hold_ready(ctx: &Ctx, hold: HoldId) -> Result<()> {
    let h = crate::holds::find(ctx.tx, hold)?;
    if h.notify != crate::holds::Notify::Email {
        return Ok(());
    }
    let row: Option<(String, Option<String>)> = ctx
        .tx
        .prepare_cached("SELECT name, email FROM patrons WHERE id = ?1")?
        .query_row([h.patron.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((name, Some(email))) = row else {
        return Ok(());
    };
    let pickup = ctx.policy.desk(h.pickup.as_str())?;
    let (subject, body) = messages::hold_ready(ctx.policy, &name, &h, &pickup.name);
    enqueue(ctx, "hold-ready", &email, &subject, &body)
}

/// Dates in notices: 2026年4月15日.
pub(crate) fn ja_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}
