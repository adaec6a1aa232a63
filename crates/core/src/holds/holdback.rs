//! H12, H14: a copy secured for home delivery or a partner library while the patron already has
//! the maximum loans is not sent: the notice goes, the hold waits as `awaiting-return`, and the
//! copy goes out once a return makes room (home: the next day's parcel; partner: the next run).

use super::schedule::{partner_dates, set_dates};
use super::{HOLD_SELECT, Hold, hold_from_row};
use crate::domain::{DeskKind, PatronId};
use crate::error::Result;
use crate::library::Ctx;

/// The loans the patron has, and will have once what is already secured to be sent goes out:
/// open loans, home parcels ready to go, and copies booked on a partner run. Each of these
/// becomes a loan with nobody at the counter to choose, so each takes a place under the limit.
pub(crate) fn committed_loans(ctx: &Ctx, patron: PatronId) -> Result<u32> {
    Ok(ctx
        .tx
        .prepare_cached(
            "SELECT (SELECT count(*) FROM loans WHERE patron_id = ?1 AND returned_on IS NULL)
                  + (SELECT count(*) FROM holds h JOIN desks d ON d.code = h.pickup_desk
                      WHERE h.patron_id = ?1
                        AND ((d.kind = 'home' AND h.status = 'ready')
                          OR (d.kind = 'partner' AND h.status = 'in-transit'
                              AND h.delivery_run IS NOT NULL)))",
        )?
        .query_row([patron.0], |r| r.get(0))?)
}

/// A return of `patron`'s was processed: send what waited for the room, first placed first.
pub(crate) fn release(ctx: &Ctx, patron: PatronId) -> Result<()> {
    let waiting: Vec<Hold> = ctx
        .tx
        .prepare_cached(&format!(
            "{HOLD_SELECT} WHERE h.patron_id = ?1 AND h.status = 'awaiting-return'
             ORDER BY h.placed_at, h.id"
        ))?
        .query_map([patron.0], hold_from_row)?
        .collect::<crate::store::Result<_>>()?;
    if waiting.is_empty() {
        return Ok(());
    }
    let room = ctx
        .policy
        .loans
        .limit
        .saturating_sub(committed_loans(ctx, patron)?);
    for h in waiting.into_iter().take(room as usize) {
        let pickup = ctx.policy.desk(h.pickup.as_str())?;
        if pickup.kind == DeskKind::Partner {
            // H14: on the next run; the patron learns the run and the days to collect.
            let notice = h.notified_on.unwrap_or(ctx.today());
            let dates = partner_dates(&ctx.calendar()?, pickup, notice, ctx.today());
            set_dates(ctx, h.id, &dates)?;
            set_status(ctx, &h, "in-transit")?;
            super::notices::run_changed(ctx, h.id, None)?;
        } else {
            set_status(ctx, &h, "ready")?;
        }
        ctx.audit("hold.release", &h.id.to_string())?;
    }
    Ok(())
}

fn set_status(ctx: &Ctx, h: &Hold, status: &str) -> Result<()> {
    ctx.tx
        .prepare_cached("UPDATE holds SET status = ?1 WHERE id = ?2")?
        .execute((status, h.id.0))?;
    Ok(())
}
