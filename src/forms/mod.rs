//! The forms, one declaration per file. Adding a form is one more file and one line here.

pub mod customer_password_change;
pub mod customer_password_reset;
pub mod user_email_change;
pub mod user_password_change;
pub mod user_password_reset;

#[cfg(test)]
mod stylesheet;
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
    fn no_answer_leaves_it_open_whether_anything_happened_unless_nothing_was_sent() {
        use crate::domain::answer::{NoAnswer, Outcome, no_answer};
        use crate::domain::config::Config;
        use crate::domain::session::Stored;
        use crate::domain::text::{Catalog, Msg, Text};
        use crate::domain::verdict::{Context, Fields, decide};
        for kind in FormKind::ALL {
            let unknown = match kind {
                FormKind::UserEmailChange => Text::OutcomeUnknownEmail,
                _ => Text::OutcomeUnknownPassword,
            };
            let spec = spec(kind);
            let ctx = Context {
                spec,
                config: &Config::default(),
                catalog: &Catalog::default(),
                values: &[],
                sent: Some("5|a"),
                stored: &Stored::Token("5|a".into()),
                kept: None,
                shown: true,
                now_ms: 0,
            };
            for (why, reason) in
                [(NoAnswer::TimedOut, Text::NoAnswerInTime), (NoAnswer::Lost, Text::ConnectionLost)]
            {
                let verdict = decide(&ctx, no_answer(why));
                let lines = verdict.notice.map(|n| n.lines);
                assert_eq!(lines, Some(vec![Msg::Text(reason), Msg::Text(unknown)]), "{}", kind.name());
                assert_eq!(verdict.fields, Fields::Keep, "{}", kind.name());
            }
            assert_eq!(no_answer(NoAnswer::NotSent), Outcome::Failed(Msg::Text(Text::Unreachable)));
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
