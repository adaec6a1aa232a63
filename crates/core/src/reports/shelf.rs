//! The hold shelf (K8, H10) and the holds to clear from it (C17).

use chrono::NaiveDate;

use super::{HoldLine, hold_lines};
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

impl Library {
    /// Ready holds on `desk`'s shelf, the first to expire first, with each copy's call number.
    pub fn hold_shelf_report(&mut self, actor: &Actor, desk: &str) -> Result<Vec<HoldLine>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            hold_lines(
                ctx,
                "WHERE h.status IN ('ready', 'awaiting-return') AND h.shelf_desk = ?1
                 ORDER BY h.expires_on IS NULL, h.expires_on, h.id",
                [desk.as_str()],
            )
        })
    }

    /// C17: the copies to take off `desk`'s hold shelf on `on`. Ready holds whose last shelf day
    /// has passed (what `shelf expire` clears), and holds that the nightly job expired that
    /// day: their copy is still on the shelf although the hold has let go of it.
    pub fn expired_holds_report(
        &mut self,
        actor: &Actor,
        desk: &str,
        on: NaiveDate,
    ) -> Result<Vec<HoldLine>> {
        let desk = self.policy().desk(desk)?.code.clone();
        self.look(actor, Permission::Supervise, |ctx| {
            hold_lines(
                ctx,
                "WHERE h.shelf_desk = ?1
                   AND ((h.status = 'ready' AND h.expires_on < ?2)
                     OR (h.status = 'expired' AND h.closed_on = ?2))
                 ORDER BY h.expires_on, h.id",
                (desk.as_str(), date_str(on)),
            )
        })
    }
}
