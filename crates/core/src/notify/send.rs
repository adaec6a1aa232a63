//! Sending the outbox by SMTP (lettre), outside any desk action. Each message is its own short
//! transaction: sent → deleted (C6); failed → kept with the error and tried again later.

use std::time::Duration;

use crate::store::{Engine, OptionalExtension, Transaction, TransactionBehavior};
use chrono::{DateTime, FixedOffset};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use super::OutboxMessage;
use crate::domain::Now;
use crate::error::{Invalid, Result};
use crate::library::Library;

/// Where notices go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub from: String,
    /// STARTTLS (port 587); off only for a relay on the same machine.
    pub starttls: bool,
    pub credentials: Option<(String, String)>,
}

/// What one run of the sender did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
    /// Messages not yet due for another attempt.
    pub waiting: usize,
}

/// How long a message claimed by one sender on SQLite is left to it: well over the SMTP timeout.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);

/// Retry after 5 minutes, doubling, at most six hours apart.
fn backoff(attempts: u32) -> chrono::Duration {
    chrono::Duration::minutes((5i64 << attempts.min(7)).min(360))
}

fn transport(s: &SmtpSettings) -> Result<SmtpTransport> {
    let builder = if s.starttls {
        SmtpTransport::starttls_relay(&s.host).map_err(|e| Invalid::BadValue {
            field: "smtp",
            input: format!("{}: {e}", s.host),
        })?
    } else {
        SmtpTransport::builder_dangerous(&s.host)
    };
    let builder = builder.port(s.port).timeout(Some(Duration::from_secs(20)));
    let builder = match &s.credentials {
        Some((user, pass)) => builder.credentials(Credentials::new(user.clone(), pass.clone())),
        None => builder,
    };
    Ok(builder.build())
}

fn mailbox(field: &'static str, addr: &str) -> Result<Mailbox> {
    addr.parse().map_err(|_| {
        Invalid::BadValue {
            field,
            input: addr.to_string(),
        }
        .into()
    })
}

fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

/// Every waiting message, oldest first, with the time of its next attempt.
fn waiting(conn: &crate::store::Connection) -> Result<Vec<(OutboxMessage, String)>> {
    let mut st = conn.prepare(
        "SELECT id, kind, to_addr, subject, body, attempts, next_attempt_at FROM outbox ORDER BY id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            OutboxMessage {
                id: r.get(0)?,
                kind: r.get(1)?,
                to: r.get(2)?,
                subject: r.get(3)?,
                body: r.get(4)?,
                attempts: r.get(5)?,
            },
            r.get(6)?,
        ))
    })?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

/// Sent: deleted (C6). Failed: kept with the error, tried again after the back-off.
fn record(
    tx: &Transaction,
    m: &OutboxMessage,
    outcome: Result<()>,
    now: DateTime<FixedOffset>,
    report: &mut SendReport,
) -> Result<()> {
    match outcome {
        Ok(()) => {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [m.id])?;
            report.sent += 1;
        }
        Err(e) => {
            let next = now + backoff(m.attempts);
            tx.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?1, next_attempt_at = ?2 WHERE id = ?3",
                (e.message(crate::Lang::En), next.to_rfc3339(), m.id),
            )?;
            report.failed += 1;
        }
    }
    Ok(())
}

impl Library {
    /// Messages waiting in the outbox, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxMessage>> {
        Ok(waiting(self.connection())?
            .into_iter()
            .map(|(m, _)| m)
            .collect())
    }

    /// Send every message that is due. Never part of a desk action: a slow or absent mail server
    /// delays only this job.
    pub fn send_notices(&mut self, smtp: &SmtpSettings, now: Now) -> Result<SendReport> {
        let from = mailbox("from", &smtp.from)?;
        let mailer = transport(smtp)?;
        let now_time = parse_time(&now.rfc3339()).expect("Now is RFC 3339");
        let mut report = SendReport::default();
        let due = waiting(self.connection())?;
        let deliver = |m: &OutboxMessage| -> Result<()> {
            let to = mailbox("to", &m.to)?;
            let msg = Message::builder()
                .from(from.clone())
                .to(to)
                .subject(m.subject.clone())
                .message_id(None)
                .singlepart(SinglePart::plain(m.body.clone()))
                .map_err(|e| Invalid::BadValue {
                    field: "message",
                    input: e.to_string(),
                })?;
            mailer.send(&msg).map(drop).map_err(|e| {
                Invalid::BadValue {
                    field: "smtp",
                    input: e.to_string(),
                }
                .into()
            })
        };
        for (m, next) in due {
            if parse_time(&next).is_some_and(|t| t > now_time) {
                report.waiting += 1;
                continue;
            }
            let conn = self.connection_mut();
            // PostgreSQL: several senders may run at once (a nightly job on each server, a second
            // run started by hand). Each takes its message with a row lock that the others skip,
            // and keeps it while sending, so no notice goes out twice. SQLite has one writer at a
            // time, and holding its lock through an SMTP exchange would stop every desk, so there
            // the message is first claimed in a short transaction of its own, by moving its next
            // attempt a lease ahead (a second sender then finds it changed and skips it), then
            // sent, then recorded. A sender that dies in between leaves it to be tried again when
            // the lease runs out, as it would after a failed attempt.
            let tx = match conn.engine() {
                Engine::Postgres => {
                    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let mine = tx
                        .query_row(
                            "SELECT id FROM outbox WHERE id = ?1 FOR UPDATE SKIP LOCKED",
                            [m.id],
                            |r| r.get::<_, i64>(0),
                        )
                        .optional();
                    match mine {
                        Ok(Some(_)) => {}
                        Ok(None) => continue,
                        // Another sender sent or deferred it after this transaction's snapshot
                        // began (40001 on the row lock): it is theirs, so this one goes on.
                        Err(_) if tx.take_conflict() => continue,
                        Err(e) => return Err(e.into()),
                    }
                    record(&tx, &m, deliver(&m), now_time, &mut report)?;
                    tx
                }
                Engine::Sqlite => {
                    let claim = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let mine = claim.execute(
                        "UPDATE outbox SET next_attempt_at = ?1 WHERE id = ?2 AND next_attempt_at = ?3",
                        ((now_time + CLAIM_LEASE).to_rfc3339(), m.id, &next),
                    )?;
                    claim.commit()?;
                    if mine == 0 {
                        continue;
                    }
                    let outcome = deliver(&m);
                    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    record(&tx, &m, outcome, now_time, &mut report)?;
                    tx
                }
            };
            tx.commit()?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(backoff(0), chrono::Duration::minutes(5));
        assert_eq!(backoff(1), chrono::Duration::minutes(10));
        assert_eq!(backoff(6), chrono::Duration::minutes(320));
        assert_eq!(backoff(9), chrono::Duration::minutes(360));
    }
}
