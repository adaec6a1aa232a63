//! `import items FILE.csv`: UTF-8 or Shift_JIS, with or without a BOM. Every bad row is reported
//! with its line and column, and nothing is imported unless every row is good (C7); the rows
//! are then written in batches (`import_batches`), so desks go on scanning meanwhile.

use std::collections::HashSet;

use super::add::{ItemDetails, NewItem};
use super::import_batches::ImportRow;
use crate::domain::ItemBarcode;
use crate::error::{Invalid, Lang, Result, RowProblem};
use crate::library::{Actor, Library};
use crate::policy::Policy;

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub items: usize,
    pub titles: usize,
}

const COLUMNS: &[&str] = &[
    "barcode",
    "title",
    "author",
    "isbn",
    "call-number",
    "collection",
    "loan-type",
    "ill",
    "size-cm",
    "weight-g",
];
const REQUIRED: &[&str] = &["barcode", "title"];

/// Text of the file: a UTF-8 BOM or valid UTF-8 wins; otherwise it must decode cleanly as
/// Shift_JIS (Excel's "CSV" on Japanese Windows).
pub(crate) fn decode(bytes: &[u8]) -> Result<String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(body);
    if had_errors {
        return Err(Invalid::ImportEncoding.into());
    }
    Ok(text.into_owned())
}

fn header_key(h: &str) -> String {
    h.trim().to_ascii_lowercase().replace('_', "-")
}

struct Row {
    line: usize,
    barcode: ItemBarcode,
    item: NewItem,
}

fn parse_rows(policy: &Policy, text: &str, lang: Lang) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Invalid::ImportFile {
            path: "CSV".into(),
            detail: e.to_string(),
        })?
        .iter()
        .map(header_key)
        .collect();
    for col in REQUIRED {
        if !headers.iter().any(|h| h == col) {
            return Err(Invalid::ImportMissingColumn {
                column: col.to_string(),
            }
            .into());
        }
    }
    let index = |name: &str| headers.iter().position(|h| h == name);
    let idx: Vec<Option<usize>> = COLUMNS.iter().map(|c| index(c)).collect();

    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(RowProblem {
                    line,
                    column: String::new(),
                    problem: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            problems.push(RowProblem {
                line,
                column: String::new(),
                problem: match lang {
                    Lang::Ja => format!(
                        "列の数が {} 個です(見出しは {} 個)",
                        record.len(),
                        headers.len()
                    ),
                    Lang::En => {
                        format!("{} fields, the header has {}", record.len(), headers.len())
                    }
                },
            });
            continue;
        }
        let get = |i: usize| idx[i].and_then(|j| record.get(j)).map(str::to_string);
        let barcode = match crate::scan::item(policy, &get(0).unwrap_or_default()) {
            Ok(b) if !seen.insert(b.clone()) => {
                problems.push(RowProblem {
                    line,
                    column: "barcode".into(),
                    problem: Invalid::DuplicateBarcode {
                        barcode: b.to_string(),
                    }
                    .message(lang),
                });
                None
            }
            Ok(b) => Some(b),
            Err(e) => {
                problems.push(RowProblem {
                    line,
                    column: "barcode".into(),
                    problem: e.message(lang),
                });
                None
            }
        };
        let details = ItemDetails {
            title: get(1).unwrap_or_default(),
            author: get(2),
            isbn: get(3),
            call_number: get(4),
            collection: get(5),
            loan_type: get(6),
            ill: get(7),
            size_cm: get(8),
            weight_g: get(9),
            romanized: None,
        };
        match (barcode, details.check()) {
            (Some(barcode), Ok(item)) => rows.push(Row {
                line,
                barcode,
                item,
            }),
            (_, Err(fields)) => problems.extend(fields.into_iter().map(|(column, e)| RowProblem {
                line,
                column: column.to_string(),
                problem: e.message(lang),
            })),
            (None, Ok(_)) => {}
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(Invalid::ImportRows { rows: problems }.into())
    }
}

impl Library {
    /// Import items from CSV bytes. `progress(done, total)` is called while rows are stored.
    pub fn import_items_csv(
        &mut self,
        actor: &Actor,
        bytes: &[u8],
        lang: Lang,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        let text = decode(bytes)?;
        let rows = parse_rows(self.policy(), &text, lang)?
            .into_iter()
            .map(|r| ImportRow {
                line: r.line,
                barcode: Some(r.barcode),
                item: r.item,
            })
            .collect::<Vec<_>>();
        let total = rows.len();
        self.import_rows(
            actor,
            &rows,
            ("import.items", format!("{total} items")),
            progress,
        )?
        .map_err(|refusals| {
            Invalid::ImportRows {
                rows: refusals
                    .into_iter()
                    .map(|r| RowProblem {
                        line: r.line,
                        column: r.column.to_string(),
                        problem: r.problem.message(lang),
                    })
                    .collect(),
            }
            .into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_bytes_decode() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("barcode,title\n1000000017,坊っちゃん\n");
        assert!(decode(&bytes).unwrap().contains("坊っちゃん"));
    }

    #[test]
    fn a_utf8_bom_is_dropped() {
        let text = decode("\u{feff}barcode,title\n".as_bytes()).unwrap();
        assert!(text.starts_with("barcode"));
    }

    #[test]
    fn bytes_that_are_neither_encoding_are_refused() {
        assert_eq!(
            decode(&[0x82, 0xFF, 0xFF, 0x80]).unwrap_err().code(),
            "import.encoding"
        );
    }
}
