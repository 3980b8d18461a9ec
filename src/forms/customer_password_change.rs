//! Webshop customer: change password.
//!
//! `POST /services/webshop/v1/customer/password/change` with the customer's Bearer token. Every
//! field is `max:191`; `password` is `confirmed`. Success revokes every token of the customer and
//! returns a fresh one, which replaces the stored token.

use crate::domain::spec::{Auth, FieldSpec, FormKind, FormSpec, InputKind, Realm, Rule, SuccessKind};
use crate::domain::text::Text;

const PASSWORD_RULES: &[Rule] = &[Rule::Required, Rule::MaxChars(191)];

pub static SPEC: FormSpec = FormSpec {
    kind: FormKind::CustomerPasswordChange,
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

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::{Answer, Outcome, TokenChange, interpret};
    use crate::domain::json::Json;
    use crate::domain::request::RequestBody;
    use crate::domain::rules::check_form;
    use crate::domain::text::{Msg, Text};

    fn values(current: &str, new: &str, confirmation: &str) -> Vec<String> {
        vec![current.to_owned(), new.to_owned(), confirmation.to_owned()]
    }

    /// Checks the verdict for each field, in order, as English text (`""` for none).
    fn check(current: &str, new: &str, confirmation: &str, expected: [&str; 3]) {
        let verdicts: Vec<String> = check_form(&SPEC, &values(current, new, confirmation))
            .iter()
            .map(|verdict| verdict.as_ref().map(Msg::en).unwrap_or_default())
            .collect();
        assert_eq!(verdicts, expected);
    }

    fn answer(status: u16, body: &str) -> Outcome {
        interpret(
            &SPEC,
            &Answer { status, retry_after: None, body: serde_json::from_str(body).ok(), received_at: 0 },
        )
    }

    mod rules {
        use super::*;

        const REQUIRED: &str = "This field is required.";
        const TOO_LONG: &str = "Use at most 191 characters.";
        const DIFFER: &str = "The passwords do not match.";

        #[test]
        fn all_three_are_required() {
            check("", "", "", [REQUIRED, REQUIRED, REQUIRED]);
        }

        #[test]
        fn whitespace_only_counts_as_missing() {
            check(" \t", "\n", " ", [REQUIRED, REQUIRED, REQUIRED]);
        }

        #[test]
        fn valid_input_passes() {
            check("old secret", "new secret", "new secret", ["", "", ""]);
        }

        #[test]
        fn confirmation_must_equal_exactly() {
            check("old", "new secret", "new secret ", ["", "", DIFFER]);
            check("old", "new secret", "New secret", ["", "", DIFFER]);
        }

        #[test]
        fn passwords_are_not_trimmed_before_comparing() {
            check("old", " new ", " new ", ["", "", ""]);
        }

        #[test]
        fn unicode_normalisation_is_not_applied() {
            // "é" precomposed against "e" + combining acute: different code points, different passwords.
            check("old", "caf\u{e9}", "cafe\u{301}", ["", "", DIFFER]);
        }

        #[test]
        fn counts_characters_not_bytes_or_utf16_units() {
            let emoji_191 = "😀".repeat(191);
            let emoji_192 = "😀".repeat(192);
            check(&emoji_191, &emoji_191, &emoji_191, ["", "", ""]);
            check(&emoji_192, &emoji_192, &emoji_192, [TOO_LONG, TOO_LONG, TOO_LONG]);
        }

        #[test]
        fn the_length_limit_applies_to_each_field() {
            let long = "a".repeat(192);
            check(&long, "b", "b", [TOO_LONG, "", ""]);
            check("a", &"b".repeat(191), &"b".repeat(191), ["", "", ""]);
        }
    }

    mod request {
        use super::*;

        #[test]
        fn sends_every_field_by_its_wire_name_untouched() {
            let body = RequestBody::new(&SPEC, &values(" old ", "new\t", "new\t"), None, None);
            assert_eq!(
                serde_json::to_string(&body).unwrap(),
                r#"{"current_password":" old ","password":"new\t","password_confirmation":"new\t"}"#
            );
        }
    }

    mod answers {
        use super::*;

        #[test]
        fn fresh_token_is_taken_from_data_token() {
            let outcome = answer(200, r#"{"error":false,"message":"Changed.","data":{"token":"7|abc"}}"#);
            assert_eq!(
                outcome,
                Outcome::Success {
                    message: Some("Changed.".into()),
                    token: Some(TokenChange::Replace("7|abc".into()))
                }
            );
        }

        #[test]
        fn fresh_token_is_taken_from_top_level_token() {
            let outcome = answer(200, r#"{"token":"5292|new","message":"Password changed."}"#);
            assert_eq!(
                outcome,
                Outcome::Success {
                    message: Some("Password changed.".into()),
                    token: Some(TokenChange::Replace("5292|new".into()))
                }
            );
        }

        #[test]
        fn data_token_is_preferred_over_top_level_token() {
            let outcome = answer(200, r#"{"token":"1|top","data":{"token":"2|data"}}"#);
            assert!(
                matches!(outcome, Outcome::Success { token: Some(TokenChange::Replace(t)), .. } if t == "2|data")
            );
        }

        #[test]
        fn no_usable_token_means_signed_out() {
            for body in [
                r#"{"message":"Changed."}"#,
                r#"{"data":{"token":""}}"#,
                r#"{"data":{"token":"   "}}"#,
                r#"{"token":123}"#,
                r#"{"data":[]}"#,
                r#"[]"#,
                "not json",
                "",
            ] {
                let outcome = answer(200, body);
                assert!(
                    matches!(outcome, Outcome::Success { token: Some(TokenChange::Revoked), .. }),
                    "{body}: {outcome:?}"
                );
            }
        }

        #[test]
        fn a_wrong_current_password_lands_under_that_field() {
            let outcome = answer(
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
        fn unknown_fields_go_to_the_summary() {
            let outcome = answer(422, r#"{"message":"x","errors":{"captcha":["Solve the captcha."]}}"#);
            assert_eq!(
                outcome,
                Outcome::Rejected {
                    fields: vec![None, None, None],
                    summary: vec![Msg::Server("Solve the captcha.".into())]
                }
            );
        }

        #[test]
        fn a_422_without_an_error_bag_shows_its_message() {
            let outcome = answer(422, r#"{"message":"Nope.","errors":"x"}"#);
            assert_eq!(
                outcome,
                Outcome::Rejected {
                    fields: vec![None, None, None],
                    summary: vec![Msg::Server("Nope.".into())]
                }
            );
            let outcome = answer(422, "<html>");
            assert_eq!(
                outcome,
                Outcome::Rejected {
                    fields: vec![None, None, None],
                    summary: vec![Msg::Text(Text::UnexpectedAnswer)]
                }
            );
        }

        #[test]
        fn unauthenticated() {
            assert_eq!(
                answer(401, r#"{"error":true,"message":"Unauthenticated."}"#),
                Outcome::Unauthenticated
            );
            assert_eq!(answer(401, ""), Outcome::Unauthenticated);
        }

        #[test]
        fn rate_limited_with_and_without_a_wait() {
            let limited = |retry_after: Option<&str>| {
                interpret(
                    &SPEC,
                    &Answer {
                        status: 429,
                        retry_after: retry_after.map(str::to_owned),
                        body: Some(Json::Object(vec![(
                            "message".into(),
                            Json::String("Too Many Attempts.".into()),
                        )])),
                        received_at: 0,
                    },
                )
            };
            assert_eq!(
                limited(Some("42")),
                Outcome::RateLimited { message: Some("Too Many Attempts.".into()), wait_seconds: Some(42) }
            );
            assert_eq!(
                limited(None),
                Outcome::RateLimited { message: Some("Too Many Attempts.".into()), wait_seconds: None }
            );
            assert_eq!(
                limited(Some("soon")),
                Outcome::RateLimited { message: Some("Too Many Attempts.".into()), wait_seconds: None }
            );
        }

        #[test]
        fn server_errors_and_unknown_statuses_are_general_errors() {
            assert_eq!(answer(500, "<h1>oops</h1>"), Outcome::Failed(Msg::Count(Text::ServerTrouble, 500)));
            assert_eq!(answer(502, ""), Outcome::Failed(Msg::Count(Text::ServerTrouble, 502)));
            assert_eq!(answer(418, "{}"), Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)));
            assert_eq!(answer(302, ""), Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)));
        }
    }
}
