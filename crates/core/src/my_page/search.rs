//! My Page 蔵書検索 (issue 13): the catalogue's search (`catalog::search`), with each title's
//! copies in their C5 states and every reason this patron may not reserve it now, from the
//! desk's own hold rules (`holds::hold_refusals`). Here, above both, so the catalogue knows
//! nothing of patrons or holds.

use std::collections::HashMap;

use crate::catalog::{
    ITEM_COLUMNS, Item, TitleHit, TitleIds, in_titles, item_from_row, matching_titles,
};
use crate::domain::{Now, PatronId, TitleId};
use crate::error::{Refusal, Result};
use crate::library::Library;

/// A title found on My Page, as a patron sees it: its copies' C5 states and whether this
/// patron may reserve it now, with every reason if not (C8, C22, K7, C5).
#[derive(Debug, Clone, PartialEq)]
pub struct PatronTitle {
    pub title: TitleHit,
    pub copies: Vec<Item>,
    pub hold_refusals: Vec<Refusal>,
}

impl Library {
    /// My Page 蔵書検索: the titles found, each with its copies and whether the signed-in
    /// patron may place a hold on it.
    pub fn my_search(
        &mut self,
        patron: PatronId,
        query: &str,
        now: Now,
    ) -> Result<Vec<PatronTitle>> {
        self.look_as_patron(now, |ctx| {
            let p = crate::patrons::find_by_id(ctx.tx, patron)?;
            let titles = matching_titles(ctx.tx, query)?;
            let ids: Vec<TitleId> = titles.iter().map(|t| t.id).collect();
            let mut copies: HashMap<TitleId, Vec<Item>> = HashMap::new();
            let mut st = ctx.tx.prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS} FROM items i JOIN titles t ON t.id = i.title_id
                 WHERE {} ORDER BY i.barcode",
                in_titles("i.title_id")
            ))?;
            for item in st.query_map(&TitleIds::new(&ids), item_from_row)? {
                let item = item?;
                copies.entry(item.title_id).or_default().push(item);
            }
            let copies: Vec<Vec<Item>> = ids
                .iter()
                .map(|id| copies.remove(id).unwrap_or_default())
                .collect();
            let of_titles: Vec<(TitleId, &[Item])> = ids
                .iter()
                .zip(&copies)
                .map(|(id, c)| (*id, c.as_slice()))
                .collect();
            let refusals = crate::holds::hold_refusals(ctx, &p, &of_titles)?;
            Ok(titles
                .into_iter()
                .zip(copies)
                .zip(refusals)
                .map(|((mut title, copies), hold_refusals)| {
                    title.copies = copies.iter().map(|c| c.barcode.clone()).collect();
                    PatronTitle {
                        title,
                        copies,
                        hold_refusals,
                    }
                })
                .collect())
        })
    }
}
