use kashidashi_core::domain::{CopyState, DeskCode};
use kashidashi_core::policy::builtin_profile;
use kashidashi_core::staff::StaffSummary;
use kashidashi_core::store::{Target, default_path};
use kashidashi_core::{Invalid, Lang, StoreError};
use kashidashi_wire::{DeskView, ErrorView, date_string};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, bad_address, library_already_chosen, not_signed_in};
use crate::library_choice::{self, Choice};
use crate::state::Desk;

#[derive(Serialize)]
pub struct StaffView {
    id: String,
    name: String,
    role: &'static str,
}

impl From<&StaffSummary> for StaffView {
    fn from(s: &StaffSummary) -> Self {
        StaffView {
            id: s.id.clone(),
            name: s.name.clone(),
            role: s.role.as_str(),
        }
    }
}

/// Which library the desk is on, for the indicator on every screen: `ファイル` or `サーバー`
/// with the server's host and database (never a user or password).
#[derive(Serialize)]
pub struct LibraryView {
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
pub struct AppInfo {
    initialized: bool,
    /// The file or server address (without a password); empty before the first-start choice.
    db: String,
    /// `None` at first start: the desk chooses (this PC's file or a server).
    library: Option<LibraryView>,
    /// This PC's file, offered as the default at first start.
    default_file: String,
    /// Why the chosen library could not be opened (no answer, a password to type), if so.
    problem: Option<ErrorView>,
    library_name: Option<String>,
    library_name_en: Option<String>,
    profile: Option<String>,
    desks: Vec<DeskView>,
    residence_categories: Vec<String>,
    today: String,
    lang: &'static str,
    desk: Option<String>,
    /// C21: the states a copy can be marked with, in the core's words.
    copy_states: Vec<CopyStateView>,
}

#[derive(Serialize)]
pub struct CopyStateView {
    code: &'static str,
    label: &'static str,
    label_en: &'static str,
}

fn info(state: &Desk) -> AppInfo {
    let s = state.session();
    let target = state.target();
    let (lib, problem) = match state.with(|lib| Ok(lib.policy().clone())) {
        Ok(policy) => (Some(policy), None),
        // Not chosen, or chosen and empty: the first-start screens follow, not a problem.
        Err(e) if matches!(e.code, "app.library_not_chosen" | "store.not_initialized") => {
            (None, None)
        }
        Err(e) => (None, Some(e)),
    };
    AppInfo {
        initialized: lib.is_some(),
        db: target.as_ref().map_or_else(String::new, Target::to_string),
        library: target.as_ref().map(|t| match t {
            Target::File(_) => LibraryView {
                kind: "file",
                name: t.to_string(),
            },
            Target::Postgres(address) => LibraryView {
                kind: "server",
                name: library_choice::server_name(address),
            },
        }),
        default_file: default_path().display().to_string(),
        problem,
        library_name: lib.as_ref().map(|p| p.library_name.clone()),
        library_name_en: lib.as_ref().map(|p| p.library_name_en.clone()),
        profile: lib.as_ref().map(|p| p.profile_name.clone()),
        desks: lib
            .as_ref()
            .map_or_else(Vec::new, |p| p.desks.iter().map(DeskView::from).collect()),
        residence_categories: lib.map_or_else(Vec::new, |p| p.residence_categories),
        today: date_string(state.now().today()),
        lang: if s.lang == Lang::En { "en" } else { "ja" },
        desk: s.desk.map(|d| d.to_string()),
        copy_states: CopyState::ALL
            .into_iter()
            .map(|c| CopyStateView {
                code: c.as_str(),
                label: c.label(),
                label_en: c.label_en(),
            })
            .collect(),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, Desk>) -> CmdResult<AppInfo> {
    state.note_ui_connected();
    Ok(info(&state))
}

/// The new database, and its admin's temporary password, shown this once (K1).
#[derive(Serialize)]
pub struct InitView {
    #[serde(flatten)]
    info: AppInfo,
    admin_temporary_password: String,
}

/// First start on a machine without a database: create it with a shipped profile.
#[tauri::command(rename_all = "snake_case")]
pub async fn init_database(state: State<'_, Desk>, profile: String) -> CmdResult<InitView> {
    // Anyone at a new machine can call this before sign-in: it takes a shipped profile's name,
    // never a path, so it reads no file the desk did not ship (issue 10.15).
    if builtin_profile(&profile).is_none() {
        return Err(state.error(Invalid::UnknownProfile { name: profile }.into()));
    }
    let created = state.create(&profile)?;
    state.replace(created.library);
    Ok(InitView {
        info: info(&state),
        admin_temporary_password: created.admin_password,
    })
}

/// First start: this PC's file, or a server's address (with a password typed now, or none when
/// `.pgpass` has it). The server must answer before the choice is saved; an empty database on
/// it goes on to `init_database`. Refused once a library is chosen (`--choose-library` to change).
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_library(
    state: State<'_, Desk>,
    kind: String,
    address: Option<String>,
    password: Option<String>,
) -> CmdResult<AppInfo> {
    let lang = state.lang();
    if state.target().is_some() {
        return Err(library_already_chosen(lang));
    }
    let (choice, password) = match kind.as_str() {
        "file" => (Choice::File, None),
        "server" => {
            let address = library_choice::server_address(address.as_deref().unwrap_or(""))
                .map_err(|p| bad_address(lang, p))?;
            (
                Choice::Server { address },
                password.filter(|p| !p.is_empty()),
            )
        }
        _ => {
            return Err(state.error(
                Invalid::BadValue {
                    field: "kind",
                    input: kind,
                }
                .into(),
            ));
        }
    };
    state.choose(Some(choice.target()), password);
    if let Err(e) = reachable(&state) {
        state.choose(None, None);
        return Err(e);
    }
    let saved = library_choice::config_path();
    library_choice::save(&choice).map_err(|e| {
        state.error(
            StoreError::Io {
                path: saved.display().to_string(),
                detail: e.to_string(),
            }
            .into(),
        )
    })?;
    Ok(info(&state))
}

/// The password of the chosen server, asked at start when `.pgpass` has none; kept in memory.
#[tauri::command(rename_all = "snake_case")]
pub async fn server_password(state: State<'_, Desk>, password: String) -> CmdResult<AppInfo> {
    let lang = state.lang();
    if !state.target().is_some_and(|t| t.is_postgres()) || state.is_open() {
        return Err(library_already_chosen(lang));
    }
    state.set_password(Some(password));
    if let Err(e) = reachable(&state) {
        state.set_password(None);
        return Err(e);
    }
    Ok(info(&state))
}

/// The chosen library answers (an empty one too: it is created next).
fn reachable(state: &Desk) -> CmdResult<()> {
    match state.with(|_| Ok(())) {
        Err(e) if e.code != "store.not_initialized" => Err(e),
        _ => Ok(()),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_language(state: State<'_, Desk>, lang: String) -> CmdResult<()> {
    let lang = Lang::parse(&lang).ok_or_else(|| {
        state.error(
            Invalid::BadValue {
                field: "lang",
                input: lang.clone(),
            }
            .into(),
        )
    })?;
    state.set_session(|s| s.lang = lang);
    Ok(())
}

#[derive(Serialize)]
pub struct SignInView {
    staff: StaffView,
    /// Signed in with a temporary password (K1): set a new one before anything else.
    needs_password: bool,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn staff_sign_in(
    state: State<'_, Desk>,
    id: String,
    password: String,
) -> CmdResult<SignInView> {
    let now = state.now();
    let session = state.with(|lib| lib.staff_sign_in(id.trim(), &password, now))?;
    let view = SignInView {
        staff: StaffView::from(session.staff()),
        needs_password: session.staff().must_change_password,
    };
    state.set_session(|x| x.staff = Some(session));
    Ok(view)
}

/// The new password of the member of staff who signed in with a temporary one (K1).
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_set_first_password(
    state: State<'_, Desk>,
    password: String,
) -> CmdResult<SignInView> {
    let now = state.now();
    let Some(signed_in) = state.session().staff else {
        return Err(not_signed_in(state.lang()));
    };
    let session = state.with(|lib| lib.change_staff_password(&signed_in, &password, now))?;
    let view = SignInView {
        staff: StaffView::from(session.staff()),
        needs_password: false,
    };
    state.set_session(|x| x.staff = Some(session));
    Ok(view)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn staff_sign_out(state: State<'_, Desk>) -> CmdResult<()> {
    state.set_session(|s| {
        s.staff = None;
        s.desk = None;
    });
    Ok(())
}

/// The desk decides loan periods, duty-day rules and which shelf is shown.
#[tauri::command(rename_all = "snake_case")]
pub async fn select_desk(state: State<'_, Desk>, code: String) -> CmdResult<DeskView> {
    if state.session().staff.is_none() {
        return Err(not_signed_in(state.lang()));
    }
    let desk = state.with(|lib| Ok(DeskView::from(lib.policy().desk(&code)?)))?;
    state.set_session(|s| s.desk = Some(DeskCode::new(&code)));
    Ok(desk)
}
