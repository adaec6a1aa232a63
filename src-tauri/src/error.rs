//! Errors cross to the UI as `{code, rule, message, overridable, reasons}` (kashidashi-wire).

use kashidashi_core::{Error, Lang, Refusal};
use kashidashi_wire::ErrorView;

pub type CmdResult<T> = Result<T, ErrorView>;

pub fn view(e: Error, lang: Lang) -> ErrorView {
    ErrorView::new(&e, lang)
}

/// A command that needs a signed-in member of staff at a desk was called without one.
pub fn not_signed_in(lang: Lang) -> ErrorView {
    ErrorView::new(&Refusal::NotSignedIn.into(), lang)
}
