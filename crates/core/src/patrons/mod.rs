//! Patrons (K1–K3, H1–H5): registration, details, passwords, search.

mod edit;
mod email;
mod my_settings;
mod password;
mod register;
mod replace_card;
mod standing;

pub use edit::PatronEdit;
pub use email::validate_email;
pub use password::{PatronLogin, check_password_rule};
pub use register::{PatronDetails, Registered, RegistrationWarning};
pub use standing::Suspension;
pub(crate) use standing::standing_refusals;

use crate::store::{Connection, OptionalExtension, Row};
use chrono::NaiveDate;

use crate::domain::{CardNumber, DeskCode, PatronId};
use crate::error::{Invalid, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::Date;

/// A patron's record as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patron {
    pub id: PatronId,
    pub card: CardNumber,
    pub name: String,
    pub kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// K3: lives, studies or works in the prefecture, or other.
    pub residence: Option<String>,
    /// H14: partner libraries where the patron is registered too.
    pub partners: Vec<DeskCode>,
    /// C6: the patron asked to keep a reading history.
    pub keep_history: bool,
    /// K1: the password is temporary (or not yet set).
    pub must_change_password: bool,
    pub registered_on: NaiveDate,
    /// C22 利用停止, as staff set it; in force until its last day (`Suspension::in_force`).
    pub suspension: Option<Suspension>,
    /// C22: the day staff last confirmed the address (the registration runs again from it).
    pub confirmed_on: Option<NaiveDate>,
    /// K9: registered for the due-date reminder.
    pub due_reminder: bool,
}

const PATRON_COLUMNS: &str = "id, card, name, kana, birth_date, email, postal_code, address, phone, \
     residence, keep_history, password_hash IS NULL OR password_temporary, registered_on, \
     suspended_reason, suspended_on, suspended_until, confirmed_on, due_reminder";

fn from_row(r: &Row) -> crate::store::Result<Patron> {
    Ok(Patron {
        id: PatronId(r.get(0)?),
        card: CardNumber::new_unchecked(r.get(1)?),
        name: r.get(2)?,
        kana: r.get(3)?,
        birth_date: r.get::<_, Option<Date>>(4)?.map(|d| d.0),
        email: r.get(5)?,
        postal_code: r.get(6)?,
        address: r.get(7)?,
        phone: r.get(8)?,
        residence: r.get(9)?,
        partners: Vec::new(),
        keep_history: r.get(10)?,
        must_change_password: r.get(11)?,
        registered_on: r.get::<_, Date>(12)?.0,
        suspension: match (
            r.get::<_, Option<String>>(13)?,
            r.get::<_, Option<Date>>(14)?,
        ) {
            (Some(reason), Some(since)) => Some(Suspension {
                reason,
                since: since.0,
                until: r.get::<_, Option<Date>>(15)?.map(|d| d.0),
            }),
            _ => None,
        },
        confirmed_on: r.get::<_, Option<Date>>(16)?.map(|d| d.0),
        due_reminder: r.get(17)?,
    })
}

fn with_partners(conn: &Connection, mut p: Patron) -> Result<Patron> {
    let mut st = conn.prepare_cached(
        "SELECT desk_code FROM patron_partners WHERE patron_id = ?1 ORDER BY desk_code",
    )?;
    p.partners = st
        .query_map([p.id.0], |r| Ok(DeskCode(r.get(0)?)))?
        .collect::<crate::store::Result<_>>()?;
    Ok(p)
}

pub(crate) fn find_by_card(conn: &Connection, card: &CardNumber) -> Result<Patron> {
    let p = conn
        .prepare_cached(&format!(
            "SELECT {PATRON_COLUMNS} FROM patrons WHERE card = ?1"
        ))?
        .query_row([card.as_str()], from_row)
        .optional()?;
    match p {
        Some(p) => with_partners(conn, p),
        None => Err(replaced_or_unknown(conn, card)?),
    }
}

/// C22: a replaced card is refused by name; any other number is simply not registered.
fn replaced_or_unknown(conn: &Connection, card: &CardNumber) -> Result<crate::Error> {
    let replaced: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM replaced_cards WHERE card = ?1")?
        .query_row([card.as_str()], |r| r.get(0))
        .optional()?;
    Ok(match replaced {
        Some(_) => crate::error::Refusal::CardReplaced {
            card: card.to_string(),
        }
        .into(),
        None => Invalid::UnknownCard {
            card: card.to_string(),
        }
        .into(),
    })
}

/// True when no patron has `card` now and no replaced card had it (C22: never issued again).
pub(crate) fn card_is_free(conn: &Connection, card: &CardNumber) -> Result<bool> {
    let taken: i64 = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM patrons WHERE card = ?1)
                  + (SELECT count(*) FROM replaced_cards WHERE card = ?1)",
        )?
        .query_row([card.as_str()], |r| r.get(0))?;
    Ok(taken == 0)
}

pub(crate) fn find_by_id(conn: &Connection, id: PatronId) -> Result<Patron> {
    let p = conn
        .prepare_cached(&format!(
            "SELECT {PATRON_COLUMNS} FROM patrons WHERE id = ?1"
        ))?
        .query_row([id.0], from_row)?;
    with_partners(conn, p)
}

/// How many results a name or kana search shows: a counter screen, not a report.
const SEARCH_LIMIT: u32 = 50;

impl Library {
    pub fn patron(&mut self, actor: &Actor, card: &CardNumber) -> Result<Patron> {
        self.look(actor, Permission::View, |ctx| find_by_card(ctx.tx, card))
    }

    /// Search by card number (exact), or by part of the name or kana.
    pub fn search_patrons(&mut self, actor: &Actor, query: &str) -> Result<Vec<Patron>> {
        let q = query.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        crate::domain::text::check(crate::domain::text::SEARCH, q)?;
        if let Ok(card) = crate::scan::card(self.policy(), q) {
            return match self.patron(actor, &card) {
                Ok(p) => Ok(vec![p]),
                Err(crate::Error::Invalid(Invalid::UnknownCard { .. })) => Ok(Vec::new()),
                Err(e) => Err(e),
            };
        }
        let needle = format!(
            "%{}%",
            register::normalize_kana(q).replace(['%', '_', '\\'], "")
        );
        self.look(actor, Permission::View, |ctx| {
            let mut st = ctx.tx.prepare_cached(&format!(
                "SELECT {PATRON_COLUMNS} FROM patrons
                 WHERE lower(name) LIKE lower(?1) OR kana LIKE ?1 ORDER BY kana, name LIMIT ?2"
            ))?;
            let rows = st
                .query_map((needle, SEARCH_LIMIT), from_row)?
                .collect::<crate::store::Result<Vec<_>>>()?;
            rows.into_iter().map(|p| with_partners(ctx.tx, p)).collect()
        })
    }
}
