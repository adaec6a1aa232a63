//! C6: daily circulation statistics, counted from the audit log. Counts only: no card, no
//! barcode, no title leaves this query.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::DeskCode;
use crate::error::Result;
use crate::library::{Actor, Library};
use crate::staff::Permission;
use crate::store::date_str;

/// One desk's actions on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskCounts {
    /// None for actions taken with no desk (patron self-service).
    pub desk: Option<DeskCode>,
    pub name: String,
    pub checkouts: u32,
    pub checkins: u32,
    pub renewals: u32,
    pub holds_placed: u32,
}

impl Library {
    /// Per desk of the profile (in its order, idle desks too), then any other desk the log
    /// names, then actions with no desk.
    pub fn daily_stats(&mut self, actor: &Actor, on: NaiveDate) -> Result<Vec<DeskCounts>> {
        let desks: Vec<(DeskCode, String)> = self
            .policy()
            .desks
            .iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect();
        self.look(actor, Permission::Supervise, |ctx| {
            let mut st = ctx.tx.prepare_cached(
                "SELECT desk_code, action, count(*) FROM audit
                 WHERE substr(at, 1, 10) = ?1
                   AND action IN ('checkout', 'checkin', 'renew', 'hold.place')
                 GROUP BY desk_code, action",
            )?;
            let mut counted: BTreeMap<Option<String>, DeskCounts> = BTreeMap::new();
            let rows = st.query_map([date_str(on)], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            })?;
            for row in rows {
                let (desk, action, n) = row?;
                let c = counted.entry(desk.clone()).or_insert_with(|| DeskCounts {
                    name: desk.clone().unwrap_or_default(),
                    desk: desk.map(DeskCode),
                    ..DeskCounts::default()
                });
                match action.as_str() {
                    "checkout" => c.checkouts += n,
                    "checkin" => c.checkins += n,
                    "renew" => c.renewals += n,
                    _ => c.holds_placed += n,
                }
            }
            let mut out: Vec<DeskCounts> = desks
                .into_iter()
                .map(|(code, name)| {
                    let c = counted.remove(&Some(code.to_string())).unwrap_or_default();
                    DeskCounts {
                        desk: Some(code),
                        name,
                        ..c
                    }
                })
                .collect();
            let (named, no_desk): (Vec<_>, Vec<_>) =
                counted.into_values().partition(|c| c.desk.is_some());
            out.extend(named);
            out.extend(no_desk);
            Ok(out)
        })
    }
}
