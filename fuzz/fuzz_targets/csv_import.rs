//! `import items FILE.csv` on a library of its own (SQLite in a temporary folder): any bytes are
//! imported or refused with the rows named (C7), never a panic.
#![no_main]

use std::sync::{LazyLock, Mutex};

use kashidashi_core::domain::{DeskCode, Now, StaffId, parse_date};
use kashidashi_core::{Actor, Lang, Library};
use libfuzzer_sys::fuzz_target;

struct Desk {
    lib: Library,
    actor: Actor,
    _dir: tempfile::TempDir,
}

static DESK: LazyLock<Mutex<Desk>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let now = Now::at_date(parse_date("2026-04-01").unwrap());
    let lib = Library::init(dir.path().join("fuzz.db"), "hokkaido", now).unwrap();
    let actor = Actor {
        staff: StaffId::new("admin"),
        desk: DeskCode::new("general"),
        now,
    };
    Mutex::new(Desk {
        lib,
        actor,
        _dir: dir,
    })
});

fuzz_target!(|data: &[u8]| {
    let mut desk = DESK.lock().unwrap();
    let Desk { lib, actor, .. } = &mut *desk;
    let _ = lib.import_items_csv(actor, data, Lang::Ja, &mut |_, _| {});
});
