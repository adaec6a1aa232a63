//! C22: a lost card is replaced by a new number. The patron row keeps its id, so loans, holds,
//! the password, notices and any reading history stay with the patron; the old number is kept
//! only to be refused by name (`patron.card_replaced`) and is never issued again.

use super::{Patron, card_is_free, find_by_card, find_by_id};
use crate::domain::CardNumber;
use crate::error::{Invalid, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

impl Library {
    pub fn replace_card(
        &mut self,
        actor: &Actor,
        old: &CardNumber,
        new: &CardNumber,
    ) -> Result<Patron> {
        self.act(actor, Permission::ManagePatrons, |ctx| {
            let p = find_by_card(ctx.tx, old)?;
            if !card_is_free(ctx.tx, new)? {
                return Err(Invalid::DuplicateCard {
                    card: new.to_string(),
                }
                .into());
            }
            ctx.tx.execute(
                "INSERT INTO replaced_cards (card, patron_id, replaced_on) VALUES (?1, ?2, ?3)",
                (old.as_str(), p.id.0, date_str(ctx.today())),
            )?;
            ctx.tx.execute(
                "UPDATE patrons SET card = ?1 WHERE id = ?2",
                (new.as_str(), p.id.0),
            )?;
            ctx.audit("patron.replace_card", &format!("{old} → {new}"))?;
            find_by_id(ctx.tx, p.id)
        })
    }
}
