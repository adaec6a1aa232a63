//! Password hashing (argon2id) and temporary passwords, shared by patrons (K1, H4) and staff.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::seq::IndexedRandom;
use std::sync::OnceLock;

use crate::error::{Result, StoreError};

/// Letters and digits that cannot be misread on a slip or over the phone: no 0/o, 1/l/i.
const UNAMBIGUOUS_LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
const UNAMBIGUOUS_DIGITS: &[u8] = b"23456789";

pub(crate) fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            StoreError::Sql {
                detail: format!("argon2: {e}"),
            }
            .into()
        })
}

pub(crate) fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// C24: an unknown account, or one without a password, is checked against a hash of nothing
/// anybody knows, so its "no" takes as long as a wrong password's.
pub(crate) fn verify_account(password: &str, stored: Option<&str>) -> bool {
    static NOBODY: OnceLock<Option<String>> = OnceLock::new();
    match stored {
        Some(h) => verify(password, h),
        None => {
            if let Some(h) = NOBODY.get_or_init(|| hash(&temporary_password(16)).ok()) {
                verify(password, h);
            }
            false
        }
    }
}

/// A temporary password and its hash, made before the transaction that stores it.
pub(crate) struct TemporaryPassword {
    pub clear: String,
    pub hash: String,
}

impl TemporaryPassword {
    pub fn new(len: usize) -> Result<TemporaryPassword> {
        let clear = temporary_password(len);
        let hash = hash(&clear)?;
        Ok(TemporaryPassword { clear, hash })
    }
}

/// A fresh temporary password of `len` characters with at least one letter and one digit, so it
/// satisfies every shipped password rule; lower case, so case-insensitive rules change nothing.
pub(crate) fn temporary_password(len: usize) -> String {
    let len = len.max(2);
    let mut rng = rand::rng();
    let alphabet: Vec<u8> = [UNAMBIGUOUS_LETTERS, UNAMBIGUOUS_DIGITS].concat();
    loop {
        let pw: String = (0..len)
            .map(|_| *alphabet.choose(&mut rng).expect("non-empty alphabet") as char)
            .collect();
        let has_letter = pw.chars().any(|c| c.is_ascii_alphabetic());
        let has_digit = pw.chars().any(|c| c.is_ascii_digit());
        // Drawing again (about 1 in 200 for 8 characters) keeps every position uniform.
        if has_letter && has_digit {
            return pw;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_avoid_ambiguous_characters_and_mix_letters_and_digits() {
        for _ in 0..200 {
            let pw = temporary_password(8);
            assert_eq!(pw.len(), 8);
            assert!(!pw.contains(['0', 'o', '1', 'l', 'i', 'O', 'I']), "{pw}");
            assert!(pw.chars().any(|c| c.is_ascii_digit()));
            assert!(pw.chars().any(|c| c.is_ascii_alphabetic()));
        }
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("abc123").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("abc123", &h));
        assert!(!verify("abc124", &h));
    }
}
