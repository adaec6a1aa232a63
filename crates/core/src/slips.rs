//! Which slip the desk prints after an action, decided here from the action's outcome, never by
//! a shell reading status strings. `kashidashi-print` renders them.

use chrono::NaiveDate;

use crate::circulation::CheckinOutcome;
use crate::domain::{CardNumber, DeskCode, DeskKind, HoldId, ItemBarcode};
use crate::error::Refusal;
use crate::holds::{HoldStatus, Route, RouteOutcome, Trap};
use crate::library::{Actor, Library};
use crate::loans::Loan;
use crate::patrons::Registered;
use crate::policy::Policy;
use crate::staff::Permission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    pub barcode: ItemBarcode,
    pub title: String,
    pub due_on: NaiveDate,
    /// 延長済.
    pub renewed: bool,
}

/// Why a copy travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitReason {
    /// To a hold at the destination (with the hold and its delivery run, if any).
    Hold {
        hold: HoldId,
        card_masked: String,
        delivery_run: Option<NaiveDate>,
    },
    /// Back to its home shelf.
    ReturnToShelf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    /// The checkout receipt: the patron's loans with due dates.
    CheckoutReceipt {
        library: String,
        card_masked: String,
        desk: String,
        printed_on: NaiveDate,
        lines: Vec<ReceiptLine>,
    },
    /// 予約資料確保票: goes in the copy on the hold shelf.
    HoldSlip {
        library: String,
        hold: HoldId,
        barcode: ItemBarcode,
        title: String,
        card_masked: String,
        pickup: String,
        available_from: Option<NaiveDate>,
        expires_on: Option<NaiveDate>,
    },
    /// 回送票: goes in a copy sent to another desk.
    TransitSlip {
        library: String,
        barcode: ItemBarcode,
        title: String,
        from: String,
        to: String,
        reason: TransitReason,
        sent_on: NaiveDate,
    },
    /// The temporary password, shown once (K1), with the rules for a real one.
    TemporaryPassword {
        library: String,
        card: CardNumber,
        name: String,
        password: String,
        rule: String,
        issued_on: NaiveDate,
    },
}

/// The slip for an outcome is decided here, from the outcome: the modules that act (patrons,
/// holds) know nothing of slips, so slips depend on their outcomes and never the reverse.
impl Registered {
    /// The slip the counter hands over with the temporary password.
    pub fn slip(&self, policy: &Policy, today: NaiveDate) -> Slip {
        Slip::TemporaryPassword {
            library: policy.library_name.clone(),
            card: self.patron.card.clone(),
            name: self.patron.name.clone(),
            password: self.temporary_password.clone(),
            rule: password_rule_text(policy),
            issued_on: today,
        }
    }
}

/// K2 / H2 in words, for the temporary-password slip.
pub fn password_rule_text(policy: &Policy) -> String {
    let p = &policy.password;
    let mut s = format!("半角英数字 {}〜{} 文字", p.min_length, p.max_length);
    if p.require_letter_and_digit {
        s.push_str("、英字と数字の両方を含める");
    }
    if p.case_insensitive {
        s.push_str("、大文字と小文字は区別しません");
    }
    s.push_str("。記号は使えません。");
    s
}

impl CheckinOutcome {
    /// The slip to put in the copy, from where it went: 予約資料確保票 or 回送票, none when it
    /// goes back on the shelf here.
    pub fn slip(&self, policy: &Policy) -> Option<Slip> {
        let (here, today) = (&self.desk, self.processed_on);
        let (barcode, title) = (&self.item.barcode, &self.item.title);
        let library = policy.library_name.clone();
        match &self.route {
            RouteOutcome::Shelved => None,
            RouteOutcome::Transit(t) => Some(Slip::TransitSlip {
                library,
                barcode: barcode.clone(),
                title: title.to_string(),
                from: policy.desk_name(here.as_str()),
                to: policy.desk_name(t.to.as_str()),
                reason: TransitReason::ReturnToShelf,
                sent_on: today,
            }),
            RouteOutcome::Trapped(t) => Some(trap_slip(policy, here, barcode, t, today)),
        }
    }
}

fn trap_slip(
    policy: &Policy,
    here: &DeskCode,
    barcode: &ItemBarcode,
    t: &Trap,
    today: NaiveDate,
) -> Slip {
    let library = policy.library_name.clone();
    match t.route {
        Route::Shelf => Slip::HoldSlip {
            library,
            hold: t.hold,
            barcode: barcode.clone(),
            title: t.title.clone(),
            card_masked: t.card.masked(),
            pickup: policy.desk_name(t.pickup.as_str()),
            available_from: t.available_from,
            expires_on: t.expires_on,
        },
        Route::Transit => Slip::TransitSlip {
            library,
            barcode: barcode.clone(),
            title: t.title.clone(),
            from: policy.desk_name(here.as_str()),
            to: policy.desk_name(t.destination.as_str()),
            reason: TransitReason::Hold {
                hold: t.hold,
                card_masked: t.card.masked(),
                delivery_run: t.delivery_run,
            },
            sent_on: today,
        },
    }
}

impl Library {
    /// The slip of a secured hold with its days as they are now, to replace the one in the copy
    /// after a calendar change moved them (H10, H14): 予約資料確保票 for a copy on a hold shelf,
    /// 回送票 with the run for a copy booked on a partner library's run.
    pub fn hold_slip(&mut self, actor: &Actor, hold: HoldId) -> crate::Result<Slip> {
        self.look(actor, Permission::View, |ctx| {
            let h = crate::holds::find(ctx.tx, hold)?;
            let policy = ctx.policy;
            let (Some(item_id), Some(barcode), Some(shelf)) =
                (h.item_id, h.item.clone(), h.shelf_desk.clone())
            else {
                return Err(Refusal::NoSlip {
                    status: h.status.label(),
                }
                .into());
            };
            let kind = policy.desk(shelf.as_str())?.kind;
            match (h.status, kind) {
                (HoldStatus::Ready, DeskKind::Counter | DeskKind::DutyRoom) => Ok(Slip::HoldSlip {
                    library: policy.library_name.clone(),
                    hold: h.id,
                    barcode,
                    title: h.title,
                    card_masked: h.card.masked(),
                    pickup: policy.desk_name(h.pickup.as_str()),
                    available_from: h.available_from,
                    expires_on: h.expires_on,
                }),
                (HoldStatus::InTransit, DeskKind::Partner) if h.delivery_run.is_some() => {
                    let item = crate::catalog::find_by_id(ctx.tx, item_id)?;
                    Ok(Slip::TransitSlip {
                        library: policy.library_name.clone(),
                        barcode,
                        title: h.title,
                        from: policy.desk_name(item.home_desk.as_str()),
                        to: policy.desk_name(shelf.as_str()),
                        reason: TransitReason::Hold {
                            hold: h.id,
                            card_masked: h.card.masked(),
                            delivery_run: h.delivery_run,
                        },
                        sent_on: ctx.today(),
                    })
                }
                _ => Err(Refusal::NoSlip {
                    status: h.status.label(),
                }
                .into()),
            }
        })
    }

    /// The checkout receipt for a patron: every open loan with its due date.
    pub fn receipt(&mut self, actor: &Actor, card: &CardNumber) -> crate::Result<Slip> {
        let library = self.policy().library_name.clone();
        let desk = self.policy().desk_name(actor.desk.as_str());
        self.look(actor, Permission::HandOutHold, |ctx| {
            let patron = crate::patrons::find_by_card(ctx.tx, card)?;
            let loans: Vec<Loan> = crate::loans::open_loans_of(ctx.tx, patron.id)?;
            Ok(Slip::CheckoutReceipt {
                library,
                card_masked: card.masked(),
                desk,
                printed_on: ctx.today(),
                lines: loans
                    .iter()
                    .map(|l| ReceiptLine {
                        barcode: l.item.barcode.clone(),
                        title: l.item.title.clone(),
                        due_on: l.due_on,
                        renewed: l.renewed(),
                    })
                    .collect(),
            })
        })
    }
}
