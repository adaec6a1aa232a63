//! `item search`: titles by part of the title, the author, or the romanized form a MARC record
//! gave (880), with their copies. My Page's search (`my_page/search.rs`) finds its titles here.

use std::collections::HashMap;

use crate::domain::search_key;
use crate::domain::{ItemBarcode, TitleId};
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::{Connection, Engine, Params, Row, ToSql};

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
/// at least this many characters as a phrase of its trigrams; a shorter one (北海, 京都) has none.
const TRIGRAM: usize = 3;

/// A needle under three characters that begins trigrams of more titles than this (counted once
/// per trigram) is common: its titles are read in title order until 50 match, a few thousand
/// at most, fewer than the index would hand over.
const COMMON_SHORT: i64 = 20_000;

/// Titles whose title, author or romanized form contains `query`, compared as
/// `search_key::fold` makes them (kana, width, case and spaces do not matter), or whose ISBN
/// it is; in title order, with the barcodes of their copies. An empty query finds nothing.
pub(crate) fn find_titles(conn: &Connection, query: &str) -> Result<Vec<TitleHit>> {
    let mut hits = matching_titles(conn, query)?;
    let ids: Vec<TitleId> = hits.iter().map(|h| h.id).collect();
    let mut copies: HashMap<TitleId, Vec<ItemBarcode>> = HashMap::new();
    let mut st = conn.prepare_cached(&format!(
        "SELECT title_id, barcode FROM items WHERE {} ORDER BY barcode",
        in_titles("title_id")
    ))?;
    for row in st.query_map(&TitleIds::new(&ids), |r| {
        Ok((TitleId(r.get(0)?), r.get::<_, String>(1)?))
    })? {
        let (title, barcode) = row?;
        copies
            .entry(title)
            .or_default()
            .push(ItemBarcode::new_unchecked(barcode));
    }
    for h in &mut hits {
        h.copies = copies.remove(&h.id).unwrap_or_default();
    }
    Ok(hits)
}

/// `column IN (?1, …, ?50)`, bound by `TitleIds`: the titles of one search, all at once. A page
/// of 50 titles read title by title was 50 round trips for each thing read of them, which on
/// PostgreSQL made most of the search page's time (issue 13).
pub(crate) fn in_titles(column: &str) -> String {
    let places: Vec<String> = (1..=SEARCH_LIMIT).map(|n| format!("?{n}")).collect();
    format!("{column} IN ({})", places.join(", "))
}

/// The ids of a search's titles for `in_titles`: one placeholder for every title a search may
/// show, those after the titles found bound to NULL (which equals nothing), so the statement is
/// one text on both engines, prepared once, whatever the number of titles found.
pub(crate) struct TitleIds(Vec<Option<i64>>);

impl TitleIds {
    /// At most a search's 50 titles: the list has no room for more.
    pub(crate) fn new(titles: &[TitleId]) -> TitleIds {
        assert!(titles.len() <= SEARCH_LIMIT as usize, "a search's titles");
        let mut ids: Vec<Option<i64>> = titles.iter().map(|t| Some(t.0)).collect();
        ids.resize(SEARCH_LIMIT as usize, None);
        TitleIds(ids)
    }
}

impl Params for &TitleIds {
    fn with_slice<R>(self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        let refs: Vec<&dyn ToSql> = self.0.iter().map(|id| id as &dyn ToSql).collect();
        f(&refs)
    }
}

/// `find_titles` without the copies: for My Page, which reads the copies whole.
pub(crate) fn matching_titles(conn: &Connection, query: &str) -> Result<Vec<TitleHit>> {
    let q = search_key::fold(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    // An ISBN typed either way (10 or 13 digits, hyphens, full width) finds its one title.
    let isbn = super::parse_isbn(query).ok();
    // The engines' substring indexes differ (migration 0011): PostgreSQL's planner takes
    // pg_trgm's GIN index for the LIKE itself (a needle under three characters it reads from
    // every title); SQLite's FTS5 index is a table of its own, asked in `sqlite_titles`.
    match conn.engine() {
        Engine::Sqlite => sqlite_titles(conn, &q, isbn),
        Engine::Postgres => Ok(conn
            .prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles
                 WHERE search_key LIKE ?1 OR isbn = ?2
                 ORDER BY title, id LIMIT ?3",
            )?
            .query_map((format!("%{q}%"), isbn, SEARCH_LIMIT), title_hit)?
            .collect::<crate::store::Result<Vec<_>>>()?),
    }
}

/// SQLite: the titles whose key holds the folded needle `q`, found through `title_search`. The
/// last word is `instr(search_key, q)`, so a title is found exactly when a scan of every key
/// finds it: it is the LIKE the search was before the index, without the pattern machinery,
/// and the same on keys and needles folded to lower case (SQLite's LIKE compares other
/// characters as they are).
fn sqlite_titles(conn: &Connection, q: &str, isbn: Option<String>) -> Result<Vec<TitleHit>> {
    let indexed = |matching: String| -> Result<Vec<TitleHit>> {
        Ok(conn
            .prepare_cached(
                "SELECT id, title, author, isbn, romanized FROM titles
                 WHERE id IN (SELECT rowid FROM title_search WHERE title_search MATCH ?1
                              UNION ALL SELECT id FROM titles WHERE isbn = ?2)
                   AND (instr(search_key, ?3) > 0 OR isbn = ?2)
                 ORDER BY title, id LIMIT ?4",
            )?
            .query_map((matching, &isbn, q, SEARCH_LIMIT), title_hit)?
            .collect::<crate::store::Result<Vec<_>>>()?)
    };
    if q.chars().count() >= TRIGRAM {
        return indexed(phrase(q));
    }
    // Every key is indexed with two spaces after it, so each place a needle of one or two
    // characters occurs begins a trigram: the trigrams that begin with the needle, from the
    // index's own list, find every title holding it. No ISBN is that short.
    let terms: Vec<(String, i64)> = conn
        .prepare_cached("SELECT term, doc FROM title_search_terms WHERE term >= ?1 AND term < ?2")?
        .query_map((q, format!("{q}{}", char::MAX)), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<crate::store::Result<_>>()?;
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    if terms.iter().map(|(_, titles)| titles).sum::<i64>() <= COMMON_SHORT {
        let any: Vec<String> = terms.iter().map(|(t, _)| phrase(t)).collect();
        return indexed(any.join(" OR "));
    }
    Ok(conn
        .prepare_cached(
            "SELECT id, title, author, isbn, romanized FROM titles INDEXED BY titles_title
             WHERE instr(search_key, ?1) > 0
             ORDER BY title, id LIMIT ?2",
        )?
        .query_map((q, SEARCH_LIMIT), title_hit)?
        .collect::<crate::store::Result<_>>()?)
}

/// An FTS5 phrase: the text in double quotes, a quote in it doubled (a folded needle has none,
/// a trigram of the key none either; the rule is kept all the same).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
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

impl Library {
    /// `item search`: see `find_titles`.
    pub fn search_titles(&mut self, actor: &Actor, query: &str) -> Result<Vec<TitleHit>> {
        self.look(actor, Permission::View, |ctx| find_titles(ctx.tx, query))
    }
}
