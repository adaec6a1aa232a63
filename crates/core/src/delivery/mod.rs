//! Home delivery by post (H12, H13): which carrier a parcel goes by.

mod carrier;

pub use carrier::{Carrier, Parcel, choose_carrier};

use crate::domain::ItemBarcode;
use crate::error::{Invalid, Result};
use crate::library::{Actor, Library};
use crate::staff::Permission;

impl Library {
    /// H13: the parcel the given books make, stacked. Every book needs its size and weight.
    pub fn parcel_of(&mut self, actor: &Actor, barcodes: &[ItemBarcode]) -> Result<Parcel> {
        self.look(actor, Permission::View, |ctx| {
            let mut books = Vec::with_capacity(barcodes.len());
            for b in barcodes {
                let item = crate::catalog::find_by_barcode(ctx.tx, b)?;
                match (item.size_mm, item.weight_g) {
                    (Some(s), Some(g)) => books.push(Parcel::new(s, g)),
                    _ => {
                        return Err(Invalid::Missing {
                            field: "size-cm / weight-g",
                        }
                        .into());
                    }
                }
            }
            Ok(Parcel::stack(&books))
        })
    }
}
