use kashidashi_core::copies::{
    MarkOutcome, MissingCopy, OpenStocktake, StocktakeScan, StocktakeSummary,
};
use serde::Serialize;

use crate::{ItemView, RouteView};

/// `item mark` → `{item}` (CLI.md), with where a copy marked available went.
#[derive(Debug, Clone, Serialize)]
pub struct MarkView {
    pub item: ItemView,
    /// False when the copy was in that state already.
    pub changed: bool,
    #[serde(flatten)]
    pub route: RouteView,
}

impl From<&MarkOutcome> for MarkView {
    fn from(o: &MarkOutcome) -> Self {
        MarkView {
            item: ItemView::from(&o.item),
            changed: o.changed,
            route: o.route.as_ref().map_or(
                RouteView {
                    trapped: None,
                    transit: None,
                },
                RouteView::from,
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StocktakeScanView {
    pub item: ItemView,
    /// False when scanned into this stock-taking before.
    pub first: bool,
    /// It was 不明 and is back.
    pub found: bool,
}

impl From<&StocktakeScan> for StocktakeScanView {
    fn from(s: &StocktakeScan) -> Self {
        StocktakeScanView {
            item: ItemView::from(&s.item),
            first: s.first,
            found: s.found,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingView {
    pub barcode: String,
    pub title: String,
    pub call_number: Option<String>,
}

impl From<&MissingCopy> for MissingView {
    fn from(m: &MissingCopy) -> Self {
        MissingView {
            barcode: m.barcode.to_string(),
            title: m.title.clone(),
            call_number: m.call_number.clone(),
        }
    }
}

/// `stocktake finish` → `{missing: [{barcode, title, call_number}]}` (CLI.md).
#[derive(Debug, Clone, Serialize)]
pub struct StocktakeView {
    pub id: i64,
    pub collection: &'static str,
    pub scanned: u32,
    pub missing: Vec<MissingView>,
}

impl From<&StocktakeSummary> for StocktakeView {
    fn from(s: &StocktakeSummary) -> Self {
        StocktakeView {
            id: s.id.0,
            collection: s.collection.as_str(),
            scanned: s.scanned,
            missing: s.missing.iter().map(MissingView::from).collect(),
        }
    }
}

/// A stock-taking still counting, for a desk to resume it.
#[derive(Debug, Clone, Serialize)]
pub struct OpenStocktakeView {
    pub id: i64,
    pub collection: &'static str,
    pub started_on: String,
    pub started_by: String,
    pub scanned: u32,
}

impl From<&OpenStocktake> for OpenStocktakeView {
    fn from(s: &OpenStocktake) -> Self {
        OpenStocktakeView {
            id: s.id.0,
            collection: s.collection.as_str(),
            started_on: crate::date_string(s.started_on),
            started_by: s.started_by.clone(),
            scanned: s.scanned,
        }
    }
}
