//! Titles and copies (C5): adding, looking up, importing from CSV and MARC21.

mod add;
mod fields;
mod import_batches;
mod import_csv;
mod import_marc;
mod search;

pub use add::ItemDetails;
pub use fields::{parse_isbn, parse_size_cm, parse_weight_g};
pub use import_csv::ImportSummary;
pub use search::TitleHit;
pub(crate) use search::matching_titles;
pub(crate) use search::{TitleIds, in_titles};

use crate::store::{Connection, OptionalExtension, Row};

use crate::domain::{Collection, DeskCode, ItemBarcode, ItemId, ItemStatus, LoanType, TitleId};
use crate::error::{Invalid, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;

/// One copy with its title, as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: ItemId,
    pub barcode: ItemBarcode,
    pub title_id: TitleId,
    pub title: String,
    pub author: Option<String>,
    pub isbn: Option<String>,
    pub call_number: Option<String>,
    pub collection: Collection,
    pub loan_type: LoanType,
    /// Borrowed from another library (inter-library loan): never renewed (C11).
    pub ill: bool,
    /// Longest side, middle side, thickness, in millimetres (H13).
    pub size_mm: Option<[u32; 3]>,
    pub weight_g: Option<u32>,
    pub status: ItemStatus,
    /// The counter that keeps this copy (H11: by collection).
    pub home_desk: DeskCode,
    /// Where the copy is travelling, when in transit (H16).
    pub transit_to: Option<DeskCode>,
    /// C21: since when a marked copy is in its state, and the note staff gave.
    pub state_since: Option<chrono::NaiveDate>,
    pub state_note: Option<String>,
}

impl Item {
    /// C5's label: 在庫, 短縮, 貸出中, 協力, 割当, 回送, 禁帯, 館内, 館短.
    pub fn status_label(&self) -> &'static str {
        self.status.label(self.loan_type)
    }
}

pub(crate) const ITEM_COLUMNS: &str = "i.id, i.barcode, i.title_id, t.title, t.author, t.isbn, i.call_number, \
     i.collection, i.loan_type, i.ill, i.length_mm, i.width_mm, i.thickness_mm, i.weight_g, i.status, i.home_desk, i.transit_to, \
     i.copy_state, i.state_since, i.state_note";

pub(crate) fn item_from_row(r: &Row) -> crate::store::Result<Item> {
    item_from_row_at(r, 0)
}

/// An item whose columns start at `b` (after a loan's, say).
pub(crate) fn item_from_row_at(r: &Row, b: usize) -> crate::store::Result<Item> {
    let loan_type = LoanType::parse(&r.get::<_, String>(b + 8)?).unwrap_or(LoanType::Normal);
    let size = match (
        r.get::<_, Option<u32>>(b + 10)?,
        r.get::<_, Option<u32>>(b + 11)?,
        r.get::<_, Option<u32>>(b + 12)?,
    ) {
        (Some(l), Some(w), Some(t)) => Some([l, w, t]),
        _ => None,
    };
    Ok(Item {
        id: ItemId(r.get(b)?),
        barcode: ItemBarcode::new_unchecked(r.get(b + 1)?),
        title_id: TitleId(r.get(b + 2)?),
        title: r.get(b + 3)?,
        author: r.get(b + 4)?,
        isbn: r.get(b + 5)?,
        call_number: r.get(b + 6)?,
        collection: Collection::parse(&r.get::<_, String>(b + 7)?).unwrap_or(Collection::General),
        loan_type,
        ill: r.get(b + 9)?,
        size_mm: size,
        weight_g: r.get(b + 13)?,
        status: ItemStatus::from_stored(
            &r.get::<_, String>(b + 14)?,
            r.get::<_, Option<String>>(b + 17)?.as_deref(),
            loan_type,
        ),
        home_desk: DeskCode(r.get(b + 15)?),
        transit_to: r.get::<_, Option<String>>(b + 16)?.map(DeskCode),
        state_since: r.get::<_, Option<crate::store::Date>>(b + 18)?.map(|d| d.0),
        state_note: r.get(b + 19)?,
    })
}

pub(crate) fn find_by_barcode(conn: &Connection, barcode: &ItemBarcode) -> Result<Item> {
    conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id WHERE i.barcode = ?1"
    ))?
    .query_row([barcode.as_str()], item_from_row)
    .optional()?
    .ok_or_else(|| {
        Invalid::UnknownItem {
            barcode: barcode.to_string(),
        }
        .into()
    })
}

pub(crate) fn find_by_id(conn: &Connection, id: ItemId) -> Result<Item> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id WHERE i.id = ?1"
        ))?
        .query_row([id.0], item_from_row)?)
}

/// `item` with its status and transit destination as stored now, after an action moved it.
pub(crate) fn with_current_status(conn: &Connection, mut item: Item) -> Result<Item> {
    type Stored = (
        String,
        Option<String>,
        Option<String>,
        Option<crate::store::Date>,
        Option<String>,
    );
    let (status, transit_to, state, since, note): Stored = conn
        .prepare_cached(
            "SELECT status, transit_to, copy_state, state_since, state_note FROM items WHERE id = ?1",
        )?
        .query_row([item.id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    item.status = ItemStatus::from_stored(&status, state.as_deref(), item.loan_type);
    item.transit_to = transit_to.map(DeskCode);
    item.state_since = since.map(|d| d.0);
    item.state_note = note;
    Ok(item)
}

impl Library {
    pub fn item(&mut self, actor: &Actor, barcode: &ItemBarcode) -> Result<Item> {
        self.look(actor, Permission::View, |ctx| {
            find_by_barcode(ctx.tx, barcode)
        })
    }
}
