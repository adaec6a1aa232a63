//! C23: a desk acts only on days it is open. The actions that need the desk open (checkout and
//! hold pickup, registration, returns at the counter) ask here for the reason to refuse.

use super::DayInfo;
use crate::error::{Refusal, Result};
use crate::library::Ctx;
use crate::store::date_str;

/// `desk.closed` when the acting desk is closed today (supervisors may override).
pub(crate) fn closed_today(ctx: &Ctx) -> Result<Option<Refusal>> {
    let day = ctx.calendar()?.day(ctx.desk, ctx.today());
    Ok((!day.open).then(|| closed(ctx, &day)))
}

fn closed(ctx: &Ctx, day: &DayInfo) -> Refusal {
    Refusal::DeskClosed {
        desk: ctx.desk.name.clone(),
        date: date_str(day.date),
        reason: day.closure.clone(),
    }
}
