//! C6: after a day of circulation, a dump of the whole database links no returned title to a
//! patron, unless that patron asked to keep a reading history.

mod common;

use common::*;
use kashidashi_core::store::{Connection, Value};

/// Every row of every table, as (table, column, value) lists.
fn dump(conn: &Connection) -> Vec<(String, Vec<(String, Value)>)> {
    let tables = conn.table_names().unwrap();
    let mut rows = Vec::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let names = st.column_names();
        let got: Vec<Vec<(String, Value)>> = st
            .query_map([], |r| {
                Ok(names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.clone(), r.get::<_, Value>(i).unwrap()))
                    .collect())
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.extend(got.into_iter().map(|r| (t.clone(), r)));
    }
    rows
}

struct Reader {
    id: i64,
    card: String,
}

struct Book {
    item_id: i64,
    title_id: i64,
    barcode: String,
    title: String,
}

fn mentions_reader(row: &[(String, Value)], p: &Reader) -> bool {
    row.iter().any(|(col, v)| match v {
        Value::Integer(i) => col == "patron_id" && *i == p.id,
        Value::Text(s) => s.contains(&p.card),
        _ => false,
    })
}

fn mentions_book(row: &[(String, Value)], b: &Book) -> bool {
    row.iter().any(|(col, v)| match v {
        Value::Integer(i) => {
            (col == "item_id" && *i == b.item_id) || (col == "title_id" && *i == b.title_id)
        }
        Value::Text(s) => s.contains(&b.barcode) || s.contains(&b.title),
        _ => false,
    })
}

#[test]
fn c6_no_returned_title_stays_linked_to_a_patron() {
    let mut d = library("hokkaido");
    let readers = ["2000000019", "2000000027", "2000000035", "2000000043"];
    for (n, c) in readers.iter().enumerate() {
        d.patron(c, &format!("読者 {n}"));
    }
    // The last patron asked to keep a reading history: the control that the dump can see links.
    d.lib
        .connection()
        .execute(
            "UPDATE patrons SET keep_history = TRUE WHERE card = '2000000043'",
            [],
        )
        .unwrap();
    let titles = ["坊っちゃん", "こころ", "羅生門", "檸檬", "山月記", "舞姫"];
    for (n, t) in titles.iter().enumerate() {
        d.copy(&format!("10000000{:02}", n + 1), t, "normal");
    }
    // A day at the counter: loans, a hold trapped on return and collected, a renewal, returns.
    d.checkout("general", "2026-05-01", "2000000019", "1000000001")
        .unwrap();
    d.checkout("general", "2026-05-01", "2000000019", "1000000002")
        .unwrap();
    d.checkout("general", "2026-05-01", "2000000027", "1000000003")
        .unwrap();
    d.checkout("general", "2026-05-01", "2000000043", "1000000004")
        .unwrap();
    d.hold("2026-05-01", "2000000035", "1000000001", "general")
        .unwrap();
    d.renew("2026-05-01", "1000000002").unwrap();
    d.checkin("general", "2026-05-01", "1000000001").unwrap();
    d.checkout("general", "2026-05-01", "2000000035", "1000000001")
        .unwrap();
    d.checkin("general", "2026-05-01", "1000000001").unwrap();
    d.checkin("general", "2026-05-01", "1000000002").unwrap();
    d.checkin("general", "2026-05-01", "1000000004").unwrap();
    d.checkout("general", "2026-05-01", "2000000027", "1000000005")
        .unwrap();
    d.sound();
    let Desk { lib, db } = d;
    drop(lib);

    let conn = Connection::open(&db.target).unwrap();
    let reader = |card: &str| Reader {
        id: conn
            .query_row("SELECT id FROM patrons WHERE card = ?1", [card], |r| {
                r.get(0)
            })
            .unwrap(),
        card: card.to_string(),
    };
    let book = |barcode: &str| {
        conn.query_row(
            "SELECT i.id, t.id, t.title FROM items i JOIN titles t ON t.id = i.title_id WHERE barcode = ?1",
            [barcode],
            |r| Ok(Book { item_id: r.get(0)?, title_id: r.get(1)?, barcode: barcode.to_string(), title: r.get(2)? }),
        )
        .unwrap()
    };
    let rows = dump(&conn);
    let linked = |p: &Reader, b: &Book| {
        rows.iter()
            .any(|(_, r)| mentions_reader(r, p) && mentions_book(r, b))
    };

    for (card, barcode) in [
        ("2000000019", "1000000001"),
        ("2000000019", "1000000002"),
        ("2000000035", "1000000001"),
    ] {
        assert!(
            !linked(&reader(card), &book(barcode)),
            "{card} still linked to returned {barcode}"
        );
    }
    // Open loans are linked, as staff must see them; so is the history a patron asked for.
    assert!(linked(&reader("2000000027"), &book("1000000003")));
    assert!(linked(&reader("2000000043"), &book("1000000004")));
    // The audit log names one thing per entry.
    let mixed = rows
        .iter()
        .filter(|(t, _)| t == "audit")
        .filter(|(_, r)| {
            readers.iter().any(|c| mentions_reader(r, &reader(c)))
                && (1..=6).any(|n| mentions_book(r, &book(&format!("10000000{n:02}"))))
        })
        .count();
    assert_eq!(mixed, 0);
}
