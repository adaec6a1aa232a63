use chrono::NaiveDate;

use crate::store::{Connection, OptionalExtension};

use super::fields::{
    parse_collection, parse_flag, parse_isbn, parse_loan_type, parse_size_cm, parse_weight_g,
};
use super::{Item, find_by_barcode};
use crate::domain::{Collection, ItemBarcode, LoanType, Now, text};
use crate::error::{Error, Invalid, Result};
use crate::library::{Actor, Library};
use crate::policy::Policy;
use crate::staff::Permission;
use crate::store::date_str;

/// An item as typed into `item add` or read from an import row, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDetails {
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub call_number: Option<String>,
    pub collection: Option<String>,
    pub loan_type: Option<String>,
    pub ill: Option<String>,
    /// `L,W,T` in centimetres.
    pub size_cm: Option<String>,
    pub weight_g: Option<String>,
    /// The title (and author) as romanized in a MARC record whose title is in its own script
    /// (880): searched with the title.
    pub romanized: Option<String>,
}

/// A checked item ready to store.
#[derive(Clone)]
pub(crate) struct NewItem {
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub call_number: Option<String>,
    pub collection: Collection,
    pub loan_type: LoanType,
    pub ill: bool,
    pub size_mm: Option<[u32; 3]>,
    pub weight_g: Option<u32>,
    pub romanized: Option<String>,
}

fn take<T>(
    problems: &mut Vec<(&'static str, Error)>,
    column: &'static str,
    r: Result<T>,
) -> Option<T> {
    r.map_err(|e| problems.push((column, e))).ok()
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ItemDetails {
    /// Check every field; on failure, every bad field with the column it came from.
    pub(crate) fn check(&self) -> std::result::Result<NewItem, Vec<(&'static str, Error)>> {
        let mut problems = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            problems.push(("title", Invalid::Missing { field: "title" }.into()));
        }
        for (column, limit, value) in [
            ("title", text::TITLE, Some(title.as_str())),
            ("author", text::AUTHOR, opt(&self.author)),
            ("isbn", text::ISBN, opt(&self.isbn)),
            ("call-number", text::CALL_NUMBER, opt(&self.call_number)),
            ("collection", text::CODE, opt(&self.collection)),
            ("loan-type", text::CODE, opt(&self.loan_type)),
            ("ill", text::CODE, opt(&self.ill)),
            ("size-cm", text::CODE, opt(&self.size_cm)),
            ("weight-g", text::CODE, opt(&self.weight_g)),
        ] {
            take(&mut problems, column, text::check_opt(limit, value));
        }
        if !problems.is_empty() {
            // A 20 MB title or a NUL is not parsed further: its error is the one to show.
            return Err(problems);
        }
        let isbn = opt(&self.isbn).and_then(|s| take(&mut problems, "isbn", parse_isbn(s)));
        let collection = take(
            &mut problems,
            "collection",
            parse_collection(opt(&self.collection).unwrap_or("")),
        );
        let loan_type = take(
            &mut problems,
            "loan-type",
            parse_loan_type(opt(&self.loan_type).unwrap_or("")),
        );
        let ill = take(
            &mut problems,
            "ill",
            parse_flag(opt(&self.ill).unwrap_or("")),
        );
        let size_mm =
            opt(&self.size_cm).and_then(|s| take(&mut problems, "size-cm", parse_size_cm(s)));
        let weight_g =
            opt(&self.weight_g).and_then(|s| take(&mut problems, "weight-g", parse_weight_g(s)));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewItem {
            title,
            author: opt(&self.author).map(str::to_string),
            isbn,
            call_number: opt(&self.call_number).map(str::to_string),
            collection: collection.expect("checked"),
            loan_type: loan_type.expect("checked"),
            ill: ill.expect("checked"),
            size_mm,
            weight_g,
            romanized: opt(&self.romanized).map(str::to_string),
        })
    }
}

/// The title a new copy belongs to: the same ISBN, or without one the same title and author
/// (CLI.md: "a second copy of a title: same --title and --isbn").
pub(crate) fn find_or_create_title(conn: &Connection, item: &NewItem) -> Result<i64> {
    let existing: Option<(i64, String)> = match &item.isbn {
        Some(isbn) => conn
            .prepare_cached("SELECT id, title FROM titles WHERE isbn = ?1")?
            .query_row([isbn], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => conn
            .prepare_cached(
                "SELECT id, title FROM titles WHERE isbn IS NULL AND title = ?1 AND author IS NOT DISTINCT FROM ?2",
            )?
            .query_row((&item.title, &item.author), |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    match existing {
        Some((_, t)) if t != item.title => Err(Invalid::TitleMismatch {
            isbn: item.isbn.clone().unwrap_or_default(),
            existing: t,
        }
        .into()),
        Some((id, _)) => Ok(id),
        None => Ok(conn
            .prepare_cached(
                "INSERT INTO titles (title, author, isbn, romanized, search_key)
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            )?
            .query_row(
                (
                    &item.title,
                    &item.author,
                    &item.isbn,
                    &item.romanized,
                    crate::domain::search_key::title_key(
                        &item.title,
                        item.author.as_deref(),
                        item.romanized.as_deref(),
                    ),
                ),
                |r| r.get(0),
            )?),
    }
}

pub(crate) fn insert_item(
    conn: &Connection,
    policy: &Policy,
    barcode: &ItemBarcode,
    item: &NewItem,
    now: Now,
) -> Result<()> {
    let taken: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM items WHERE barcode = ?1")?
        .query_row([barcode.as_str()], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(Invalid::DuplicateBarcode {
            barcode: barcode.to_string(),
        }
        .into());
    }
    let title_id = find_or_create_title(conn, item)?;
    let [l, w, t] = item.size_mm.map_or([None; 3], |s| s.map(Some));
    conn.prepare_cached(
        "INSERT INTO items (barcode, title_id, call_number, collection, loan_type, ill,
                            length_mm, width_mm, thickness_mm, weight_g, home_desk, added_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(crate::store::params![
        barcode.as_str(),
        title_id,
        item.call_number,
        item.collection.as_str(),
        item.loan_type.as_str(),
        item.ill,
        l,
        w,
        t,
        item.weight_g,
        policy.counter_for(item.collection).code.as_str(),
        date_str(now.today()),
    ])?;
    record_arrival(conn, policy, title_id, now.today())?;
    Ok(())
}

/// K9: called for every copy added or imported: its title becomes a new arrival unless it ever was
/// one (K9: never the same title twice). Only where the profile offers the service.
fn record_arrival(conn: &Connection, policy: &Policy, title_id: i64, day: NaiveDate) -> Result<()> {
    if policy.new_arrivals {
        conn.prepare_cached(
            "INSERT INTO new_arrivals (title_id, arrived_on) VALUES (?1, ?2)
             ON CONFLICT (title_id) DO NOTHING",
        )?
        .execute((title_id, date_str(day)))?;
    }
    Ok(())
}

impl Library {
    pub fn add_item(
        &mut self,
        actor: &Actor,
        barcode: &ItemBarcode,
        details: &ItemDetails,
    ) -> Result<Item> {
        let item = details
            .check()
            .map_err(|mut problems| problems.remove(0).1)?;
        self.act(actor, Permission::ManageCatalog, |ctx| {
            insert_item(ctx.tx, ctx.policy, barcode, &item, ctx.now)?;
            ctx.audit("item.add", barcode.as_str())?;
            find_by_barcode(ctx.tx, barcode)
        })
    }
}
