use super::StaffMember;
use crate::domain::Role;
use crate::error::{Refusal, Result};

/// What an action needs. Each desk action asks for exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Look at patrons, items, holds and the calendar.
    View,
    /// Hand a ready hold to its patron (all the Diet assembly office may do, H15).
    HandOutHold,
    /// Checkout, check-in, renewal.
    Circulate,
    /// Place, cancel and change holds on a patron's behalf.
    ManageHolds,
    /// Register and edit patrons, reset passwords.
    ManagePatrons,
    /// Add and import items.
    ManageCatalog,
    /// Close days, move delivery runs, expire the hold shelf, print reports.
    Supervise,
    /// Add staff, choose roles.
    ManageStaff,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::View => "view",
            Permission::HandOutHold => "hand-out-hold",
            Permission::Circulate => "circulate",
            Permission::ManageHolds => "manage-holds",
            Permission::ManagePatrons => "manage-patrons",
            Permission::ManageCatalog => "manage-catalog",
            Permission::Supervise => "supervise",
            Permission::ManageStaff => "manage-staff",
        }
    }
}

pub(crate) fn allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Admin => true,
        Role::Supervisor => p != ManageStaff,
        Role::Counter | Role::DietDuty => matches!(
            p,
            View | HandOutHold | Circulate | ManageHolds | ManagePatrons
        ),
        Role::DietOffice => matches!(p, View | HandOutHold),
    }
}

impl StaffMember {
    pub fn may(&self, p: Permission) -> bool {
        allows(self.role, p)
    }

    pub fn require(&self, p: Permission) -> Result<()> {
        if self.may(p) {
            Ok(())
        } else {
            Err(Refusal::NotAllowedForRole {
                action: p.as_str(),
                role: self.role,
            }
            .into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diet_office_may_only_hand_out_holds() {
        assert!(allows(Role::DietOffice, Permission::HandOutHold));
        assert!(!allows(Role::DietOffice, Permission::Circulate));
        assert!(!allows(Role::DietOffice, Permission::ManagePatrons));
    }

    #[test]
    fn only_admin_manages_staff_and_counter_staff_do_not_supervise() {
        assert!(allows(Role::Admin, Permission::ManageStaff));
        assert!(!allows(Role::Supervisor, Permission::ManageStaff));
        assert!(!allows(Role::Counter, Permission::Supervise));
        assert!(allows(Role::DietDuty, Permission::Circulate));
    }
}
