use serde::Deserialize;

use super::CopyState;

/// How a copy may circulate (C5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoanType {
    Normal,
    /// 短縮: half the loan period.
    Short,
    /// 禁帯: reference, never lent.
    Reference,
    /// 館内: in-library use only.
    InLibrary,
    /// 館短: in-library short use.
    InLibraryShort,
}

impl LoanType {
    pub const ALL: [LoanType; 5] = [
        LoanType::Normal,
        LoanType::Short,
        LoanType::Reference,
        LoanType::InLibrary,
        LoanType::InLibraryShort,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoanType::Normal => "normal",
            LoanType::Short => "short",
            LoanType::Reference => "reference",
            LoanType::InLibrary => "in-library",
            LoanType::InLibraryShort => "in-library-short",
        }
    }

    pub fn parse(s: &str) -> Option<LoanType> {
        LoanType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// C5: only 在庫 and 短縮 copies are lent or reserved.
    pub fn is_loanable(self) -> bool {
        matches!(self, LoanType::Normal | LoanType::Short)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Collection {
    General,
    /// 北方資料: collected and returned at the northern materials counter (H11).
    Northern,
}

impl Collection {
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::General => "general",
            Collection::Northern => "northern",
        }
    }

    pub fn parse(s: &str) -> Option<Collection> {
        match s {
            "general" => Some(Collection::General),
            "northern" => Some(Collection::Northern),
            _ => None,
        }
    }

    /// The word the Hokkaido guide uses (一般資料, 北方資料).
    pub fn label(self) -> &'static str {
        match self {
            Collection::General => "一般資料",
            Collection::Northern => "北方資料",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Collection::General => "General materials",
            Collection::Northern => "Northern materials",
        }
    }
}

/// Where a copy is in circulation. Stored as the first five; `NotForLoan` is derived from the
/// loan type so that a copy's type and status can never disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Available,
    OnLoan,
    /// 協力: lent through a partner library (H14).
    PartnerLoan,
    /// 割当: set aside for a hold, to be pulled or collected.
    Allocated,
    /// 回送: in transit between desks (H16).
    InTransit,
    NotForLoan,
    /// C21: out of circulation (紛失, 汚損, 修理中, 除籍, 返却済申告, 不明), whatever the loan type.
    Marked(CopyState),
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Available => "available",
            ItemStatus::OnLoan => "on-loan",
            ItemStatus::PartnerLoan => "partner-loan",
            ItemStatus::Allocated => "allocated",
            ItemStatus::InTransit => "in-transit",
            ItemStatus::NotForLoan => "not-for-loan",
            ItemStatus::Marked(state) => state.as_str(),
        }
    }

    pub(crate) fn from_stored(s: &str, state: Option<&str>, loan_type: LoanType) -> ItemStatus {
        if let Some(state) = state.and_then(CopyState::parse) {
            return ItemStatus::Marked(state);
        }
        if !loan_type.is_loanable() {
            return ItemStatus::NotForLoan;
        }
        match s {
            "on-loan" => ItemStatus::OnLoan,
            "partner-loan" => ItemStatus::PartnerLoan,
            "allocated" => ItemStatus::Allocated,
            "in-transit" => ItemStatus::InTransit,
            _ => ItemStatus::Available,
        }
    }

    /// The label of RULES.md C5, as the Hokkaido guide's status table shows it.
    pub fn label(self, loan_type: LoanType) -> &'static str {
        match (self, loan_type) {
            (ItemStatus::Available, LoanType::Short) => "短縮",
            (ItemStatus::Available, _) => "在庫",
            (ItemStatus::OnLoan, _) => "貸出中",
            (ItemStatus::PartnerLoan, _) => "協力",
            (ItemStatus::Allocated, _) => "割当",
            (ItemStatus::InTransit, _) => "回送",
            (ItemStatus::NotForLoan, LoanType::InLibrary) => "館内",
            (ItemStatus::NotForLoan, LoanType::InLibraryShort) => "館短",
            (ItemStatus::NotForLoan, _) => "禁帯",
            (ItemStatus::Marked(state), _) => state.label(),
        }
    }
}
