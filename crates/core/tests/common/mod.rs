//! Shared set-up for the core's integration tests: a fresh database per test.
#![allow(dead_code)]

use kashidashi_core::domain::{CardNumber, DeskCode, ItemBarcode, Now, StaffId, parse_date};
use kashidashi_core::{Actor, Library, scan};
use tempfile::TempDir;

pub struct Desk {
    pub dir: TempDir,
    pub lib: Library,
}

pub fn library(profile: &str) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::init(&dir.path().join("k.db"), profile, on("2026-04-01")).unwrap();
    Desk { dir, lib }
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
