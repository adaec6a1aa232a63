//! The façade every shell calls: open a database, then one method per desk action. Each action
//! runs in one transaction (C7) with the acting staff member's role checked first: IMMEDIATE on
//! SQLite, SERIALIZABLE on PostgreSQL and run again when the server reports a conflict.

use std::time::Duration;

use rand::Rng;

use crate::calendar::{Calendar, Override};
use crate::domain::{DeskCode, Now, StaffId};
use crate::error::{Error, Refusal, Result, StoreError};
use crate::policy::{Desk, Policy, load_profile};
use crate::staff::{Permission, StaffMember};
use crate::store::{self, Connection, OpenMode, Target, Transaction, TransactionBehavior};

/// How often an action runs in all when PostgreSQL keeps reporting conflicts with other desks.
const ATTEMPTS: u32 = 5;
/// From this run on, the action runs alone (`TransactionBehavior::Exclusive`). Two desks at full
/// speed on a small library conflict on about one action in ten and a second run again about a
/// third of the time, and a few actions lost every run in parallel; alone, an action cannot lose.
const ALONE_FROM: u32 = 4;

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
    target: Target,
    /// Actions run again after losing to another desk (PostgreSQL), for the many-desk bench.
    retries: u64,
    _checkpointer: Option<store::Checkpointer>,
}

/// Everything an action needs inside its transaction.
pub(crate) struct Ctx<'a> {
    pub tx: &'a Transaction<'a>,
    pub policy: &'a Policy,
    pub staff: StaffMember,
    pub desk: &'a Desk,
    pub now: Now,
    /// My Page: the patron acts for themselves (`Library::as_patron`); audited with no desk.
    pub by_patron: bool,
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
            (!self.by_patron).then_some(&self.desk.code),
            action,
            subject,
        )
    }

    /// Settle the reasons a rule gave: none → go ahead; all overridable, override asked for by a
    /// role that may → go ahead; otherwise refuse with every reason (C12).
    pub fn settle(&self, reasons: Vec<Refusal>, override_asked: bool) -> Result<()> {
        if reasons.is_empty() {
            return Ok(());
        }
        let may = override_asked
            && self.staff.role.may_override()
            && reasons.iter().all(Refusal::overridable);
        if may {
            self.audit(
                "override",
                &reasons
                    .iter()
                    .map(Refusal::code)
                    .collect::<Vec<_>>()
                    .join(","),
            )?;
            Ok(())
        } else {
            Err(Error::Refused(reasons))
        }
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
    Ok(rows.collect::<store::Result<_>>()?)
}

/// A new library and the temporary password of its built-in `admin`, shown once (K1).
pub struct NewLibrary {
    pub library: Library,
    pub admin_password: String,
}

impl Library {
    /// A new database for tests and tools that act without signing in: `create`, with the
    /// admin's temporary password dropped.
    pub fn init(target: impl Into<Target>, profile: &str, now: Now) -> Result<Library> {
        Library::create(target, profile, now).map(|n| n.library)
    }

    /// `init --profile`: a new database with the profile's desks and the built-in `admin`, whose
    /// temporary password is returned to be shown once; it must be changed at first sign-in.
    pub fn create(target: impl Into<Target>, profile: &str, now: Now) -> Result<NewLibrary> {
        let target = target.into();
        let (name, text) = load_profile(profile)?;
        let policy = Policy::parse(&name, &text)?;
        let mut conn = store::open_connection(&target, OpenMode::Create)?;
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
        let admin = crate::credentials::TemporaryPassword::new(crate::staff::TEMPORARY_LENGTH)?;
        crate::staff::create_builtin_admin(&tx, &admin, now)?;
        crate::audit::record(
            &tx,
            now,
            &StaffId::new(crate::staff::BUILTIN_ADMIN),
            None,
            "init",
            &name,
        )?;
        tx.commit()?;
        Ok(NewLibrary {
            library: Library {
                conn,
                policy,
                _checkpointer: store::checkpointer(&target),
                target,
                retries: 0,
            },
            admin_password: admin.clear,
        })
    }

    /// Open an existing database, bringing its schema forward if it is older than the program.
    pub fn open(target: impl Into<Target>) -> Result<Library> {
        let target = target.into();
        let mut conn = store::open_connection(&target, OpenMode::Existing)?;
        if !is_initialized(&conn).map_err(|e| name_path(e, &target))? {
            return Err(StoreError::NotInitialized {
                path: target.to_string(),
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
            _checkpointer: store::checkpointer(&target),
            target,
            retries: 0,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The file or server this library lives in.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Run a state change as `actor`: role check, then `f`, all in one transaction that commits
    /// only if `f` succeeds (C7). On PostgreSQL a conflict with another desk runs it again (so
    /// `f` must be safe to repeat: it is, as everything it does is inside the transaction).
    pub(crate) fn act<T>(
        &mut self,
        actor: &Actor,
        permission: Permission,
        f: impl Fn(&Ctx) -> Result<T>,
    ) -> Result<T> {
        let desk = self.policy.desk(actor.desk.as_str())?;
        let policy = &self.policy;
        retrying(&mut self.conn, &mut self.retries, |tx| {
            let staff = crate::staff::load(tx, &actor.staff)?;
            staff.require(permission)?;
            f(&Ctx {
                tx,
                policy,
                staff,
                desk,
                now: actor.now,
                by_patron: false,
            })
        })
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
            by_patron: false,
        };
        let out = f(&ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Work without an acting staff member: sign-in and patron self-service, which authenticate
    /// by password themselves.
    pub(crate) fn unattended<T>(
        &mut self,
        f: impl Fn(&Transaction, &Policy) -> Result<T>,
    ) -> Result<T> {
        let policy = &self.policy;
        retrying(&mut self.conn, &mut self.retries, |tx| f(tx, policy))
    }

    /// A read without an acting staff member, on one snapshot: what a sign-in needs to check a
    /// password outside any write transaction (argon2 takes tens of milliseconds, and holding
    /// the write lock that long would stall every desk).
    pub(crate) fn peek<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &Policy) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&tx, &self.policy)?;
        tx.commit()?;
        Ok(out)
    }

    /// How many times this handle ran an action again after a serialization failure or a
    /// deadlock with another desk (always 0 on SQLite): the many-desk bench reports it.
    pub fn conflict_retries(&self) -> u64 {
        self.retries
    }

    /// My Page: a signed-in patron acts for themselves (the session checked the password).
    /// Audited as `patron` with no desk; the profile's first counter stands in as the desk,
    /// which patron actions (holds, settings) only read for the calendar's sake.
    pub(crate) fn as_patron<T>(&mut self, now: Now, f: impl Fn(&Ctx) -> Result<T>) -> Result<T> {
        let policy = &self.policy;
        let desk = policy.first_counter();
        retrying(&mut self.conn, &mut self.retries, |tx| {
            f(&Ctx {
                tx,
                policy,
                staff: patron_as_actor(),
                desk,
                now,
                by_patron: true,
            })
        })
    }

    /// A read for a signed-in patron, on one snapshot.
    pub(crate) fn look_as_patron<T>(
        &mut self,
        now: Now,
        f: impl FnOnce(&Ctx) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let ctx = Ctx {
            tx: &tx,
            policy: &self.policy,
            staff: patron_as_actor(),
            desk: self.policy.first_counter(),
            now,
            by_patron: true,
        };
        let out = f(&ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// The connection, for benchmarks and invariant checks in tests (engine-neutral).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Bulk loading for the demo builder only.
    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// One write transaction, committed when `f` succeeds. SQLite's IMMEDIATE transaction waits
/// for the write lock, so it never conflicts. PostgreSQL's SERIALIZABLE one may lose to another
/// desk (40001/40P01, reported at any statement or at commit): it is rolled back and run again
/// after a short random pause, so two desks that collided do not collide again in step, and the
/// last runs alone, so it cannot lose again. A connection lost before COMMIT was sent committed
/// nothing, so the action runs again on a new one (`transaction_with_behavior` connects again);
/// lost during COMMIT, the outcome is unknown and the desk is told so (`store.commit_unknown`),
/// never that it was done.
fn retrying<T>(
    conn: &mut Connection,
    retries: &mut u64,
    f: impl Fn(&Transaction) -> Result<T>,
) -> Result<T> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let behavior = if attempt >= ALONE_FROM {
            TransactionBehavior::Exclusive
        } else {
            TransactionBehavior::Immediate
        };
        let result = {
            let tx = conn.transaction_with_behavior(behavior)?;
            match f(&tx) {
                // COMMIT is sent only on a live connection, so that a failed one means "unknown".
                Ok(_) if tx.is_lost() => Err(StoreError::Unavailable {
                    detail: "connection lost".into(),
                }
                .into()),
                Ok(out) => tx.commit().map(|()| out).map_err(Into::into),
                Err(e) => Err(e),
            }
        };
        match result {
            Err(Error::Store(StoreError::CommitUnknown { .. })) => return result,
            Err(_) if attempt < ATTEMPTS && conn.is_lost() => {}
            Err(_) if attempt < ATTEMPTS && conn.take_conflict() => {
                *retries += 1;
                let ceiling = 2u64 << attempt;
                std::thread::sleep(Duration::from_millis(rand::rng().random_range(1..=ceiling)));
            }
            other => return other,
        }
    }
}

/// The audit's name for a patron acting on My Page (as `throttle.rs` records sign-ins). The
/// role is never checked: patron actions are held to `PlacedBy::Patron`'s rules instead, and
/// `settle` gives a patron no override (`may_override` is false for counters).
fn patron_as_actor() -> StaffMember {
    StaffMember {
        id: StaffId::new("patron"),
        name: "利用者 (My Page)".into(),
        role: crate::domain::Role::Counter,
    }
}

fn is_initialized(conn: &Connection) -> Result<bool> {
    Ok(conn.table_names()?.iter().any(|t| t == "settings"))
}

fn name_path(e: crate::error::Error, target: &Target) -> crate::error::Error {
    match e {
        crate::error::Error::Store(StoreError::NotADatabase { .. }) => StoreError::NotADatabase {
            path: target.to_string(),
        }
        .into(),
        other => other,
    }
}
