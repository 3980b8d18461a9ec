//! Webshop customer: reset password, from the link in the reset e-mail.
//!
//! `POST /services/webshop/v1/customer/auth/password/reset`, public. `project_id` is the shop's
//! (configuration), `token` comes from the link; `email`, `password` and `password_confirmation`
//! are `max:191`. An invalid or expired token answers 400.

use crate::domain::spec::{Auth, Extra, FieldSpec, FormSpec, InputKind, Rule, SuccessKind};
use crate::domain::text::Text;

pub static SPEC: FormSpec = FormSpec {
    name: "customer-password-reset",
    endpoint: "/services/webshop/v1/customer/auth/password/reset",
    auth: Auth::Public,
    fields: &[
        FieldSpec {
            name: "email",
            label: Text::Email,
            input: InputKind::AccountEmail,
            rules: &[Rule::Required, Rule::Email, Rule::MaxChars(191)],
        },
        FieldSpec {
            name: "password",
            label: Text::NewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::MaxChars(191)],
        },
        FieldSpec {
            name: "password_confirmation",
            label: Text::ConfirmNewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::MaxChars(191), Rule::SameAs("password", Text::PasswordsDiffer)],
        },
    ],
    extras: &[Extra::ProjectId("project_id"), Extra::ResetToken("token")],
    submit: Text::SetNewPassword,
    pending: Text::SavingPassword,
    success: SuccessKind::PasswordReset,
};

impl FormSpec {
    /// Webshop customer: reset password, from the link in the reset e-mail. Chosen as `form=FormSpec::CUSTOMER_PASSWORD_RESET`.
    pub const CUSTOMER_PASSWORD_RESET: &'static FormSpec = &SPEC;
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::Outcome;
    use crate::domain::request::RequestBody;
    use crate::domain::text::{Msg, Text};
    use crate::forms::testing::*;

    #[test]
    fn rules() {
        check(&SPEC, &["", "", ""], &[REQUIRED, REQUIRED, REQUIRED]);
        check(&SPEC, &[" jane@example.com\t", "pw", "pw"], &["", "", ""]);
        check(&SPEC, &["jane@localhost", "pw", "pw"], &["", "", ""]);
        check(&SPEC, &["\"quoted local\"@example.com", "pw", "pw"], &["", "", ""]);
        check(&SPEC, &["jane", "pw", "pw "], &[INVALID_EMAIL, "", PASSWORDS_DIFFER]);
        let long_email = format!("{}@example.com", "é".repeat(180));
        check(&SPEC, &[&long_email, &"😀".repeat(192), "x"], &[TOO_LONG, TOO_LONG, PASSWORDS_DIFFER]);
        check(&SPEC, &["a@b", &"😀".repeat(191), &"😀".repeat(191)], &["", "", ""]);
    }

    #[test]
    fn the_body_carries_the_trimmed_email_the_project_and_the_token() {
        let values: Vec<String> = [" jane@example.com ", " pw ", " pw "].map(String::from).to_vec();
        let body = RequestBody::new(&SPEC, &values, Some("7K3x"), Some(1));
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"email":"jane@example.com","password":" pw ","password_confirmation":" pw ","project_id":1,"token":"7K3x"}"#
        );
    }

    #[test]
    fn answers() {
        assert_eq!(
            answer(&SPEC, 200, r#"{"error":false,"message":"Password has been reset.","data":[]}"#),
            Outcome::Success { message: Some("Password has been reset.".into()), token: None }
        );
        assert_eq!(
            answer(
                &SPEC,
                400,
                r#"{"error":true,"message":"This password reset token is invalid.","data":[]}"#
            ),
            Outcome::InvalidLink { message: Some("This password reset token is invalid.".into()) }
        );
        assert_eq!(answer(&SPEC, 400, "garbage"), Outcome::InvalidLink { message: None });
        assert_eq!(
            answer(
                &SPEC,
                422,
                r#"{"message":"x","errors":{"email":["The email field must be a valid email address."],"project_id":["The selected project id is invalid."]}}"#
            ),
            Outcome::Rejected {
                fields: vec![
                    Some(Msg::Server("The email field must be a valid email address.".into())),
                    None,
                    None
                ],
                summary: vec![Msg::Server("The selected project id is invalid.".into())],
            }
        );
        assert_eq!(
            limited(&SPEC, Some("60"), r#"{"error":true,"message":"Too Many Attempts."}"#),
            Outcome::RateLimited { wait_seconds: Some(60) }
        );
        assert_eq!(answer(&SPEC, 503, ""), Outcome::Failed(Msg::Count(Text::ServerTrouble, 503)));
    }
}
