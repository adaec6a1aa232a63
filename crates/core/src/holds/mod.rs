//! Holds (予約, C13–C17, K7–K8, H9–H10, H12, H14): the title-level queue, placement, the
//! reservation cart, trapping copies, the hold shelf and its expiry.

mod change;
mod forget;
mod holdback;
mod mine;
mod notices;
mod place;
pub(crate) mod route;
pub(crate) mod schedule;
mod shelf;

pub(crate) use forget::withdraw_notices;
pub(crate) use holdback::release as release_held_back;
pub(crate) use mine::hold_refusals;
pub use mine::{CartTitle, HoldChoices, MyHold, PickupPlace};
pub use place::{HoldRequest, PlacedBy};
pub use route::{Route, RouteOutcome, Transit, Trap};
pub use schedule::{HoldDates, Rescheduled};
pub use shelf::{Expired, PullEntry};

use crate::store::{Connection, OptionalExtension, Row};
use chrono::NaiveDate;

use crate::domain::{CardNumber, DeskCode, HoldId, ItemBarcode, ItemId, PatronId, TitleId};
use crate::error::{Invalid, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HoldStatus {
    /// In the queue.
    Waiting,
    /// A shelf copy is set aside, to be pulled (割当, the pull list).
    Allocated,
    /// The copy is on its way to the pickup place, or waits at the main library for the
    /// delivery run (H14).
    InTransit,
    /// On the hold shelf (K: 準備ができました, H: 貸出可能); for home delivery: to be sent.
    Ready,
    /// Home delivery or a partner library's copy held back while the patron has the maximum
    /// loans (H12, H14): told, not sent.
    AwaitingReturn,
    Fulfilled,
    Cancelled,
    Expired,
}

impl HoldStatus {
    pub const ACTIVE_SQL: &'static str =
        "('waiting', 'allocated', 'in-transit', 'ready', 'awaiting-return')";

    pub fn as_str(self) -> &'static str {
        match self {
            HoldStatus::Waiting => "waiting",
            HoldStatus::Allocated => "allocated",
            HoldStatus::InTransit => "in-transit",
            HoldStatus::Ready => "ready",
            HoldStatus::AwaitingReturn => "awaiting-return",
            HoldStatus::Fulfilled => "fulfilled",
            HoldStatus::Cancelled => "cancelled",
            HoldStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<HoldStatus> {
        use HoldStatus::*;
        [
            Waiting,
            Allocated,
            InTransit,
            Ready,
            AwaitingReturn,
            Fulfilled,
            Cancelled,
            Expired,
        ]
        .into_iter()
        .find(|h| h.as_str() == s)
    }

    /// The label patrons see (the Kyoto and Hokkaido My Page words).
    pub fn label(self) -> &'static str {
        match self {
            HoldStatus::Waiting => "予約中",
            HoldStatus::Allocated => "割当",
            HoldStatus::InTransit => "回送中",
            HoldStatus::Ready => "貸出可能",
            HoldStatus::AwaitingReturn => "返却待ち",
            HoldStatus::Fulfilled => "貸出済",
            HoldStatus::Cancelled => "取消",
            HoldStatus::Expired => "期限切れ",
        }
    }

    pub fn is_active(self) -> bool {
        !matches!(
            self,
            HoldStatus::Fulfilled | HoldStatus::Cancelled | HoldStatus::Expired
        )
    }
}

/// C14: how the patron hears that a hold is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    Email,
    None,
}

impl Notify {
    pub fn as_str(self) -> &'static str {
        match self {
            Notify::Email => "email",
            Notify::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Notify> {
        match s {
            "email" => Some(Notify::Email),
            "none" => Some(Notify::None),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub id: HoldId,
    pub patron: PatronId,
    pub card: CardNumber,
    pub title_id: TitleId,
    pub title: String,
    pub pickup: DeskCode,
    pub shelf_desk: Option<DeskCode>,
    pub notify: Notify,
    pub status: HoldStatus,
    /// Place in the title's queue (C13), for active holds.
    pub position: Option<u32>,
    pub placed_at: String,
    pub placed_by: PlacedBy,
    pub item: Option<ItemBarcode>,
    pub item_id: Option<ItemId>,
    pub cart: Option<i64>,
    pub cart_seq: Option<u32>,
    pub notified_on: Option<NaiveDate>,
    pub available_from: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub delivery_run: Option<NaiveDate>,
}

pub(crate) const HOLD_SELECT: &str = "SELECT h.id, h.patron_id, p.card, h.title_id, t.title, h.pickup_desk,
        h.shelf_desk, h.notify, h.status, h.placed_at, h.placed_by, i.barcode, h.item_id, h.cart_id,
        h.cart_seq, h.notified_on, h.available_from, h.expires_on, h.delivery_run,
        CASE WHEN h.status IN ('waiting', 'allocated', 'in-transit', 'ready', 'awaiting-return') THEN
          (SELECT count(*) FROM holds q WHERE q.title_id = h.title_id
             AND q.status IN ('waiting', 'allocated', 'in-transit', 'ready', 'awaiting-return')
             AND (q.placed_at < h.placed_at OR (q.placed_at = h.placed_at AND q.id < h.id))) + 1
        END
     FROM holds h
     JOIN titles t ON t.id = h.title_id
     JOIN patrons p ON p.id = h.patron_id
     LEFT JOIN items i ON i.id = h.item_id";

pub(crate) fn hold_from_row(r: &Row) -> crate::store::Result<Hold> {
    let date = |i: usize| -> crate::store::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<Date>>(i)?.map(|d| d.0))
    };
    Ok(Hold {
        id: HoldId(r.get(0)?),
        patron: PatronId(r.get(1)?),
        card: CardNumber::new_unchecked(r.get(2)?),
        title_id: TitleId(r.get(3)?),
        title: r.get(4)?,
        pickup: DeskCode(r.get(5)?),
        shelf_desk: r.get::<_, Option<String>>(6)?.map(DeskCode),
        notify: Notify::parse(&r.get::<_, String>(7)?).unwrap_or(Notify::None),
        status: HoldStatus::parse(&r.get::<_, String>(8)?).unwrap_or(HoldStatus::Waiting),
        placed_at: r.get(9)?,
        placed_by: if r.get::<_, String>(10)? == "patron" {
            PlacedBy::Patron
        } else {
            PlacedBy::Staff
        },
        item: r
            .get::<_, Option<String>>(11)?
            .map(ItemBarcode::new_unchecked),
        item_id: r.get::<_, Option<i64>>(12)?.map(ItemId),
        cart: r.get(13)?,
        cart_seq: r.get(14)?,
        notified_on: date(15)?,
        available_from: date(16)?,
        expires_on: date(17)?,
        delivery_run: date(18)?,
        position: r.get(19)?,
    })
}

pub(crate) fn find(conn: &Connection, id: HoldId) -> Result<Hold> {
    conn.prepare_cached(&format!("{HOLD_SELECT} WHERE h.id = ?1"))?
        .query_row([id.0], hold_from_row)
        .optional()?
        .ok_or_else(|| Invalid::UnknownHold { id: id.to_string() }.into())
}

/// The active hold that has this copy set aside, if any.
pub(crate) fn for_item(conn: &Connection, item: ItemId) -> Result<Option<Hold>> {
    Ok(conn
        .prepare_cached(&format!("{HOLD_SELECT} WHERE h.item_id = ?1"))?
        .query_row([item.0], hold_from_row)
        .optional()?)
}

pub(crate) fn of_patron(conn: &Connection, patron: PatronId) -> Result<Vec<Hold>> {
    let mut st = conn.prepare_cached(&format!(
        "{HOLD_SELECT} WHERE h.patron_id = ?1 ORDER BY h.placed_at, h.id"
    ))?;
    let rows = st.query_map([patron.0], hold_from_row)?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

/// `hold list` filters.
#[derive(Debug, Clone, Default)]
pub struct HoldFilter {
    pub card: Option<CardNumber>,
    /// Holds picked up at, or waiting on the shelf of, this desk.
    pub desk: Option<DeskCode>,
    pub status: Option<HoldStatus>,
    /// The queue of one title.
    pub title: Option<TitleId>,
}

impl Library {
    pub fn hold(&mut self, actor: &Actor, id: HoldId) -> Result<Hold> {
        self.look(actor, Permission::View, |ctx| find(ctx.tx, id))
    }

    pub fn holds(&mut self, actor: &Actor, filter: &HoldFilter) -> Result<Vec<Hold>> {
        self.look(actor, Permission::View, |ctx| {
            let patron = match &filter.card {
                Some(c) => Some(crate::patrons::find_by_card(ctx.tx, c)?.id.0),
                None => None,
            };
            let mut st = ctx.tx.prepare_cached(&format!(
                "{HOLD_SELECT}
                 WHERE (CAST(?1 AS BIGINT) IS NULL OR h.patron_id = ?1)
                   AND (CAST(?2 AS TEXT) IS NULL OR h.pickup_desk = ?2 OR h.shelf_desk = ?2)
                   AND (CAST(?3 AS TEXT) IS NULL OR h.status = ?3)
                   AND (CAST(?4 AS BIGINT) IS NULL OR h.title_id = ?4)
                 ORDER BY h.placed_at, h.id LIMIT 1000"
            ))?;
            let rows = st.query_map(
                (
                    patron,
                    filter.desk.as_ref().map(DeskCode::as_str),
                    filter.status.map(HoldStatus::as_str),
                    filter.title.map(|t| t.0),
                ),
                hold_from_row,
            )?;
            Ok(rows.collect::<crate::store::Result<_>>()?)
        })
    }
}
