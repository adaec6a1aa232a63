//! C19: notices by e-mail. Actions only put a message in the outbox, inside their own
//! transaction; sending happens later, outside the desk's path, and is retried. A sent notice is
//! deleted, so no title stays linked to an address (C6).

mod messages;
mod new_arrivals;
mod send;
mod services;

pub use new_arrivals::ArrivalDigest;
pub(crate) use new_arrivals::record_arrival;
pub use send::{SendReport, SmtpSecurity, SmtpSettings};
pub use services::{MailServices, MailServicesChange};

use crate::store::OptionalExtension;

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

/// The hold, and the name and address of its patron when the hold is told by e-mail (C14).
fn emailed(ctx: &Ctx, hold: HoldId) -> Result<Option<(crate::holds::Hold, String, String)>> {
    let h = crate::holds::find(ctx.tx, hold)?;
    if h.notify != crate::holds::Notify::Email {
        return Ok(None);
    }
    let row: Option<(String, Option<String>)> = ctx
        .tx
        .prepare_cached("SELECT name, email FROM patrons WHERE id = ?1")?
        .query_row([h.patron.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((name, Some(email))) => Some((h, name, email)),
        _ => None,
    })
}

/// C14, C16: the hold-ready notice (予約資料確保), for patrons who chose e-mail.
pub(crate) fn hold_ready(ctx: &Ctx, hold: HoldId) -> Result<()> {
    let Some((h, name, email)) = emailed(ctx, hold)? else {
        return Ok(());
    };
    let pickup = ctx.policy.desk(h.pickup.as_str())?;
    let (subject, body) = messages::hold_ready(ctx.policy, &name, &h, &pickup.name);
    enqueue(ctx, "hold-ready", Some(hold), &email, &subject, &body)
}

/// H14 (発送日の変更情報は…予約資料確保メールでお知らせします): the run of a secured copy was
/// set (`was` None: a return made room under the loan limit) or moved. True when a notice was
/// queued.
pub(crate) fn run_changed(ctx: &Ctx, hold: HoldId, was: Option<chrono::NaiveDate>) -> Result<bool> {
    let Some((h, name, email)) = emailed(ctx, hold)? else {
        return Ok(false);
    };
    let pickup = ctx.policy.desk(h.pickup.as_str())?;
    let (subject, body) = messages::run_changed(ctx.policy, &name, &h, &pickup.name, was);
    enqueue(ctx, "hold-run", Some(hold), &email, &subject, &body)?;
    Ok(true)
}

/// Dates in notices: 2026年4月15日.
pub(crate) fn ja_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

impl crate::Library {
    /// C19: queue a reminder for each patron with an e-mail whose loans fall due in the profile's
    /// number of days; each loan is reminded once. K9: where the profile says so, only patrons
    /// registered for the reminder get one. A nightly job; returns the messages queued.
    pub fn queue_due_reminders(&mut self, actor: &crate::Actor) -> Result<usize> {
        let Some(days) = self.policy().due_reminder_days else {
            return Ok(0);
        };
        // K9: one of two fixed texts, so each statement stays one cached SQL text.
        let registered = if self.policy().due_reminder_registered_only {
            "AND p.due_reminder"
        } else {
            ""
        };
        self.act(actor, crate::staff::Permission::Supervise, |ctx| {
            let due = ctx.today() + chrono::Duration::days(days.into());
            let due_s = crate::store::date_str(due);
            let mut st = ctx.tx.prepare(&format!(
                "SELECT p.id, p.name, p.email, t.title FROM loans l
                   JOIN patrons p ON p.id = l.patron_id JOIN items i ON i.id = l.item_id
                   JOIN titles t ON t.id = i.title_id
                  WHERE l.returned_on IS NULL AND l.due_on = ?1 AND l.reminded_on IS NULL
                    AND p.email IS NOT NULL {registered}
                  ORDER BY p.id, t.title"
            ))?;
            let rows: Vec<(i64, String, String, String)> = st
                .query_map([&due_s], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<crate::store::Result<_>>()?;
            let mut queued = 0;
            for group in rows.chunk_by(|a, b| a.0 == b.0) {
                let (_, name, email, _) = &group[0];
                let titles: Vec<String> = group.iter().map(|r| r.3.clone()).collect();
                let (subject, body) = messages::due_reminder(ctx.policy, name, due, &titles);
                enqueue(ctx, "due-reminder", None, email, &subject, &body)?;
                queued += 1;
            }
            ctx.tx.execute(
                &format!(
                    "UPDATE loans SET reminded_on = ?1 WHERE returned_on IS NULL AND due_on = ?2
                       AND reminded_on IS NULL
                       AND patron_id IN (SELECT p.id FROM patrons p WHERE p.email IS NOT NULL {registered})"
                ),
                (crate::store::date_str(ctx.today()), &due_s),
            )?;
            ctx.audit("notify.due_reminders", &format!("{queued} messages"))?;
            Ok(queued)
        })
    }
}
