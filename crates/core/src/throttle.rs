//! C24: passwords can be guessed only slowly. After five wrong tries in a row an account waits
//! fifteen minutes (both assumptions of C24); every failure and every wait is audited. The state
//! lives in the database, since every CLI run is a process of its own and desks share a server.
//!
//! The account is what was typed, known or not: an unknown card number fails, counts and waits
//! exactly like a known one, so neither the answer nor the wait tells which cards exist. A wait
//! clears the count, so after it another five tries are allowed: twenty guesses an hour at most.

use crate::store::{Connection, OptionalExtension};

use crate::domain::{CardNumber, Now, StaffId};
use crate::error::{Error, Invalid, Refusal, Result};

/// Wrong tries in a row before the wait (C24, assumption).
pub const MAX_FAILURES: i64 = 5;
/// The wait after them, in minutes (C24, assumption).
pub const WAIT_MINUTES: i64 = 15;

/// Audit subjects are capped: a staff ID typed at sign-in can be anything.
const SUBJECT_MAX_CHARS: usize = 64;

/// Whose password is being tried.
pub(crate) struct Account {
    key: String,
    audit_as: StaffId,
    subject: String,
}

impl Account {
    pub fn patron(card: &CardNumber) -> Account {
        Account {
            key: format!("patron:{card}"),
            audit_as: StaffId::new("patron"),
            subject: card.to_string(),
        }
    }

    pub fn staff(id: &str) -> Account {
        let subject: String = id.chars().take(SUBJECT_MAX_CHARS).collect();
        Account {
            key: format!("staff:{subject}"),
            audit_as: StaffId::new("sign-in"),
            subject,
        }
    }
}

/// `login.wait` while the account waits, before any password is looked at.
pub(crate) fn check(conn: &Connection, account: &Account, now: Now) -> Result<()> {
    let until: Option<Option<i64>> = conn
        .prepare_cached("SELECT wait_until FROM login_throttle WHERE account = ?1")?
        .query_row([account.key.as_str()], |r| r.get(0))
        .optional()?;
    match until.flatten() {
        Some(until) if until > now.timestamp() => Err(Refusal::LoginWait {
            minutes: (until - now.timestamp() + 59) / 60,
        }
        .into()),
        _ => Ok(()),
    }
}

/// A wrong try: counted and audited; the fifth in a row starts the wait. Returns the one answer
/// every failure gets (`login.failed`), for the caller to give once this is committed.
pub(crate) fn failed(conn: &Connection, account: &Account, now: Now) -> Result<Error> {
    let failures: i64 = conn
        .prepare_cached(
            "INSERT INTO login_throttle (account, failures, wait_until) VALUES (?1, 1, NULL)
             ON CONFLICT (account) DO UPDATE SET failures = login_throttle.failures + 1
             RETURNING failures",
        )?
        .query_row([account.key.as_str()], |r| r.get(0))?;
    audit(conn, account, now, "login.failed")?;
    if failures >= MAX_FAILURES {
        conn.prepare_cached(
            "UPDATE login_throttle SET failures = 0, wait_until = ?2 WHERE account = ?1",
        )?
        .execute((account.key.as_str(), now.timestamp() + WAIT_MINUTES * 60))?;
        audit(conn, account, now, "login.wait")?;
    }
    Ok(Invalid::LoginFailed.into())
}

/// The right password, or a reset by staff (H4): the count starts again and any wait ends.
pub(crate) fn clear(conn: &Connection, account: &Account) -> Result<()> {
    conn.prepare_cached("DELETE FROM login_throttle WHERE account = ?1")?
        .execute([account.key.as_str()])?;
    Ok(())
}

fn audit(conn: &Connection, account: &Account, now: Now, action: &str) -> Result<()> {
    crate::audit::record(conn, now, &account.audit_as, None, action, &account.subject)
}
