use crate::store::{Connection, OptionalExtension, Transaction};

use super::{Permission, StaffMember};
use crate::credentials::{self, TemporaryPassword};
use crate::domain::{DeskCode, Now, Role, StaffId};
use crate::error::{Invalid, PasswordProblem, Refusal, Result};
use crate::library::{Actor, Library};
use crate::throttle::{self, Account};

/// The account every new database has; `init` shows its temporary password once.
pub(crate) const BUILTIN_ADMIN: &str = "admin";

/// Staff passwords protect every patron's record: longer than patrons' (assumption).
const STAFF_PASSWORD_MIN: u32 = 8;

/// Temporary staff passwords: as long as a staff password must be at least, and then some.
pub(crate) const TEMPORARY_LENGTH: usize = 10;

pub(crate) fn create_builtin_admin(
    tx: &Transaction,
    temp: &TemporaryPassword,
    now: Now,
) -> Result<()> {
    tx.execute(
        "INSERT INTO staff (id, name, role, password_hash, must_change_password, created_at)
         VALUES (?1, '管理者', 'admin', ?2, TRUE, ?3)",
        (BUILTIN_ADMIN, &temp.hash, now.rfc3339()),
    )?;
    Ok(())
}

/// The acting staff member; a disabled account does nothing, from the app or the CLI.
pub(crate) fn load(conn: &Connection, id: &StaffId) -> Result<StaffMember> {
    let (name, role, disabled) = conn
        .prepare_cached("SELECT name, role, disabled FROM staff WHERE id = ?1")?
        .query_row([id.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Invalid::UnknownStaff { id: id.to_string() })?;
    if disabled {
        return Err(Refusal::StaffDisabled.into());
    }
    Ok(StaffMember {
        id: id.clone(),
        name,
        role: Role::parse(&role).unwrap_or(Role::Counter),
    })
}

/// A staff member as listed for admins and shown after sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSummary {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub must_change_password: bool,
    pub disabled: bool,
}

/// A staff member signed in with a password, made only by `staff_sign_in` and
/// `change_staff_password`. While the password is temporary it allows nothing but its change.
#[derive(Clone)]
pub struct StaffSession {
    staff: StaffSummary,
    /// The hash the password was checked against: a change replaces only that one.
    hash: String,
}

/// Without the hash: sessions end up in logs.
impl std::fmt::Debug for StaffSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffSession")
            .field("staff", &self.staff)
            .finish_non_exhaustive()
    }
}

impl StaffSession {
    pub fn staff(&self) -> &StaffSummary {
        &self.staff
    }

    /// Who acts at `desk`; refused by name while the password is temporary (K1).
    pub fn actor(&self, desk: DeskCode, now: Now) -> Result<Actor> {
        if self.staff.must_change_password {
            return Err(Refusal::StaffMustChangePassword.into());
        }
        Ok(Actor {
            staff: StaffId::new(&self.staff.id),
            desk,
            now,
        })
    }
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

const SUMMARY: &str =
    "SELECT id, name, role, must_change_password, disabled, password_hash FROM staff";

fn summary_row(r: &crate::store::Row) -> crate::store::Result<(StaffSummary, Option<String>)> {
    Ok((
        StaffSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Counter),
            must_change_password: r.get(3)?,
            disabled: r.get(4)?,
        },
        r.get(5)?,
    ))
}

fn valid_staff_id(id: &str) -> Result<&str> {
    let id = id.trim();
    if id.is_empty()
        || id.chars().count() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Invalid::BadValue {
            field: "staff id",
            input: id.chars().take(64).collect(),
        }
        .into());
    }
    Ok(id)
}

fn temporary() -> Result<TemporaryPassword> {
    TemporaryPassword::new(TEMPORARY_LENGTH)
}

impl Library {
    /// Staff sign-in for the app (the CLI acts without it, as `--staff`). Throttled (C24): an
    /// unknown ID and a wrong password get the same answer, `login.failed`. The password is
    /// checked outside any write transaction.
    pub fn staff_sign_in(&mut self, id: &str, password: &str, now: Now) -> Result<StaffSession> {
        let account = Account::staff(id);
        let found = self.peek(|tx, _| {
            throttle::check(tx, &account, now)?;
            Ok(tx
                .query_row(&format!("{SUMMARY} WHERE id = ?1"), [id], summary_row)
                .optional()?)
        })?;
        let stored = found.as_ref().and_then(|(_, h)| h.clone());
        let right = credentials::verify_account(password, stored.as_deref());
        self.unattended(|tx, _| {
            throttle::check(tx, &account, now)?;
            let (Some((staff, _)), Some(hash), true) = (&found, &stored, right) else {
                return Ok(Err(throttle::failed(tx, &account, now)?));
            };
            throttle::clear(tx, &account)?;
            if staff.disabled {
                return Ok(Err(Refusal::StaffDisabled.into()));
            }
            Ok(Ok(StaffSession {
                staff: staff.clone(),
                hash: hash.clone(),
            }))
        })?
    }

    /// A signed-in member of staff chooses a new password (the only thing a temporary one
    /// allows, K1); it must differ from the current one. Returns the session it opens.
    pub fn change_staff_password(
        &mut self,
        session: &StaffSession,
        new: &str,
        now: Now,
    ) -> Result<StaffSession> {
        check_staff_password(new)?;
        if credentials::verify(new, &session.hash) {
            return Err(Invalid::SameAsOldPassword.into());
        }
        let new_hash = credentials::hash(new)?;
        let id = session.staff.id.as_str();
        self.unattended(|tx, _| {
            let changed = tx.execute(
                "UPDATE staff SET password_hash = ?1, must_change_password = FALSE
                 WHERE id = ?2 AND password_hash = ?3 AND NOT disabled",
                (&new_hash, id, &session.hash),
            )?;
            // Reset or disabled by an admin since the sign-in: sign in again.
            if changed == 0 {
                return Err(Invalid::LoginFailed.into());
            }
            crate::audit::record(
                tx,
                now,
                &StaffId::new(id),
                None,
                "staff.password_changed",
                id,
            )?;
            Ok(())
        })?;
        let mut staff = session.staff.clone();
        staff.must_change_password = false;
        Ok(StaffSession {
            staff,
            hash: new_hash,
        })
    }

    /// An admin adds a staff member, who gets a temporary password to change at first sign-in.
    pub fn add_staff(&mut self, actor: &Actor, id: &str, name: &str, role: Role) -> Result<String> {
        let id = valid_staff_id(id)?;
        if name.trim().is_empty() {
            return Err(Invalid::Missing { field: "name" }.into());
        }
        let temp = temporary()?;
        self.act(actor, Permission::ManageStaff, |ctx| {
            let exists: Option<i64> = ctx
                .tx
                .query_row("SELECT 1 FROM staff WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(Invalid::DuplicateStaff { id: id.to_string() }.into());
            }
            ctx.tx.execute(
                "INSERT INTO staff (id, name, role, password_hash, must_change_password, created_at)
                 VALUES (?1, ?2, ?3, ?4, TRUE, ?5)",
                (id, name.trim(), role.as_str(), &temp.hash, ctx.now.rfc3339()),
            )?;
            ctx.audit("staff.add", id)?;
            Ok(temp.clear.clone())
        })
    }

    /// An admin gives a staff member a new temporary password (forgotten, or a database made
    /// before `init` issued one); it must be changed at the next sign-in, and a wait after
    /// wrong tries ends (C24).
    pub fn reset_staff_password(&mut self, actor: &Actor, id: &str) -> Result<String> {
        let id = valid_staff_id(id)?;
        let temp = temporary()?;
        self.act(actor, Permission::ManageStaff, |ctx| {
            let changed = ctx.tx.execute(
                "UPDATE staff SET password_hash = ?1, must_change_password = TRUE WHERE id = ?2",
                (&temp.hash, id),
            )?;
            if changed == 0 {
                return Err(Invalid::UnknownStaff { id: id.to_string() }.into());
            }
            throttle::clear(ctx.tx, &Account::staff(id))?;
            ctx.audit("staff.password_reset", id)?;
            Ok(temp.clear.clone())
        })
    }

    /// An admin disables an account: it signs in no more and acts no more, its audit entries
    /// stay. The last admin who can act stays, or nobody could manage staff again.
    pub fn disable_staff(&mut self, actor: &Actor, id: &str) -> Result<StaffSummary> {
        let id = valid_staff_id(id)?;
        self.act(actor, Permission::ManageStaff, |ctx| {
            let (mut staff, _) = ctx
                .tx
                .query_row(&format!("{SUMMARY} WHERE id = ?1"), [id], summary_row)
                .optional()?
                .ok_or_else(|| Invalid::UnknownStaff { id: id.to_string() })?;
            if staff.role == Role::Admin && !staff.disabled {
                let other_admins: i64 = ctx.tx.query_row(
                    "SELECT count(*) FROM staff WHERE role = 'admin' AND NOT disabled AND id <> ?1",
                    [id],
                    |r| r.get(0),
                )?;
                if other_admins == 0 {
                    return Err(Refusal::LastAdmin.into());
                }
            }
            ctx.tx
                .execute("UPDATE staff SET disabled = TRUE WHERE id = ?1", [id])?;
            ctx.audit("staff.disable", id)?;
            staff.disabled = true;
            Ok(staff)
        })
    }

    pub fn list_staff(&mut self, actor: &Actor) -> Result<Vec<StaffSummary>> {
        self.look(actor, Permission::ManageStaff, |ctx| {
            let mut st = ctx.tx.prepare(&format!("{SUMMARY} ORDER BY id"))?;
            let rows = st.query_map([], |r| summary_row(r).map(|(s, _)| s))?;
            Ok(rows.collect::<crate::store::Result<_>>()?)
        })
    }
}
