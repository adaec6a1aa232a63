//! `item search`: titles by part of the title, the author, or the romanized form a MARC record
//! gave (880), with their copies.

use super::{ITEM_COLUMNS, Item, item_from_row, search_key};
use crate::domain::{ItemBarcode, Now, PatronId, TitleId};
use crate::error::{Refusal, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::{Connection, Engine, Row};

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

/// A trigram index (SQLite's FTS5 `trigram` tokenizer, PostgreSQL's pg_trgm) finds a needle of
/// at least this many characters; a shorter one (北海, 京都) has no trigram to look up.
const TRIGRAM: usize = 3;

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
    let like = format!("%{q}%");
    // The engines' substring indexes differ (migration 0011). PostgreSQL's planner takes
    // pg_trgm's GIN index for the LIKE itself. SQLite's FTS5 index is a table of its own,
    // asked with MATCH: a quoted needle is a phrase of its trigrams, which is where the key
    // contains it (a folded needle is letters and digits only, so it never holds a quote). The
    // LIKE stays as the last word, so a row is found exactly when the scan found it.
    let hits = match conn.engine() {
        Engine::Sqlite if q.chars().count() >= TRIGRAM => conn
            .prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles
                 WHERE id IN (SELECT rowid FROM title_search WHERE title_search MATCH ?4
                              UNION ALL SELECT id FROM titles WHERE isbn = ?2)
                   AND (search_key LIKE ?1 OR isbn = ?2)
                 ORDER BY title, id LIMIT ?3",
            )?
            .query_map((like, isbn, SEARCH_LIMIT, format!("\"{q}\"")), title_hit)?
            .collect::<crate::store::Result<Vec<_>>>()?,
        // A needle under three characters has no trigram: every title is read. Left to itself
        // SQLite walks the title index for the order and stops at the 50th match, which reads
        // the table in index order, row by row: 0.1–0.5 s on 400,000 titles when few match
        // (漱石), against 50 ms for reading the table straight and sorting what matched. `instr`
        // is the LIKE without its pattern machinery (a quarter faster), and the same here: key
        // and needle are folded to lower case, where SQLite's LIKE compares characters as they
        // are. No ISBN is that short, so there is none to look up.
        Engine::Sqlite => conn
            .prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles NOT INDEXED
                 WHERE instr(search_key, ?1) > 0
                 ORDER BY title, id LIMIT ?2",
            )?
            .query_map((q.as_str(), SEARCH_LIMIT), title_hit)?
            .collect::<crate::store::Result<Vec<_>>>()?,
        Engine::Postgres => conn
            .prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles
                 WHERE search_key LIKE ?1 OR isbn = ?2
                 ORDER BY title, id LIMIT ?3",
            )?
            .query_map((like, isbn, SEARCH_LIMIT), title_hit)?
            .collect::<crate::store::Result<Vec<_>>>()?,
    };
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

fn title_hit(r: &Row<'_>) -> crate::store::Result<TitleHit> {
    Ok(TitleHit {
        id: TitleId(r.get(0)?),
        title: r.get(1)?,
        author: r.get(2)?,
        isbn: r.get(3)?,
        romanized: r.get(4)?,
        copies: Vec::new(),
    })
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
