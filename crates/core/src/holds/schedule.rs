//! The days of a secured hold follow the calendar as it is when they matter (C2, H10, H14). They
//! are stored on the hold, so that every reader (the shelf list, `shelf expire`, slips, reports,
//! My Page) reads one column, and computed again here whenever a supervisor changes a desk's
//! calendar: a closure moves the last shelf day, a moved or cancelled delivery run puts the
//! secured copies on the next run and tells their patrons.

use chrono::{Duration, NaiveDate};

use super::{HOLD_SELECT, Hold, HoldStatus, hold_from_row};
use crate::calendar::Calendar;
use crate::domain::{CardNumber, DeskCode, DeskKind, HoldId, ItemBarcode};
use crate::error::Result;
use crate::library::Ctx;
use crate::policy::{Desk, ShelfCount};
use crate::store::date_str;

/// The days of a hold that the calendar decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HoldDates {
    /// H14: the run the copy goes out on.
    pub delivery_run: Option<NaiveDate>,
    /// The first day the patron may collect it (H10, H14).
    pub available_from: Option<NaiveDate>,
    /// The last day it waits (K8, H10).
    pub expires_on: Option<NaiveDate>,
}

impl HoldDates {
    fn of(h: &Hold) -> HoldDates {
        HoldDates {
            delivery_run: h.delivery_run,
            available_from: h.available_from,
            expires_on: h.expires_on,
        }
    }
}

/// A hold whose days a calendar change moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescheduled {
    pub hold: HoldId,
    pub card: CardNumber,
    pub title: String,
    pub item: Option<ItemBarcode>,
    pub pickup: DeskCode,
    pub before: HoldDates,
    pub after: HoldDates,
    /// A notice of the new run went into the outbox (H14; e-mail holds only).
    pub notice_queued: bool,
}

/// K8 / H10: the last day a ready copy waits on `shelf`, told on `notice`, collectable from
/// `from`.
pub(crate) fn shelf_expiry(
    cal: &Calendar,
    shelf: &Desk,
    notice: NaiveDate,
    from: NaiveDate,
) -> NaiveDate {
    let holds = &cal.policy().holds;
    let days = holds.shelf_days;
    match holds.shelf_count {
        ShelfCount::CalendarDays => notice + Duration::days(days.into()),
        ShelfCount::OpenDays => cal
            .nth_open_day(shelf, from, days)
            .unwrap_or(from + Duration::days(days.into())),
    }
}

/// H14: a copy secured for `pickup` on `notice` goes out on the first run after the notice that
/// has not gone yet by `today`; the patron may collect it from the second day after the run.
pub(crate) fn partner_dates(
    cal: &Calendar,
    pickup: &Desk,
    notice: NaiveDate,
    today: NaiveDate,
) -> HoldDates {
    let after = notice.max(today - Duration::days(1));
    let run = cal
        .next_delivery_run(pickup, after)
        .unwrap_or(after + Duration::days(1));
    let from = run + Duration::days(cal.policy().holds.collect_after_run_days.into());
    HoldDates {
        delivery_run: Some(run),
        available_from: Some(from),
        expires_on: Some(shelf_expiry(cal, pickup, notice, from)),
    }
}

/// What the calendar says the days of `h` are now; None for holds whose days it does not decide
/// (waiting, travelling to a counter, home delivery, held back by the loan limit).
pub(crate) fn dates_now(cal: &Calendar, h: &Hold, today: NaiveDate) -> Option<HoldDates> {
    let notice = h.notified_on?;
    let shelf = cal.policy().desk(h.shelf_desk.as_ref()?.as_str()).ok()?;
    match (shelf.kind, h.status) {
        (DeskKind::Partner, HoldStatus::InTransit) if h.delivery_run.is_some() => {
            Some(partner_dates(cal, shelf, notice, today))
        }
        (DeskKind::Counter | DeskKind::DutyRoom, HoldStatus::Ready) => {
            let from = h.available_from?;
            Some(HoldDates {
                expires_on: Some(shelf_expiry(cal, shelf, notice, from)),
                ..HoldDates::of(h)
            })
        }
        _ => None,
    }
}

/// C2, H10, H14: after a change to `desk`'s calendar, compute again the days of the holds that
/// wait on its shelf or go out on its runs. Patrons of e-mail holds whose run moved are told.
pub(crate) fn reschedule(ctx: &Ctx, desk: &Desk) -> Result<Vec<Rescheduled>> {
    let cal = ctx.calendar()?;
    let holds: Vec<Hold> = ctx
        .tx
        .prepare_cached(&format!(
            "{HOLD_SELECT} WHERE h.shelf_desk = ?1 AND h.status IN ('ready', 'in-transit')
               AND h.notified_on IS NOT NULL ORDER BY h.id"
        ))?
        .query_map([desk.code.as_str()], hold_from_row)?
        .collect::<crate::store::Result<_>>()?;
    let mut moved = Vec::new();
    for h in holds {
        let Some(after) = dates_now(&cal, &h, ctx.today()) else {
            continue;
        };
        let before = HoldDates::of(&h);
        if after == before {
            continue;
        }
        set_dates(ctx, h.id, &after)?;
        let notice_queued = after.delivery_run != before.delivery_run
            && super::notices::run_changed(ctx, h.id, before.delivery_run)?;
        ctx.audit("hold.reschedule", &h.id.to_string())?;
        moved.push(Rescheduled {
            hold: h.id,
            card: h.card,
            title: h.title,
            item: h.item,
            pickup: h.pickup,
            before,
            after,
            notice_queued,
        });
    }
    Ok(moved)
}

pub(crate) fn set_dates(ctx: &Ctx, hold: HoldId, d: &HoldDates) -> Result<()> {
    ctx.tx
        .prepare_cached(
            "UPDATE holds SET delivery_run = ?1, available_from = ?2, expires_on = ?3 WHERE id = ?4",
        )?
        .execute((
            d.delivery_run.map(date_str),
            d.available_from.map(date_str),
            d.expires_on.map(date_str),
            hold.0,
        ))?;
    Ok(())
}

/// `kashidashi check`: the stored days of `h` are not what the calendar says now. A secured
/// copy's run is a run day of its library, and its collection days follow from that run; a
/// copy on a hold shelf waits the shelf's days from its first collection day.
pub(crate) fn is_stale(cal: &Calendar, h: &Hold) -> bool {
    let (Some(notice), Some(shelf)) = (
        h.notified_on,
        h.shelf_desk
            .as_ref()
            .and_then(|d| cal.policy().desk(d.as_str()).ok()),
    ) else {
        return false;
    };
    match (shelf.kind, h.status, h.delivery_run, h.available_from) {
        (DeskKind::Partner, HoldStatus::InTransit, Some(run), _) => {
            let from = run + Duration::days(cal.policy().holds.collect_after_run_days.into());
            !cal.day(shelf, run).delivery_run
                || h.available_from != Some(from)
                || h.expires_on != Some(shelf_expiry(cal, shelf, notice, from))
        }
        (DeskKind::Counter | DeskKind::DutyRoom, HoldStatus::Ready, _, Some(from)) => {
            h.expires_on != Some(shelf_expiry(cal, shelf, notice, from))
        }
        _ => false,
    }
}
