/// Staff roles. What each may do is decided in `staff::permissions`, never in a shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Diet assembly office staff: may hand ready holds to patrons, nothing else (H15).
    DietOffice,
    Counter,
    /// Library staff on Tuesday/Thursday duty in the Diet library room.
    DietDuty,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Counter,
        Role::DietDuty,
        Role::DietOffice,
        Role::Supervisor,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Counter => "counter",
            Role::DietDuty => "diet-duty",
            Role::DietOffice => "diet-office",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Supervisors and admins may override the refusals marked overridable.
    pub fn may_override(self) -> bool {
        matches!(self, Role::Supervisor | Role::Admin)
    }
}
