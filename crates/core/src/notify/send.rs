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
    pub security: SmtpSecurity,
    pub credentials: Option<(String, String)>,
}

/// How the connection to the mail server is protected: notices carry names, titles and
/// addresses, so TLS is the default and plain text only for a relay on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmtpSecurity {
    /// STARTTLS, required (port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// Plain text, to a loopback relay only (`--insecure`).
    Insecure,
}

/// A notice that has failed for this long is dropped and reported: a wrong address or a
/// mailbox that no longer exists does not get better, and the outbox keeps a patron's name
/// and title only while the notice can still help.
const GIVE_UP_AFTER_DAYS: i64 = 7;

/// What one run of the sender did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
    /// Messages not yet due for another attempt.
    pub waiting: usize,
    /// Messages that had failed for a week, removed from the outbox unsent.
    pub dropped: usize,
}

/// How long a message claimed by one sender on SQLite is left to it: well over the SMTP timeout.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);

/// Retry after 5 minutes, doubling, at most six hours apart.
fn backoff(attempts: u32) -> chrono::Duration {
    chrono::Duration::minutes((5i64 << attempts.min(7)).min(360))
}

fn transport(s: &SmtpSettings) -> Result<SmtpTransport> {
    let tls_error = |e: lettre::transport::smtp::Error| Invalid::BadValue {
        field: "smtp",
        input: format!("{}: {e}", s.host),
    };
    let builder = match s.security {
        SmtpSecurity::StartTls => SmtpTransport::starttls_relay(&s.host).map_err(tls_error)?,
        SmtpSecurity::Tls => SmtpTransport::relay(&s.host).map_err(tls_error)?,
        SmtpSecurity::Insecure if is_loopback(&s.host) => SmtpTransport::builder_dangerous(&s.host),
        SmtpSecurity::Insecure => {
            return Err(Invalid::InsecureSmtp {
                host: s.host.clone(),
            }
            .into());
        }
    };
    let builder = builder.port(s.port).timeout(Some(Duration::from_secs(20)));
    let builder = match &s.credentials {
        Some((user, pass)) => builder.credentials(Credentials::new(user.clone(), pass.clone())),
        None => builder,
    };
    Ok(builder.build())
}

/// This machine: the only place a notice may go in plain text.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

/// Every waiting message, oldest first, with the time of its next attempt and when it was queued.
fn waiting(conn: &crate::store::Connection) -> Result<Vec<(OutboxMessage, String, String)>> {
    let mut st = conn.prepare(
        "SELECT id, kind, to_addr, subject, body, attempts, next_attempt_at, created_at
         FROM outbox ORDER BY id",
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
            r.get(7)?,
        ))
    })?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

/// Sent: deleted (C6). Failed: kept with the error, tried again after the back-off; failed
/// for a week since it was queued: deleted and counted as dropped.
fn record(
    tx: &Transaction,
    (m, queued): (&OutboxMessage, &str),
    outcome: Result<()>,
    now: DateTime<FixedOffset>,
    report: &mut SendReport,
) -> Result<()> {
    match outcome {
        Ok(()) => {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [m.id])?;
            report.sent += 1;
        }
        Err(_)
            if parse_time(queued)
                .is_some_and(|q| now - q >= chrono::Duration::days(GIVE_UP_AFTER_DAYS)) =>
        {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [m.id])?;
            report.dropped += 1;
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
            .map(|(m, _, _)| m)
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
        for (m, next, queued) in due {
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
                    record(&tx, (&m, &queued), deliver(&m), now_time, &mut report)?;
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
                    record(&tx, (&m, &queued), outcome, now_time, &mut report)?;
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
    fn plain_text_goes_only_to_this_machine() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]", "127.0.0.2"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "smtp.example.jp",
            "192.168.1.10",
            "10.0.0.1",
            "localhost.example.jp",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
        let s = SmtpSettings {
            host: "smtp.example.jp".into(),
            port: 25,
            from: "info@library.example.jp".into(),
            security: SmtpSecurity::Insecure,
            credentials: None,
        };
        assert_eq!(transport(&s).unwrap_err().code(), "smtp.insecure_remote");
    }

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(backoff(0), chrono::Duration::minutes(5));
        assert_eq!(backoff(1), chrono::Duration::minutes(10));
        assert_eq!(backoff(6), chrono::Duration::minutes(320));
        assert_eq!(backoff(9), chrono::Duration::minutes(360));
    }
}
