/// C21: why a copy is out of circulation. A marked copy is neither lent nor trapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CopyState {
    /// 紛失: reported lost (by the patron, or by staff); the loan closes as lost.
    Lost,
    /// 汚損・破損: damaged, set aside for a decision.
    Damaged,
    /// 修理中: at the bindery or the repair table.
    InRepair,
    /// 除籍: withdrawn from the collection.
    Withdrawn,
    /// 返却済申告: the patron says it was returned; staff search while the loan is set aside.
    ClaimsReturned,
    /// 不明: not found at stock-taking (蔵書点検).
    Missing,
}

impl CopyState {
    pub const ALL: [CopyState; 6] = [
        CopyState::Lost,
        CopyState::Damaged,
        CopyState::InRepair,
        CopyState::Withdrawn,
        CopyState::ClaimsReturned,
        CopyState::Missing,
    ];

    /// The stored and JSON word, as `item mark --as` takes it (CLI.md).
    pub fn as_str(self) -> &'static str {
        match self {
            CopyState::Lost => "lost",
            CopyState::Damaged => "damaged",
            CopyState::InRepair => "repair",
            CopyState::Withdrawn => "withdrawn",
            CopyState::ClaimsReturned => "claims-returned",
            CopyState::Missing => "missing",
        }
    }

    pub fn parse(s: &str) -> Option<CopyState> {
        CopyState::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The word staff see in the status column (CLI.md, RULES.md C21).
    pub fn label(self) -> &'static str {
        match self {
            CopyState::Lost => "紛失",
            CopyState::Damaged => "汚損",
            CopyState::InRepair => "修理中",
            CopyState::Withdrawn => "除籍",
            CopyState::ClaimsReturned => "返却済申告",
            CopyState::Missing => "不明",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CopyState::Lost => "lost",
            CopyState::Damaged => "damaged",
            CopyState::InRepair => "in repair",
            CopyState::Withdrawn => "withdrawn",
            CopyState::ClaimsReturned => "claimed returned",
            CopyState::Missing => "missing",
        }
    }

    /// A patron's loan is what these two are about: they close it (lost) or set it aside while
    /// staff search (claims-returned). The others are judged with the copy in hand.
    pub fn concerns_a_loan(self) -> bool {
        matches!(self, CopyState::Lost | CopyState::ClaimsReturned)
    }
}

/// What `item mark --as` asks for: a C21 state, or back into circulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    As(CopyState),
    /// Back to the shelf (or the next hold): found, repaired, reinstated.
    Available,
}

impl Mark {
    pub fn parse(s: &str) -> Option<Mark> {
        match s {
            "available" => Some(Mark::Available),
            other => CopyState::parse(other).map(Mark::As),
        }
    }
}
