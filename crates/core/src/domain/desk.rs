use serde::Deserialize;

/// The role a desk plays in the workflow (C1). Loan periods, renewals and returns follow the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeskKind {
    /// A counter of the library itself.
    Counter,
    /// A room that library staff visit on duty days (the Diet library room, H15).
    DutyRoom,
    /// A partner library served by delivery runs (H14).
    Partner,
    /// Home delivery by post (H12).
    Home,
}

impl DeskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeskKind::Counter => "counter",
            DeskKind::DutyRoom => "duty-room",
            DeskKind::Partner => "partner",
            DeskKind::Home => "home",
        }
    }

    /// Items for these desks leave the building: the loan is made when they are sent (H6).
    pub fn is_remote(self) -> bool {
        matches!(self, DeskKind::Partner | DeskKind::Home)
    }
}

/// Where a loan made at a desk may be checked in (H11, H12, H14, H15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReturnRule {
    /// Only at the desk that lent it.
    SameDesk,
    /// At any counter of the library (the item travels back to the main library first).
    AnyCounter,
}
