//! C7: the audit log. It records the staff member, desk, time, action and one subject. It never
//! stores a patron together with a title or item (C6): circulation entries name the item,
//! patron entries name the card.

use crate::store::Connection;

use crate::domain::{DeskCode, Now, StaffId};
use crate::error::Result;

pub(crate) fn record(
    conn: &Connection,
    now: Now,
    staff: &StaffId,
    desk: Option<&DeskCode>,
    action: &str,
    subject: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (at, staff_id, desk_code, action, subject) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute((
        now.rfc3339(),
        staff.as_str(),
        desk.map(DeskCode::as_str),
        action,
        subject,
    ))?;
    Ok(())
}

/// One audit entry as shown to supervisors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub staff: String,
    pub desk: Option<String>,
    pub action: String,
    pub subject: Option<String>,
}

pub(crate) fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare_cached(
        "SELECT at, staff_id, desk_code, action, subject FROM audit ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit], |r| {
        Ok(AuditEntry {
            at: r.get(0)?,
            staff: r.get(1)?,
            desk: r.get(2)?,
            action: r.get(3)?,
            subject: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

impl crate::Library {
    /// The latest entries, newest first, for supervisors.
    pub fn audit_log(&mut self, actor: &crate::Actor, limit: u32) -> Result<Vec<AuditEntry>> {
        self.look(actor, crate::staff::Permission::Supervise, |ctx| {
            recent(ctx.tx, limit)
        })
    }
}
