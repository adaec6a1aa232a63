use kashidashi_core::patrons::{PatronDetails, validate_email};
use kashidashi_core::scan;
use kashidashi_wire::PatronView;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::commands::form_error::{FieldOf, FormError};
use crate::commands::print::{Printed, slip_after_commit};
use crate::error::CmdResult;
use crate::state::Desk;

/// The registration form as typed; the core checks every field.
#[derive(Deserialize)]
pub struct DetailsArg {
    name: String,
    kana: Option<String>,
    birth_date: Option<String>,
    email: Option<String>,
    postal_code: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    residence: Option<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    keep_history: bool,
}

impl From<DetailsArg> for PatronDetails {
    fn from(d: DetailsArg) -> Self {
        PatronDetails {
            name: d.name,
            kana: d.kana,
            birth_date: d.birth_date,
            email: d.email,
            postal_code: d.postal_code,
            address: d.address,
            phone: d.phone,
            residence: d.residence,
            partners: d.partners,
            keep_history: d.keep_history,
        }
    }
}

#[derive(Serialize)]
pub struct Registered {
    patron: PatronView,
    /// K1: shown once, and printed once on its slip.
    temporary_password: String,
    slip: Printed,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn patron_register(
    state: State<'_, Desk>,
    card: String,
    details: DetailsArg,
) -> Result<Registered, FormError> {
    let field = FieldOf::default();
    let (r, slip) = state
        .act(|lib, actor| {
            field.run(|| {
                let card = scan::card(lib.policy(), &card)?;
                let r = lib.register_patron(actor, &card, &details.into(), false)?;
                let slip = r.slip(lib.policy(), actor.now.today());
                Ok((r, slip))
            })
        })
        .map_err(|e| field.error(e))?;
    let slip = slip_after_commit(&state, &slip);
    Ok(Registered {
        patron: PatronView::from(&r.patron),
        temporary_password: r.temporary_password,
        slip,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn patron_update(
    state: State<'_, Desk>,
    card: String,
    details: DetailsArg,
) -> Result<PatronView, FormError> {
    let field = FieldOf::default();
    state
        .act(|lib, actor| {
            field.run(|| {
                let card = scan::card(lib.policy(), &card)?;
                Ok(PatronView::from(&lib.update_patron(
                    actor,
                    &card,
                    &details.into(),
                )?))
            })
        })
        .map_err(|e| field.error(e))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn patron_search(state: State<'_, Desk>, query: String) -> CmdResult<Vec<PatronView>> {
    state.act(|lib, actor| {
        Ok(lib
            .search_patrons(actor, &query)?
            .iter()
            .map(PatronView::from)
            .collect())
    })
}

#[derive(Serialize)]
pub struct Reset {
    temporary_password: String,
    slip: Printed,
}

/// H4: a new temporary password for a patron who phoned, with its slip.
#[tauri::command(rename_all = "snake_case")]
pub async fn patron_reset_password(state: State<'_, Desk>, card: String) -> CmdResult<Reset> {
    let (password, slip) = state.act(|lib, actor| {
        let card = scan::card(lib.policy(), &card)?;
        let reset = lib.reset_patron_password(actor, &card)?;
        let slip = reset.slip(lib.policy(), actor.now.today());
        Ok((reset.temporary_password, slip))
    })?;
    let slip = slip_after_commit(&state, &slip);
    Ok(Reset {
        temporary_password: password,
        slip,
    })
}

/// C22: a lost card replaced by the new one scanned; loans, holds and password stay, and the
/// old number is refused by name from now on.
#[tauri::command(rename_all = "snake_case")]
pub async fn patron_replace_card(
    state: State<'_, Desk>,
    card: String,
    new_card: String,
) -> CmdResult<PatronView> {
    state.act(|lib, actor| {
        let old = scan::card(lib.policy(), &card)?;
        let new = scan::card(lib.policy(), &new_card)?;
        Ok(PatronView::from(&lib.replace_card(actor, &old, &new)?))
    })
}

/// H5 as the address is typed: the normalised address, or the reason it is refused.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_email(state: State<'_, Desk>, email: String) -> CmdResult<String> {
    validate_email(&email).map_err(|e| state.error(e))
}
