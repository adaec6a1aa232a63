//! Patron web sessions (issue 13): created only by a successful sign-in (K1, C24), kept in the
//! database so that several `serve` processes share them, ended by sign-out or after
//! `IDLE_MINUTES` without a request. The cookie carries a random token; the database keeps only
//! its SHA-256, so a copy of the database (a backup, `copy --to`) signs nobody in.

use rand::Rng;
use sha2::{Digest, Sha256};

use crate::domain::{CardNumber, Now, PatronId};
use crate::error::Result;
use crate::library::Library;
use crate::store::OptionalExtension;

/// Idle logout (issue 13, assumption): a phone left on a table at the counter or in a train is
/// signed out after this long without a page.
pub const IDLE_MINUTES: i64 = 20;

/// `last_seen` is written at most this often, so that browsing a page is a read, not a write.
const TOUCH_SECONDS: i64 = 60;

/// A sign-in that succeeded: the cookie's token and the form token, each shown once.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub csrf: String,
    /// K1: a temporary password allows only its change.
    pub must_change_password: bool,
}

/// The patron behind a session cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatronSession {
    pub patron: PatronId,
    pub card: CardNumber,
    pub name: String,
    /// K1: read from the patron row on every request, so a reset at the counter (H4) takes effect
    /// on the next page.
    pub must_change_password: bool,
    /// Every POST form carries it back.
    pub csrf: String,
}

fn random_hex() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the database keeps of a token.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

impl Library {
    /// K1, C24: the patron's sign-in (the core's `patron_login`, throttled, one answer for every
    /// failure), then a new session. Sessions idle past `IDLE_MINUTES` are removed on the way.
    pub fn patron_sign_in(
        &mut self,
        card: &CardNumber,
        password: &str,
        now: Now,
    ) -> Result<SignedIn> {
        let login = self.patron_login(card, password, now)?;
        let (token, csrf) = (random_hex(), random_hex());
        let hash = token_hash(&token);
        let stale = now.timestamp() - IDLE_MINUTES * 60;
        self.unattended(|tx, _| {
            tx.execute("DELETE FROM patron_sessions WHERE last_seen < ?1", [stale])?;
            tx.execute(
                "INSERT INTO patron_sessions (token_hash, patron_id, csrf, created_at, last_seen)
                 SELECT ?1, id, ?2, ?3, ?3 FROM patrons WHERE card = ?4",
                (hash.as_str(), csrf.as_str(), now.timestamp(), card.as_str()),
            )?;
            Ok(())
        })?;
        Ok(SignedIn {
            token,
            csrf,
            must_change_password: login.must_change_password,
        })
    }

    /// The session a cookie's token names, or `None` when there is none or it has been idle
    /// longer than `IDLE_MINUTES` (then it is removed).
    pub fn patron_session(&mut self, token: &str, now: Now) -> Result<Option<PatronSession>> {
        let hash = token_hash(token);
        let found = self.peek(|tx, _| {
            Ok(tx
                .prepare_cached(
                    "SELECT s.patron_id, p.card, p.name,
                            p.password_hash IS NULL OR p.password_temporary, s.csrf, s.last_seen
                     FROM patron_sessions s JOIN patrons p ON p.id = s.patron_id
                     WHERE s.token_hash = ?1",
                )?
                .query_row([hash.as_str()], |r| {
                    Ok((
                        PatronSession {
                            patron: PatronId(r.get(0)?),
                            card: CardNumber::new_unchecked(r.get(1)?),
                            name: r.get(2)?,
                            must_change_password: r.get(3)?,
                            csrf: r.get(4)?,
                        },
                        r.get::<_, i64>(5)?,
                    ))
                })
                .optional()?)
        })?;
        let Some((session, last_seen)) = found else {
            return Ok(None);
        };
        let idle = now.timestamp() - last_seen;
        if idle > IDLE_MINUTES * 60 {
            self.end_patron_session(token)?;
            return Ok(None);
        }
        if idle >= TOUCH_SECONDS {
            self.unattended(|tx, _| {
                tx.execute(
                    "UPDATE patron_sessions SET last_seen = ?1 WHERE token_hash = ?2",
                    (now.timestamp(), hash.as_str()),
                )?;
                Ok(())
            })?;
        }
        Ok(Some(session))
    }

    /// Sign-out: the session is gone from the database, whichever process served it.
    pub fn end_patron_session(&mut self, token: &str) -> Result<()> {
        let hash = token_hash(token);
        self.unattended(|tx, _| {
            tx.execute(
                "DELETE FROM patron_sessions WHERE token_hash = ?1",
                [hash.as_str()],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_keeps_a_digest_not_the_token() {
        let t = random_hex();
        assert_eq!(t.len(), 64);
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(token_hash(&t), t);
        assert_ne!(random_hex(), t);
    }
}
