//! My Page (issue 13): the settings a signed-in patron changes alone: the notice address (H5)
//! and the reading-history consent (C6). K9's mail services are in `notify/services.rs`.

use super::{Patron, find_by_id, validate_email};
use crate::domain::{Now, PatronId};
use crate::error::Result;
use crate::library::{Ctx, Library};

/// C6: without the consent a returned loan keeps no patron; withdrawing it forgets the
/// history kept so far, as each of those returns would have, and the closed holds with it.
/// A loan claimed returned (C21) keeps its patron while staff search.
pub(crate) fn forget_history(ctx: &Ctx, patron: PatronId) -> Result<()> {
    ctx.tx.execute(
        "DELETE FROM holds WHERE patron_id = ?1
           AND status IN ('fulfilled', 'cancelled', 'expired')
           AND title_id IN (SELECT i.title_id FROM loans l JOIN items i ON i.id = l.item_id
                             WHERE l.patron_id = ?1 AND l.returned_on IS NOT NULL
                               AND l.closed_as IS DISTINCT FROM 'claimed')",
        [patron.0],
    )?;
    ctx.tx.execute(
        "UPDATE loans SET patron_id = NULL
          WHERE patron_id = ?1 AND returned_on IS NOT NULL
            AND closed_as IS DISTINCT FROM 'claimed'",
        [patron.0],
    )?;
    Ok(())
}

impl Library {
    /// The signed-in patron's own record, for the settings page.
    pub fn my_record(&mut self, patron: PatronId, now: Now) -> Result<Patron> {
        self.look_as_patron(now, |ctx| find_by_id(ctx.tx, patron))
    }

    /// H5: the patron sets or clears (empty) the notice address; a refused address changes
    /// nothing and says why in words.
    pub fn my_set_email(&mut self, patron: PatronId, email: &str, now: Now) -> Result<Patron> {
        let email = match email.trim() {
            "" => None,
            e => Some(validate_email(e)?),
        };
        self.as_patron(now, |ctx| {
            let p = find_by_id(ctx.tx, patron)?;
            ctx.tx.execute(
                "UPDATE patrons SET email = ?1 WHERE id = ?2",
                (&email, p.id.0),
            )?;
            ctx.audit("patron.email", p.card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }

    /// C6: the patron opts in to a reading history, or withdraws and the history is forgotten.
    pub fn my_keep_history(&mut self, patron: PatronId, keep: bool, now: Now) -> Result<Patron> {
        self.as_patron(now, |ctx| {
            let p = find_by_id(ctx.tx, patron)?;
            ctx.tx.execute(
                "UPDATE patrons SET keep_history = ?1 WHERE id = ?2",
                (keep, p.id.0),
            )?;
            if !keep {
                forget_history(ctx, p.id)?;
            }
            ctx.audit("patron.keep_history", p.card.as_str())?;
            find_by_id(ctx.tx, p.id)
        })
    }
}
