//! Writing an import (CSV or MARC) so that it never blocks a desk's scan for long (issue 10.12).
//! The whole file is checked first, on one snapshot (every row against the catalogue and the
//! rows before it), so a bad row still changes nothing; only then is it written, `BATCH_ROWS`
//! rows to a transaction. Between two batches the desks' actions go first: on SQLite a scan
//! waits for one batch at most, not for the whole file behind one write lock.

use std::collections::{HashMap, HashSet};

use super::add::{NewItem, find_or_create_title, insert_item};
use super::import_csv::ImportSummary;
use crate::domain::ItemBarcode;
use crate::error::{Invalid, Lang, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::{Connection, OptionalExtension};

/// Rows written per transaction. One row is a few statements (the barcode, the title found or
/// made, the copy, the new-arrival record), some 40–80 µs on SQLite, so a batch holds the write
/// lock for a few tens of milliseconds: a scan behind it still answers at once, and a commit
/// (one disk flush) every 500 rows costs the import little.
pub(crate) const BATCH_ROWS: usize = 500;

/// The pause after each batch, so that a desk waiting for the write lock (SQLite's desks try
/// every millisecond, `store::open`) takes it before the next batch does.
const BATCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(3);

/// One row of an import: a copy (or, from a MARC record without copies, a title alone).
pub(crate) struct ImportRow {
    /// The file's line (CSV) or record number (MARC), for messages.
    pub line: usize,
    pub barcode: Option<ItemBarcode>,
    pub item: NewItem,
}

/// A row the catalogue cannot take as it is.
pub(crate) struct RowRefusal {
    pub line: usize,
    pub column: &'static str,
    pub problem: Invalid,
}

/// Every row checked against the catalogue as it is now and against the rows before it: a
/// barcode already catalogued or twice in the file, an ISBN already catalogued (or earlier in
/// the file) under another title. Bad fields are the file reader's.
fn check(conn: &Connection, rows: &[ImportRow]) -> Result<Vec<RowRefusal>> {
    let mut refusals = Vec::new();
    let mut titles: HashMap<&str, &str> = HashMap::new();
    let mut barcodes: HashSet<&ItemBarcode> = HashSet::new();
    for row in rows {
        if let Some(b) = &row.barcode {
            let taken: Option<i64> = if barcodes.insert(b) {
                conn.prepare_cached("SELECT 1 FROM items WHERE barcode = ?1")?
                    .query_row([b.as_str()], |r| r.get(0))
                    .optional()?
            } else {
                Some(1)
            };
            if taken.is_some() {
                refusals.push(RowRefusal {
                    line: row.line,
                    column: "barcode",
                    problem: Invalid::DuplicateBarcode {
                        barcode: b.to_string(),
                    },
                });
            }
        }
        let Some(isbn) = row.item.isbn.as_deref() else {
            continue;
        };
        let known = match titles.get(isbn) {
            Some(t) => Some(t.to_string()),
            None => conn
                .prepare_cached("SELECT title FROM titles WHERE isbn = ?1")?
                .query_row([isbn], |r| r.get(0))
                .optional()?,
        };
        match known {
            Some(existing) if existing != row.item.title => refusals.push(RowRefusal {
                line: row.line,
                column: "isbn",
                problem: Invalid::TitleMismatch {
                    isbn: isbn.to_string(),
                    existing,
                },
            }),
            Some(_) => {}
            None => {
                titles.insert(isbn, &row.item.title);
            }
        }
    }
    Ok(refusals)
}

impl Library {
    /// Check `rows` whole (`Err` with every refusal: nothing written), then write them in
    /// batches. `audit` names the import in the log, written with the last batch. If a batch
    /// fails all the same (a desk catalogued one of its barcodes after the check, the server
    /// went away), the batches before it stay and the error says from which line on nothing
    /// was stored (`import.stopped`), so the rest can be imported from there.
    pub(crate) fn import_rows(
        &mut self,
        actor: &Actor,
        rows: &[ImportRow],
        audit: (&str, String),
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<std::result::Result<ImportSummary, Vec<RowRefusal>>> {
        let refusals = self.look(actor, Permission::ManageCatalog, |ctx| check(ctx.tx, rows))?;
        if !refusals.is_empty() {
            return Ok(Err(refusals));
        }
        let total = rows.len();
        // An empty file is one empty batch, so the import is still logged.
        let batches: Vec<&[ImportRow]> = if rows.is_empty() {
            vec![rows]
        } else {
            rows.chunks(BATCH_ROWS).collect()
        };
        let mut summary = ImportSummary {
            items: 0,
            titles: 0,
        };
        for (n, batch) in batches.iter().enumerate() {
            let last = n + 1 == batches.len();
            let written = self.act(actor, Permission::ManageCatalog, |ctx| {
                let titles_before: i64 =
                    ctx.tx
                        .query_row("SELECT count(*) FROM titles", [], |r| r.get(0))?;
                let mut items = 0;
                for row in batch.iter() {
                    match &row.barcode {
                        Some(b) => {
                            insert_item(ctx.tx, ctx.policy, b, &row.item, ctx.now)?;
                            items += 1;
                        }
                        None => {
                            find_or_create_title(ctx.tx, &row.item)?;
                        }
                    }
                }
                let titles_after: i64 =
                    ctx.tx
                        .query_row("SELECT count(*) FROM titles", [], |r| r.get(0))?;
                if last {
                    ctx.audit(audit.0, &audit.1)?;
                }
                Ok((items, (titles_after - titles_before) as usize))
            });
            match written {
                Ok((items, titles)) => {
                    summary.items += items;
                    summary.titles += titles;
                    progress((n * BATCH_ROWS + batch.len()).min(total), total);
                    if !last {
                        std::thread::sleep(BATCH_PAUSE);
                    }
                }
                Err(e) if n > 0 => {
                    return Err(Invalid::ImportStopped {
                        stored: n * BATCH_ROWS,
                        line: batch[0].line,
                        problem_ja: e.message(Lang::Ja),
                        problem_en: e.message(Lang::En),
                    }
                    .into());
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Ok(summary))
    }
}
