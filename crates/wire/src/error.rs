use kashidashi_core::{Error, Invalid, Lang, Refusal};
use serde::Serialize;

/// One reason a rule refused (C12).
#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    pub code: &'static str,
    pub rule: Option<&'static str>,
    pub message: String,
    pub overridable: bool,
}

/// `{code, rule, message, overridable}` plus every reason and, for imports, every bad row.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorView {
    pub code: &'static str,
    pub rule: Option<&'static str>,
    pub message: String,
    pub overridable: bool,
    pub reasons: Vec<ReasonView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub line: usize,
    pub column: String,
    pub problem: String,
}

impl ReasonView {
    pub fn new(r: &Refusal, lang: Lang) -> ReasonView {
        ReasonView {
            code: r.code(),
            rule: r.rule(),
            message: r.message(lang),
            overridable: r.overridable(),
        }
    }
}

impl ErrorView {
    pub fn new(e: &Error, lang: Lang) -> ErrorView {
        let reasons = match e {
            Error::Refused(rs) => rs.iter().map(|r| ReasonView::new(r, lang)).collect(),
            _ => Vec::new(),
        };
        let rows = match e {
            Error::Invalid(Invalid::ImportRows { rows }) => rows
                .iter()
                .map(|r| RowView {
                    line: r.line,
                    column: r.column.clone(),
                    problem: r.problem.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        ErrorView {
            code: e.code(),
            rule: e.rule(),
            message: e.message(lang),
            overridable: e.overridable(),
            reasons,
            rows,
        }
    }

    /// CLI.md: exit 2 for bad input (and an unusable database), 3 for a rule's refusal.
    pub fn exit_code(e: &Error) -> i32 {
        match e {
            Error::Refused(_) => 3,
            Error::Invalid(_) | Error::Store(_) => 2,
        }
    }
}
