//! C14, C16, H14: the notices a hold calls for, put in the outbox by the action that calls for
//! them (a trap, a run set or moved), in its transaction; `notify` sends them.

use chrono::NaiveDate;

use super::{Hold, HoldStatus, Notify};
use crate::domain::HoldId;
use crate::error::Result;
use crate::library::Ctx;
use crate::outbox::{enqueue, ja_date};
use crate::policy::Policy;
use crate::store::OptionalExtension;

/// The hold, and the name and address of its patron when the hold is told by e-mail (C14).
fn emailed(ctx: &Ctx, hold: HoldId) -> Result<Option<(Hold, String, String)>> {
    let h = super::find(ctx.tx, hold)?;
    if h.notify != Notify::Email {
        return Ok(None);
    }
    let row: Option<(String, Option<String>)> = ctx
        .tx
        .prepare_cached("SELECT name, email FROM patrons WHERE id = ?1")?
        .query_row([h.patron.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((name, Some(email))) => Some((h, name, email)),
        _ => None,
    })
}

/// C14, C16: the hold-ready notice (予約資料確保), for patrons who chose e-mail.
pub(crate) fn hold_ready(ctx: &Ctx, hold: HoldId) -> Result<()> {
    let Some((h, name, email)) = emailed(ctx, hold)? else {
        return Ok(());
    };
    let pickup = ctx.policy.desk(h.pickup.as_str())?;
    let (subject, body) = hold_ready_text(ctx.policy, &name, &h, &pickup.name);
    enqueue(ctx, "hold-ready", Some(hold), &email, &subject, &body)
}

/// H14 (発送日の変更情報は…予約資料確保メールでお知らせします): the run of a secured copy was
/// set (`was` None: a return made room under the loan limit) or moved. True when a notice was
/// queued.
pub(crate) fn run_changed(ctx: &Ctx, hold: HoldId, was: Option<chrono::NaiveDate>) -> Result<bool> {
    let Some((h, name, email)) = emailed(ctx, hold)? else {
        return Ok(false);
    };
    let pickup = ctx.policy.desk(h.pickup.as_str())?;
    let (subject, body) = run_changed_text(ctx.policy, &name, &h, &pickup.name, was);
    enqueue(ctx, "hold-run", Some(hold), &email, &subject, &body)?;
    Ok(true)
}

/// The lines every hold notice ends with: title, place, days, card.
fn hold_lines(policy: &Policy, h: &Hold, pickup: &str, body: &mut String) {
    body.push_str(&format!("  資料名: {}\n  受取場所: {pickup}\n", h.title));
    if let Some(run) = h.delivery_run {
        body.push_str(&format!("  発送日: {}\n", ja_date(run)));
    }
    if let Some(from) = h.available_from {
        body.push_str(&format!("  受取開始日: {}\n", ja_date(from)));
    }
    if let Some(until) = h.expires_on {
        body.push_str(&format!("  取置期限: {}\n", ja_date(until)));
    }
    if h.status == HoldStatus::AwaitingReturn {
        body.push_str(&format!(
            "\n※貸出上限({}冊)に達しているため、本は発送されません。返却処理後の発送となります。\n",
            policy.loans.limit
        ));
    }
    body.push_str(&format!(
        "\n利用者番号: {}\n\n{}\n",
        h.card.masked(),
        policy.library_name
    ));
}

fn hold_ready_text(policy: &Policy, name: &str, h: &Hold, pickup: &str) -> (String, String) {
    let subject = format!("【{}】予約資料確保のお知らせ", policy.library_name);
    let mut body = format!("{name} 様\n\nご予約の資料が確保できました。\n\n");
    hold_lines(policy, h, pickup, &mut body);
    (subject, body)
}

/// H14: the run of a secured copy was set after a return made room, or moved by the calendar.
fn run_changed_text(
    policy: &Policy,
    name: &str,
    h: &Hold,
    pickup: &str,
    was: Option<NaiveDate>,
) -> (String, String) {
    let (subject, opening) = match was {
        None => (
            format!("【{}】予約資料発送日のお知らせ", policy.library_name),
            "返却処理が済み、確保していたご予約の資料を発送します。".to_string(),
        ),
        Some(was) => (
            format!("【{}】予約資料発送日変更のお知らせ", policy.library_name),
            format!(
                "ご予約の資料の発送日が変更になりました(変更前の発送日: {})。",
                ja_date(was)
            ),
        ),
    };
    let mut body = format!("{name} 様\n\n{opening}\n\n");
    hold_lines(policy, h, pickup, &mut body);
    (subject, body)
}
