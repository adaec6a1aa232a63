//! `patron edit`: change only the fields staff gave; every other field stays as it is.

use super::register::write_details;
use super::{Patron, PatronDetails, find_by_card};
use crate::domain::CardNumber;
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

/// The fields to change. `None` keeps the field; `Some("")` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatronEdit {
    pub name: Option<String>,
    pub kana: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub residence: Option<String>,
    /// Codes of partner-library desks (H14); `Some(vec![])` clears them.
    pub partners: Option<Vec<String>>,
    pub keep_history: Option<bool>,
}

impl PatronEdit {
    /// The whole record after the change, as the registration form would hold it.
    fn applied_to(&self, p: &Patron) -> PatronDetails {
        let pick = |new: &Option<String>, old: Option<String>| new.clone().or(old);
        PatronDetails {
            name: self.name.clone().unwrap_or_else(|| p.name.clone()),
            kana: pick(&self.kana, p.kana.clone()),
            birth_date: pick(&self.birth_date, p.birth_date.map(date_str)),
            email: pick(&self.email, p.email.clone()),
            postal_code: pick(&self.postal_code, p.postal_code.clone()),
            address: pick(&self.address, p.address.clone()),
            phone: pick(&self.phone, p.phone.clone()),
            residence: pick(&self.residence, p.residence.clone()),
            partners: self
                .partners
                .clone()
                .unwrap_or_else(|| p.partners.iter().map(ToString::to_string).collect()),
            keep_history: self.keep_history.unwrap_or(p.keep_history),
        }
    }
}

impl Library {
    /// Change the fields given and keep the rest (CLI.md `patron edit`); each given field is
    /// checked as at registration.
    pub fn edit_patron(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        edit: &PatronEdit,
    ) -> Result<Patron> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let existing = find_by_card(ctx.tx, card)?;
            write_details(ctx, &existing, &edit.applied_to(&existing))
        })
    }
}
