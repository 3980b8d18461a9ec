//! Platform user: reset password, from the link in the reset e-mail.
//!
//! `POST /v1/reset-password`, public. `token` comes from the link. Laravel's password broker
//! reports a bad token as a 422 on `email`.

use crate::domain::spec::{Auth, Extra, FieldSpec, FormSpec, InputKind, Rule, SuccessKind};
use crate::domain::text::Text;

pub static SPEC: FormSpec = FormSpec {
    name: "user-password-reset",
    endpoint: "/v1/reset-password",
    auth: Auth::Public,
    fields: &[
        FieldSpec {
            name: "email",
            label: Text::Email,
            input: InputKind::AccountEmail,
            rules: &[Rule::Required, Rule::Email],
        },
        FieldSpec {
            name: "password",
            label: Text::NewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required],
        },
        FieldSpec {
            name: "password_confirmation",
            label: Text::ConfirmNewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::SameAs("password", Text::PasswordsDiffer)],
        },
    ],
    extras: &[Extra::ResetToken("token")],
    submit: Text::SetNewPassword,
    pending: Text::SavingPassword,
    success: SuccessKind::PasswordReset,
};

impl FormSpec {
    /// Platform user: reset password, from the link in the reset e-mail. Chosen as `form=FormSpec::USER_PASSWORD_RESET`.
    pub const USER_PASSWORD_RESET: &'static FormSpec = &SPEC;
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::Outcome;
    use crate::domain::request::RequestBody;
    use crate::domain::text::{Msg, Text};
    use crate::forms::testing::*;

    #[test]
    fn rules_have_no_length_limit_because_none_is_documented() {
        check(&SPEC, &["", " ", "\n"], &[REQUIRED, REQUIRED, REQUIRED]);
        let long = "x".repeat(500);
        check(&SPEC, &["a@b.c", &long, &long], &["", "", ""]);
        check(&SPEC, &["a b@c", "x", "y"], &[INVALID_EMAIL, "", PASSWORDS_DIFFER]);
    }

    #[test]
    fn the_body_sends_no_project_and_the_token_when_known() {
        let values: Vec<String> = ["a@b.c", "pw", "pw"].map(String::from).to_vec();
        assert_eq!(
            serde_json::to_string(&RequestBody::new(&SPEC, &values, Some("abc123"), Some(9))).unwrap(),
            r#"{"email":"a@b.c","password":"pw","password_confirmation":"pw","token":"abc123"}"#
        );
    }

    #[test]
    fn answers() {
        assert_eq!(
            answer(&SPEC, 200, r#"{"message":"Your password has been reset."}"#),
            Outcome::Success { message: Some("Your password has been reset.".into()), token: None }
        );
        assert_eq!(
            answer(
                &SPEC,
                422,
                r#"{"message":"x","errors":{"email":["This password reset token is invalid."]}}"#
            ),
            Outcome::Rejected {
                fields: vec![Some(Msg::Server("This password reset token is invalid.".into())), None, None],
                summary: vec![]
            }
        );
        assert_eq!(
            answer(&SPEC, 422, r#"{"message":"x","errors":{"token":["The token field is required."]}}"#),
            Outcome::Rejected {
                fields: vec![None, None, None],
                summary: vec![Msg::Server("The token field is required.".into())]
            }
        );
        assert_eq!(
            limited(&SPEC, None, r#"{"error":true,"message":"Too Many Attempts."}"#),
            Outcome::RateLimited { wait_seconds: None }
        );
        // Not documented here, but a 400 on a reset can only be about what the link carried.
        assert_eq!(answer(&SPEC, 400, "{}"), Outcome::InvalidLink { message: None });
        assert_eq!(answer(&SPEC, 500, "{}"), Outcome::Failed(Msg::Count(Text::ServerTrouble, 500)));
    }
}
