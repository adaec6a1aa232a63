//! 蔵書点検 (stock-taking, C21): staff scan the shelves of one collection; at the end, the copies
//! that should have been there and were not scanned are listed and marked 不明.
//!
//! "Should have been there": a copy of the collection on the open shelf (stored 'available',
//! in no C21 state). Copies on loan, set aside for a hold or in transit are elsewhere. So is a
//! copy that came back (a return) or was added on or after the day the count started: it may
//! have been shelved behind the scanners, and its absence proves nothing.

use chrono::NaiveDate;

use super::state::{clear_state, set_state, settle_claim};
use crate::catalog::{Item, find_by_barcode, with_current_status};
use crate::domain::{Collection, CopyState, ItemBarcode, ItemStatus};
use crate::error::{Invalid, Refusal, Result};
use crate::holds::route;
use crate::library::{Actor, Ctx, Library};
use crate::staff::Permission;
use crate::store::{Date, OptionalExtension, date_str};

/// A stock-taking, numbered for staff and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StocktakeId(pub i64);

impl std::fmt::Display for StocktakeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

struct Stocktake {
    id: StocktakeId,
    collection: Collection,
    started_on: NaiveDate,
}

/// One shelf scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StocktakeScan {
    /// The copy as it is now (a copy scanned while the catalogue says 貸出中 shows so).
    pub item: Item,
    /// False when it was scanned into this stock-taking before: nothing changed.
    pub first: bool,
    /// It was 不明 (or claimed returned) and is back on the shelf.
    pub found: bool,
}

/// A copy not seen on the shelves, marked 不明.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingCopy {
    pub barcode: ItemBarcode,
    pub title: String,
    pub call_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StocktakeSummary {
    pub id: StocktakeId,
    pub collection: Collection,
    pub scanned: u32,
    /// In call-number order, as staff walk the shelves to look again.
    pub missing: Vec<MissingCopy>,
}

/// A stock-taking still counting, as a desk that did not start it sees it (to scan into it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStocktake {
    pub id: StocktakeId,
    pub collection: Collection,
    pub started_on: NaiveDate,
    /// The staff id of whoever started it.
    pub started_by: String,
    /// Copies scanned so far, from every desk.
    pub scanned: u32,
}

fn open_stocktake(ctx: &Ctx, id: StocktakeId) -> Result<Stocktake> {
    let row: Option<(String, Date, Option<String>)> = ctx
        .tx
        .prepare_cached("SELECT collection, started_on, finished_on FROM stocktakes WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((collection, started_on, finished_on)) = row else {
        return Err(Invalid::UnknownStocktake { id: id.to_string() }.into());
    };
    if finished_on.is_some() {
        return Err(Refusal::StocktakeFinished { id: id.0 }.into());
    }
    Ok(Stocktake {
        id,
        collection: Collection::parse(&collection).unwrap_or(Collection::General),
        started_on: started_on.0,
    })
}

fn start(ctx: &Ctx, collection: Collection) -> Result<StocktakeId> {
    let running: Option<i64> = ctx
        .tx
        .prepare_cached("SELECT id FROM stocktakes WHERE collection = ?1 AND finished_on IS NULL")?
        .query_row([collection.as_str()], |r| r.get(0))
        .optional()?;
    if let Some(id) = running {
        return Err(Refusal::StocktakeOpen { id, collection }.into());
    }
    let id: i64 = ctx
        .tx
        .prepare_cached(
            "INSERT INTO stocktakes (collection, started_on, started_by) VALUES (?1, ?2, ?3)
             RETURNING id",
        )?
        .query_row(
            (
                collection.as_str(),
                date_str(ctx.today()),
                ctx.staff.id.as_str(),
            ),
            |r| r.get(0),
        )?;
    ctx.audit("stocktake.start", &id.to_string())?;
    Ok(StocktakeId(id))
}

fn scan(ctx: &Ctx, id: StocktakeId, barcode: &ItemBarcode) -> Result<StocktakeScan> {
    let st = open_stocktake(ctx, id)?;
    let item = find_by_barcode(ctx.tx, barcode)?;
    if item.collection != st.collection {
        return Err(Refusal::StocktakeOtherCollection {
            collection: item.collection,
            counted: st.collection,
        }
        .into());
    }
    let seen: Option<i64> = ctx
        .tx
        .prepare_cached("SELECT 1 FROM stocktake_scans WHERE stocktake_id = ?1 AND item_id = ?2")?
        .query_row((st.id.0, item.id.0), |r| r.get(0))
        .optional()?;
    if seen.is_some() {
        return Ok(StocktakeScan {
            item,
            first: false,
            found: false,
        });
    }
    ctx.tx
        .prepare_cached(
            "INSERT INTO stocktake_scans (stocktake_id, item_id, scanned_at) VALUES (?1, ?2, ?3)",
        )?
        .execute((st.id.0, item.id.0, ctx.now.rfc3339()))?;
    // A 不明 copy on the shelf is back, and a copy claimed returned was indeed returned: the
    // first waiting hold of its title may take it, as it would take any shelf copy (onto the
    // pull list).
    let found = matches!(
        item.status,
        ItemStatus::Marked(CopyState::Missing | CopyState::ClaimsReturned)
    );
    if found {
        if item.status == ItemStatus::Marked(CopyState::ClaimsReturned) {
            settle_claim(ctx, &item, None)?;
        }
        clear_state(ctx, &item)?;
        if let Some(hold) = route::next_eligible(ctx, &item)? {
            route::try_allocate(ctx, &hold)?;
        }
    }
    Ok(StocktakeScan {
        item: with_current_status(ctx.tx, item)?,
        first: true,
        found,
    })
}

fn finish(ctx: &Ctx, id: StocktakeId) -> Result<StocktakeSummary> {
    let st = open_stocktake(ctx, id)?;
    let started = date_str(st.started_on);
    let scanned: u32 = ctx
        .tx
        .prepare_cached("SELECT count(*) FROM stocktake_scans WHERE stocktake_id = ?1")?
        .query_row([st.id.0], |r| r.get(0))?;
    // The returns since the start are read once (no index serves a loan's return day per copy).
    let unseen: Vec<(i64, String, String, Option<String>)> = ctx
        .tx
        .prepare_cached(
            "SELECT i.id, i.barcode, t.title, i.call_number
               FROM items i JOIN titles t ON t.id = i.title_id
              WHERE i.collection = ?1 AND i.status = 'available' AND i.copy_state IS NULL
                AND i.added_on < ?3
                AND NOT EXISTS (SELECT 1 FROM stocktake_scans s
                                 WHERE s.stocktake_id = ?2 AND s.item_id = i.id)
                AND i.id NOT IN (SELECT l.item_id FROM loans l WHERE l.returned_on >= ?3)
              ORDER BY coalesce(i.call_number, ''), i.barcode",
        )?
        .query_map((st.collection.as_str(), st.id.0, started.as_str()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<crate::store::Result<_>>()?;
    let mut missing = Vec::with_capacity(unseen.len());
    for (item_id, barcode, title, call_number) in unseen {
        let item = crate::catalog::find_by_id(ctx.tx, crate::domain::ItemId(item_id))?;
        set_state(ctx, &item, CopyState::Missing, None)?;
        missing.push(MissingCopy {
            barcode: ItemBarcode::new_unchecked(barcode),
            title,
            call_number,
        });
    }
    ctx.tx
        .prepare_cached("UPDATE stocktakes SET finished_on = ?1 WHERE id = ?2")?
        .execute((date_str(ctx.today()), st.id.0))?;
    ctx.audit("stocktake.finish", &st.id.to_string())?;
    Ok(StocktakeSummary {
        id: st.id,
        collection: st.collection,
        scanned,
        missing,
    })
}

fn list_open(ctx: &Ctx) -> Result<Vec<OpenStocktake>> {
    let rows: Vec<(i64, String, Date, String, u32)> = ctx
        .tx
        .prepare_cached(
            "SELECT s.id, s.collection, s.started_on, s.started_by,
                    (SELECT count(*) FROM stocktake_scans c WHERE c.stocktake_id = s.id)
               FROM stocktakes s
              WHERE s.finished_on IS NULL
              ORDER BY s.id",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<crate::store::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(
            |(id, collection, started_on, started_by, scanned)| OpenStocktake {
                id: StocktakeId(id),
                collection: Collection::parse(&collection).unwrap_or(Collection::General),
                started_on: started_on.0,
                started_by,
                scanned,
            },
        )
        .collect())
}

impl Library {
    /// The stock-takings still counting, oldest first: a count started at one desk is scanned
    /// into, and finished, from any other (every desk scans into the same one).
    pub fn stocktakes_open(&mut self, actor: &Actor) -> Result<Vec<OpenStocktake>> {
        self.look(actor, Permission::View, list_open)
    }

    /// `stocktake start`: count the shelves of `collection`. One at a time per collection.
    pub fn stocktake_start(
        &mut self,
        actor: &Actor,
        collection: Collection,
    ) -> Result<StocktakeId> {
        self.act(actor, Permission::ManageCatalog, |ctx| {
            start(ctx, collection)
        })
    }

    /// `stocktake scan`: a copy seen on the shelves. Scanning it again changes nothing.
    pub fn stocktake_scan(
        &mut self,
        actor: &Actor,
        id: StocktakeId,
        barcode: &ItemBarcode,
    ) -> Result<StocktakeScan> {
        self.act(actor, Permission::Circulate, |ctx| scan(ctx, id, barcode))
    }

    /// `stocktake finish`: mark what was not seen 不明 and list it.
    pub fn stocktake_finish(&mut self, actor: &Actor, id: StocktakeId) -> Result<StocktakeSummary> {
        self.act(actor, Permission::ManageCatalog, |ctx| finish(ctx, id))
    }
}
