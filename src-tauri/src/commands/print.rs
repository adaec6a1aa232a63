//! Printing from the desk: slips and reports become PDF files in `prints/` beside the database
//! (or in this PC's data folder for a server's library);
//! staff preview them in the system's PDF viewer or send them to the printer (CUPS `lp`).

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use kashidashi_core::slips::Slip;
use kashidashi_core::{Error, Invalid, StoreError, private_files, scan};
use kashidashi_print::reports::{self, ReportKind};
use kashidashi_print::slip_pdf;
use kashidashi_wire::ErrorView;
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::Desk;

#[derive(Serialize)]
pub struct Printed {
    kind: &'static str,
    /// The saved file; none when it could not be saved (`error` says why).
    path: Option<String>,
    csv: Option<String>,
    error: Option<ErrorView>,
}

fn io(path: &Path, e: impl ToString) -> Error {
    StoreError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
    .into()
}

/// Beside the library's file; for a server's library, in this PC's data folder (where its file
/// would be): prints stay on the desk that made them.
fn prints_dir(state: &Desk) -> PathBuf {
    state
        .target()
        .and_then(|t| t.file().map(Path::to_path_buf))
        .unwrap_or_else(kashidashi_core::store::default_path)
        .parent()
        .map_or_else(|| PathBuf::from("prints"), |d| d.join("prints"))
}

/// Write `bytes` as a new file named after its kind and the moment.
fn save(state: &Desk, kind: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    let dir = prints_dir(state);
    private_files::create_dir(&dir).map_err(|e| io(&dir, e))?;
    let stamp = state.now().rfc3339().replace([':', '+'], "");
    for n in 0.. {
        let path = dir.join(format!("{kind}-{stamp}-{n}.{ext}"));
        // create_new, not a check then a write: two prints in the same moment never share a file.
        // 0600 in a 0700 folder: slips name patrons and titles.
        match private_files::create_new(&path) {
            Ok(mut f) => {
                f.write_all(bytes).map_err(|e| io(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(&path, e)),
        }
    }
    unreachable!("some file name is free")
}

fn slip_kind(slip: &Slip) -> &'static str {
    match slip {
        Slip::CheckoutReceipt { .. } => "receipt",
        Slip::HoldSlip { .. } => "hold-slip",
        Slip::TransitSlip { .. } => "transit-slip",
        Slip::TemporaryPassword { .. } => "temporary-password",
    }
}

/// Render and save the slip an action called for.
pub fn save_slip(state: &Desk, slip: &Slip) -> Result<Printed, Error> {
    let pdf = slip_pdf(slip).map_err(|e| io(Path::new("PDF"), format!("{e:?}")))?;
    let path = save(state, slip_kind(slip), "pdf", &pdf)?;
    Ok(Printed {
        kind: slip_kind(slip),
        path: Some(path.display().to_string()),
        csv: None,
        error: None,
    })
}

/// Issue 10.15: the slip of an action already committed (a loan returned, a password set). A
/// slip that cannot be saved is reported beside the result, never instead of it: an error here
/// would hide a temporary password nobody can see again.
pub fn slip_after_commit(state: &Desk, slip: &Slip) -> Printed {
    save_slip(state, slip).unwrap_or_else(|e| {
        tracing::warn!(code = e.code(), "slip not saved");
        Printed {
            kind: slip_kind(slip),
            path: None,
            csv: None,
            error: Some(state.error(e)),
        }
    })
}

/// The checkout receipt of a patron (every open loan, due dates, 延長済).
#[tauri::command(rename_all = "snake_case")]
pub async fn print_receipt(state: State<'_, Desk>, card: String) -> CmdResult<Printed> {
    let slip = state.act(|lib, actor| lib.receipt(actor, &scan::card(lib.policy(), &card)?))?;
    save_slip(&state, &slip).map_err(|e| state.error(e))
}

/// A supervisor report for this desk and `date` (default today), as PDF and CSV.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_report(
    state: State<'_, Desk>,
    kind: String,
    date: Option<String>,
) -> CmdResult<Printed> {
    let mut csv_bytes = Vec::new();
    let report = state.act(|lib, actor| {
        let k = ReportKind::parse(&kind).ok_or_else(|| Invalid::BadValue {
            field: "report",
            input: kind.clone(),
        })?;
        let day = match date.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => kashidashi_core::domain::date_input(d)?,
            None => actor.now.today(),
        };
        reports::build(lib, actor, k, day, Some(&mut csv_bytes), reports::PDF_ROWS)
    })?;
    let pdf = save(&state, &kind, "pdf", &report.pdf()).map_err(|e| state.error(e))?;
    let csv = save(&state, &kind, "csv", &csv_bytes).map_err(|e| state.error(e))?;
    Ok(Printed {
        kind: "report",
        path: Some(pdf.display().to_string()),
        csv: Some(csv.display().to_string()),
        error: None,
    })
}

/// A file the app saved in `prints/`, by the path it gave the window: the window cannot name
/// anything else.
fn saved_print(state: &Desk, path: &str) -> CmdResult<PathBuf> {
    let prints = prints_dir(state);
    let dir = prints
        .canonicalize()
        .map_err(|e| state.error(io(&prints, e)))?;
    let file = PathBuf::from(path)
        .canonicalize()
        .map_err(|e| state.error(io(Path::new(path), e)))?;
    if file.parent() != Some(dir.as_path()) {
        return Err(state.error(
            Invalid::BadValue {
                field: "path",
                input: path.to_string(),
            }
            .into(),
        ));
    }
    Ok(file)
}

fn is_password_slip(file: &Path) -> bool {
    file.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(kashidashi_core::prints::PASSWORD_SLIP))
}

/// Issue 10.6: a slip holding a password is removed as soon as it has served.
fn remove_password_slip(state: &Desk, file: &Path) -> CmdResult<()> {
    match std::fs::remove_file(file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(state.error(io(file, e))),
    }
}

/// Preview a saved print in the system PDF viewer, or send it to the printer. A temporary
/// password slip sent to the printer is deleted at once: CUPS has its own copy by then.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_file(state: State<'_, Desk>, path: String, action: String) -> CmdResult<()> {
    let file = saved_print(&state, &path)?;
    let (program, args): (&str, Vec<String>) = match action.as_str() {
        "preview" => ("xdg-open", vec![file.display().to_string()]),
        "print" => {
            let mut args = Vec::new();
            if let Ok(printer) = std::env::var("KASHIDASHI_PRINTER") {
                args.extend(["-d".to_string(), printer]);
            }
            args.push(file.display().to_string());
            ("lp", args)
        }
        other => {
            return Err(state.error(
                Invalid::BadValue {
                    field: "action",
                    input: other.to_string(),
                }
                .into(),
            ));
        }
    };
    let status = Command::new(program)
        .args(&args)
        .status()
        .map_err(|e| state.error(io(Path::new(program), e)))?;
    if !status.success() {
        return Err(state.error(io(Path::new(program), format!("exit {status}"))));
    }
    if action == "print" && is_password_slip(&file) {
        remove_password_slip(&state, &file)?;
    }
    Ok(())
}

/// Issue 10.6: the temporary-password dialog closed, so its slip has been printed or shown (or
/// the password read from the screen): nothing holding the password is left in `prints/`, not
/// even until the nightly job. Only password slips can be discarded; receipts stay their day.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_discard(state: State<'_, Desk>, path: String) -> CmdResult<()> {
    if !is_password_slip(Path::new(&path)) {
        return Err(state.error(
            Invalid::BadValue {
                field: "path",
                input: path,
            }
            .into(),
        ));
    }
    // Sent to the printer, and removed then.
    if !Path::new(&path).exists() {
        return Ok(());
    }
    let file = saved_print(&state, &path)?;
    if !is_password_slip(&file) {
        return Err(state.error(
            Invalid::BadValue {
                field: "path",
                input: path,
            }
            .into(),
        ));
    }
    remove_password_slip(&state, &file)
}
