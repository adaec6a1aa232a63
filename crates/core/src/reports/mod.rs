//! What supervisors print (C6, C17, H12–H15): one read-only query per report, returning plain
//! structs. `kashidashi-print` lays them out; nothing here knows about PDF or CSV.

mod delivery;
mod duty;
mod loans;
mod shelf;
mod stats;

pub use delivery::{DeliveryLabel, PartnerRun, Shipment};
pub use duty::DutySheet;
pub use loans::{LoanLine, OverdueLine};
pub use shelf::{CopyNow, ExpiredLine};
pub use stats::DeskCounts;

use crate::store::OptionalExtension;

use crate::domain::Collection;
use crate::error::Result;
use crate::holds::Hold;
use crate::library::Ctx;

/// A hold with the shelf place of its copy, so that staff can find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldLine {
    pub hold: Hold,
    pub call_number: Option<String>,
    /// None once the hold has let go of its copy (an expired hold).
    pub collection: Option<Collection>,
}

fn hold_line(ctx: &Ctx, hold: Hold) -> Result<HoldLine> {
    let place: Option<(Option<String>, String)> = match hold.item_id {
        Some(id) => ctx
            .tx
            .prepare_cached("SELECT call_number, collection FROM items WHERE id = ?1")?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    let (call_number, collection) = match place {
        Some((c, col)) => (c, Collection::parse(&col)),
        None => (None, None),
    };
    Ok(HoldLine {
        hold,
        call_number,
        collection,
    })
}

/// The holds a `HOLD_SELECT` filter (WHERE ... ORDER BY) picks, with their shelf places.
fn hold_lines<P: crate::store::Params>(
    ctx: &Ctx,
    filter: &str,
    params: P,
) -> Result<Vec<HoldLine>> {
    let holds: Vec<Hold> = ctx
        .tx
        .prepare_cached(&format!("{} {filter}", crate::holds::HOLD_SELECT))?
        .query_map(params, crate::holds::hold_from_row)?
        .collect::<crate::store::Result<_>>()?;
    holds.into_iter().map(|h| hold_line(ctx, h)).collect()
}
