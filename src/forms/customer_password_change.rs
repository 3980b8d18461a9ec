//! Webshop customer: change password.
//!
//! `POST /services/webshop/v1/customer/password/change` with the customer's Bearer token. Every
//! field is `max:191`; `password` is `confirmed`. Success revokes every token of the customer and
//! returns a fresh one, which replaces the stored token.

use crate::domain::spec::{Auth, FieldSpec, FormSpec, InputKind, Realm, Rule, SuccessKind};
use crate::domain::text::Text;

const PASSWORD_RULES: &[Rule] = &[Rule::Required, Rule::MaxChars(191)];

pub static SPEC: FormSpec = FormSpec {
    name: "customer-password-change",
    endpoint: "/services/webshop/v1/customer/password/change",
    auth: Auth::Bearer(Realm::Customer),
    fields: &[
        FieldSpec {
            name: "current_password",
            label: Text::CurrentPassword,
            input: InputKind::CurrentPassword,
            rules: PASSWORD_RULES,
        },
        FieldSpec {
            name: "password",
            label: Text::NewPassword,
            input: InputKind::NewPassword,
            rules: PASSWORD_RULES,
        },
        FieldSpec {
            name: "password_confirmation",
            label: Text::ConfirmNewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::MaxChars(191), Rule::SameAs("password", Text::PasswordsDiffer)],
        },
    ],
    extras: &[],
    submit: Text::ChangePassword,
    pending: Text::ChangingPassword,
    success: SuccessKind::SwapToken,
};

impl FormSpec {
    /// Webshop customer: change password. Chosen as `form=FormSpec::CUSTOMER_PASSWORD_CHANGE`.
    pub const CUSTOMER_PASSWORD_CHANGE: &'static FormSpec = &SPEC;
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::{Outcome, TokenChange};
    use crate::domain::request::RequestBody;
    use crate::domain::text::Msg;
    use crate::forms::testing::{PASSWORDS_DIFFER, REQUIRED, TOO_LONG, answer, check};

    mod rules {
        use super::*;

        #[test]
        fn all_three_are_required() {
            check(&SPEC, &["", "", ""], &[REQUIRED, REQUIRED, REQUIRED]);
        }

        #[test]
        fn whitespace_only_counts_as_missing() {
            check(&SPEC, &[" \t", "\n", " "], &[REQUIRED, REQUIRED, REQUIRED]);
        }

        #[test]
        fn valid_input_passes() {
            check(&SPEC, &["old secret", "new secret", "new secret"], &["", "", ""]);
        }

        #[test]
        fn confirmation_must_equal_exactly() {
            check(&SPEC, &["old", "new secret", "new secret "], &["", "", PASSWORDS_DIFFER]);
            check(&SPEC, &["old", "new secret", "New secret"], &["", "", PASSWORDS_DIFFER]);
        }

        #[test]
        fn passwords_are_not_trimmed_before_comparing() {
            check(&SPEC, &["old", " new ", " new "], &["", "", ""]);
        }

        #[test]
        fn unicode_normalisation_is_not_applied() {
            // "é" precomposed against "e" + combining acute: different code points, different passwords.
            check(&SPEC, &["old", "caf\u{e9}", "cafe\u{301}"], &["", "", PASSWORDS_DIFFER]);
        }

        #[test]
        fn counts_characters_not_bytes_or_utf16_units() {
            let emoji_191 = "😀".repeat(191);
            let emoji_192 = "😀".repeat(192);
            check(&SPEC, &[&emoji_191, &emoji_191, &emoji_191], &["", "", ""]);
            check(&SPEC, &[&emoji_192, &emoji_192, &emoji_192], &[TOO_LONG, TOO_LONG, TOO_LONG]);
        }

        #[test]
        fn the_length_limit_applies_to_each_field() {
            let long = "a".repeat(192);
            check(&SPEC, &[&long, "b", "b"], &[TOO_LONG, "", ""]);
            check(&SPEC, &["a", &"b".repeat(191), &"b".repeat(191)], &["", "", ""]);
        }
    }

    mod request {
        use super::*;

        #[test]
        fn sends_every_field_by_its_wire_name_untouched() {
            let body = RequestBody::new(&SPEC, &[" old ", "new\t", "new\t"].map(str::to_owned), None, None);
            assert_eq!(
                serde_json::to_string(&body).unwrap(),
                r#"{"current_password":" old ","password":"new\t","password_confirmation":"new\t"}"#
            );
        }
    }

    mod answers {
        use super::*;

        #[test]
        fn a_wrong_current_password_lands_under_that_field() {
            let outcome = answer(
                &SPEC,
                422,
                r#"{"message":"The password is incorrect.","errors":{"current_password":["The password is incorrect."]}}"#,
            );
            assert_eq!(
                outcome,
                Outcome::Rejected {
                    fields: vec![Some(Msg::Server("The password is incorrect.".into())), None, None],
                    summary: vec![]
                }
            );
        }

        #[test]
        fn a_confirmation_mismatch_on_password_lands_under_the_confirmation() {
            let outcome = answer(
                &SPEC,
                422,
                r#"{"message":"x","errors":{"password":["The password field confirmation does not match.","The password field must be at least 8 characters."]}}"#,
            );
            assert_eq!(
                outcome,
                Outcome::Rejected {
                    fields: vec![
                        None,
                        Some(Msg::Server("The password field must be at least 8 characters.".into())),
                        Some(Msg::Server("The password field confirmation does not match.".into())),
                    ],
                    summary: vec![]
                }
            );
        }

        #[test]
        fn its_answer_carries_the_fresh_token() {
            assert_eq!(
                answer(&SPEC, 200, r#"{"error":false,"message":"Changed.","data":{"token":"7|abc"}}"#),
                Outcome::Success {
                    message: Some("Changed.".into()),
                    token: Some(TokenChange::Replace("7|abc".into()))
                }
            );
        }
    }
}
