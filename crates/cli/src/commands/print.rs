//! Printing: reports, slips, labels and card barcodes, written to the files named on the
//! command line.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use kashidashi_core::domain::HoldId;
use kashidashi_core::slips::Slip;
use kashidashi_core::{Error, Invalid, Result, StoreError, private_files, scan};
use kashidashi_print::reports::{self, ReportKind};
use kashidashi_print::{PrintError, card_label_pdf, card_png, delivery_label_pdf, slip_pdf};

use crate::args::{CardCmd, SlipCmd};
use crate::env::Env;
use crate::reply::Reply;

fn io_error(path: &Path, e: std::io::Error) -> Error {
    StoreError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
    .into()
}

fn print_error(e: PrintError) -> Error {
    match e {
        PrintError::Barcode { data, .. } => Invalid::BadValue {
            field: "barcode",
            input: data,
        }
        .into(),
        PrintError::Png(detail) => StoreError::Io {
            path: "PNG".into(),
            detail,
        }
        .into(),
    }
}

/// `--out FILE`: the file asked for, replaced whole, readable by its owner only.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    private_files::write_replacing(path, bytes).map_err(|e| io_error(path, e))
}

/// A slip file opened before the action that prints it: a path that cannot be written then
/// refuses the action instead of losing what only the slip shows (a temporary password). It is
/// always a new file (0600): an existing file or symlink of that name refuses the action before
/// it runs, so a slip never overwrites anything, and removing a refused action's slip removes
/// only what this command created.
pub struct SlipFile {
    path: PathBuf,
    file: File,
    settled: bool,
}

impl Drop for SlipFile {
    /// A refused action leaves no empty slip file behind.
    fn drop(&mut self) {
        if !self.settled {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl SlipFile {
    pub fn create(path: Option<&Path>) -> Result<Option<SlipFile>> {
        path.map(|p| {
            let file = private_files::create_new(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Invalid::FileExists {
                    path: p.display().to_string(),
                }
                .into(),
                _ => io_error(p, e),
            })?;
            Ok(SlipFile {
                path: p.to_path_buf(),
                file,
                settled: false,
            })
        })
        .transpose()
    }

    /// Write `slip`; with none to print, leave no empty file behind.
    pub fn write(mut self, slip: Option<&Slip>) -> Result<Option<PathBuf>> {
        let Some(slip) = slip else {
            self.settled = true;
            std::fs::remove_file(&self.path).map_err(|e| io_error(&self.path, e))?;
            return Ok(None);
        };
        let bytes = slip_pdf(slip).map_err(print_error)?;
        self.file
            .write_all(&bytes)
            .map_err(|e| io_error(&self.path, e))?;
        self.settled = true;
        Ok(Some(self.path.clone()))
    }
}

/// A file written beside its final name and renamed once complete: a report refused or
/// failing half-way leaves the file of the same name as it was.
struct PartFile {
    path: PathBuf,
    part: PathBuf,
    file: File,
}

impl PartFile {
    fn create(path: &Path) -> Result<PartFile> {
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = PathBuf::from(part);
        // A part file left by a killed run is ours to remove (a symlink there is unlinked, never
        // followed); the new one is private like every file the program writes.
        match std::fs::remove_file(&part) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(&part, e)),
            _ => {}
        }
        let file = private_files::create_new(&part).map_err(|e| io_error(&part, e))?;
        Ok(PartFile {
            path: path.to_path_buf(),
            part,
            file,
        })
    }

    fn finish(self) -> Result<()> {
        std::fs::rename(&self.part, &self.path).map_err(|e| io_error(&self.path, e))
    }
}

impl Drop for PartFile {
    /// Unfinished: nothing is left behind. Finished: the part file is already renamed.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.part);
    }
}

pub fn report(
    env: &Env,
    kind: ReportKind,
    out: &Path,
    date: Option<&str>,
    csv: Option<&Path>,
) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let date = date
        .map(|d| env.date(d))
        .transpose()?
        .unwrap_or(env.now.today());
    let report = match csv {
        Some(path) => {
            let csv = PartFile::create(path)?;
            let mut w = BufWriter::new(&csv.file);
            let report = reports::build(
                &mut lib,
                &actor,
                kind,
                date,
                Some(&mut w),
                reports::PDF_ROWS,
            )?;
            w.flush().map_err(|e| io_error(path, e))?;
            drop(w);
            csv.finish()?;
            report
        }
        None => reports::build(&mut lib, &actor, kind, date, None, reports::PDF_ROWS)?,
    };
    write_file(out, &report.pdf())?;
    Ok(Reply::new(env.t(
        format!(
            "{}: {} ({}件)",
            report.title,
            out.display(),
            report.row_count()
        ),
        format!(
            "{}: {} ({} rows)",
            kind.as_str(),
            out.display(),
            report.row_count()
        ),
    ))
    .with("report", kind.as_str())
    .with("out", out)
    .with("csv", csv)
    .with("rows", report.row_count()))
}

pub fn slip(env: &Env, cmd: &SlipCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        SlipCmd::Receipt { card, out } => {
            let card = scan::card(lib.policy(), card)?;
            let slip = lib.receipt(&actor, &card)?;
            write_file(out, &slip_pdf(&slip).map_err(print_error)?)?;
            Ok(Reply::new(env.t(
                format!("貸出票: {}", out.display()),
                format!("Receipt: {}", out.display()),
            ))
            .with("out", out))
        }
        SlipCmd::Hold { id, out } => {
            let slip = lib.hold_slip(&actor, HoldId(*id))?;
            write_file(out, &slip_pdf(&slip).map_err(print_error)?)?;
            Ok(Reply::new(env.t(
                format!("予約 #{id} の票: {}", out.display()),
                format!("Slip of hold #{id}: {}", out.display()),
            ))
            .with("out", out))
        }
        SlipCmd::Address { hold, out } => {
            let label = lib.delivery_label(&actor, HoldId(*hold))?;
            write_file(out, &delivery_label_pdf(&label))?;
            Ok(Reply::new(format!(
                "{} {}冊 (着払い): {}",
                label.carrier.label(),
                label.shipments.len(),
                out.display()
            ))
            .with("out", out)
            .with("carrier", label.carrier.as_str())
            .with("size_class", label.carrier.size_class())
            .with(
                "holds",
                label.shipments.iter().map(|s| s.hold.0).collect::<Vec<_>>(),
            ))
        }
    }
}

pub fn card(env: &Env, cmd: &CardCmd) -> Result<Reply> {
    let CardCmd::Barcode { card, out, label } = cmd;
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let card = scan::card(lib.policy(), card)?;
    lib.patron(&actor, &card)?;
    write_file(out, &card_png(&card).map_err(print_error)?)?;
    if let Some(label) = label {
        let pdf = card_label_pdf(&lib.policy().library_name, &card).map_err(print_error)?;
        write_file(label, &pdf)?;
    }
    Ok(Reply::new(env.t(
        format!("利用者カードのバーコード: {}", out.display()),
        format!("Card barcode: {}", out.display()),
    ))
    .with("out", out)
    .with("label", label))
}
