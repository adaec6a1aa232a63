//! K9: Kyoto's two mail services are registrations (事前に登録された方に): the due-date reminder
//! (返却期限日お知らせメール) and new-arrival notices (新着図書お知らせサービス) for the themes and
//! authors a patron registered. The profile says which services the library offers.

use unicode_normalization::UnicodeNormalization;

use crate::domain::{CardNumber, Now, PatronId};
use crate::error::{Invalid, Refusal, Result};
use crate::library::{Actor, Ctx, Library};
use crate::patrons::{Patron, find_by_card, find_by_id};
use crate::staff::Permission;

/// What a patron is registered for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailServices {
    pub due_reminder: bool,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
}

/// A change staff make at the counter; an empty change only shows the registrations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailServicesChange {
    pub due_reminder: Option<bool>,
    pub add_topics: Vec<String>,
    pub remove_topics: Vec<String>,
    pub add_authors: Vec<String>,
    pub remove_authors: Vec<String>,
}

const DUE_REMINDER: &str = "返却期限日お知らせメール";
const NEW_ARRIVALS: &str = "新着図書お知らせサービス";
/// A theme or author is a few words, not a text.
const TERM_MAX_CHARS: usize = 100;

/// A theme or author as stored: width folded, spaces collapsed.
fn term(field: &'static str, raw: &str) -> Result<String> {
    let t = raw
        .nfkc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if t.is_empty() {
        return Err(Invalid::Missing { field }.into());
    }
    if t.chars().count() > TERM_MAX_CHARS {
        return Err(Invalid::BadValue {
            field,
            input: raw.to_string(),
        }
        .into());
    }
    Ok(t)
}

fn terms(field: &'static str, raw: &[String]) -> Result<Vec<String>> {
    raw.iter().map(|r| term(field, r)).collect()
}

fn registrations(ctx: &Ctx, patron: PatronId) -> Result<MailServices> {
    let due_reminder: bool = ctx.tx.query_row(
        "SELECT due_reminder FROM patrons WHERE id = ?1",
        [patron.0],
        |r| r.get(0),
    )?;
    let mut st = ctx.tx.prepare_cached(
        "SELECT kind, term FROM patron_interests WHERE patron_id = ?1 ORDER BY kind, term",
    )?;
    let rows: Vec<(String, String)> = st
        .query_map([patron.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::store::Result<_>>()?;
    let of = |kind: &str| -> Vec<String> {
        rows.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, t)| t.clone())
            .collect()
    };
    Ok(MailServices {
        due_reminder,
        topics: of("topic"),
        authors: of("author"),
    })
}

/// Register or withdraw for `p`, then show the registrations. Registering needs a service the
/// profile offers and an e-mail address; withdrawing always works.
fn change_services(ctx: &Ctx, p: &Patron, change: &Terms) -> Result<MailServices> {
    let registering = change.due_reminder == Some(true);
    let adding = !change.add_topics.is_empty() || !change.add_authors.is_empty();
    let mut reasons = Vec::new();
    if registering && ctx.policy.due_reminder_days.is_none() {
        reasons.push(Refusal::ServiceNotOffered {
            service: DUE_REMINDER,
        });
    }
    if adding && !ctx.policy.new_arrivals {
        reasons.push(Refusal::ServiceNotOffered {
            service: NEW_ARRIVALS,
        });
    }
    if (registering || adding) && p.email.is_none() {
        reasons.push(Refusal::ServiceNeedsEmail);
    }
    ctx.settle(reasons, false)?;
    if let Some(on) = change.due_reminder {
        ctx.tx.execute(
            "UPDATE patrons SET due_reminder = ?1 WHERE id = ?2",
            (on, p.id.0),
        )?;
    }
    for (kind, list) in [
        ("topic", &change.remove_topics),
        ("author", &change.remove_authors),
    ] {
        for t in list {
            ctx.tx.execute(
                "DELETE FROM patron_interests WHERE patron_id = ?1 AND kind = ?2 AND term = ?3",
                (p.id.0, kind, t),
            )?;
        }
    }
    for (kind, list) in [
        ("topic", &change.add_topics),
        ("author", &change.add_authors),
    ] {
        for t in list {
            ctx.tx.execute(
                "INSERT INTO patron_interests (patron_id, kind, term) VALUES (?1, ?2, ?3)
                 ON CONFLICT (patron_id, kind, term) DO NOTHING",
                (p.id.0, kind, t),
            )?;
        }
    }
    ctx.audit("patron.notices", p.card.as_str())?;
    registrations(ctx, p.id)
}

/// A change with its themes and authors checked and stored as they will be compared.
struct Terms {
    due_reminder: Option<bool>,
    add_topics: Vec<String>,
    remove_topics: Vec<String>,
    add_authors: Vec<String>,
    remove_authors: Vec<String>,
}

impl Terms {
    fn of(change: &MailServicesChange) -> Result<Terms> {
        Ok(Terms {
            due_reminder: change.due_reminder,
            add_topics: terms("topic", &change.add_topics)?,
            remove_topics: terms("topic", &change.remove_topics)?,
            add_authors: terms("author", &change.add_authors)?,
            remove_authors: terms("author", &change.remove_authors)?,
        })
    }
}

impl Library {
    /// K9 `patron notices`: register or withdraw the mail services, then show them. Registering
    /// needs a service the profile offers and an e-mail address; withdrawing always works.
    pub fn patron_notices(
        &mut self,
        actor: &Actor,
        card: &CardNumber,
        change: &MailServicesChange,
    ) -> Result<MailServices> {
        let terms = Terms::of(change)?;
        if *change == MailServicesChange::default() {
            return self.look(actor, Permission::View, |ctx| {
                registrations(ctx, find_by_card(ctx.tx, card)?.id)
            });
        }
        self.act(actor, Permission::ManagePatrons, |ctx| {
            change_services(ctx, &find_by_card(ctx.tx, card)?, &terms)
        })
    }

    /// K9 on My Page: the signed-in patron's own registrations; an empty change only shows them.
    pub fn my_mail_services(
        &mut self,
        patron: PatronId,
        change: &MailServicesChange,
        now: Now,
    ) -> Result<MailServices> {
        let terms = Terms::of(change)?;
        if *change == MailServicesChange::default() {
            return self.look_as_patron(now, |ctx| registrations(ctx, patron));
        }
        self.as_patron(now, |ctx| {
            change_services(ctx, &find_by_id(ctx.tx, patron)?, &terms)
        })
    }
}
