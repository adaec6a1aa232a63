use kashidashi_core::catalog::{parse_size_cm, parse_weight_g};
use kashidashi_core::delivery::{Parcel, choose_carrier};
use kashidashi_core::{Invalid, Result, scan};
use serde_json::json;

use crate::args::DeliveryCmd;
use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, cmd: &DeliveryCmd) -> Result<Reply> {
    let DeliveryCmd::Carrier {
        size_cm,
        weight_g,
        items,
    } = cmd;
    let parcel = if items.is_empty() {
        let sides = parse_size_cm(
            size_cm
                .as_deref()
                .ok_or(Invalid::Missing { field: "--size-cm" })?,
        )?;
        let weight = parse_weight_g(weight_g.as_deref().unwrap_or(""))?;
        Parcel::new(sides, weight)
    } else {
        let mut lib = env.open()?;
        let actor = env.actor(&lib);
        let barcodes = items
            .iter()
            .map(|i| scan::item(lib.policy(), i))
            .collect::<Result<Vec<_>>>()?;
        lib.parcel_of(&actor, &barcodes)?
    };
    let c = choose_carrier(parcel)?;
    let class = c
        .size_class()
        .map(|s| format!(" {s}サイズ"))
        .unwrap_or_default();
    Ok(Reply::new(format!("{}{class} (着払い)", c.label()))
        .with("carrier", c.as_str())
        .with("carrier_label", c.label())
        .with("size_class", c.size_class())
        .with("parcel", json!({"sides_cm": parcel.sides_mm.map(|mm| f64::from(mm) / 10.0), "weight_g": parcel.weight_g})))
}
