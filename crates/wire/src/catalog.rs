use kashidashi_core::catalog::{ImportSummary, Item, TitleHit};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub barcode: String,
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub call_number: Option<String>,
    pub collection: &'static str,
    pub loan_type: &'static str,
    pub ill: bool,
    /// Longest, middle, thickness in centimetres.
    pub size_cm: Option<[f64; 3]>,
    pub weight_g: Option<u32>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub home_desk: String,
    /// C21: since when a marked copy (紛失, 汚損, ...) is in its state, and the staff note.
    pub state_since: Option<String>,
    pub state_note: Option<String>,
}

impl From<&Item> for ItemView {
    fn from(i: &Item) -> Self {
        ItemView {
            barcode: i.barcode.to_string(),
            title: i.title.clone(),
            author: i.author.clone(),
            isbn: i.isbn.clone(),
            call_number: i.call_number.clone(),
            collection: i.collection.as_str(),
            loan_type: i.loan_type.as_str(),
            ill: i.ill,
            size_cm: i.size_mm.map(|s| s.map(|mm| f64::from(mm) / 10.0)),
            weight_g: i.weight_g,
            status: i.status.as_str(),
            status_label: i.status_label(),
            home_desk: i.home_desk.to_string(),
            state_since: i.state_since.map(crate::date_string),
            state_note: i.state_note.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportView {
    pub items: usize,
    pub titles: usize,
}

impl From<&ImportSummary> for ImportView {
    fn from(s: &ImportSummary) -> Self {
        ImportView {
            items: s.items,
            titles: s.titles,
        }
    }
}

/// A title `item search` found: its copies by barcode, and the romanized form a MARC record
/// gave, if any.
#[derive(Debug, Clone, Serialize)]
pub struct TitleView {
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub romanized: Option<String>,
    pub copies: Vec<String>,
}

impl From<&TitleHit> for TitleView {
    fn from(t: &TitleHit) -> Self {
        TitleView {
            title: t.title.clone(),
            author: t.author.clone(),
            isbn: t.isbn.clone(),
            romanized: t.romanized.clone(),
            copies: t.copies.iter().map(ToString::to_string).collect(),
        }
    }
}
