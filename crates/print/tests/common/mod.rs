//! Shared set-up for the print tests: a real library built through the core API, and the
//! independent tools that read what was printed (poppler's pdftotext, pdfinfo and pdftoppm,
//! zbar's zbarimg).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::domain::{
    CardNumber, DeskCode, HoldId, ItemBarcode, Now, StaffId, parse_date,
};
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};
use kashidashi_core::patrons::{PatronDetails, Registered};
use kashidashi_core::{Actor, Library, scan};
use tempfile::TempDir;

pub struct Desk {
    pub dir: TempDir,
    pub lib: Library,
}

pub fn day(s: &str) -> chrono::NaiveDate {
    parse_date(s).unwrap()
}

pub fn actor(desk: &str, date: &str) -> Actor {
    Actor {
        staff: StaffId::new("admin"),
        desk: DeskCode::new(desk),
        now: Now::at_date(day(date)),
    }
}

pub fn library() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::init(
        dir.path().join("k.db"),
        "hokkaido",
        Now::at_date(day("2026-01-06")),
    )
    .unwrap();
    Desk { dir, lib }
}

impl Desk {
    pub fn card(&self, s: &str) -> CardNumber {
        scan::card(self.lib.policy(), s).unwrap()
    }

    pub fn item(&self, s: &str) -> ItemBarcode {
        scan::item(self.lib.policy(), s).unwrap()
    }

    pub fn copy(&mut self, barcode: &str, title: &str, collection: &str, call_number: &str) {
        let b = self.item(barcode);
        let details = ItemDetails {
            title: title.into(),
            author: Some("著者".into()),
            collection: Some(collection.into()),
            call_number: Some(call_number.into()),
            size_cm: Some("18.8,12.8,2".into()),
            weight_g: Some("300".into()),
            ..Default::default()
        };
        self.lib
            .add_item(&actor("general", "2026-01-06"), &b, &details)
            .unwrap();
    }

    pub fn patron(&mut self, card: &str, name: &str) -> Registered {
        let details = PatronDetails {
            name: name.into(),
            birth_date: Some("1990-04-01".into()),
            postal_code: Some("060-0001".into()),
            address: Some("札幌市中央区北1条西1丁目 道庁前ハイツ101号".into()),
            phone: Some("011-231-4111".into()),
            partners: vec!["ebetsu".into()],
            ..Default::default()
        };
        let c = self.card(card);
        self.lib
            .register_patron(&actor("general", "2026-01-06"), &c, &details, false)
            .unwrap()
    }

    pub fn checkout(&mut self, desk: &str, date: &str, card: &str, barcode: &str) {
        let (c, b) = (self.card(card), self.item(barcode));
        self.lib
            .checkout(&actor(desk, date), &c, &b, false)
            .unwrap();
    }

    pub fn checkin(
        &mut self,
        desk: &str,
        date: &str,
        barcode: &str,
    ) -> kashidashi_core::circulation::CheckinOutcome {
        let b = self.item(barcode);
        self.lib
            .checkin(&actor(desk, date), &b, None, false)
            .unwrap()
    }

    pub fn hold(&mut self, date: &str, card: &str, barcode: &str, pickup: &str) -> HoldId {
        let (c, b) = (self.card(card), self.item(barcode));
        let req = HoldRequest {
            pickup: pickup.into(),
            notify: Notify::None,
            by: PlacedBy::Staff,
        };
        self.lib
            .place_hold(&actor("general", date), &c, &b, &req, false)
            .unwrap()
            .id
    }
}

/// Where printed files go: a fresh folder per test, kept for a look when
/// KASHIDASHI_KEEP_PRINTS is set.
pub fn out_dir() -> TempDir {
    let mut dir = tempfile::tempdir().unwrap();
    if std::env::var_os("KASHIDASHI_KEEP_PRINTS").is_some() {
        eprintln!("prints kept in {}", dir.path().display());
        dir.disable_cleanup(true);
    }
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    String::from_utf8(out.stdout).unwrap()
}

/// `text` with every run of whitespace made one space: pdftotext's layout spacing varies.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fails with the whole text when `expected` (its spacing squeezed) is not in it.
pub fn assert_has(text: &str, expected: &str) {
    assert!(
        squeeze(text).contains(&squeeze(expected)),
        "{expected:?} missing from:\n{text}"
    );
}

/// The text of a PDF in reading layout.
pub fn text(pdf: &Path) -> String {
    run(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"))
}

pub fn pages(pdf: &Path) -> usize {
    let info = run(Command::new("pdfinfo").arg(pdf));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

pub fn fonts(pdf: &Path) -> String {
    run(Command::new("pdffonts").arg(pdf))
}

/// Each page of `pdf` as a PNG at `dpi`.
pub fn render(pdf: &Path, dpi: u32) -> Vec<PathBuf> {
    let prefix = pdf.with_extension("").display().to_string() + &format!("-{dpi}");
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let dir = pdf.parent().unwrap();
    let stem = Path::new(&prefix)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(&format!("{stem}-")) && name.ends_with(".png")
        })
        .collect();
    pngs.sort();
    assert!(
        !pngs.is_empty(),
        "pdftoppm made no page of {}",
        pdf.display()
    );
    pngs
}

/// Every barcode zbar finds in an image, as it reads them.
pub fn decode(png: &Path) -> Vec<String> {
    run(Command::new("zbarimg").args(["-q", "--raw"]).arg(png))
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every barcode on every page of `pdf` rendered at `dpi`.
pub fn barcodes(pdf: &Path, dpi: u32) -> Vec<String> {
    render(pdf, dpi).iter().flat_map(|p| decode(p)).collect()
}
