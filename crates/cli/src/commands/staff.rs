use kashidashi_core::domain::Role;
use kashidashi_core::{Invalid, Result};
use serde_json::json;

use crate::args::StaffCmd;
use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, cmd: &StaffCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        StaffCmd::Add { id, name, role } => {
            let role = Role::parse(role).ok_or_else(|| Invalid::BadValue {
                field: "--role",
                input: role.clone(),
            })?;
            let temp = lib.add_staff(&actor, id, name, role)?;
            Ok(Reply::new(env.t(
                format!("職員 {id} を追加しました。仮パスワード: {temp}"),
                format!("Added {id}. Temporary password: {temp}"),
            ))
            .with(
                "staff",
                json!({"id": id, "name": name, "role": role.as_str()}),
            )
            .with("temporary_password", temp))
        }
        StaffCmd::ResetPassword { id } => {
            let temp = lib.reset_staff_password(&actor, id)?;
            Ok(Reply::new(env.t(
                format!("職員 {id} の新しい仮パスワード: {temp}(次のサインインで変更してください)"),
                format!(
                    "New temporary password of {id}: {temp} (to be changed at the next sign-in)"
                ),
            ))
            .with("temporary_password", temp))
        }
        StaffCmd::Disable { id } => {
            let s = lib.disable_staff(&actor, id)?;
            Ok(Reply::new(env.t(
                format!("職員 {id} のアカウントを無効にしました。"),
                format!("Disabled the account of {id}."),
            ))
            .with(
                "staff",
                json!({"id": s.id, "name": s.name, "role": s.role.as_str(), "disabled": s.disabled}),
            ))
        }
        StaffCmd::List => {
            let list = lib.list_staff(&actor)?;
            let text = list
                .iter()
                .map(|s| format!("{:<12} {:<12} {}", s.id, s.role.as_str(), s.name))
                .collect::<Vec<_>>()
                .join("\n");
            let views: Vec<_> = list
                .iter()
                .map(|s| json!({"id": s.id, "name": s.name, "role": s.role.as_str(), "must_change_password": s.must_change_password, "disabled": s.disabled}))
                .collect();
            Ok(Reply::new(text).with("staff", views))
        }
    }
}

pub fn audit(env: &Env, limit: u32) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let entries = lib.audit_log(&actor, limit)?;
    let text = entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e.at,
                e.staff,
                e.desk.clone().unwrap_or_default(),
                e.action,
                e.subject.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let views: Vec<_> = entries
        .iter()
        .map(|e| json!({"at": e.at, "staff": e.staff, "desk": e.desk, "action": e.action, "subject": e.subject}))
        .collect();
    Ok(Reply::new(text).with("entries", views))
}
