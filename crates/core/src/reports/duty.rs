//! H15, H16: the sheet staff take to the duty room (the Diet library room) on a duty day.

use chrono::{Duration, NaiveDate};

use super::{HoldLine, LoanLine, hold_lines, loans::open_loans_at};
use crate::calendar::Calendar;
use crate::catalog::{ITEM_COLUMNS, Item, item_from_row};
use crate::domain::{DeskCode, DeskKind};
use crate::error::{Invalid, Result};
use crate::library::{Actor, Ctx, Library};
use crate::policy::Desk;
use crate::staff::Permission;
use crate::store::date_str;

/// What goes to the room, what comes back, and what may be handed in there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutySheet {
    pub desk: DeskCode,
    pub name: String,
    pub date: NaiveDate,
    /// Returns are processed only on duty days (H15).
    pub duty_day: bool,
    /// To bring: copies on their way to holds collected in the room.
    pub bring: Vec<HoldLine>,
    /// To take back: holds whose days on the room's shelf are over, whether `shelf expire` has
    /// run or not (their copies are still on the room's shelf).
    pub expired: Vec<HoldLine>,
    /// To take back: copies returned in the room, travelling home or to a hold elsewhere.
    pub returned: Vec<Item>,
    /// Returns to process: loans made in the room and still out.
    pub loans: Vec<LoanLine>,
}

/// The duty day before `date`: holds that expired after it are still on the room's shelf.
fn previous_duty_day(cal: &Calendar<'_>, desk: &Desk, date: NaiveDate) -> NaiveDate {
    (1..=366)
        .map(|n| date - Duration::days(n))
        .find(|d| cal.is_duty_day(desk, *d))
        .unwrap_or(date - Duration::days(366))
}

/// Copies in transit whose latest loan was returned at `desk`.
fn returned_here(ctx: &Ctx, desk: &DeskCode) -> Result<Vec<Item>> {
    let mut st = ctx.tx.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id
         JOIN (SELECT item_id, max(id) AS last FROM loans GROUP BY item_id) ll ON ll.item_id = i.id
         JOIN loans l ON l.id = ll.last
         WHERE i.status = 'in-transit' AND l.returned_at_desk = ?1
           AND coalesce(i.transit_to, '') <> ?1
         ORDER BY i.call_number, i.barcode"
    ))?;
    let rows = st.query_map([desk.as_str()], item_from_row)?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

impl Library {
    /// The duty sheet of the duty room `desk` for `date`.
    pub fn duty_sheet(&mut self, actor: &Actor, desk: &str, date: NaiveDate) -> Result<DutySheet> {
        let room = self.policy().desk(desk)?.clone();
        if room.kind != DeskKind::DutyRoom {
            return Err(Invalid::BadValue {
                field: "--desk",
                input: desk.to_string(),
            }
            .into());
        }
        self.look(actor, Permission::Supervise, |ctx| {
            let cal = ctx.calendar()?;
            let since = previous_duty_day(&cal, &room, date);
            Ok(DutySheet {
                duty_day: cal.is_duty_day(&room, date),
                bring: hold_lines(
                    ctx,
                    "WHERE h.status = 'in-transit' AND h.shelf_desk = ?1 ORDER BY t.title, h.id",
                    [room.code.as_str()],
                )?,
                expired: hold_lines(
                    ctx,
                    "WHERE h.shelf_desk = ?1
                       AND ((h.status = 'ready' AND h.expires_on < ?2)
                         OR (h.status = 'expired' AND h.closed_on > ?3 AND h.closed_on <= ?2))
                     ORDER BY h.expires_on, h.id",
                    (room.code.as_str(), date_str(date), date_str(since)),
                )?,
                returned: returned_here(ctx, &room.code)?,
                loans: open_loans_at(ctx, &room.code)?,
                desk: room.code.clone(),
                name: room.name.clone(),
                date,
            })
        })
    }
}
