//! `item search`: titles by part of the title, the author, or the romanized form a MARC record
//! gave (880), with their copies.

use super::{ITEM_COLUMNS, Item, item_from_row, search_key};
use crate::domain::{ItemBarcode, Now, PatronId, TitleId};
use crate::error::{Refusal, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::Connection;

/// How many titles a search shows: a counter screen, not a report.
const SEARCH_LIMIT: u32 = 50;

/// A title found, with the barcodes of its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleHit {
    pub id: TitleId,
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub romanized: Option<String>,
    pub copies: Vec<ItemBarcode>,
}

/// Titles whose title, author or romanized form contains `query`, compared as
/// `search_key::fold` makes them (kana, width, case and spaces do not matter), or whose ISBN
/// it is; in title order, with the barcodes of their copies. An empty query finds nothing.
pub(crate) fn find_titles(conn: &Connection, query: &str) -> Result<Vec<TitleHit>> {
    let q = search_key::fold(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    // An ISBN typed either way (10 or 13 digits, hyphens, full width) finds its one title.
    let isbn = super::parse_isbn(query).ok();
    let needle = format!("%{q}%");
    let mut st = conn.prepare_cached(
        "SELECT id, title, author, isbn, romanized FROM titles
         WHERE search_key LIKE ?1 OR isbn = ?2
         ORDER BY title, id LIMIT ?3",
    )?;
    let hits = st
        .query_map((needle, isbn, SEARCH_LIMIT), |r| {
            Ok(TitleHit {
                id: TitleId(r.get(0)?),
                title: r.get(1)?,
                author: r.get(2)?,
                isbn: r.get(3)?,
                romanized: r.get(4)?,
                copies: Vec::new(),
            })
        })?
        .collect::<crate::store::Result<Vec<_>>>()?;
    let mut copies =
        conn.prepare_cached("SELECT barcode FROM items WHERE title_id = ?1 ORDER BY barcode")?;
    hits.into_iter()
        .map(|mut h| {
            h.copies = copies
                .query_map([h.id.0], |r| r.get::<_, String>(0))?
                .map(|b| b.map(ItemBarcode::new_unchecked))
                .collect::<crate::store::Result<_>>()?;
            Ok(h)
        })
        .collect()
}

/// A title found on My Page, as a patron sees it: its copies' C5 states and whether this
/// patron may reserve it now, with every reason if not (C8, C22, K7, C5).
#[derive(Debug, Clone, PartialEq)]
pub struct PatronTitle {
    pub title: TitleHit,
    pub copies: Vec<Item>,
    pub hold_refusals: Vec<Refusal>,
}

impl Library {
    /// `item search`: see `find_titles`.
    pub fn search_titles(&mut self, actor: &Actor, query: &str) -> Result<Vec<TitleHit>> {
        self.look(actor, Permission::View, |ctx| find_titles(ctx.tx, query))
    }

    /// My Page 蔵書検索: the titles found, each with its copies and whether the signed-in
    /// patron may place a hold on it.
    pub fn my_search(
        &mut self,
        patron: PatronId,
        query: &str,
        now: Now,
    ) -> Result<Vec<PatronTitle>> {
        self.look_as_patron(now, |ctx| {
            let p = crate::patrons::find_by_id(ctx.tx, patron)?;
            let mut of_title = ctx.tx.prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id
                 WHERE i.title_id = ?1 ORDER BY i.barcode"
            ))?;
            find_titles(ctx.tx, query)?
                .into_iter()
                .map(|title| {
                    let copies = of_title
                        .query_map([title.id.0], item_from_row)?
                        .collect::<crate::store::Result<Vec<_>>>()?;
                    let hold_refusals = crate::holds::hold_refusals(ctx, &p, title.id)?;
                    Ok(PatronTitle {
                        title,
                        copies,
                        hold_refusals,
                    })
                })
                .collect()
        })
    }
}
