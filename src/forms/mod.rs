//! The forms, one declaration per file. Adding a form is one more file and one line here.

pub mod customer_password_change;
pub mod customer_password_reset;
pub mod user_email_change;
pub mod user_password_change;
pub mod user_password_reset;

#[cfg(test)]
mod testing;

use crate::domain::spec::{FormKind, FormSpec};

/// The declaration of `kind`.
pub fn spec(kind: FormKind) -> &'static FormSpec {
    match kind {
        FormKind::CustomerPasswordChange => &customer_password_change::SPEC,
        FormKind::CustomerPasswordReset => &customer_password_reset::SPEC,
        FormKind::UserPasswordChange => &user_password_change::SPEC,
        FormKind::UserPasswordReset => &user_password_reset::SPEC,
        FormKind::UserEmailChange => &user_email_change::SPEC,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_answer_in_time_leaves_it_open_whether_anything_happened() {
        use crate::domain::answer::no_answer;
        use crate::domain::text::{Msg, Text};
        for kind in FormKind::ALL {
            let unknown = match kind {
                FormKind::UserEmailChange => Text::OutcomeUnknownEmail,
                _ => Text::OutcomeUnknownPassword,
            };
            assert_eq!(no_answer(spec(kind), true), Msg::Text(unknown), "{}", kind.name());
            assert_eq!(no_answer(spec(kind), false), Msg::Text(Text::Unreachable), "{}", kind.name());
        }
    }

    #[test]
    fn every_kind_has_its_own_declaration() {
        for kind in FormKind::ALL {
            assert_eq!(spec(kind).kind, kind);
            assert_eq!(FormKind::from_name(kind.name()), Some(kind));
        }
    }
}
