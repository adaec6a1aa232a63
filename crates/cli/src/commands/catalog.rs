use indicatif::{ProgressBar, ProgressStyle};
use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::{Invalid, Result, scan};
use kashidashi_wire::{ImportView, ItemView, TitleView};

use crate::args::{ImportCmd, ItemCmd};
use crate::env::Env;
use crate::reply::Reply;

pub(super) fn item_text(i: &ItemView) -> String {
    format!(
        "{} 『{}』 {} [{}]",
        i.barcode,
        i.title,
        i.author.clone().unwrap_or_default(),
        i.status_label
    )
}

pub fn item(env: &Env, cmd: &ItemCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        ItemCmd::Add {
            barcode,
            title,
            author,
            isbn,
            call_number,
            collection,
            loan_type,
            ill,
            size_cm,
            weight_g,
        } => {
            let barcode = scan::item(lib.policy(), barcode)?;
            let details = ItemDetails {
                title: title.clone(),
                author: author.clone(),
                isbn: isbn.clone(),
                call_number: call_number.clone(),
                collection: collection.clone(),
                loan_type: loan_type.clone(),
                ill: Some(if *ill { "1" } else { "0" }.to_string()),
                size_cm: size_cm.clone(),
                weight_g: weight_g.clone(),
                romanized: None,
            };
            let view = ItemView::from(&lib.add_item(&actor, &barcode, &details)?);
            Ok(Reply::new(item_text(&view)).with("item", view))
        }
        ItemCmd::Show { barcode } => {
            let barcode = scan::item(lib.policy(), barcode)?;
            let view = ItemView::from(&lib.item(&actor, &barcode)?);
            Ok(Reply::new(item_text(&view)).with("item", view))
        }
        ItemCmd::Mark { barcode, as_, note } => {
            super::copies::mark(env, &mut lib, &actor, barcode, as_, note.as_deref())
        }
        ItemCmd::Search { query } => {
            let titles: Vec<TitleView> = lib
                .search_titles(&actor, query)?
                .iter()
                .map(TitleView::from)
                .collect();
            let text = titles
                .iter()
                .map(|t| {
                    format!(
                        "『{}』 {} [{}]",
                        t.title,
                        t.author.clone().unwrap_or_default(),
                        t.copies.join(", ")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            let text = if titles.is_empty() {
                env.t("見つかりません。", "Nothing found.")
            } else {
                text
            };
            Ok(Reply::new(text).with("titles", titles))
        }
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Invalid::ImportFile {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
        .into()
    })
}

pub fn import(env: &Env, cmd: &ImportCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let summary = match cmd {
        ImportCmd::Items { file } => {
            let bytes = read(file)?;
            // Drawn on stderr only when it is a terminal; scripts see nothing.
            let bar = ProgressBar::new(0).with_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("valid template"),
            );
            let summary = lib.import_items_csv(&actor, &bytes, env.lang, &mut |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            });
            bar.finish_and_clear();
            summary?
        }
        ImportCmd::Marc { file } => lib.import_marc(&actor, &read(file)?)?,
    };
    Ok(Reply::new(env.t(
        format!(
            "{} 冊(新しいタイトル {} 件)を取り込みました。",
            summary.items, summary.titles
        ),
        format!(
            "Imported {} items ({} new titles).",
            summary.items, summary.titles
        ),
    ))
    .with("imported", ImportView::from(&summary)))
}
