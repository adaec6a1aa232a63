//! K9 新着図書お知らせ: a title whose copy is added or imported is recorded as a new arrival
//! (once per title, never again); the nightly job matches the day's arrivals against each
//! patron's registered themes and authors and queues one digest per patron per day.

use unicode_normalization::UnicodeNormalization;

use super::{enqueue, messages};
use crate::error::Result;
use crate::library::Actor;
use crate::store::date_str;

/// What one run of `notify new-arrivals` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArrivalDigest {
    /// New titles announced today.
    pub titles: usize,
    /// Digests queued, one per patron with a match.
    pub queued: usize,
    /// Today's digest had already been queued: the arrivals since wait for tomorrow's.
    pub already_done: bool,
}

/// A new title, as the digest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arrival {
    pub title: String,
    pub author: Option<String>,
}

/// For matching: width and case folded, only letters and digits (so 「村上, 春樹」 in a catalogue
/// matches 「村上春樹」 as a patron types it).
fn fold(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A theme matches words of the title; an author, the title's author.
fn matches(kind: &str, term: &str, a: &Arrival) -> bool {
    let t = fold(term);
    if t.is_empty() {
        return false;
    }
    match kind {
        "author" => a.author.as_deref().is_some_and(|x| fold(x).contains(&t)),
        _ => fold(&a.title).contains(&t),
    }
}

impl crate::Library {
    /// K9: queue today's digest of new titles for each patron whose themes or authors match;
    /// each title is announced on one day only. A nightly job.
    pub fn queue_new_arrivals(&mut self, actor: &Actor) -> Result<ArrivalDigest> {
        if !self.policy().new_arrivals {
            return Ok(ArrivalDigest::default());
        }
        self.act(actor, crate::staff::Permission::Supervise, |ctx| {
            let today = date_str(ctx.today());
            let done: i64 = ctx.tx.query_row(
                "SELECT count(*) FROM arrival_digests WHERE day = ?1",
                [&today],
                |r| r.get(0),
            )?;
            if done > 0 {
                return Ok(ArrivalDigest {
                    already_done: true,
                    ..Default::default()
                });
            }
            let arrivals: Vec<Arrival> = ctx
                .tx
                .prepare(
                    "SELECT t.title, t.author FROM new_arrivals n JOIN titles t ON t.id = n.title_id
                      WHERE n.announced_on IS NULL AND n.arrived_on <= ?1
                      ORDER BY t.title, t.id",
                )?
                .query_map([&today], |r| {
                    Ok(Arrival {
                        title: r.get(0)?,
                        author: r.get(1)?,
                    })
                })?
                .collect::<crate::store::Result<_>>()?;
            let registrations: Vec<(i64, String, String, String, String)> = ctx
                .tx
                .prepare(
                    "SELECT p.id, p.name, p.email, i.kind, i.term
                       FROM patron_interests i JOIN patrons p ON p.id = i.patron_id
                      WHERE p.email IS NOT NULL
                      ORDER BY p.id, i.kind, i.term",
                )?
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect::<crate::store::Result<_>>()?;
            let mut queued = 0;
            if !arrivals.is_empty() {
                for group in registrations.chunk_by(|a, b| a.0 == b.0) {
                    let (_, name, email, _, _) = &group[0];
                    let found: Vec<&Arrival> = arrivals
                        .iter()
                        .filter(|a| group.iter().any(|(_, _, _, k, t)| matches(k, t, a)))
                        .collect();
                    if found.is_empty() {
                        continue;
                    }
                    let (subject, body) = messages::new_arrivals(ctx.policy, name, &found);
                    enqueue(ctx, "new-arrivals", None, email, &subject, &body)?;
                    queued += 1;
                }
            }
            ctx.tx.execute(
                "UPDATE new_arrivals SET announced_on = ?1
                  WHERE announced_on IS NULL AND arrived_on <= ?1",
                [&today],
            )?;
            ctx.tx.execute(
                "INSERT INTO arrival_digests (day, titles, messages) VALUES (?1, ?2, ?3)",
                (&today, arrivals.len() as i64, queued as i64),
            )?;
            ctx.audit("notify.new_arrivals", &format!("{queued} messages"))?;
            Ok(ArrivalDigest {
                titles: arrivals.len(),
                queued,
                already_done: false,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(title: &str, author: &str) -> Arrival {
        Arrival {
            title: title.into(),
            author: Some(author.into()),
        }
    }

    #[test]
    fn authors_match_however_the_catalogue_writes_them() {
        let a = book("街とその不確かな壁", "村上, 春樹, 1949-");
        assert!(matches("author", "村上春樹", &a));
        assert!(matches("author", "村上 春樹", &a));
        assert!(!matches("author", "村上龍", &a));
        assert!(!matches("topic", "村上春樹", &a), "a theme reads the title");
    }

    #[test]
    fn themes_match_words_of_the_title_in_either_width() {
        let a = book("ＡＩと図書館の未来", "著者");
        assert!(matches("topic", "ai", &a));
        assert!(matches("topic", "図書館", &a));
        assert!(!matches("topic", "博物館", &a));
    }
}
