//! `cargo bench -p kashidashi-print`: medians of the printing a desk waits for. Targets: a
//! 1,000-row hold-shelf report to PDF in 1 s or less, one slip in 50 ms or less (release).

use std::time::{Duration, Instant};

use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::domain::{DeskCode, Now, StaffId, parse_date};
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};
use kashidashi_core::patrons::PatronDetails;
use kashidashi_core::slips::Slip;
use kashidashi_core::{Actor, Library, scan};
use kashidashi_print::reports::{self, Header};
use kashidashi_print::slip_pdf;

fn actor(date: &str) -> Actor {
    Actor {
        staff: StaffId::new("admin"),
        desk: DeskCode::new("general"),
        now: Now::at_date(parse_date(date).unwrap()),
    }
}

/// 1,000 ready holds on the general counter's shelf, through the core API, and the hold slip
/// of the last one.
fn library(dir: &std::path::Path) -> (Library, Slip) {
    let mut lib = Library::init(dir.join("bench.db"), "hokkaido", actor("2026-01-05").now).unwrap();
    let a = actor("2026-04-01");
    for p in 1..=100 {
        let card = scan::card(lib.policy(), &format!("2{p:09}")).unwrap();
        let details = PatronDetails {
            name: format!("利用者 {p}"),
            ..Default::default()
        };
        lib.register_patron(&a, &card, &details, false).unwrap();
    }
    let mut slip = None;
    for i in 1..=1000usize {
        let b = scan::item(lib.policy(), &format!("1{i:09}")).unwrap();
        let details = ItemDetails {
            title: format!("北海道の自然と歴史をたずねる旅 第{i}巻 道東・道北編"),
            call_number: Some(format!("291.1/{i}")),
            ..Default::default()
        };
        lib.add_item(&a, &b, &details).unwrap();
        let card = scan::card(lib.policy(), &format!("2{:09}", i.div_ceil(10))).unwrap();
        let req = HoldRequest {
            pickup: "general".into(),
            notify: Notify::None,
            by: PlacedBy::Staff,
        };
        lib.place_hold(&a, &card, &b, &req, false).unwrap();
        slip = lib.checkin(&a, &b, None, false).unwrap().slip(lib.policy());
    }
    (lib, slip.expect("a trapped copy calls for a slip"))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut last = None;
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            last = Some(f());
            t.elapsed()
        })
        .collect();
    (median(samples), last.expect("at least one run"))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, slip) = library(dir.path());
    let a = actor("2026-04-02");
    let h = Header::new(lib.policy(), "general", a.now.today(), a.now.today());

    let t = Instant::now();
    slip_pdf(&slip).unwrap();
    println!(
        "first slip (parses the font once per process): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let (slip_time, slip_bytes) = measure(50, || slip_pdf(&slip).unwrap());
    println!(
        "hold slip: median {:.1} ms over 50, {} bytes",
        slip_time.as_secs_f64() * 1e3,
        slip_bytes.len()
    );

    let lines = lib.hold_shelf_report(&a, "general").unwrap();
    assert_eq!(lines.len(), 1000);
    let (render, pdf) = measure(10, || reports::hold_shelf(h.clone(), &lines).pdf());
    println!(
        "1,000-row hold shelf, layout and PDF: median {:.0} ms over 10, {} bytes",
        render.as_secs_f64() * 1e3,
        pdf.len()
    );
    let (whole, _) = measure(10, || {
        let lines = lib.hold_shelf_report(&a, "general").unwrap();
        reports::hold_shelf(h.clone(), &lines).pdf()
    });
    println!(
        "1,000-row hold shelf, query, layout and PDF: median {:.0} ms over 10",
        whole.as_secs_f64() * 1e3
    );
    let (csv_time, csv) = measure(10, || reports::hold_shelf(h.clone(), &lines).csv());
    println!(
        "1,000-row hold shelf CSV: median {:.1} ms over 10, {} bytes",
        csv_time.as_secs_f64() * 1e3,
        csv.len()
    );
    for (what, took, target) in [
        ("slip", slip_time, Duration::from_millis(50)),
        ("1,000-row report", whole, Duration::from_secs(1)),
    ] {
        let verdict = if took <= target { "within" } else { "OVER" };
        println!("{what}: {verdict} the {} ms target", target.as_millis());
    }
}
