//! Platform user: change password.
//!
//! `POST /services/platforms/v1/user/update-password` with the user's Bearer token. The
//! confirmation is `confirm_password` (`same:password`), which, unlike the passwords, the server
//! trims: a new password with a space at either end could never match it there.

use crate::domain::spec::{Auth, FieldSpec, FormSpec, InputKind, Realm, Rule, SuccessKind};
use crate::domain::text::Text;

pub static SPEC: FormSpec = FormSpec {
    name: "user-password-change",
    endpoint: "/services/platforms/v1/user/update-password",
    auth: Auth::Bearer(Realm::User),
    fields: &[
        FieldSpec {
            name: "current_password",
            label: Text::CurrentPassword,
            input: InputKind::CurrentPassword,
            rules: &[Rule::Required],
        },
        FieldSpec {
            name: "password",
            label: Text::NewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::NoEdgeWhitespace],
        },
        FieldSpec {
            name: "confirm_password",
            label: Text::ConfirmNewPassword,
            input: InputKind::NewPassword,
            rules: &[Rule::Required, Rule::SameAs("password", Text::PasswordsDiffer)],
        },
    ],
    extras: &[],
    submit: Text::ChangePassword,
    pending: Text::ChangingPassword,
    success: SuccessKind::Changed,
};

impl FormSpec {
    /// Platform user: change password. Chosen as `form=FormSpec::USER_PASSWORD_CHANGE`.
    pub const USER_PASSWORD_CHANGE: &'static FormSpec = &SPEC;
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::Outcome;
    use crate::domain::text::{Msg, Text};
    use crate::forms::testing::*;

    const EDGE: &str = "This password cannot start or end with a space.";

    #[test]
    fn rules() {
        check(&SPEC, &["", "", ""], &[REQUIRED, REQUIRED, REQUIRED]);
        check(&SPEC, &["old", "new", "new"], &["", "", ""]);
        // The server trims `confirm_password` but not `password`: such a password can never be
        // confirmed there, and both fields say so, as the server would.
        check(&SPEC, &["old", " new", " new"], &["", EDGE, PASSWORDS_DIFFER]);
        check(&SPEC, &["old", "new\t", "new\t"], &["", EDGE, PASSWORDS_DIFFER]);
        check(&SPEC, &["old", "new", "New"], &["", "", PASSWORDS_DIFFER]);
        // What the server accepts, the form accepts: the confirmation is compared once trimmed.
        check(&SPEC, &["old", "Secret-1", "Secret-1 "], &["", "", ""]);
        check(&SPEC, &["old", "Secret-1", "\n Secret-1\t"], &["", "", ""]);
        // Laravel 9+ trims Unicode spaces too; Laravel 8 (PHP's trim) does not. A rule may be
        // looser than one version, never stricter than any.
        check(&SPEC, &["old", "Secret-1", "Secret-1\u{a0}"], &["", "", ""]);
        check(&SPEC, &["old", "Secret-1", "\u{200b}Secret-1"], &["", "", ""]);
        check(&SPEC, &["old", "new\u{a0}", "new\u{a0}"], &["", "", ""]);
        check(&SPEC, &["old", "Secret-1", "Secret-1 x"], &["", "", PASSWORDS_DIFFER]);
        let long = "x".repeat(300);
        check(&SPEC, &[&long, &long, &long], &["", "", ""]);
    }

    #[test]
    fn answers() {
        assert_eq!(
            answer(&SPEC, 200, r#"{"message":"Password updated."}"#),
            Outcome::Success { message: Some("Password updated.".into()), token: None }
        );
        // `same:password` reports on the confirmation field itself.
        assert_eq!(
            answer(
                &SPEC,
                422,
                r#"{"message":"x","errors":{"confirm_password":["The confirm password field must match password."],"current_password":["The password is incorrect."]}}"#
            ),
            Outcome::Rejected {
                fields: vec![
                    Some(Msg::Server("The password is incorrect.".into())),
                    None,
                    Some(Msg::Server("The confirm password field must match password.".into())),
                ],
                summary: vec![]
            }
        );
        assert_eq!(
            answer(&SPEC, 401, r#"{"error":true,"message":"Unauthenticated."}"#),
            Outcome::Unauthenticated
        );
        assert_eq!(
            answer(&SPEC, 403, r#"{"error":true,"message":"This action is unauthorized."}"#),
            Outcome::Failed(Msg::Text(Text::NotAllowed))
        );
        assert_eq!(
            limited(&SPEC, Some("30"), r#"{"error":true,"message":"Too Many Attempts."}"#),
            Outcome::RateLimited { wait_seconds: Some(30) }
        );
    }
}
