use kashidashi_core::patrons::Patron;
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
        }
    }
}
