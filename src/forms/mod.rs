//! The forms, one declaration per file.

pub mod customer_password_change;

use crate::domain::spec::{FormKind, FormSpec};

/// The declaration of `kind`.
pub fn spec(kind: FormKind) -> &'static FormSpec {
    match kind {
        FormKind::CustomerPasswordChange => &customer_password_change::SPEC,
    }
}
