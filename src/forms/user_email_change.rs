//! Platform user: request an e-mail change.
//!
//! `POST /services/platforms/v1/user/update-email-sendtoken` with the user's Bearer token. The
//! server mails a confirmation to the new address; the address changes only once confirmed.
//! Limited to 5 attempts per address and 5 per IP address per hour, so a 429 can mean a long wait.

use crate::domain::spec::{Auth, FieldSpec, FormSpec, InputKind, Realm, Rule, SuccessKind};
use crate::domain::text::Text;

pub static SPEC: FormSpec = FormSpec {
    name: "user-email-change",
    endpoint: "/services/platforms/v1/user/update-email-sendtoken",
    auth: Auth::Bearer(Realm::User),
    fields: &[
        FieldSpec {
            name: "email",
            label: Text::NewEmail,
            input: InputKind::NewEmail,
            rules: &[Rule::Required, Rule::Email],
        },
        FieldSpec {
            name: "confirm_email",
            label: Text::ConfirmNewEmail,
            input: InputKind::NewEmail,
            rules: &[Rule::Required, Rule::SameAs("email", Text::EmailsDiffer)],
        },
    ],
    extras: &[],
    submit: Text::SendConfirmation,
    pending: Text::Sending,
    success: SuccessKind::EmailChangeRequested,
};

impl FormSpec {
    /// Platform user: request an e-mail change. Chosen as `form=FormSpec::USER_EMAIL_CHANGE`.
    pub const USER_EMAIL_CHANGE: &'static FormSpec = &SPEC;
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use crate::domain::answer::Outcome;
    use crate::domain::request::RequestBody;
    use crate::domain::text::{Msg, Text, try_again_in};
    use crate::forms::testing::*;

    #[test]
    fn rules_compare_trimmed_addresses() {
        check(&SPEC, &["", ""], &[REQUIRED, REQUIRED]);
        check(&SPEC, &[" new@example.com", "new@example.com\n"], &["", ""]);
        check(&SPEC, &["new@example.com", "New@example.com"], &["", EMAILS_DIFFER]);
        check(&SPEC, &["jane@localhost", "jane@localhost"], &["", ""]);
        check(&SPEC, &["\"quoted local\"@example.com", "\"quoted local\"@example.com"], &["", ""]);
        check(&SPEC, &["no-at-sign", "no-at-sign"], &[INVALID_EMAIL, ""]);
    }

    #[test]
    fn the_body_carries_trimmed_addresses() {
        let values: Vec<String> = [" new@example.com ", "\tnew@example.com"].map(String::from).to_vec();
        assert_eq!(
            serde_json::to_string(&RequestBody::new(&SPEC, &values, None, None)).unwrap(),
            r#"{"email":"new@example.com","confirm_email":"new@example.com"}"#
        );
    }

    #[test]
    fn answers() {
        assert_eq!(
            answer(&SPEC, 200, r#"{"message":"Verification sent."}"#),
            Outcome::Success { message: Some("Verification sent.".into()), token: None }
        );
        assert_eq!(
            answer(
                &SPEC,
                422,
                r#"{"message":"x","errors":{"confirm_email":["The confirm email field must match email."]}}"#
            ),
            Outcome::Rejected {
                fields: vec![None, Some(Msg::Server("The confirm email field must match email.".into()))],
                summary: vec![]
            }
        );
        assert_eq!(answer(&SPEC, 401, "{}"), Outcome::Unauthenticated);
        assert_eq!(answer(&SPEC, 403, "{}"), Outcome::Failed(Msg::Text(Text::NotAllowed)));
        // The e-mail endpoint documents only `message` on 429; the wait can be most of an hour.
        let outcome = limited(&SPEC, Some("3120"), r#"{"message":"Too many attempts."}"#);
        assert_eq!(outcome, Outcome::RateLimited { wait_seconds: Some(3120) });
        assert_eq!(try_again_in(3120).en(), "Try again in 52 minutes.");
    }
}
