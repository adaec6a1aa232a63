//! A month of desk activity for the small demo, through the same `Library` calls the desk makes,
//! so every shelf, transit and overdue loan in it is one the rules produced.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::domain::{CardNumber, DeskCode, DeskKind, ItemBarcode, Now, StaffId};
use crate::error::Result;
use crate::holds::{HoldRequest, Notify, PlacedBy};
use crate::library::{Actor, Library};

fn actor(desk: &DeskCode, day: NaiveDate) -> Actor {
    Actor {
        staff: StaffId::new("admin"),
        desk: desk.clone(),
        now: Now::at_date(day),
    }
}

fn strings(lib: &Library, sql: &str) -> Result<Vec<(String, String)>> {
    let mut st = lib.connection().prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

fn triples(lib: &Library, sql: &str) -> Result<Vec<(String, String, String)>> {
    let mut st = lib.connection().prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

pub(super) fn month(
    lib: &mut Library,
    rng: &mut StdRng,
    cards: &[String],
    items: &[String],
    today: NaiveDate,
) -> Result<()> {
    let policy = lib.policy().clone();
    let counter = policy.first_counter().code.clone();
    let pickups: Vec<(DeskCode, u32)> = policy
        .desks
        .iter()
        .map(|d| {
            let weight = match d.kind {
                DeskKind::Counter => 14,
                DeskKind::DutyRoom => 3,
                DeskKind::Partner => 1,
                DeskKind::Home => 1,
            };
            (d.code.clone(), weight)
        })
        .collect();
    let card = |s: &str| CardNumber::new_unchecked(s.to_string());
    let item = |s: &str| ItemBarcode::new_unchecked(s.to_string());
    let start = today - Duration::days(30);
    for day in start.iter_days().take_while(|d| *d <= today) {
        let at = actor(&counter, day);
        // Copies arriving from transit are received where they were going.
        for (barcode, to) in strings(
            lib,
            "SELECT barcode, transit_to FROM items WHERE status = 'in-transit'",
        )? {
            let _ = lib.checkin(&actor(&DeskCode(to), day), &item(&barcode), None, false);
        }
        // Patrons collect most ready holds where they wait; partner and home holds go out on
        // their days from the counter of their collection (H11).
        for (c, b, desk) in triples(
            lib,
            "SELECT p.card, i.barcode, CASE WHEN d.kind IN ('counter', 'duty-room')
                    THEN h.shelf_desk ELSE i.home_desk END
               FROM holds h JOIN patrons p ON p.id = h.patron_id JOIN items i ON i.id = h.item_id
               JOIN desks d ON d.code = h.pickup_desk
              WHERE h.status IN ('ready', 'in-transit') AND h.available_from IS NOT NULL",
        )? {
            if rng.random_range(0..3) > 0 {
                let _ = lib.checkout(&actor(&DeskCode(desk), day), &card(&c), &item(&b), false);
            }
        }
        // Walk-in loans at the counter of each copy's collection; none on closed days (C23).
        for _ in 0..14 {
            let (c, b) = (
                cards.choose(rng).expect("cards"),
                items.choose(rng).expect("items"),
            );
            let home: String = lib.connection().query_row(
                "SELECT home_desk FROM items WHERE barcode = ?1",
                [b],
                |r| r.get(0),
            )?;
            let _ = lib.checkout(&actor(&DeskCode(home), day), &card(c), &item(b), false);
        }
        let returns = strings(
            lib,
            &format!(
                "SELECT i.barcode, l.desk_code FROM loans l JOIN items i ON i.id = l.item_id
             WHERE l.returned_on IS NULL AND l.loaned_on <= '{}' ORDER BY random() LIMIT 9",
                day - Duration::days(3)
            ),
        )?;
        for (b, desk) in returns {
            let kind = policy.desk(&desk).map(|d| d.kind)?;
            let at_desk = if kind.is_remote() {
                counter.clone()
            } else {
                DeskCode(desk)
            };
            let _ = lib.checkin(&actor(&at_desk, day), &item(&b), None, false);
        }
        for (b, _) in strings(
            lib,
            "SELECT i.barcode, '' FROM loans l JOIN items i ON i.id = l.item_id
                                    WHERE l.returned_on IS NULL ORDER BY random() LIMIT 2",
        )? {
            let _ = lib.renew(&at, &item(&b), false);
        }
        for (b, _) in strings(
            lib,
            "SELECT barcode, '' FROM items WHERE status IN ('on-loan', 'available')
                                    AND loan_type = 'normal' ORDER BY random() LIMIT 5",
        )? {
            let pickup = pickups
                .choose_weighted(rng, |p| p.1)
                .map_or(counter.clone(), |p| p.0.clone());
            let req = HoldRequest {
                pickup: pickup.to_string(),
                notify: if rng.random_range(0..2) == 0 {
                    Notify::Email
                } else {
                    Notify::None
                },
                by: PlacedBy::Staff,
            };
            let _ = lib.place_hold(
                &at,
                &card(cards.choose(rng).expect("cards")),
                &item(&b),
                &req,
                false,
            );
        }
        // Allocated copies are pulled on weekdays.
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            for (b, home) in strings(
                lib,
                "SELECT i.barcode, i.home_desk FROM holds h JOIN items i ON i.id = h.item_id
                                           WHERE h.status = 'allocated'",
            )? {
                let _ = lib.checkin(&actor(&DeskCode(home), day), &item(&b), None, false);
            }
        }
        lib.expire_shelf(&at)?;
    }
    Ok(())
}
