//! Staff accounts and what each role may do. Role checks live here, in the core, so the app and
//! the CLI cannot disagree.

mod accounts;
mod permissions;

pub(crate) use accounts::{BUILTIN_ADMIN, TEMPORARY_LENGTH, create_builtin_admin, load};
pub use accounts::{StaffSession, StaffSummary};
pub use permissions::Permission;

use crate::domain::{Role, StaffId};

/// The acting staff member, loaded at the start of every action.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
}
