//! C19: notices by e-mail. Actions only put a message in the outbox, inside their own
//! transaction; sending happens later, outside the desk's path, and is retried. A sent notice is
//! deleted, so no title stays linked to an address (C6).

mod messages;
mod new_arrivals;
mod send;
mod services;

pub use crate::outbox::OutboxMessage;
pub use new_arrivals::ArrivalDigest;
pub use send::{SendReport, SmtpSecurity, SmtpSettings};
pub use services::{MailServices, MailServicesChange};

use crate::error::Result;
use crate::outbox::enqueue;

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
