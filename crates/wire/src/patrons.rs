use kashidashi_core::Lang;
use kashidashi_core::patrons::{Patron, RegistrationWarning};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PatronView {
    pub card: String,
    pub name: String,
    pub kana: Option<String>,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub residence: Option<String>,
    pub partners: Vec<String>,
    pub keep_history: bool,
    pub must_change_password: bool,
    pub registered_on: String,
    /// C22 利用停止 as entered (in force through `until`, or until resumed); null when none.
    pub suspension: Option<SuspensionView>,
    /// C22: the day the address was last confirmed, or null.
    pub confirmed_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuspensionView {
    pub reason: String,
    pub since: String,
    pub until: Option<String>,
}

impl From<&Patron> for PatronView {
    fn from(p: &Patron) -> Self {
        PatronView {
            card: p.card.to_string(),
            name: p.name.clone(),
            kana: p.kana.clone(),
            birth_date: p.birth_date.map(crate::date_string),
            email: p.email.clone(),
            postal_code: p.postal_code.clone(),
            address: p.address.clone(),
            phone: p.phone.clone(),
            residence: p.residence.clone(),
            partners: p.partners.iter().map(ToString::to_string).collect(),
            keep_history: p.keep_history,
            must_change_password: p.must_change_password,
            registered_on: crate::date_string(p.registered_on),
            suspension: p.suspension.as_ref().map(|s| SuspensionView {
                reason: s.reason.clone(),
                since: crate::date_string(s.since),
                until: s.until.map(crate::date_string),
            }),
            confirmed_on: p.confirmed_on.map(crate::date_string),
        }
    }
}

/// Something staff should check; the action went through (C22: a name and birth date already
/// on file).
#[derive(Debug, Clone, Serialize)]
pub struct WarningView {
    pub code: &'static str,
    pub rule: &'static str,
    pub message: String,
}

impl WarningView {
    pub fn new(w: &RegistrationWarning, lang: Lang) -> WarningView {
        WarningView {
            code: w.code(),
            rule: w.rule(),
            message: w.message(lang),
        }
    }
}
