use kashidashi_core::copies::StocktakeId;
use kashidashi_core::domain::{Collection, Mark};
use kashidashi_core::{Actor, Invalid, Library, Result, scan};
use kashidashi_wire::{MarkView, StocktakeScanView, StocktakeView};

use super::catalog::item_text;
use super::circulation::route_text;
use crate::args::StocktakeCmd;
use crate::env::Env;
use crate::reply::Reply;

pub fn mark(
    env: &Env,
    lib: &mut Library,
    actor: &Actor,
    barcode: &str,
    to: &str,
    note: Option<&str>,
) -> Result<Reply> {
    let barcode = scan::item(lib.policy(), barcode)?;
    let to = Mark::parse(to).ok_or_else(|| Invalid::BadValue {
        field: "--as",
        input: to.to_string(),
    })?;
    let out = lib.mark_item(actor, &barcode, to, note)?;
    let view = MarkView::from(&out);
    let mut text = item_text(&view.item);
    if let Some(route) = &out.route {
        text = format!("{text} → {}", route_text(env, lib, route));
    }
    Ok(Reply::new(text)
        .with("item", &view.item)
        .with("changed", view.changed)
        .with("trapped", &view.route.trapped)
        .with("transit", &view.route.transit))
}

pub fn stocktake(env: &Env, cmd: &StocktakeCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        StocktakeCmd::Start { collection } => {
            let collection = Collection::parse(collection).ok_or_else(|| Invalid::BadValue {
                field: "--collection",
                input: collection.clone(),
            })?;
            let id = lib.stocktake_start(&actor, collection)?;
            Ok(Reply::new(env.t(
                format!("蔵書点検 {id} を始めました({})。", collection.label()),
                format!(
                    "Stock-taking {id} of the {} started.",
                    collection.label_en()
                ),
            ))
            .with("id", id.0))
        }
        StocktakeCmd::Scan { id, item } => {
            let barcode = scan::item(lib.policy(), item)?;
            let out = lib.stocktake_scan(&actor, StocktakeId(*id), &barcode)?;
            let view = StocktakeScanView::from(&out);
            let note = match (out.first, out.found) {
                (_, true) => env.t(" (不明から戻りました)", " (missing, now found)"),
                (false, _) => env.t(" (読込済)", " (already scanned)"),
                _ => String::new(),
            };
            Ok(Reply::new(format!("{}{note}", item_text(&view.item)))
                .with("item", &view.item)
                .with("first", view.first)
                .with("found", view.found))
        }
        StocktakeCmd::Finish { id } => {
            let out = lib.stocktake_finish(&actor, StocktakeId(*id))?;
            let view = StocktakeView::from(&out);
            let mut text = env.t(
                format!(
                    "蔵書点検 {id} を終了しました: {} 冊読込、不明 {} 冊",
                    out.scanned,
                    out.missing.len()
                ),
                format!(
                    "Stock-taking {id} finished: {} scanned, {} missing",
                    out.scanned,
                    out.missing.len()
                ),
            );
            for m in &view.missing {
                text.push_str(&format!(
                    "\n{} {} 『{}』",
                    m.call_number.clone().unwrap_or_default(),
                    m.barcode,
                    m.title
                ));
            }
            Ok(Reply::new(text)
                .with("id", view.id)
                .with("collection", view.collection)
                .with("scanned", view.scanned)
                .with("missing", &view.missing))
        }
    }
}
