use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::{Patron, card_is_free, find_by_id, password, validate_email};
use crate::domain::{CardNumber, DeskKind, PatronId, date_input, text};
use crate::error::{Invalid, Lang, Refusal, Result};
use crate::library::{Actor, Ctx, Library};
use crate::staff::Permission;
use crate::store::date_str;

/// What staff type into the registration form, as typed. The core checks every field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatronDetails {
    pub name: String,
    pub kana: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub residence: Option<String>,
    /// Codes of partner-library desks (H14).
    pub partners: Vec<String>,
    pub keep_history: bool,
}

/// A new patron and the temporary password to show once (K1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub patron: Patron,
    pub temporary_password: String,
    /// What staff should check with the patron; the registration stands (C22).
    pub warnings: Vec<RegistrationWarning>,
}

/// C22: registering a name and birth date already on file warns staff (the patron may hold a
/// card already, or have lost it: then it is replaced, not registered again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationWarning {
    SameNameAndBirth { cards: Vec<CardNumber> },
}

impl RegistrationWarning {
    pub fn code(&self) -> &'static str {
        match self {
            RegistrationWarning::SameNameAndBirth { .. } => "patron.possible_duplicate",
        }
    }

    pub fn rule(&self) -> &'static str {
        "C22"
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            RegistrationWarning::SameNameAndBirth { cards } => {
                let cards = cards
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                match lang {
                    Lang::Ja => format!(
                        "同じ氏名・生年月日の利用者がすでに登録されています(利用者番号 {cards})。同じ方ならカードの再発行を検討してください。"
                    ),
                    Lang::En => format!(
                        "A patron with the same name and birth date is already registered (card {cards}); if it is the same person, replace that card instead."
                    ),
                }
            }
        }
    }
}

/// C22: other patrons on file with this name (spaces ignored) and birth date.
fn same_name_and_birth(ctx: &Ctx, c: &Clean) -> Result<Vec<CardNumber>> {
    let Some(birth) = c.birth_date else {
        return Ok(Vec::new());
    };
    let wanted = squeeze(&c.name);
    let mut st = ctx
        .tx
        .prepare_cached("SELECT card, name FROM patrons WHERE birth_date = ?1 ORDER BY card")?;
    let rows: Vec<(String, String)> = st
        .query_map([date_str(birth)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::store::Result<_>>()?;
    Ok(rows
        .into_iter()
        .filter(|(_, name)| squeeze(name) == wanted)
        .map(|(card, _)| CardNumber::new_unchecked(card))
        .collect())
}

/// A name as staff compare it: width folded, spaces of either width dropped.
fn squeeze(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

struct Clean {
    name: String,
    kana: Option<String>,
    birth_date: Option<NaiveDate>,
    email: Option<String>,
    postal_code: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    residence: Option<String>,
    partners: Vec<String>,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Kana for search and sorting: width folded, hiragana turned into katakana.
pub(crate) fn normalize_kana(s: &str) -> String {
    s.nfkc()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn is_kana(c: char) -> bool {
    matches!(c, 'ァ'..='ヺ' | 'ー' | '・' | ' ' | '　')
}

/// 〒 NNN-NNNN, typed with or without the hyphen, in either width.
fn postal_code(s: &str) -> Result<String> {
    let digits: String = s.nfkc().filter(|c| c.is_ascii_digit()).collect();
    let shape_ok = s
        .nfkc()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '〒' || c.is_whitespace());
    if digits.len() != 7 || !shape_ok {
        return Err(Invalid::BadValue {
            field: "postal code",
            input: s.to_string(),
        }
        .into());
    }
    Ok(format!("{}-{}", &digits[..3], &digits[3..]))
}

fn phone(s: &str) -> Result<String> {
    let folded: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    if !(10..=11).contains(&digits) || !folded.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(Invalid::BadValue {
            field: "phone",
            input: s.to_string(),
        }
        .into());
    }
    Ok(folded)
}

fn clean(ctx: &Ctx, d: &PatronDetails) -> Result<Clean> {
    let name = d.name.trim();
    text::check(text::NAME, name)?;
    text::check_opt(text::KANA, non_empty(&d.kana))?;
    text::check_opt(text::EMAIL, non_empty(&d.email))?;
    text::check_opt(text::POSTAL_CODE, non_empty(&d.postal_code))?;
    text::check_opt(text::ADDRESS, non_empty(&d.address))?;
    text::check_opt(text::PHONE, non_empty(&d.phone))?;
    text::check_opt(text::CODE, non_empty(&d.residence))?;
    if name.is_empty() {
        return Err(Invalid::Missing { field: "name" }.into());
    }
    let kana = match non_empty(&d.kana) {
        Some(k) => {
            let k = normalize_kana(k);
            if !k.chars().all(is_kana) {
                return Err(Invalid::BadValue {
                    field: "kana",
                    input: k,
                }
                .into());
            }
            Some(k)
        }
        None => None,
    };
    let birth_date = match non_empty(&d.birth_date) {
        Some(b) => {
            let date = date_input(b)?;
            if date > ctx.today() {
                return Err(Invalid::BadDate {
                    input: b.to_string(),
                }
                .into());
            }
            Some(date)
        }
        None => None,
    };
    let email = non_empty(&d.email).map(validate_email).transpose()?;
    let residence = match non_empty(&d.residence) {
        Some(r) if ctx.policy.residence_categories.iter().any(|c| c == r) => Some(r.to_string()),
        Some(r) => {
            return Err(Invalid::BadValue {
                field: "residence",
                input: r.to_string(),
            }
            .into());
        }
        None => None,
    };
    let mut partners = Vec::new();
    for code in d
        .partners
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        let desk = ctx.policy.desk(code)?;
        if desk.kind != DeskKind::Partner {
            return Err(Invalid::BadValue {
                field: "partner",
                input: code.to_string(),
            }
            .into());
        }
        if !partners.iter().any(|p| p == code) {
            partners.push(code.to_string());
        }
    }
    Ok(Clean {
        name: name.to_string(),
        kana,
        birth_date,
        email,
        postal_code: non_empty(&d.postal_code).map(postal_code).transpose()?,
        address: non_empty(&d.address).map(str::to_string),
        phone: non_empty(&d.phone).map(phone).transpose()?,
        residence,
        partners,
    })
}

fn write_partners(ctx: &Ctx, id: i64, partners: &[String]) -> Result<()> {
    ctx.tx
        .execute("DELETE FROM patron_partners WHERE patron_id = ?1", [id])?;
    for p in partners {
        ctx.tx.execute(
            "INSERT INTO patron_partners (patron_id, desk_code) VALUES (?1, ?2)",
            (id, p),
        )?;
    }
    Ok(())
}

/// Check `details` and store them as the patron's record (every field, partners included).
pub(super) fn write_details(
    ctx: &Ctx,
    existing: &Patron,
    details: &PatronDetails,
) -> Result<Patron> {
    let c = clean(ctx, details)?;
    ctx.tx.execute(
        "UPDATE patrons SET name = ?1, kana = ?2, birth_date = ?3, email = ?4, postal_code = ?5,
                address = ?6, phone = ?7, residence = ?8, keep_history = ?9
         WHERE id = ?10",
        crate::store::params![
            c.name,
            c.kana,
            c.birth_date.map(date_str),
            c.email,
            c.postal_code,
            c.address,
            c.phone,
            c.residence,
            details.keep_history,
            existing.id.0,
        ],
    )?;
    write_partners(ctx, existing.id.0, &c.partners)?;
    if existing.keep_history && !details.keep_history {
        super::my_settings::forget_history(ctx, existing.id)?;
    }
    ctx.audit("patron.update", existing.card.as_str())?;
    find_by_id(ctx.tx, existing.id)
}

/// C23, H15: registration needs the desk open, and a duty room its library staff.
fn desk_refusals(ctx: &Ctx) -> Result<Vec<Refusal>> {
    if let Some(closed) = crate::calendar::closed_today(ctx)? {
        return Ok(vec![closed]);
    }
    let desk = ctx.desk;
    if desk.registration_only_on_duty_days && !ctx.calendar()?.is_duty_day(desk, ctx.today()) {
        return Ok(vec![Refusal::RegisterNotDutyDay {
            desk: desk.name.clone(),
        }]);
    }
    Ok(Vec::new())
}

impl Library {
    /// K1: register a patron at the counter and issue a temporary password, shown once.
    /// `override_asked`: a supervisor registers on a day the desk does not (C23, H15).
    pub fn register_patron(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        details: &PatronDetails,
        override_asked: bool,
    ) -> Result<Registered> {
        let temp = password::new_temporary(&self.policy().password)?;
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let c = clean(ctx, details)?;
            if !card_is_free(ctx.tx, card)? {
                return Err(Invalid::DuplicateCard {
                    card: card.to_string(),
                }
                .into());
            }
            ctx.settle(desk_refusals(ctx)?, override_asked)?;
            let same = same_name_and_birth(ctx, &c)?;
            let id: i64 = ctx.tx.query_row(
                "INSERT INTO patrons (card, name, kana, birth_date, email, postal_code, address, phone,
                                      residence, keep_history, registered_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                crate::store::params![
                    card.as_str(),
                    c.name,
                    c.kana,
                    c.birth_date.map(date_str),
                    c.email,
                    c.postal_code,
                    c.address,
                    c.phone,
                    c.residence,
                    details.keep_history,
                    date_str(ctx.today()),
                ],
                |r| r.get(0),
            )?;
            write_partners(ctx, id, &c.partners)?;
            password::store_temporary(ctx.tx, card, id, &temp)?;
            ctx.audit("patron.register", card.as_str())?;
            Ok(Registered {
                patron: find_by_id(ctx.tx, PatronId(id))?,
                temporary_password: temp.clear.clone(),
                warnings: if same.is_empty() {
                    Vec::new()
                } else {
                    vec![RegistrationWarning::SameNameAndBirth { cards: same }]
                },
            })
        })
    }

    /// Replace a patron's details with the whole form (the app's patron screen sends every
    /// field); the card number stays. `edit_patron` changes only the fields given.
    pub fn update_patron(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        details: &PatronDetails,
    ) -> Result<Patron> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let existing = super::find_by_card(ctx.tx, card)?;
            write_details(ctx, &existing, details)
        })
    }

    /// H5: set or clear (empty) the notice address.
    pub fn set_patron_email(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        email: &str,
    ) -> Result<Patron> {
        let email = match email.trim() {
            "" => None,
            e => Some(validate_email(e)?),
        };
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let p = super::find_by_card(ctx.tx, card)?;
            ctx.tx.execute(
                "UPDATE patrons SET email = ?1 WHERE id = ?2",
                (&email, p.id.0),
            )?;
            ctx.audit("patron.email", card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_is_folded_to_full_width_katakana() {
        assert_eq!(normalize_kana("やまだ たろう"), "ヤマダ タロウ");
        assert_eq!(normalize_kana("ﾔﾏﾀﾞ"), "ヤマダ");
    }

    #[test]
    fn postal_codes_take_either_form() {
        assert_eq!(postal_code("0690834").unwrap(), "069-0834");
        assert_eq!(postal_code("〒０６９－０８３４").unwrap(), "069-0834");
        assert_eq!(
            postal_code("069-083").unwrap_err().code(),
            "input.bad_value"
        );
    }
}
