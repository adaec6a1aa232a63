//! Placing holds (C8, C13, C14, K7, H9, H12, H14), one title or a reservation cart.

use std::collections::HashMap;

use crate::store::{Engine, OptionalExtension};

use super::{Hold, HoldStatus, Notify, find, route};
use crate::catalog::{Item, TitleIds, find_by_barcode, in_titles};
use crate::domain::{CardNumber, DeskKind, HoldId, ItemBarcode, TitleId};
use crate::error::{Refusal, Result};
use crate::library::{Actor, Ctx, Library};
use crate::loans::open_loans_of;
use crate::patrons::{Patron, find_by_card};
use crate::policy::Desk;
use crate::staff::Permission;

/// Who asked: patrons are held to C15 and K1; staff act for a patron at the counter or on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacedBy {
    Patron,
    Staff,
}

impl PlacedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacedBy::Patron => "patron",
            PlacedBy::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<PlacedBy> {
        match s {
            "patron" => Some(PlacedBy::Patron),
            "staff" => Some(PlacedBy::Staff),
            _ => None,
        }
    }
}

/// Where and how: the pickup desk code (or `home`), the notice method, who asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRequest {
    pub pickup: String,
    pub notify: Notify,
    pub by: PlacedBy,
}

/// K1: a patron acting alone must have a real password first.
pub(crate) fn require_real_password(patron: &Patron, by: PlacedBy) -> Result<()> {
    if by == PlacedBy::Patron && patron.must_change_password {
        return Err(Refusal::MustChangePassword.into());
    }
    Ok(())
}

/// C14, H12, H14: is `pickup` a place this patron can collect from?
pub(crate) fn pickup_refusals(patron: &Patron, pickup: &Desk, reasons: &mut Vec<Refusal>) {
    match pickup.kind {
        DeskKind::Partner if !patron.partners.contains(&pickup.code) => {
            reasons.push(Refusal::PartnerRegistration {
                desk: pickup.name.clone(),
            });
        }
        DeskKind::Home if patron.postal_code.is_none() || patron.address.is_none() => {
            reasons.push(Refusal::NoAddress);
        }
        _ => {}
    }
}

/// A title's copies that may be lent (C8: not for reference, not withdrawn), and of those the
/// ones on the shelf now (C5), for each of `titles` (at most a search's 50) that has any.
pub(crate) fn title_counts(ctx: &Ctx, titles: &[TitleId]) -> Result<HashMap<TitleId, (i64, i64)>> {
    Ok(ctx
        .tx
        .prepare_cached(&format!(
            "SELECT title_id, count(*),
                    coalesce(sum(CASE WHEN status = 'available' AND copy_state IS NULL THEN 1 ELSE 0 END), 0)
               FROM items
              WHERE {} AND loan_type IN ('normal', 'short')
                AND copy_state IS DISTINCT FROM 'withdrawn'
              GROUP BY title_id",
            in_titles("title_id")
        ))?
        .query_map(&TitleIds::new(titles), |r| {
            Ok((TitleId(r.get(0)?), (r.get(1)?, r.get(2)?)))
        })?
        .collect::<crate::store::Result<_>>()?)
}

fn has_active_hold(ctx: &Ctx, patron: &Patron, title: TitleId) -> Result<bool> {
    Ok(ctx
        .tx
        .prepare_cached(&format!(
            "SELECT 1 FROM holds WHERE patron_id = ?1 AND title_id = ?2 AND status IN {} LIMIT 1",
            HoldStatus::ACTIVE_SQL
        ))?
        .query_row((patron.id.0, title.0), |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

pub(crate) fn active_holds(ctx: &Ctx, patron: &Patron) -> Result<u32> {
    Ok(ctx
        .tx
        .prepare_cached(&format!(
            "SELECT count(*) FROM holds WHERE patron_id = ?1 AND status IN {}",
            HoldStatus::ACTIVE_SQL
        ))?
        .query_row([patron.id.0], |r| r.get(0))?)
}

/// What C8, C22, K7 and C5 ask of one title for one patron.
pub(crate) struct TitleFacts {
    /// Its copies that may be lent, and of those the ones on the shelf (`title_counts`).
    pub(crate) loanable: i64,
    pub(crate) available: i64,
    /// The patron already waits for it.
    pub(crate) held: bool,
    /// The patron has a copy of it out.
    pub(crate) on_loan: bool,
}

/// The reasons one title cannot be reserved by this patron.
pub(crate) fn title_refusals(
    ctx: &Ctx,
    patron: &Patron,
    item: &Item,
    reasons: &mut Vec<Refusal>,
) -> Result<()> {
    let (loanable, available) = title_counts(ctx, &[item.title_id])?
        .remove(&item.title_id)
        .unwrap_or((0, 0));
    // A title with nothing to lend is refused for that alone: the patron's holds and loans
    // are not read for it.
    let facts = TitleFacts {
        loanable,
        available,
        held: loanable > 0 && has_active_hold(ctx, patron, item.title_id)?,
        on_loan: loanable > 0
            && open_loans_of(ctx.tx, patron.id)?
                .iter()
                .any(|l| l.item.title_id == item.title_id),
    };
    title_reasons(ctx, item, &facts, reasons);
    Ok(())
}

/// `title_refusals` on facts already read: `item` is a copy of the title, the one the hold
/// names. My Page's search reads the facts of all its titles at once (`hold_refusals`).
pub(crate) fn title_reasons(
    ctx: &Ctx,
    item: &Item,
    facts: &TitleFacts,
    reasons: &mut Vec<Refusal>,
) {
    if facts.loanable == 0 {
        reasons.push(Refusal::NotReservable {
            label: item.status_label(),
        });
        return;
    }
    if facts.held {
        reasons.push(Refusal::DuplicateHold);
    }
    if facts.on_loan {
        reasons.push(Refusal::TitleOnLoanToPatron);
    }
    if !ctx.policy.holds.allow_on_available_titles && facts.available > 0 {
        reasons.push(Refusal::CopyAvailable);
    }
}

fn insert(
    ctx: &Ctx,
    patron: &Patron,
    item: &Item,
    req: &HoldRequest,
    cart: Option<(i64, Option<u32>)>,
) -> Result<HoldId> {
    Ok(ctx
        .tx
        .prepare_cached(
            "INSERT INTO holds (patron_id, title_id, pickup_desk, notify, status, placed_at, placed_by, cart_id, cart_seq)
             VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?6, ?7, ?8) RETURNING id",
        )?
        .query_row(crate::store::params![
            patron.id.0,
            item.title_id.0,
            req.pickup,
            req.notify.as_str(),
            ctx.now.rfc3339(),
            req.by.as_str(),
            cart.map(|c| c.0),
            cart.and_then(|c| c.1),
        ], |r| r.get(0))
        .map(HoldId)?)
}

fn place(
    ctx: &Ctx,
    card: &CardNumber,
    barcodes: &[ItemBarcode],
    req: &HoldRequest,
    in_order: Option<bool>,
    override_asked: bool,
) -> Result<Vec<Hold>> {
    let patron = find_by_card(ctx.tx, card)?;
    let items = barcodes
        .iter()
        .map(|b| find_by_barcode(ctx.tx, b))
        .collect::<Result<Vec<_>>>()?;
    place_items(ctx, &patron, &items, req, in_order, override_asked)
}

/// Place holds on the titles of `items` (a copy names its title) for `patron`, all or none.
pub(crate) fn place_items(
    ctx: &Ctx,
    patron: &Patron,
    items: &[Item],
    req: &HoldRequest,
    in_order: Option<bool>,
    override_asked: bool,
) -> Result<Vec<Hold>> {
    require_real_password(patron, req.by)?;
    let pickup = ctx.policy.desk(&req.pickup)?;
    // C22: suspended or expired, first.
    let mut reasons = crate::patrons::standing_refusals(ctx, patron);
    pickup_refusals(patron, pickup, &mut reasons);
    if req.notify == Notify::Email && patron.email.is_none() {
        reasons.push(Refusal::NoEmail);
    }
    let limit = ctx.policy.holds.limit;
    if active_holds(ctx, patron)? + items.len() as u32 > limit {
        reasons.push(Refusal::HoldLimit { limit });
    }
    for (n, item) in items.iter().enumerate() {
        if items[..n].iter().any(|i| i.title_id == item.title_id) {
            reasons.push(Refusal::DuplicateHold);
        }
        title_refusals(ctx, patron, item, &mut reasons)?;
    }
    reasons.dedup();
    ctx.settle(reasons, override_asked)?;

    // H9: a new cart number. PostgreSQL: a sequence, since desks in parallel would read the same
    // max() (and SERIALIZABLE would make one of them start over). SQLite: writers take turns
    // (IMMEDIATE), so max() + 1 is exact.
    let next_cart = match ctx.tx.engine() {
        Engine::Sqlite => "SELECT coalesce(max(cart_id), 0) + 1 FROM holds",
        Engine::Postgres => "SELECT nextval('hold_carts')",
    };
    let cart = match in_order {
        Some(_) => Some(ctx.tx.query_row(next_cart, [], |r| r.get::<_, i64>(0))?),
        None => None,
    };
    let mut ids = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let seq = (in_order == Some(true)).then_some(n as u32 + 1);
        let id = insert(ctx, patron, item, req, cart.map(|c| (c, seq)))?;
        ctx.audit("hold.place", &id.to_string())?;
        ids.push(id);
    }
    // K7 (Hokkaido): a title with a copy on the shelf gets it set aside now (割当).
    for id in &ids {
        route::try_allocate(ctx, &find(ctx.tx, *id)?)?;
    }
    ids.into_iter().map(|id| find(ctx.tx, id)).collect()
}

impl Library {
    /// Reserve the title of `barcode` (any copy names its title).
    pub fn place_hold(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        barcode: &ItemBarcode,
        req: &HoldRequest,
        override_asked: bool,
    ) -> Result<Hold> {
        let mut holds = self.act(actor, Permission::ManageHolds, |ctx| {
            place(
                ctx,
                card,
                std::slice::from_ref(barcode),
                req,
                None,
                override_asked,
            )
        })?;
        Ok(holds.remove(0))
    }

    /// H9: several titles at once with one pickup place; `in_order` is 読みたい順.
    pub fn place_cart(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        barcodes: &[ItemBarcode],
        req: &HoldRequest,
        in_order: bool,
        override_asked: bool,
    ) -> Result<Vec<Hold>> {
        self.act(actor, Permission::ManageHolds, |ctx| {
            place(ctx, card, barcodes, req, Some(in_order), override_asked)
        })
    }
}
