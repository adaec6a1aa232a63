//! The patron form shows each error at its field (issue 11, defect 7): a registration or an
//! edit that fails says which field of the form was wrong. The core names fields in its own
//! words ("postal code", "value"); this maps them to the form's fields.

use std::sync::Mutex;

use kashidashi_core::{Error, Invalid};
use kashidashi_wire::ErrorView;
use serde::Serialize;

/// An error of the patron form: the usual error object and the field at fault, if one is.
#[derive(Serialize)]
pub struct FormError {
    #[serde(flatten)]
    view: ErrorView,
    field: Option<&'static str>,
}

/// Remembers the field of the error a core call returned, for the view made of it later (a
/// mutex: the core call runs on a thread of its own, off the async runtime).
#[derive(Default)]
pub struct FieldOf(Mutex<Option<&'static str>>);

impl FieldOf {
    /// Run `f`, noting the field of its error.
    pub fn run<T>(
        &self,
        f: impl FnOnce() -> kashidashi_core::Result<T>,
    ) -> kashidashi_core::Result<T> {
        let r = f();
        if let Err(e) = &r {
            *self.0.lock().unwrap_or_else(|p| p.into_inner()) = patron_field(e);
        }
        r
    }

    pub fn error(&self, view: ErrorView) -> FormError {
        FormError {
            view,
            field: *self.0.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }
}

/// The patron form's field an error belongs to: card, name, kana, birth, email, postal-code,
/// address, phone, residence or partners.
fn patron_field(e: &Error) -> Option<&'static str> {
    let Error::Invalid(i) = e else { return None };
    match i {
        Invalid::ScanEmpty
        | Invalid::ScanUnrecognized { .. }
        | Invalid::ScanCheckDigit { .. }
        | Invalid::ExpectedCard { .. }
        | Invalid::DuplicateCard { .. } => Some("card"),
        Invalid::BadDate { .. } | Invalid::DateOutOfRange { .. } => Some("birth"),
        Invalid::Email(_) => Some("email"),
        Invalid::UnknownDesk { .. } => Some("partners"),
        Invalid::Missing { field }
        | Invalid::BadValue { field, .. }
        | Invalid::TooLong { field, .. }
        | Invalid::ControlCharacter { field } => match *field {
            "name" => Some("name"),
            "kana" => Some("kana"),
            "email" => Some("email"),
            "postal code" => Some("postal-code"),
            "address" => Some("address"),
            "phone" => Some("phone"),
            // The residence category is checked as a short code, named "value".
            "residence" | "value" => Some("residence"),
            "partner" => Some("partners"),
            _ => None,
        },
        _ => None,
    }
}
