//! K1–K2, H2–H4, C24: patron passwords. A temporary password allows nothing but its own change;
//! every check of a password or an identity is throttled and runs outside the write transaction.

use crate::store::{OptionalExtension, Transaction};
use unicode_normalization::UnicodeNormalization;

use super::{Registered, find_by_card};
use crate::credentials::{self, TemporaryPassword};
use crate::domain::{CardNumber, Now, StaffId};
use crate::error::{Invalid, PasswordProblem, Refusal, Result};
use crate::library::{Actor, Library};
use crate::policy::PasswordPolicy;
use crate::staff::Permission;
use crate::throttle::{self, Account};

/// K2 / H2: the profile's rule for a password the patron chooses.
pub fn check_password_rule(rule: &PasswordPolicy, pw: &str) -> Result<()> {
    let fail = |p| Err(Invalid::Password(p).into());
    let n = pw.chars().count() as u32;
    if !pw.chars().all(|c| c.is_ascii_alphanumeric()) {
        return fail(PasswordProblem::NotAlphanumeric);
    }
    if n < rule.min_length {
        return fail(PasswordProblem::TooShort {
            min: rule.min_length,
        });
    }
    if n > rule.max_length {
        return fail(PasswordProblem::TooLong {
            max: rule.max_length,
        });
    }
    if rule.require_letter_and_digit
        && !(pw.chars().any(|c| c.is_ascii_alphabetic()) && pw.chars().any(|c| c.is_ascii_digit()))
    {
        return fail(PasswordProblem::NeedsLetterAndDigit);
    }
    Ok(())
}

/// H2: with a case-insensitive rule the password is compared in lower case.
fn canonical(rule: &PasswordPolicy, pw: &str) -> String {
    if rule.case_insensitive {
        pw.to_ascii_lowercase()
    } else {
        pw.to_string()
    }
}

/// A temporary password for a patron (K1, H4), made and hashed before the transaction that
/// stores it. Lower case, so a case-insensitive rule (H2) compares it as it is.
pub(crate) fn new_temporary(rule: &PasswordPolicy) -> Result<TemporaryPassword> {
    let len = rule
        .temporary_length
        .clamp(rule.min_length, rule.max_length) as usize;
    TemporaryPassword::new(len)
}

pub(crate) fn store_temporary(
    tx: &Transaction,
    card: &CardNumber,
    patron_id: i64,
    temp: &TemporaryPassword,
) -> Result<()> {
    tx.execute(
        "UPDATE patrons SET password_hash = ?1, password_temporary = TRUE WHERE id = ?2",
        (&temp.hash, patron_id),
    )?;
    throttle::clear(tx, &Account::patron(card))
}

/// The outcome of a patron login (K1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatronLogin {
    /// True while the password is temporary: nothing but changing it is allowed.
    pub must_change_password: bool,
}

/// What a password check needs of a patron, read before argon2 runs.
struct Secret {
    id: i64,
    name: String,
    birth_year: Option<i32>,
    hash: Option<String>,
    temporary: bool,
}

/// The patron's secret, or `None` for an unknown card; refused while the card waits (C24).
fn read_secret(tx: &Transaction, card: &CardNumber, now: Now) -> Result<Option<Secret>> {
    throttle::check(tx, &Account::patron(card), now)?;
    Ok(tx
        .query_row(
            "SELECT id, name, birth_date, password_hash, password_temporary
             FROM patrons WHERE card = ?1",
            [card.as_str()],
            |r| {
                Ok(Secret {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    birth_year: r
                        .get::<_, Option<crate::store::Date>>(2)?
                        .map(|d| chrono::Datelike::year(&d.0)),
                    hash: r.get(3)?,
                    temporary: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// After the check: count a failure, or clear the count. A failure is committed with its audit
/// rows and then answered `login.failed`; a wait that began meanwhile (another desk, another
/// process) wins over a right password.
fn settle_try<T>(
    tx: &Transaction,
    card: &CardNumber,
    now: Now,
    right: bool,
    then: impl FnOnce() -> Result<T>,
) -> Result<Result<T>> {
    let account = Account::patron(card);
    throttle::check(tx, &account, now)?;
    if !right {
        return Ok(Err(throttle::failed(tx, &account, now)?));
    }
    throttle::clear(tx, &account)?;
    Ok(then())
}

/// Normalised for H3's comparison: width folded, spaces of either width removed.
fn comparable_name(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

impl Library {
    /// K1, C24: a patron's login. The password is checked outside any write transaction; an
    /// unknown card and a wrong password get the same answer, `login.failed`.
    pub fn patron_login(
        &mut self,
        card: &CardNumber,
        password: &str,
        now: Now,
    ) -> Result<PatronLogin> {
        let secret = self.peek(|tx, _| read_secret(tx, card, now))?;
        let given = canonical(&self.policy().password, password);
        let right =
            credentials::verify_account(&given, secret.as_ref().and_then(|s| s.hash.as_deref()));
        let temporary = secret.as_ref().is_some_and(|s| s.temporary);
        self.unattended(|tx, _| {
            settle_try(tx, card, now, right, || {
                Ok(PatronLogin {
                    must_change_password: temporary,
                })
            })
        })?
    }

    /// K1: the patron replaces the temporary (or current) password with a different one; the
    /// old one stops working. A wrong old password counts as a failed try (C24).
    pub fn change_patron_password(
        &mut self,
        card: &CardNumber,
        old: &str,
        new: &str,
        now: Now,
    ) -> Result<()> {
        let rule = self.policy().password.clone();
        check_password_rule(&rule, new)?;
        let (old, new) = (canonical(&rule, old), canonical(&rule, new));
        if old == new {
            return Err(Invalid::SameAsOldPassword.into());
        }
        let secret = self.peek(|tx, _| read_secret(tx, card, now))?;
        let stored = secret.as_ref().and_then(|s| s.hash.clone());
        let right = credentials::verify_account(&old, stored.as_deref());
        let new_hash = if right {
            Some(credentials::hash(&new)?)
        } else {
            None
        };
        self.unattended(|tx, _| {
            settle_try(tx, card, now, right, || {
                let (Some(s), Some(h)) = (&secret, &new_hash) else {
                    return Err(Invalid::LoginFailed.into());
                };
                replace_hash(tx, s, h)?;
                crate::audit::record(
                    tx,
                    now,
                    &StaffId::new("patron"),
                    None,
                    "patron.password_changed",
                    card.as_str(),
                )
            })
        })?
    }

    /// H3: the patron sets the first password with card number, name and birth year entered as
    /// `YYYY0101`; only the year is compared. An unknown card, a wrong name and a wrong year get
    /// one answer and count as failed tries (C24): a year has only about eighty values. Not for
    /// a patron who already chose a password (H4: they phone the library).
    pub fn set_first_patron_password(
        &mut self,
        card: &CardNumber,
        name: &str,
        birth: &str,
        new: &str,
        now: Now,
    ) -> Result<()> {
        let rule = self.policy().password.clone();
        if !rule.self_service_first_password {
            return Err(Refusal::SelfServiceDisabled.into());
        }
        let year = birth_year_entry(birth)?;
        check_password_rule(&rule, new)?;
        let new = canonical(&rule, new);
        let secret = self.peek(|tx, _| read_secret(tx, card, now))?;
        let right = secret.as_ref().is_some_and(|s| {
            comparable_name(name) == comparable_name(&s.name) && s.birth_year == Some(year)
        });
        let new_hash = match &secret {
            Some(s) if right && s.temporary => {
                // K1: the temporary password itself never becomes the chosen one.
                if s.hash
                    .as_deref()
                    .is_some_and(|h| credentials::verify(&new, h))
                {
                    return Err(Invalid::SameAsOldPassword.into());
                }
                Some(credentials::hash(&new)?)
            }
            Some(s) if right && s.hash.is_none() => Some(credentials::hash(&new)?),
            _ => None,
        };
        self.unattended(|tx, _| {
            settle_try(tx, card, now, right, || {
                let (Some(s), Some(h)) = (&secret, &new_hash) else {
                    return Err(Refusal::PasswordAlreadySet.into());
                };
                replace_hash(tx, s, h)?;
                crate::audit::record(
                    tx,
                    now,
                    &StaffId::new("patron"),
                    None,
                    "patron.first_password",
                    card.as_str(),
                )
            })
        })?
    }

    /// H4: staff reset a forgotten password; the patron gets a new temporary one (K1), and a
    /// wait after wrong tries ends (C24).
    /// The patron with the new temporary password, whose `slip` the counter hands over (H4).
    pub fn reset_patron_password(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
    ) -> Result<Registered> {
        let temp = new_temporary(&self.policy().password)?;
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let mut patron = find_by_card(ctx.tx, card)?;
            store_temporary(ctx.tx, card, patron.id.0, &temp)?;
            ctx.audit("patron.password_reset", card.as_str())?;
            patron.must_change_password = true;
            Ok(Registered {
                patron,
                temporary_password: temp.clear.clone(),
                warnings: Vec::new(),
            })
        })
    }
}

/// The chosen password replaces the one that was checked, and only that one: if it changed in
/// between (a reset at the counter), the try is answered like a wrong one.
fn replace_hash(tx: &Transaction, s: &Secret, new_hash: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE patrons SET password_hash = ?1, password_temporary = FALSE
         WHERE id = ?2 AND password_hash IS NOT DISTINCT FROM ?3",
        (new_hash, s.id, s.hash.as_deref()),
    )?;
    if changed == 0 {
        return Err(Invalid::LoginFailed.into());
    }
    Ok(())
}

/// H3: the birth date field takes the year followed by `0101` (born 2001 → `20010101`).
fn birth_year_entry(s: &str) -> Result<i32> {
    let s: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
    let bad = || Invalid::BadDate { input: s.clone() };
    if s.len() != 8 || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad().into());
    }
    s[..4].parse().map_err(|_| bad().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Policy, builtin_profile};

    fn rule(profile: &str) -> PasswordPolicy {
        Policy::parse(profile, builtin_profile(profile).unwrap())
            .unwrap()
            .password
    }

    fn code(profile: &str, pw: &str) -> &'static str {
        match check_password_rule(&rule(profile), pw) {
            Ok(()) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn k2_kyoto_needs_letters_and_digits_and_six_characters() {
        assert_eq!(code("kyoto", "abc123"), "ok");
        assert_eq!(code("kyoto", "abcdef"), "password.needs_letter_and_digit");
        assert_eq!(code("kyoto", "123456"), "password.needs_letter_and_digit");
        assert_eq!(code("kyoto", "ab12"), "password.too_short");
        assert_eq!(code("kyoto", "abc-123"), "password.not_alphanumeric");
        assert_eq!(code("kyoto", "ａｂｃ１２３"), "password.not_alphanumeric");
    }

    #[test]
    fn h2_hokkaido_takes_4_to_12_letters_or_digits() {
        assert_eq!(code("hokkaido", "abcd"), "ok");
        assert_eq!(code("hokkaido", "1234"), "ok");
        assert_eq!(code("hokkaido", "abc"), "password.too_short");
        assert_eq!(code("hokkaido", "abcdefghijkl"), "ok");
        assert_eq!(code("hokkaido", "abcdefghijklm"), "password.too_long");
        assert_eq!(code("hokkaido", "abc!"), "password.not_alphanumeric");
    }

    #[test]
    fn h2_case_is_folded_only_where_the_profile_says() {
        assert_eq!(
            canonical(&rule("hokkaido"), "Abcd12"),
            canonical(&rule("hokkaido"), "abcd12")
        );
        assert_ne!(
            canonical(&rule("kyoto"), "Abcd12"),
            canonical(&rule("kyoto"), "abcd12")
        );
    }

    #[test]
    fn h3_birth_entry_is_year_plus_0101() {
        assert_eq!(birth_year_entry("20010101").unwrap(), 2001);
        assert_eq!(birth_year_entry("２００１０１０１").unwrap(), 2001);
        assert_eq!(
            birth_year_entry("2001-01-01").unwrap_err().code(),
            "input.bad_date"
        );
    }
}
