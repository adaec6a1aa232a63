use crate::store::{Connection, OptionalExtension, Transaction};

use super::{Permission, StaffMember};
use crate::credentials;
use crate::domain::{Now, Role, StaffId};
use crate::error::{Invalid, PasswordProblem, Refusal, Result};
use crate::library::{Actor, Library};

/// The account every new database has; it sets its password at first sign-in in the app.
pub(crate) const BUILTIN_ADMIN: &str = "admin";

/// Staff passwords protect every patron's record: longer than patrons' (assumption).
const STAFF_PASSWORD_MIN: u32 = 8;

pub(crate) fn create_builtin_admin(tx: &Transaction, now: Now) -> Result<()> {
    tx.execute(
        "INSERT INTO staff (id, name, role, password_hash, must_change_password, created_at)
         VALUES (?1, '管理者', 'admin', NULL, TRUE, ?2)",
        (BUILTIN_ADMIN, now.rfc3339()),
    )?;
    Ok(())
}

pub(crate) fn load(conn: &Connection, id: &StaffId) -> Result<StaffMember> {
    conn.prepare_cached("SELECT name, role FROM staff WHERE id = ?1")?
        .query_row([id.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
        .map(|(name, role)| StaffMember {
            id: id.clone(),
            name,
            role: Role::parse(&role).unwrap_or(Role::Counter),
        })
        .ok_or_else(|| Invalid::UnknownStaff { id: id.to_string() }.into())
}

/// A staff member as listed for admins and shown after sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSummary {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub must_change_password: bool,
}

/// The outcome of a staff sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffSignIn {
    SignedIn(StaffSummary),
    /// No password yet (the built-in `admin` of a new database): set one with
    /// `set_first_staff_password` before anything else.
    NeedsPassword(StaffSummary),
}

fn check_staff_password(pw: &str) -> Result<()> {
    if (pw.chars().count() as u32) < STAFF_PASSWORD_MIN {
        return Err(Invalid::Password(PasswordProblem::TooShort {
            min: STAFF_PASSWORD_MIN,
        })
        .into());
    }
    Ok(())
}

fn summary(conn: &Connection, id: &str) -> Result<(StaffSummary, Option<String>)> {
    conn.query_row(
        "SELECT id, name, role, must_change_password, password_hash FROM staff WHERE id = ?1",
        [id],
        |r| {
            Ok((
                StaffSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Counter),
                    must_change_password: r.get(3)?,
                },
                r.get(4)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Invalid::UnknownStaff { id: id.to_string() }.into())
}

impl Library {
    /// Staff sign-in for the app. The CLI acts without it (CLI.md: `--staff`, default `admin`).
    pub fn staff_sign_in(&mut self, id: &str, password: &str) -> Result<StaffSignIn> {
        self.unattended(|tx, _| {
            let (s, hash) = summary(tx, id)?;
            match hash {
                None => Ok(StaffSignIn::NeedsPassword(s)),
                Some(h) if credentials::verify(password, &h) => Ok(StaffSignIn::SignedIn(s)),
                Some(_) => Err(Invalid::WrongPassword.into()),
            }
        })
    }

    /// The first password of an account that has none (the new database's `admin`).
    pub fn set_first_staff_password(
        &mut self,
        id: &str,
        new: &str,
        now: Now,
    ) -> Result<StaffSummary> {
        check_staff_password(new)?;
        self.unattended(|tx, _| {
            let (mut s, hash) = summary(tx, id)?;
            if hash.is_some() {
                return Err(Invalid::WrongPassword.into());
            }
            tx.execute(
                "UPDATE staff SET password_hash = ?1, must_change_password = FALSE WHERE id = ?2",
                (credentials::hash(new)?, id),
            )?;
            crate::audit::record(tx, now, &StaffId::new(id), None, "staff.first_password", id)?;
            s.must_change_password = false;
            Ok(s)
        })
    }

    pub fn change_staff_password(
        &mut self,
        id: &str,
        old: &str,
        new: &str,
        now: Now,
    ) -> Result<()> {
        check_staff_password(new)?;
        self.unattended(|tx, _| {
            let (_, hash) = summary(tx, id)?;
            match hash {
                Some(h) if credentials::verify(old, &h) => {}
                Some(_) => return Err(Invalid::WrongPassword.into()),
                None => return Err(Refusal::StaffPasswordNotSet.into()),
            }
            tx.execute(
                "UPDATE staff SET password_hash = ?1, must_change_password = FALSE WHERE id = ?2",
                (credentials::hash(new)?, id),
            )?;
            crate::audit::record(
                tx,
                now,
                &StaffId::new(id),
                None,
                "staff.password_changed",
                id,
            )?;
            Ok(())
        })
    }

    /// An admin adds a staff member, who gets a temporary password to change at first sign-in.
    pub fn add_staff(&mut self, actor: &Actor, id: &str, name: &str, role: Role) -> Result<String> {
        let id = id.trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Invalid::BadValue {
                field: "staff id",
                input: id.to_string(),
            }
            .into());
        }
        if name.trim().is_empty() {
            return Err(Invalid::Missing { field: "name" }.into());
        }
        self.act(actor, Permission::ManageStaff, |ctx| {
            let exists: Option<i64> = ctx
                .tx
                .query_row("SELECT 1 FROM staff WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(Invalid::DuplicateStaff { id: id.to_string() }.into());
            }
            let temp = credentials::temporary_password(10);
            ctx.tx.execute(
                "INSERT INTO staff (id, name, role, password_hash, must_change_password, created_at)
                 VALUES (?1, ?2, ?3, ?4, TRUE, ?5)",
                (id, name.trim(), role.as_str(), credentials::hash(&temp)?, ctx.now.rfc3339()),
            )?;
            ctx.audit("staff.add", id)?;
            Ok(temp)
        })
    }

    pub fn list_staff(&mut self, actor: &Actor) -> Result<Vec<StaffSummary>> {
        self.look(actor, Permission::ManageStaff, |ctx| {
            let mut st = ctx
                .tx
                .prepare("SELECT id, name, role, must_change_password FROM staff ORDER BY id")?;
            let rows = st.query_map([], |r| {
                Ok(StaffSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Counter),
                    must_change_password: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<crate::store::Result<_>>()?)
        })
    }
}
