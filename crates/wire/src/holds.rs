use kashidashi_core::holds::{Expired, Hold, HoldDates, PullEntry, Rescheduled};
use serde::Serialize;

use crate::circulation::RouteView;
use crate::date_string;

#[derive(Debug, Clone, Serialize)]
pub struct HoldView {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub position: Option<u32>,
    pub pickup: String,
    pub shelf_desk: Option<String>,
    pub notify: &'static str,
    pub placed_by: &'static str,
    pub card: String,
    pub item: Option<String>,
    pub cart: Option<i64>,
    pub cart_seq: Option<u32>,
    pub notified_on: Option<String>,
    pub available_from: Option<String>,
    pub expires_on: Option<String>,
    pub delivery_run: Option<String>,
}

impl From<&Hold> for HoldView {
    fn from(h: &Hold) -> Self {
        HoldView {
            id: h.id.0,
            title: h.title.clone(),
            status: h.status.as_str(),
            status_label: h.status.label(),
            position: h.position,
            pickup: h.pickup.to_string(),
            shelf_desk: h.shelf_desk.as_ref().map(ToString::to_string),
            notify: h.notify.as_str(),
            placed_by: h.placed_by.as_str(),
            card: h.card.to_string(),
            item: h.item.as_ref().map(ToString::to_string),
            cart: h.cart,
            cart_seq: h.cart_seq,
            notified_on: h.notified_on.map(date_string),
            available_from: h.available_from.map(date_string),
            expires_on: h.expires_on.map(date_string),
            delivery_run: h.delivery_run.map(date_string),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpiredView {
    pub hold: i64,
    pub title: String,
    pub item: Option<String>,
    pub shelf_desk: Option<String>,
    pub expired_on: String,
    pub next: Option<RouteView>,
}

impl From<&Expired> for ExpiredView {
    fn from(e: &Expired) -> Self {
        ExpiredView {
            hold: e.hold.0,
            title: e.title.clone(),
            item: e.item.as_ref().map(ToString::to_string),
            shelf_desk: e.shelf_desk.as_ref().map(ToString::to_string),
            expired_on: date_string(e.expired_on),
            next: e.next.as_ref().map(RouteView::from),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PullView {
    #[serde(flatten)]
    pub hold: HoldView,
    pub call_number: Option<String>,
    pub collection: String,
}

impl From<&PullEntry> for PullView {
    fn from(p: &PullEntry) -> Self {
        PullView {
            hold: HoldView::from(&p.hold),
            call_number: p.call_number.clone(),
            collection: p.collection.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HoldDatesView {
    pub delivery_run: Option<String>,
    pub available_from: Option<String>,
    pub expires_on: Option<String>,
}

impl From<&HoldDates> for HoldDatesView {
    fn from(d: &HoldDates) -> Self {
        HoldDatesView {
            delivery_run: d.delivery_run.map(date_string),
            available_from: d.available_from.map(date_string),
            expires_on: d.expires_on.map(date_string),
        }
    }
}

/// A hold whose days a calendar change moved (H10, H14): its slip is to be replaced.
#[derive(Debug, Clone, Serialize)]
pub struct RescheduledView {
    pub hold: i64,
    pub title: String,
    pub item: Option<String>,
    pub pickup: String,
    pub card_masked: String,
    pub before: HoldDatesView,
    pub after: HoldDatesView,
    pub notice_queued: bool,
}

impl From<&Rescheduled> for RescheduledView {
    fn from(r: &Rescheduled) -> Self {
        RescheduledView {
            hold: r.hold.0,
            title: r.title.clone(),
            item: r.item.as_ref().map(ToString::to_string),
            pickup: r.pickup.to_string(),
            card_masked: r.card.masked(),
            before: HoldDatesView::from(&r.before),
            after: HoldDatesView::from(&r.after),
            notice_queued: r.notice_queued,
        }
    }
}
