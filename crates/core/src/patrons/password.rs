//! K1–K2, H2–H4: patron passwords. A temporary password allows nothing but its own change.

use crate::store::{OptionalExtension, Transaction};
use unicode_normalization::UnicodeNormalization;

use super::{Registered, find_by_card};
use crate::credentials;
use crate::domain::{CardNumber, Now, StaffId};
use crate::error::{Invalid, PasswordProblem, Refusal, Result};
use crate::library::{Actor, Library};
use crate::policy::PasswordPolicy;
use crate::staff::Permission;

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

pub(crate) fn issue_temporary(
    tx: &Transaction,
    rule: &PasswordPolicy,
    patron_id: i64,
) -> Result<String> {
    let len = rule
        .temporary_length
        .clamp(rule.min_length, rule.max_length) as usize;
    let temp = credentials::temporary_password(len);
    tx.execute(
        "UPDATE patrons SET password_hash = ?1, password_temporary = TRUE WHERE id = ?2",
        (credentials::hash(&canonical(rule, &temp))?, patron_id),
    )?;
    Ok(temp)
}

/// The outcome of a patron login (K1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatronLogin {
    /// True while the password is temporary: nothing but changing it is allowed.
    pub must_change_password: bool,
}

fn stored_hash(tx: &Transaction, card: &CardNumber) -> Result<(i64, Option<String>, bool)> {
    tx.query_row(
        "SELECT id, password_hash, password_temporary FROM patrons WHERE card = ?1",
        [card.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| {
        Invalid::UnknownCard {
            card: card.to_string(),
        }
        .into()
    })
}

/// Normalised for H3's comparison: width folded, spaces of either width removed.
fn comparable_name(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

impl Library {
    pub fn patron_login(&mut self, card: &CardNumber, password: &str) -> Result<PatronLogin> {
        self.unattended(|tx, policy| {
            let (_, hash, temporary) = stored_hash(tx, card)?;
            match hash {
                Some(h) if credentials::verify(&canonical(&policy.password, password), &h) => {
                    Ok(PatronLogin {
                        must_change_password: temporary,
                    })
                }
                _ => Err(Invalid::WrongPassword.into()),
            }
        })
    }

    /// K1: the patron replaces the temporary (or current) password; the old one stops working.
    pub fn change_patron_password(
        &mut self,
        card: &CardNumber,
        old: &str,
        new: &str,
        now: Now,
    ) -> Result<()> {
        self.unattended(|tx, policy| {
            let (id, hash, _) = stored_hash(tx, card)?;
            match hash {
                Some(h) if credentials::verify(&canonical(&policy.password, old), &h) => {}
                _ => return Err(Invalid::WrongPassword.into()),
            }
            check_password_rule(&policy.password, new)?;
            tx.execute(
                "UPDATE patrons SET password_hash = ?1, password_temporary = FALSE WHERE id = ?2",
                (credentials::hash(&canonical(&policy.password, new))?, id),
            )?;
            crate::audit::record(
                tx,
                now,
                &StaffId::new("patron"),
                None,
                "patron.password_changed",
                card.as_str(),
            )?;
            Ok(())
        })
    }

    /// H3: the patron sets the first password with card number, name and birth year entered as
    /// `YYYY0101`; only the year is compared. Not for a patron who already chose a password (H4:
    /// they phone the library).
    pub fn set_first_patron_password(
        &mut self,
        card: &CardNumber,
        name: &str,
        birth: &str,
        new: &str,
        now: Now,
    ) -> Result<()> {
        self.unattended(|tx, policy| {
            if !policy.password.self_service_first_password {
                return Err(Refusal::SelfServiceDisabled.into());
            }
            let patron = find_by_card(tx, card)?;
            let (id, hash, temporary) = stored_hash(tx, card)?;
            if hash.is_some() && !temporary {
                return Err(Refusal::PasswordAlreadySet.into());
            }
            let year = birth_year_entry(birth)?;
            let matches = comparable_name(name) == comparable_name(&patron.name)
                && patron.birth_date.map(|d| chrono::Datelike::year(&d)) == Some(year);
            if !matches {
                return Err(Invalid::IdentityMismatch.into());
            }
            check_password_rule(&policy.password, new)?;
            tx.execute(
                "UPDATE patrons SET password_hash = ?1, password_temporary = FALSE WHERE id = ?2",
                (credentials::hash(&canonical(&policy.password, new))?, id),
            )?;
            crate::audit::record(
                tx,
                now,
                &StaffId::new("patron"),
                None,
                "patron.first_password",
                card.as_str(),
            )?;
            Ok(())
        })
    }

    /// H4: staff reset a forgotten password; the patron gets a new temporary one (K1).
    /// The patron with the new temporary password, whose `slip` the counter hands over (H4).
    pub fn reset_patron_password(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
    ) -> Result<Registered> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let mut patron = find_by_card(ctx.tx, card)?;
            let temporary_password = issue_temporary(ctx.tx, &ctx.policy.password, patron.id.0)?;
            ctx.audit("patron.password_reset", card.as_str())?;
            patron.must_change_password = true;
            Ok(Registered {
                patron,
                temporary_password,
                warnings: Vec::new(),
            })
        })
    }
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
