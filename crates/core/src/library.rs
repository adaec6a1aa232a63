//! The façade every shell calls: open a database, then one method per desk action. Each action
//! runs in one IMMEDIATE transaction (C7) with the acting staff member's role checked first.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::calendar::{Calendar, Override};
use crate::domain::{DeskCode, Now, StaffId};
use crate::error::{Refusal, Result, StoreError};
use crate::policy::{Desk, Policy, load_profile};
use crate::staff::{Permission, StaffMember};
use crate::store::{self, OpenMode};

/// Who acts, at which desk, and when. Shells build one per request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub staff: StaffId,
    pub desk: DeskCode,
    pub now: Now,
}

/// An open Kashidashi database and its typed policy.
pub struct Library {
    conn: Connection,
    policy: Policy,
    path: PathBuf,
    _checkpointer: store::Checkpointer,
}

/// Everything an action needs inside its transaction.
pub(crate) struct Ctx<'a> {
    pub tx: &'a Transaction<'a>,
    pub policy: &'a Policy,
    pub staff: StaffMember,
    pub desk: &'a Desk,
    pub now: Now,
}

impl Ctx<'_> {
    pub fn today(&self) -> chrono::NaiveDate {
        self.now.today()
    }

    /// C7: who did what where and when. `subject` names one thing, never a patron with a title.
    pub fn audit(&self, action: &str, subject: &str) -> Result<()> {
        crate::audit::record(
            self.tx,
            self.now,
            &self.staff.id,
            Some(&self.desk.code),
            action,
            subject,
        )
    }

    /// The calendar with the supervisor's overrides, read inside this transaction.
    pub fn calendar(&self) -> Result<Calendar<'_>> {
        Ok(Calendar::new(self.policy, load_overrides(self.tx)?))
    }
}

pub(crate) fn load_overrides(conn: &Connection) -> Result<Vec<Override>> {
    let mut st = conn.prepare_cached(
        "SELECT desk_code, date, open, duty, delivery_run, reason FROM calendar_overrides",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Override {
            desk: DeskCode(r.get(0)?),
            date: r.get::<_, store::Date>(1)?.0,
            open: r.get(2)?,
            duty: r.get(3)?,
            delivery_run: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Library {
    /// `init --profile`: a new database with the profile's desks and the built-in `admin`, who
    /// sets a password at first sign-in in the app.
    pub fn init(path: &Path, profile: &str, now: Now) -> Result<Library> {
        let (name, text) = load_profile(profile)?;
        let policy = Policy::parse(&name, &text)?;
        let mut conn = store::open_connection(path, OpenMode::Create)?;
        if is_initialized(&conn)? {
            return Err(Refusal::AlreadyInitialized.into());
        }
        store::migrate(&mut conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('profile_name', ?1), ('profile', ?2)",
            (&name, &text),
        )?;
        for d in &policy.desks {
            tx.execute(
                "INSERT INTO desks (code, name, kind) VALUES (?1, ?2, ?3)",
                (d.code.as_str(), &d.name, d.kind.as_str()),
            )?;
        }
        crate::staff::create_builtin_admin(&tx, now)?;
        crate::audit::record(
            &tx,
            now,
            &StaffId::new(crate::staff::BUILTIN_ADMIN),
            None,
            "init",
            &name,
        )?;
        tx.commit()?;
        Ok(Library {
            conn,
            policy,
            path: path.to_path_buf(),
            _checkpointer: store::Checkpointer::start(path),
        })
    }

    /// Open an existing database, bringing its schema forward if it is older than the program.
    pub fn open(path: &Path) -> Result<Library> {
        let mut conn = store::open_connection(path, OpenMode::Existing)?;
        if !is_initialized(&conn).map_err(|e| name_path(e, path))? {
            return Err(StoreError::NotInitialized {
                path: path.display().to_string(),
            }
            .into());
        }
        store::migrate(&mut conn)?;
        let (name, text): (String, String) = conn.query_row(
            "SELECT (SELECT value FROM settings WHERE key = 'profile_name'),
                    (SELECT value FROM settings WHERE key = 'profile')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let policy = Policy::parse(&name, &text)?;
        Ok(Library {
            conn,
            policy,
            path: path.to_path_buf(),
            _checkpointer: store::Checkpointer::start(path),
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Run a state change as `actor`: role check, then `f`, all in one IMMEDIATE transaction
    /// that commits only if `f` succeeds (C7).
    pub(crate) fn act<T>(
        &mut self,
        actor: &Actor,
        permission: Permission,
        f: impl FnOnce(&Ctx) -> Result<T>,
    ) -> Result<T> {
        let desk = self.policy.desk(actor.desk.as_str())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let staff = crate::staff::load(&tx, &actor.staff)?;
        staff.require(permission)?;
        let ctx = Ctx {
            tx: &tx,
            policy: &self.policy,
            staff,
            desk,
            now: actor.now,
        };
        let out = f(&ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A read-only look as `actor`, on one consistent snapshot.
    pub(crate) fn look<T>(
        &mut self,
        actor: &Actor,
        permission: Permission,
        f: impl FnOnce(&Ctx) -> Result<T>,
    ) -> Result<T> {
        let desk = self.policy.desk(actor.desk.as_str())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let staff = crate::staff::load(&tx, &actor.staff)?;
        staff.require(permission)?;
        let ctx = Ctx {
            tx: &tx,
            policy: &self.policy,
            staff,
            desk,
            now: actor.now,
        };
        let out = f(&ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Work without an acting staff member: sign-in and patron self-service, which authenticate
    /// by password themselves.
    pub(crate) fn unattended<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Policy) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &self.policy)?;
        tx.commit()?;
        Ok(out)
    }

    /// The raw connection, for benchmarks and invariant checks in tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Bulk loading for the demo builder only.
    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

fn is_initialized(conn: &Connection) -> Result<bool> {
    let has_settings: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(has_settings.is_some())
}

fn name_path(e: crate::error::Error, path: &Path) -> crate::error::Error {
    match e {
        crate::error::Error::Store(StoreError::NotADatabase { .. }) => StoreError::NotADatabase {
            path: path.display().to_string(),
        }
        .into(),
        other => other,
    }
}
