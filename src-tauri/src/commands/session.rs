use kashidashi_core::domain::{CopyState, DeskCode};
use kashidashi_core::policy::builtin_profile;
use kashidashi_core::staff::StaffSummary;
use kashidashi_core::{Invalid, Lang, Library};
use kashidashi_wire::{DeskView, date_string};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, not_signed_in};
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

#[derive(Serialize)]
pub struct AppInfo {
    initialized: bool,
    db: String,
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
    let lib = state.with(|lib| Ok(lib.policy().clone())).ok();
    AppInfo {
        initialized: lib.is_some(),
        db: state.db.display().to_string(),
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
    let created = Library::create(&state.db, &profile, state.now()).map_err(|e| state.error(e))?;
    state.replace(created.library);
    Ok(InitView {
        info: info(&state),
        admin_temporary_password: created.admin_password,
    })
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
