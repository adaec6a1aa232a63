//! Shared set-up for the core's integration tests: a fresh database per test, on SQLite or on
//! PostgreSQL as `KASHIDASHI_TEST_PG` says (`db.rs`).
#![allow(dead_code)]

pub mod db;

use kashidashi_core::domain::{CardNumber, DeskCode, ItemBarcode, Now, StaffId, parse_date};
use kashidashi_core::{Actor, Library, scan};

pub use db::TestDb;

/// A library and its database; the library closes before the database is dropped.
pub struct Desk {
    pub lib: Library,
    pub db: TestDb,
}

pub fn library(profile: &str) -> Desk {
    let db = TestDb::new("k.db");
    let lib = Library::init(&db.target, profile, on("2026-04-01")).unwrap();
    Desk { lib, db }
}

pub fn on(date: &str) -> Now {
    Now::at_date(parse_date(date).unwrap())
}

pub fn actor(desk: &str, date: &str) -> Actor {
    Actor {
        staff: StaffId::new("admin"),
        desk: DeskCode::new(desk),
        now: on(date),
    }
}

pub fn as_staff(staff: &str, desk: &str, date: &str) -> Actor {
    Actor {
        staff: StaffId::new(staff),
        desk: DeskCode::new(desk),
        now: on(date),
    }
}

pub fn card(lib: &Library, s: &str) -> CardNumber {
    scan::card(lib.policy(), s).unwrap()
}

pub fn item(lib: &Library, s: &str) -> ItemBarcode {
    scan::item(lib.policy(), s).unwrap()
}

use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::circulation::CheckinOutcome;
use kashidashi_core::holds::{Hold, HoldRequest, Notify, PlacedBy, RouteOutcome, Trap};
use kashidashi_core::patrons::PatronDetails;

impl Desk {
    /// Add a copy; `title` groups copies (same title and author → one title).
    pub fn copy(&mut self, barcode: &str, title: &str, loan_type: &str) {
        self.copy_in(barcode, title, loan_type, "general");
    }

    pub fn copy_in(&mut self, barcode: &str, title: &str, loan_type: &str, collection: &str) {
        let b = item(&self.lib, barcode);
        let details = ItemDetails {
            title: title.into(),
            author: Some("著者".into()),
            loan_type: Some(loan_type.into()),
            collection: Some(collection.into()),
            size_cm: Some("18.8,12.8,2".into()),
            weight_g: Some("300".into()),
            ..Default::default()
        };
        self.lib
            .add_item(&actor(self.first_counter(), "2026-01-06"), &b, &details)
            .unwrap();
    }

    pub fn first_counter(&self) -> &'static str {
        if self.lib.policy().desk("general").is_ok() {
            "general"
        } else {
            "counter"
        }
    }

    /// A patron with an e-mail, an address, registered at Ebetsu where the profile has it.
    pub fn patron(&mut self, card_no: &str, name: &str) {
        let partners = if self.lib.policy().desk("ebetsu").is_ok() {
            vec!["ebetsu".into()]
        } else {
            vec![]
        };
        let details = PatronDetails {
            name: name.into(),
            birth_date: Some("1990-04-01".into()),
            email: Some(format!("p{card_no}@example.jp")),
            postal_code: Some("060-0001".into()),
            address: Some("札幌市中央区北1条西1丁目".into()),
            partners,
            ..Default::default()
        };
        let c = card(&self.lib, card_no);
        self.lib
            .register_patron(
                &actor(self.first_counter(), "2026-01-06"),
                &c,
                &details,
                false,
            )
            .unwrap();
    }

    pub fn checkout(
        &mut self,
        desk: &str,
        date: &str,
        card_no: &str,
        barcode: &str,
    ) -> kashidashi_core::Result<kashidashi_core::circulation::CheckoutOutcome> {
        let c = card(&self.lib, card_no);
        let b = item(&self.lib, barcode);
        self.lib.checkout(&actor(desk, date), &c, &b, false)
    }

    pub fn checkin(
        &mut self,
        desk: &str,
        date: &str,
        barcode: &str,
    ) -> kashidashi_core::Result<CheckinOutcome> {
        let b = item(&self.lib, barcode);
        self.lib.checkin(&actor(desk, date), &b, None, false)
    }

    pub fn renew(
        &mut self,
        date: &str,
        barcode: &str,
    ) -> kashidashi_core::Result<kashidashi_core::loans::Loan> {
        let b = item(&self.lib, barcode);
        let desk = self.first_counter();
        self.lib.renew(&actor(desk, date), &b, false)
    }

    pub fn hold(
        &mut self,
        date: &str,
        card_no: &str,
        barcode: &str,
        pickup: &str,
    ) -> kashidashi_core::Result<Hold> {
        self.hold_by(
            date,
            card_no,
            barcode,
            pickup,
            Notify::None,
            PlacedBy::Staff,
        )
    }

    pub fn hold_by(
        &mut self,
        date: &str,
        card_no: &str,
        barcode: &str,
        pickup: &str,
        notify: Notify,
        by: PlacedBy,
    ) -> kashidashi_core::Result<Hold> {
        let c = card(&self.lib, card_no);
        let b = item(&self.lib, barcode);
        let req = HoldRequest {
            pickup: pickup.into(),
            notify,
            by,
        };
        let desk = self.first_counter();
        self.lib.place_hold(&actor(desk, date), &c, &b, &req, false)
    }

    pub fn hold_status(&mut self, id: kashidashi_core::domain::HoldId) -> Hold {
        let desk = self.first_counter();
        self.lib.hold(&actor(desk, "2026-01-06"), id).unwrap()
    }

    pub fn item_status(&mut self, barcode: &str) -> &'static str {
        let b = item(&self.lib, barcode);
        let desk = self.first_counter();
        self.lib
            .item(&actor(desk, "2026-01-06"), &b)
            .unwrap()
            .status_label()
    }

    pub fn sound(&self) {
        assert_eq!(self.lib.check_invariants().unwrap(), Vec::<String>::new());
    }
}

pub fn trapped(o: &CheckinOutcome) -> &Trap {
    match &o.route {
        RouteOutcome::Trapped(t) => t,
        other => panic!("expected a trap, got {other:?}"),
    }
}

pub fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

pub fn codes(e: &kashidashi_core::Error) -> Vec<&'static str> {
    match e {
        kashidashi_core::Error::Refused(rs) => rs.iter().map(|r| r.code()).collect(),
        other => vec![other.code()],
    }
}
