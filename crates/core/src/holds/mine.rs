//! My Page (issue 13): a signed-in patron's own holds. The patron is the one the session
//! names; a hold of anyone else is answered as if it did not exist (`hold.unknown`), so a
//! guessed number tells nothing. Every change goes through the desk's own functions with
//! `PlacedBy::Patron`, so C15 (nothing once ready), K1 and the limits are the same rules.

use chrono::NaiveDate;

use super::change::{cancel, change_pickup};
use super::place::{
    HoldRequest, PlacedBy, TitleFacts, pickup_refusals, place_items, title_counts, title_reasons,
};
use super::{Hold, HoldStatus, Notify, find, of_patron};
use crate::catalog::{ITEM_COLUMNS, Item, item_from_row};
use crate::domain::{DeskCode, DeskKind, HoldId, Now, PatronId, TitleId};
use crate::error::{Invalid, Lang, Refusal, Result};
use crate::library::{Ctx, Library};
use crate::patrons::{Patron, find_by_id};
use crate::policy::Policy;
use crate::store::OptionalExtension;

/// One hold as its patron sees it on My Page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyHold {
    pub id: HoldId,
    pub title_id: TitleId,
    pub title: String,
    pub status: HoldStatus,
    /// C13: place in the title's queue, while waiting.
    pub position: Option<u32>,
    pub pickup: DeskCode,
    pub pickup_name: String,
    pub pickup_name_en: String,
    pub pickup_kind: DeskKind,
    pub notify: Notify,
    /// H14: the delivery run the copy goes out on (partner libraries).
    pub delivery_run: Option<NaiveDate>,
    /// H10, H14: the first day the patron may collect it.
    pub available_from: Option<NaiveDate>,
    /// K8, H10: the last day it waits (取置期限).
    pub expires_on: Option<NaiveDate>,
    /// H9: the cart it was placed in, and its place in the 読みたい順 order.
    pub cart: Option<i64>,
    pub cart_seq: Option<u32>,
    /// H9: an earlier title of the same 読みたい順 cart is still to be borrowed.
    pub waits_for_earlier: bool,
    /// C15: the patron may still cancel it or change its pickup place here.
    pub changeable: bool,
    /// The guide's word for the status: 予約中, 回送中, 準備ができました / 貸出可能, ...
    pub label_ja: String,
    pub label_en: &'static str,
}

impl MyHold {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.label_ja,
            Lang::En => self.label_en,
        }
    }

    fn of(policy: &Policy, h: Hold, waits_for_earlier: bool) -> MyHold {
        let desk = policy.desk(h.pickup.as_str()).ok();
        let (label_ja, label_en) = status_words(policy, h.status);
        MyHold {
            changeable: h.status.is_active() && h.notified_on.is_none(),
            id: h.id,
            title_id: h.title_id,
            title: h.title,
            status: h.status,
            position: h.position,
            pickup_name: desk.map_or_else(|| h.pickup.to_string(), |d| d.name.clone()),
            pickup_name_en: desk.map_or_else(|| h.pickup.to_string(), |d| d.name_en.clone()),
            pickup_kind: desk.map_or(DeskKind::Counter, |d| d.kind),
            pickup: h.pickup,
            notify: h.notify,
            delivery_run: h.delivery_run,
            available_from: h.available_from,
            expires_on: h.expires_on,
            cart: h.cart,
            cart_seq: h.cart_seq,
            waits_for_earlier,
            label_ja,
            label_en,
        }
    }
}

/// The words of the guides for a hold's state: the library's own word for a ready hold comes
/// from the profile (K: 準備ができました, H: 貸出可能, C15).
fn status_words(policy: &Policy, status: HoldStatus) -> (String, &'static str) {
    match status {
        HoldStatus::Waiting => ("予約中".into(), "Waiting"),
        HoldStatus::Allocated => ("確保中".into(), "Being set aside"),
        HoldStatus::InTransit => ("回送中".into(), "On its way"),
        HoldStatus::Ready => (policy.holds.ready_label.clone(), "Ready"),
        HoldStatus::AwaitingReturn => ("返却待ち".into(), "Held until a return"),
        HoldStatus::Fulfilled => ("貸出済".into(), "Borrowed"),
        HoldStatus::Cancelled => ("取消済".into(), "Cancelled"),
        HoldStatus::Expired => ("取置期限切れ".into(), "Expired"),
    }
}

/// A place the patron may choose to collect a hold (C14, H12, H14, H15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickupPlace {
    pub code: DeskCode,
    pub name: String,
    pub name_en: String,
    pub kind: DeskKind,
}

/// What the hold form offers this patron: the places, the notice methods, and why a place of
/// the library is not offered (home delivery without an address, H12).
#[derive(Debug, Clone, PartialEq)]
pub struct HoldChoices {
    pub places: Vec<PickupPlace>,
    /// C14: e-mail only with an address on file; `None` always.
    pub notify: Vec<Notify>,
    pub not_offered: Vec<Refusal>,
}

/// The patron's own hold, or `hold.unknown` as for a number nobody has.
fn own(ctx: &Ctx, patron: PatronId, id: HoldId) -> Result<Hold> {
    match find(ctx.tx, id) {
        Ok(h) if h.patron == patron => Ok(h),
        Ok(_) | Err(crate::Error::Invalid(Invalid::UnknownHold { .. })) => {
            Err(Invalid::UnknownHold { id: id.to_string() }.into())
        }
        Err(e) => Err(e),
    }
}

fn my_holds(ctx: &Ctx, patron: PatronId) -> Result<Vec<MyHold>> {
    let holds = of_patron(ctx.tx, patron)?;
    // H9: a title of a 読みたい順 cart waits while an earlier one is still active.
    let waits = |h: &Hold| {
        h.status == HoldStatus::Waiting
            && h.cart_seq.is_some_and(|seq| {
                holds.iter().any(|o| {
                    o.cart == h.cart && o.cart_seq.is_some_and(|s| s < seq) && o.status.is_active()
                })
            })
    };
    let flags: Vec<bool> = holds.iter().map(waits).collect();
    Ok(holds
        .into_iter()
        .zip(flags)
        .map(|(h, w)| MyHold::of(ctx.policy, h, w))
        .collect())
}

fn choices(ctx: &Ctx, patron: &Patron) -> HoldChoices {
    let mut places = Vec::new();
    let mut not_offered = Vec::new();
    for desk in &ctx.policy.desks {
        let mut reasons = Vec::new();
        pickup_refusals(patron, desk, &mut reasons);
        match reasons.pop() {
            None => places.push(PickupPlace {
                code: desk.code.clone(),
                name: desk.name.clone(),
                name_en: desk.name_en.clone(),
                kind: desk.kind,
            }),
            // H14: partner libraries the patron is not registered at are simply not theirs.
            Some(Refusal::PartnerRegistration { .. }) => {}
            Some(r) => {
                if !not_offered.contains(&r) {
                    not_offered.push(r);
                }
            }
        }
    }
    let notify = if patron.email.is_some() {
        vec![Notify::Email, Notify::None]
    } else {
        vec![Notify::None]
    };
    HoldChoices {
        places,
        notify,
        not_offered,
    }
}

/// A copy that names `title` for the desk's placing code (any copy names its title).
fn copy_of(ctx: &Ctx, title: TitleId) -> Result<Item> {
    ctx.tx
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id
             WHERE i.title_id = ?1 ORDER BY i.id LIMIT 1"
        ))?
        .query_row([title.0], item_from_row)
        .optional()?
        .ok_or_else(|| {
            Invalid::UnknownTitle {
                id: title.0.to_string(),
            }
            .into()
        })
}

/// Why this patron cannot reserve each of `titles` now (C8, C22, K7, C5, duplicates): empty
/// where the search page may offer the hold button. `titles` are a search's (at most 50), each
/// with all its copies. What the rules ask is read once for them all, in three queries whatever
/// their number: read title by title it was four round trips a title, 200 for a page of 50 on
/// PostgreSQL (issue 13).
pub(crate) fn hold_refusals(
    ctx: &Ctx,
    patron: &Patron,
    titles: &[(TitleId, &[Item])],
) -> Result<Vec<Vec<Refusal>>> {
    let held: Vec<TitleId> = ctx
        .tx
        .prepare_cached(&format!(
            "SELECT title_id FROM holds WHERE patron_id = ?1 AND status IN {}",
            HoldStatus::ACTIVE_SQL
        ))?
        .query_map([patron.id.0], |r| Ok(TitleId(r.get(0)?)))?
        .collect::<crate::store::Result<_>>()?;
    let on_loan: Vec<TitleId> = ctx
        .tx
        .prepare_cached(
            "SELECT i.title_id FROM loans l JOIN items i ON i.id = l.item_id
              WHERE l.patron_id = ?1 AND l.returned_on IS NULL",
        )?
        .query_map([patron.id.0], |r| Ok(TitleId(r.get(0)?)))?
        .collect::<crate::store::Result<_>>()?;
    let ids: Vec<TitleId> = titles.iter().map(|(id, _)| *id).collect();
    let counts = title_counts(ctx, &ids)?;
    let mut standing = crate::patrons::standing_refusals(ctx, patron);
    let limit = ctx.policy.holds.limit;
    // One row per active hold: their number is `active_holds`.
    if held.len() >= limit as usize {
        standing.push(Refusal::HoldLimit { limit });
    }
    titles
        .iter()
        .map(|(title, copies)| {
            // The copy that names the title for the desk's placing code (`copy_of`).
            let copy = copies
                .iter()
                .min_by_key(|c| c.id)
                .ok_or_else(|| Invalid::UnknownTitle {
                    id: title.0.to_string(),
                })?;
            let (loanable, available) = counts.get(title).copied().unwrap_or((0, 0));
            let facts = TitleFacts {
                loanable,
                available,
                held: held.contains(title),
                on_loan: on_loan.contains(title),
            };
            let mut reasons = standing.clone();
            title_reasons(ctx, copy, &facts, &mut reasons);
            Ok(reasons)
        })
        .collect()
}

/// A title in the patron's reservation cart (予約カート, H9), waiting to be reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartTitle {
    pub title_id: TitleId,
    pub title: String,
    pub author: Option<String>,
}

fn cart(ctx: &Ctx, patron: PatronId) -> Result<Vec<CartTitle>> {
    Ok(ctx
        .tx
        .prepare_cached(
            "SELECT t.id, t.title, t.author FROM cart_titles c JOIN titles t ON t.id = c.title_id
             WHERE c.patron_id = ?1 ORDER BY c.added_at, t.id",
        )?
        .query_map([patron.0], |r| {
            Ok(CartTitle {
                title_id: TitleId(r.get(0)?),
                title: r.get(1)?,
                author: r.get(2)?,
            })
        })?
        .collect::<crate::store::Result<_>>()?)
}

impl Library {
    /// H9 予約カート状況: the titles the patron put in the cart, first put first.
    pub fn my_cart(&mut self, patron: PatronId, now: Now) -> Result<Vec<CartTitle>> {
        self.look_as_patron(now, |ctx| cart(ctx, patron))
    }

    /// H9 予約カートに入れる: a title found by the search goes into the cart (once).
    pub fn my_cart_add(
        &mut self,
        patron: PatronId,
        title: TitleId,
        now: Now,
    ) -> Result<Vec<CartTitle>> {
        self.as_patron(now, |ctx| {
            copy_of(ctx, title)?;
            ctx.tx.execute(
                "INSERT INTO cart_titles (patron_id, title_id, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (patron_id, title_id) DO NOTHING",
                (patron.0, title.0, ctx.now.rfc3339()),
            )?;
            cart(ctx, patron)
        })
    }

    /// H9: a title taken out of the cart.
    pub fn my_cart_remove(
        &mut self,
        patron: PatronId,
        title: TitleId,
        now: Now,
    ) -> Result<Vec<CartTitle>> {
        self.as_patron(now, |ctx| {
            ctx.tx.execute(
                "DELETE FROM cart_titles WHERE patron_id = ?1 AND title_id = ?2",
                (patron.0, title.0),
            )?;
            cart(ctx, patron)
        })
    }

    /// My Page 予約状況: the patron's holds, active and recently closed (C20), oldest first.
    pub fn my_holds(&mut self, patron: PatronId, now: Now) -> Result<Vec<MyHold>> {
        self.look_as_patron(now, |ctx| my_holds(ctx, patron))
    }

    /// The pickup places and notice methods this patron may choose (C14, H12, H14).
    pub fn my_hold_choices(&mut self, patron: PatronId, now: Now) -> Result<HoldChoices> {
        self.look_as_patron(now, |ctx| Ok(choices(ctx, &find_by_id(ctx.tx, patron)?)))
    }

    /// C15: the patron cancels one of their own holds, until it is ready.
    pub fn my_cancel_hold(&mut self, patron: PatronId, id: HoldId, now: Now) -> Result<()> {
        self.as_patron(now, |ctx| {
            cancel(ctx, &own(ctx, patron, id)?, PlacedBy::Patron).map(|_| ())
        })
    }

    /// C15: the patron moves one of their own holds to another place they may choose.
    pub fn my_change_pickup(
        &mut self,
        patron: PatronId,
        id: HoldId,
        pickup: &str,
        now: Now,
    ) -> Result<MyHold> {
        self.as_patron(now, |ctx| {
            let hold = change_pickup(ctx, &own(ctx, patron, id)?, pickup, PlacedBy::Patron)?;
            Ok(MyHold::of(ctx.policy, hold, false))
        })
    }

    /// The patron reserves titles found by the search: one title, or a cart (H9) with
    /// `in_order` for 読みたい順 in the order given. All or none, with every reason at once;
    /// the titles reserved leave the cart.
    pub fn my_place_holds(
        &mut self,
        patron: PatronId,
        titles: &[TitleId],
        pickup: &str,
        notify: Notify,
        in_order: Option<bool>,
        now: Now,
    ) -> Result<Vec<MyHold>> {
        if titles.is_empty() {
            return Err(Invalid::Missing { field: "title" }.into());
        }
        let req = HoldRequest {
            pickup: pickup.to_string(),
            notify,
            by: PlacedBy::Patron,
        };
        self.as_patron(now, |ctx| {
            let p = find_by_id(ctx.tx, patron)?;
            let items = titles
                .iter()
                .map(|t| copy_of(ctx, *t))
                .collect::<Result<Vec<_>>>()?;
            let placed = place_items(ctx, &p, &items, &req, in_order, false)?;
            for t in titles {
                ctx.tx.execute(
                    "DELETE FROM cart_titles WHERE patron_id = ?1 AND title_id = ?2",
                    (patron.0, t.0),
                )?;
            }
            Ok(placed
                .into_iter()
                .map(|h| MyHold::of(ctx.policy, h, false))
                .collect())
        })
    }
}
