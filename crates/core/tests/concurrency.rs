//! Desks in parallel on one library (issue 12): several threads, each with a connection of its
//! own (as separate desk programs have), start the same moment on a barrier. On PostgreSQL the
//! actions run SERIALIZABLE and are retried; on SQLite writers take turns. Either way the rules
//! hold: one waiting hold traps one copy (C13), the loan limit holds across desks (C8), carts get
//! distinct numbers (H9), and a notice is sent once (C19). `check` is clean after each.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Barrier;

use common::*;
use kashidashi_core::Library;
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy, RouteOutcome};
use kashidashi_core::notify::{SmtpSecurity, SmtpSettings};

/// Runs `work(i, library)` for each `i < n` on its own thread and connection, all released at
/// once, and returns the results in order of `i`.
fn desks_at_once<T: Send>(
    d: &Desk,
    n: usize,
    work: impl Fn(usize, &mut Library) -> T + Sync,
) -> Vec<T> {
    let start = Barrier::new(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (start, work) = (&start, &work);
                let target = d.db.target.clone();
                s.spawn(move || {
                    let mut lib = Library::open(target).unwrap();
                    start.wait();
                    work(i, &mut lib)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn c13_two_desks_returning_two_copies_of_a_held_title_trap_exactly_one() {
    let mut d = library("kyoto");
    d.patron("2000000019", "予約 花子");
    d.patron("2000000027", "返却 一郎");
    d.patron("2000000035", "返却 二郎");
    // Several rounds, so the two returns meet in more than one order.
    for round in 0..4 {
        let (a, b) = (format!("10000{round:02}001"), format!("10000{round:02}002"));
        let title = format!("檸檬 第{round}版");
        d.copy(&a, &title, "normal");
        d.copy(&b, &title, "normal");
        d.checkout("counter", "2026-04-01", "2000000027", &a)
            .unwrap();
        d.checkout("counter", "2026-04-01", "2000000035", &b)
            .unwrap();
        let hold = d.hold("2026-04-02", "2000000019", &a, "counter").unwrap();

        let copies = [a.clone(), b.clone()];
        let outcomes = desks_at_once(&d, 2, |i, lib| {
            let barcode = item(lib, &copies[i]);
            lib.checkin(&actor("counter", "2026-04-07"), &barcode, None, false)
                .unwrap()
        });

        let traps: Vec<_> = outcomes
            .iter()
            .filter_map(|o| match &o.route {
                RouteOutcome::Trapped(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(traps.len(), 1, "round {round}: one hold, one trap");
        assert_eq!(traps[0].hold, hold.id);
        assert!(
            outcomes
                .iter()
                .any(|o| matches!(o.route, RouteOutcome::Shelved)),
            "round {round}: the other copy goes back on the shelf"
        );
        let kept = d.hold_status(hold.id).item.unwrap();
        let other = if kept.as_str() == a { &b } else { &a };
        assert_eq!(d.item_status(other), "在庫", "round {round}");
        d.sound();
        // The patron collects it, so the next round's hold is their only one.
        d.checkout("counter", "2026-04-08", "2000000019", kept.as_str())
            .unwrap();
        d.checkin("counter", "2026-04-09", kept.as_str()).unwrap();
    }
    d.sound();
}

#[test]
fn c8_a_patron_one_short_of_the_limit_borrowing_at_two_desks_gets_one_loan() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    for n in 1..=11 {
        d.copy(&format!("10000000{n:02}"), &format!("本 {n}"), "normal");
    }
    for n in 1..=9 {
        d.checkout(
            "counter",
            "2026-04-01",
            "2000000019",
            &format!("10000000{n:02}"),
        )
        .unwrap();
    }
    let results = desks_at_once(&d, 2, |i, lib| {
        let c = card(lib, "2000000019");
        let b = item(lib, &format!("10000000{:02}", 10 + i));
        lib.checkout(&actor("counter", "2026-04-02"), &c, &b, false)
    });
    let lent = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(lent, 1, "the tenth loan, not an eleventh: {results:?}");
    let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert_eq!(codes(refused), vec!["checkout.limit"]);
    let open: u32 = d
        .lib
        .connection()
        .query_row(
            "SELECT count(*) FROM loans WHERE returned_on IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, 10, "C8: ten loans at most");
    d.sound();
}

#[test]
fn h9_carts_placed_at_once_get_distinct_numbers_and_keep_all_their_holds() {
    const DESKS: usize = 4;
    let mut d = library("hokkaido");
    let cards: Vec<String> = (0..DESKS).map(|i| format!("20000001{i:02}")).collect();
    for (i, c) in cards.iter().enumerate() {
        d.patron(c, &format!("利用者 {i}"));
    }
    // Each patron's cart: three titles of a series of their own.
    let carts: Vec<Vec<String>> = (0..DESKS)
        .map(|i| (1..=3).map(|v| format!("10000{i:02}00{v}")).collect())
        .collect();
    for (i, cart) in carts.iter().enumerate() {
        for (v, b) in cart.iter().enumerate() {
            d.copy(b, &format!("叢書 {i} 第{}巻", v + 1), "normal");
        }
    }
    let placed = desks_at_once(&d, DESKS, |i, lib| {
        let c = card(lib, &cards[i]);
        let items: Vec<_> = carts[i].iter().map(|b| item(lib, b)).collect();
        let req = HoldRequest {
            pickup: "general".into(),
            notify: Notify::None,
            by: PlacedBy::Staff,
        };
        lib.place_cart(
            &actor("general", "2026-04-01"),
            &c,
            &items,
            &req,
            true,
            false,
        )
        .unwrap()
    });
    let numbers: BTreeSet<i64> = placed
        .iter()
        .map(|holds| {
            let n = holds[0].cart.expect("a cart number");
            assert!(holds.iter().all(|h| h.cart == Some(n)));
            n
        })
        .collect();
    assert_eq!(numbers.len(), DESKS, "H9: one number per cart");
    for (i, holds) in placed.iter().enumerate() {
        let in_cart: u32 = d
            .lib
            .connection()
            .query_row(
                "SELECT count(*) FROM holds WHERE cart_id = ?1",
                [holds[0].cart.unwrap()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(in_cart, 3, "cart of patron {i}: all three titles");
        let status: Vec<&str> = holds.iter().map(|h| h.status.as_str()).collect();
        assert_eq!(
            status,
            vec!["allocated", "waiting", "waiting"],
            "読みたい順"
        );
    }
    d.sound();
}

/// The SMTP server of the CLI's notice tests (aiosmtpd on loopback): one JSON file per message.
struct Sink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    fn start() -> Sink {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/smtp_sink.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP server started");
        Sink { child, port, dir }
    }

    /// The recipient of every message received, in arrival order.
    fn recipients(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                let start = text.find("\"to\": [\"").unwrap() + 8;
                let end = start + text[start..].find('"').unwrap();
                text[start..end].to_string()
            })
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn c19_two_notice_senders_at_once_send_each_notice_once() {
    const PATRONS: usize = 8;
    let mut d = library("kyoto");
    d.patron("2000000999", "借りている人");
    let cards: Vec<String> = (0..PATRONS).map(|i| format!("20000001{i:02}")).collect();
    for (i, c) in cards.iter().enumerate() {
        let b = format!("10000001{i:02}");
        d.patron(c, &format!("予約者 {i}"));
        d.copy(&b, &format!("本 {i}"), "normal");
        d.checkout("counter", "2026-04-01", "2000000999", &b)
            .unwrap();
        d.hold_by(
            "2026-04-02",
            c,
            &b,
            "counter",
            Notify::Email,
            PlacedBy::Staff,
        )
        .unwrap();
        d.checkin("counter", "2026-04-07", &b).unwrap();
    }
    assert_eq!(d.lib.outbox().unwrap().len(), PATRONS, "one notice each");

    let sink = Sink::start();
    let smtp = SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.port,
        from: "kashidashi@example.jp".into(),
        security: SmtpSecurity::Insecure,
        credentials: None,
    };
    let reports = desks_at_once(&d, 2, |_, lib| {
        lib.send_notices(&smtp, on("2026-04-07")).unwrap()
    });

    let mut received = sink.recipients();
    assert_eq!(received.len(), PATRONS, "each notice once: {received:?}");
    received.sort();
    let mut expected: Vec<String> = cards.iter().map(|c| format!("p{c}@example.jp")).collect();
    expected.sort();
    assert_eq!(received, expected);
    assert_eq!(
        reports.iter().map(|r| r.sent).sum::<usize>(),
        PATRONS,
        "the senders count what they sent, not what the other did: {reports:?}"
    );
    assert!(d.lib.outbox().unwrap().is_empty(), "C6: sent → deleted");
    d.sound();
}
