//! `item search`: titles by part of the title, the author, or the romanized form a MARC record
//! gave (880), with their copies.

use crate::domain::{ItemBarcode, TitleId};
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;

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

impl Library {
    /// Titles whose title, author or romanized form contains `query` (ignoring ASCII case),
    /// in title order. An empty query finds nothing.
    pub fn search_titles(&mut self, actor: &Actor, query: &str) -> Result<Vec<TitleHit>> {
        let q = query.trim().replace(['%', '_', '\\'], "");
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let needle = format!("%{q}%");
        self.look(actor, Permission::View, |ctx| {
            let mut st = ctx.tx.prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles
                 WHERE lower(title) LIKE lower(?1) OR lower(author) LIKE lower(?1)
                    OR lower(romanized) LIKE lower(?1)
                 ORDER BY title, id LIMIT ?2",
            )?;
            let hits = st
                .query_map((needle, SEARCH_LIMIT), |r| {
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
            let mut copies = ctx
                .tx
                .prepare_cached("SELECT barcode FROM items WHERE title_id = ?1 ORDER BY barcode")?;
            hits.into_iter()
                .map(|mut h| {
                    h.copies = copies
                        .query_map([h.id.0], |r| r.get::<_, String>(0))?
                        .map(|b| b.map(ItemBarcode::new_unchecked))
                        .collect::<crate::store::Result<_>>()?;
                    Ok(h)
                })
                .collect()
        })
    }
}
