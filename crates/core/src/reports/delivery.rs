//! Delivery runs to partner libraries (H14) and home-delivery parcels (H12, H13).

use chrono::NaiveDate;

use super::{HoldLine, hold_lines};
use crate::circulation::due_date;
use crate::delivery::{Carrier, Parcel, choose_carrier};
use crate::domain::{CardNumber, DeskCode, DeskKind, HoldId, ItemBarcode};
use crate::error::{Invalid, Refusal, Result};
use crate::holds::HoldStatus;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

/// One partner library's share of a delivery run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRun {
    pub desk: DeskCode,
    pub name: String,
    pub holds: Vec<HoldLine>,
}

/// One copy in a home-delivery parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    pub hold: HoldId,
    pub barcode: ItemBarcode,
    pub title: String,
    /// The due date of the loan made the day the parcel leaves (H6, H12).
    pub due_on: NaiveDate,
}

/// H12, H13: what the address label and the return-instructions insert of one patron's parcel
/// need. Every copy ready to ship to that patron goes in the same parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryLabel {
    pub library: String,
    pub card: CardNumber,
    pub name: String,
    pub postal_code: String,
    pub address: String,
    pub phone: Option<String>,
    pub shipments: Vec<Shipment>,
    pub parcel: Parcel,
    pub carrier: Carrier,
    pub sent_on: NaiveDate,
}

impl Library {
    /// H14: the holds whose copies go out on the run of `run`, per partner library: only
    /// `desk` when it is a partner library, every partner library otherwise.
    pub fn delivery_run_report(
        &mut self,
        actor: &Actor,
        desk: &str,
        run: NaiveDate,
    ) -> Result<Vec<PartnerRun>> {
        let only = self.policy().desk(desk)?;
        let partners: Vec<(DeskCode, String)> = if only.kind == DeskKind::Partner {
            vec![(only.code.clone(), only.name.clone())]
        } else {
            self.policy()
                .desks
                .iter()
                .filter(|d| d.kind == DeskKind::Partner)
                .map(|d| (d.code.clone(), d.name.clone()))
                .collect()
        };
        self.look(actor, Permission::Supervise, |ctx| {
            partners
                .into_iter()
                .map(|(code, name)| {
                    let holds = hold_lines(
                        ctx,
                        "WHERE h.status = 'in-transit' AND h.delivery_run = ?1 AND h.shelf_desk = ?2
                         ORDER BY t.title, h.id",
                        (date_str(run), code.as_str()),
                    )?;
                    Ok(PartnerRun {
                        desk: code,
                        name,
                        holds,
                    })
                })
                .collect()
        })
    }

    /// H12, H13: the parcel of the patron of `hold`, a home-delivery hold ready to be sent,
    /// with every other copy ready to ship to them.
    pub fn delivery_label(&mut self, actor: &Actor, hold: HoldId) -> Result<DeliveryLabel> {
        let library = self.policy().library_name.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            let h = crate::holds::find(ctx.tx, hold)?;
            let pickup = ctx.policy.desk(h.pickup.as_str())?;
            if pickup.kind != DeskKind::Home || h.status != HoldStatus::Ready {
                return Err(Refusal::NotToShip {
                    status: h.status.label(),
                }
                .into());
            }
            let patron = crate::patrons::find_by_card(ctx.tx, &h.card)?;
            let (Some(postal_code), Some(address)) = (patron.postal_code, patron.address) else {
                return Err(Refusal::NoAddress.into());
            };
            // H12: sent the day after the notice; the loan is made that day.
            let sent_on = h.available_from.unwrap_or(ctx.today()).max(ctx.today());
            let cal = ctx.calendar()?;
            let mut shipments = Vec::new();
            let mut books = Vec::new();
            for other in crate::holds::of_patron(ctx.tx, patron.id)? {
                let same_parcel = other.pickup == h.pickup && other.status == HoldStatus::Ready;
                let Some(item_id) = other.item_id.filter(|_| same_parcel) else {
                    continue;
                };
                let item = crate::catalog::find_by_id(ctx.tx, item_id)?;
                let (Some(sides), Some(weight)) = (item.size_mm, item.weight_g) else {
                    return Err(Invalid::Missing {
                        field: "size-cm / weight-g",
                    }
                    .into());
                };
                books.push(Parcel::new(sides, weight));
                shipments.push(Shipment {
                    hold: other.id,
                    due_on: due_date(&cal, pickup, item.loan_type, sent_on),
                    barcode: item.barcode,
                    title: item.title,
                });
            }
            let parcel = Parcel::stack(&books);
            Ok(DeliveryLabel {
                library,
                card: patron.card,
                name: patron.name,
                postal_code,
                address,
                phone: patron.phone,
                shipments,
                parcel,
                carrier: choose_carrier(parcel)?,
                sent_on,
            })
        })
    }
}
