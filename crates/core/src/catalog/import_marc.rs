//! `import marc FILE.mrc`: MARC21 bibliographic records (ISO 2709) read with the `marc` crate.
//! Title 245 $a $b, author 100/110 $a (else 700/710), each in its own script from the 880
//! linked to it when there is one (the romanized form kept to search by), ISBN 020 $a, call number 090/050 $a $b (else 084/082 $a),
//! and copies from holdings 852 $p (else 876 $p), each barcode checked like a scan. A record
//! without a barcode adds its title only. All records are checked before anything is stored.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use marc::{Field, Record};

use super::ImportSummary;
use super::add::ItemDetails;
use super::import_batches::ImportRow;
use crate::domain::ItemBarcode;
use crate::error::{Invalid, Lang, Result};
use crate::library::{Actor, Library};
use crate::policy::Policy;

struct Parsed {
    details: ItemDetails,
    barcodes: Vec<ItemBarcode>,
}

fn subfield(f: &Field, code: u8) -> Option<String> {
    f.subfield(code)
        .first()
        .map(|s| String::from_utf8_lossy(s.get_data::<[u8]>()).into_owned())
}

fn first(rec: &Record, tags: &[&[u8; 3]], code: u8) -> Option<String> {
    tags.iter()
        .flat_map(|t| rec.field(**t))
        .find_map(|f| subfield(&f, code))
}

/// ISBD punctuation that ends MARC subfields (" /", " :", ".").
fn tidy(s: &str) -> String {
    s.trim()
        .trim_end_matches([' ', '/', ':', ';', ',', '.', '='])
        .trim()
        .to_string()
}

/// The 880 field that gives `field` (tag `tag`) in its original script: `field` has
/// `$6 880-NN`, the 880 has `$6 TAG-NN` (then `/script`).
fn vernacular<'r>(rec: &'r Record, tag: &str, field: &Field) -> Option<Field<'r>> {
    let link = subfield(field, b'6')?;
    let occurrence = link.strip_prefix("880-")?.get(..2)?.to_string();
    let wanted = format!("{tag}-{occurrence}");
    rec.field(*b"880")
        .into_iter()
        .find(|f| subfield(f, b'6').is_some_and(|s| s.starts_with(&wanted)))
}

/// 245 $a, with ` : $b` when there is a subtitle.
fn title_of(f: &Field) -> Option<String> {
    let title = tidy(&subfield(f, b'a')?);
    Some(match subfield(f, b'b') {
        Some(sub) => format!("{title} : {}", tidy(&sub)),
        None => title,
    })
}

/// MARC 880: LC and OCLC catalogue Japanese books with a romanized 245 (and 100/700) and the
/// title in Japanese only in the 880 linked to it. The Japanese form is the title staff and
/// patrons know; the romanized one is kept to search by. Returns the title, the author and
/// the romanized forms that differ from them.
fn title_and_author(
    rec: &Record,
) -> std::result::Result<(String, Option<String>, Option<String>), String> {
    let t245 = rec.field(*b"245");
    let f245 = t245.first().ok_or("no 245 title field")?;
    let roman_title = title_of(f245).ok_or("245 has no $a")?;
    let title = vernacular(rec, "245", f245)
        .and_then(|f| title_of(&f))
        .unwrap_or_else(|| roman_title.clone());
    let author_field = [b"100", b"110", b"700", b"710"]
        .iter()
        .find_map(|t| rec.field(**t).into_iter().next().map(|f| (*t, f)));
    let (author, roman_author) = match author_field {
        Some((tag, f)) => {
            let roman = subfield(&f, b'a').map(|a| tidy(&a));
            let tag = std::str::from_utf8(tag).expect("ASCII tag");
            let own = vernacular(rec, tag, &f)
                .and_then(|v| subfield(&v, b'a'))
                .map(|a| tidy(&a));
            (own.or_else(|| roman.clone()), roman)
        }
        None => (None, None),
    };
    let romanized: Vec<String> = [
        Some(roman_title).filter(|t| *t != title),
        roman_author.filter(|a| Some(a) != author.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let romanized = (!romanized.is_empty()).then(|| romanized.join(" / "));
    Ok((title, author, romanized))
}

fn parse_record(policy: &Policy, rec: &Record) -> std::result::Result<Parsed, String> {
    if !rec.is_unicode().map_err(|e| e.to_string())? {
        return Err("MARC-8 is not supported; export as UTF-8 (leader/09 = a)".into());
    }
    let (title, author, romanized) = title_and_author(rec)?;
    let isbn = first(rec, &[b"020"], b'a')
        .map(|s| s.split_whitespace().next().unwrap_or_default().to_string());
    let call_number = [b"090", b"050"]
        .iter()
        .flat_map(|t| rec.field(**t))
        .find_map(|f| {
            let a = subfield(&f, b'a')?;
            Some(match subfield(&f, b'b') {
                Some(b) => format!("{} {}", a.trim(), b.trim()),
                None => a.trim().to_string(),
            })
        })
        .or_else(|| first(rec, &[b"084", b"082"], b'a'));
    let mut barcodes = Vec::new();
    for tag in [b"852", b"876"] {
        for f in rec.field(*tag) {
            for sf in f.subfield(b'p') {
                let raw = String::from_utf8_lossy(sf.get_data::<[u8]>()).into_owned();
                let b = crate::scan::item(policy, &raw).map_err(|e| e.message(Lang::En))?;
                barcodes.push(b);
            }
        }
        if !barcodes.is_empty() {
            break;
        }
    }
    let details = ItemDetails {
        title,
        author,
        isbn,
        call_number,
        romanized,
        ..ItemDetails::default()
    };
    details.check().map_err(|problems| {
        problems
            .iter()
            .map(|(col, e)| format!("{col}: {}", e.message(Lang::En)))
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    Ok(Parsed { details, barcodes })
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, turning a panic into `Err` without the panic hook's `thread 'main' panicked` on
/// stderr: the damaged record is reported by its coded error alone (`--json` prints one
/// object). The hook is silent only on this thread and only while `f` runs; any other panic is
/// reported as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let out = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    out
}

fn read_all(policy: &Policy, bytes: &[u8]) -> Result<Vec<Parsed>> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let mut n = 0;
    while !rest.iter().all(|b| b.is_ascii_whitespace()) {
        n += 1;
        let fail = |detail: String| Invalid::ImportMarc { record: n, detail };
        let len: usize =
            std::str::from_utf8(rest.get(..5).ok_or_else(|| fail("truncated".into()))?)
                .ok()
                .and_then(|s| s.parse().ok())
                .filter(|l| *l >= 25 && *l <= rest.len())
                .ok_or_else(|| fail("bad record length".into()))?;
        let (chunk, tail) = rest.split_at(len);
        rest = tail;
        // The crate indexes into the buffer as the directory says; a damaged file must be an
        // error for this record, never a crash of the desk.
        let parsed = quietly(|| {
            Record::parse(chunk)
                .map_err(|e| e.to_string())
                .and_then(|rec| parse_record(policy, &rec))
        })
        .unwrap_or_else(|_| Err("damaged record".into()))
        .map_err(fail)?;
        out.push(parsed);
    }
    Ok(out)
}

impl Library {
    pub fn import_marc(&mut self, actor: &Actor, bytes: &[u8]) -> Result<ImportSummary> {
        let records = read_all(self.policy(), bytes)?;
        let mut rows = Vec::new();
        for (n, rec) in records.iter().enumerate() {
            let item = rec.details.check().map_err(|mut p| p.remove(0).1)?;
            if rec.barcodes.is_empty() {
                rows.push(ImportRow {
                    line: n + 1,
                    barcode: None,
                    item,
                });
            } else {
                for b in &rec.barcodes {
                    rows.push(ImportRow {
                        line: n + 1,
                        barcode: Some(b.clone()),
                        item: item.clone(),
                    });
                }
            }
        }
        let audit = ("import.marc", format!("{} records", records.len()));
        self.import_rows(actor, &rows, audit, &mut |_, _| {})?
            // As before: the first refusal, as the error of the whole file.
            .map_err(|refusals| {
                refusals
                    .into_iter()
                    .next()
                    .expect("a refusal")
                    .problem
                    .into()
            })
    }
}
