//! Form shapes for the core's own tests: one per kind of success, so the core is tested without
//! the real declarations in `crate::forms` (which have tests of their own); and [`answer`], the
//! one way every test turns a status and a body into an outcome.

use super::answer::{Answer, Outcome, interpret};
use super::spec::{Auth, FieldSpec, FormSpec, InputKind, Realm, Rule, SuccessKind};
use super::text::Text;

const CURRENT: FieldSpec = FieldSpec {
    name: "current_password",
    label: Text::CurrentPassword,
    input: InputKind::CurrentPassword,
    rules: &[Rule::Required],
};
const NEW: FieldSpec = FieldSpec {
    name: "password",
    label: Text::NewPassword,
    input: InputKind::NewPassword,
    rules: &[Rule::Required],
};
const CONFIRM: FieldSpec = FieldSpec {
    name: "password_confirmation",
    label: Text::ConfirmNewPassword,
    input: InputKind::NewPassword,
    rules: &[Rule::Required, Rule::SameAs("password", Text::PasswordsDiffer)],
};

/// A password change whose answer carries a fresh token (every other token is revoked).
pub static SWAP: FormSpec = FormSpec {
    name: "swap",
    endpoint: "/swap",
    auth: Auth::Bearer(Realm::Customer),
    fields: &[CURRENT, NEW, CONFIRM],
    extras: &[],
    submit: Text::ChangePassword,
    pending: Text::ChangingPassword,
    success: SuccessKind::SwapToken,
};

/// A password change that leaves the session alone.
pub static CHANGE: FormSpec =
    FormSpec { name: "change", success: SuccessKind::Changed, auth: Auth::Bearer(Realm::User), ..SWAP };

/// A reset from a link.
pub static RESET: FormSpec = FormSpec {
    name: "reset",
    auth: Auth::Public,
    fields: &[
        FieldSpec {
            name: "email",
            label: Text::Email,
            input: InputKind::AccountEmail,
            rules: &[Rule::Required],
        },
        NEW,
        CONFIRM,
    ],
    extras: &[super::spec::Extra::ResetToken("token")],
    success: SuccessKind::PasswordReset,
    ..SWAP
};

/// An e-mail change whose new address is not the first field.
pub static EMAIL: FormSpec = FormSpec {
    name: "email",
    auth: Auth::Bearer(Realm::User),
    fields: &[
        CURRENT,
        FieldSpec {
            name: "email",
            label: Text::NewEmail,
            input: InputKind::NewEmail,
            rules: &[Rule::Required],
        },
    ],
    success: SuccessKind::EmailChangeRequested,
    ..SWAP
};

/// Every shape, as the registry lists the real forms.
pub static ALL: [&FormSpec; 4] = [&SWAP, &CHANGE, &RESET, &EMAIL];

/// The outcome of an answer with `status` and `body` (any text; JSON or not).
pub fn answer(spec: &FormSpec, status: u16, body: &str) -> Outcome {
    answer_with_retry_after(spec, status, None, body)
}

/// The outcome of an answer with `status`, a `Retry-After: retry_after` header when there is one,
/// and `body` (any text; JSON or not).
pub fn answer_with_retry_after(
    spec: &FormSpec,
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Outcome {
    interpret(
        spec,
        &Answer {
            status,
            retry_after: retry_after.map(str::to_owned),
            body: serde_json::from_str(body).ok(),
            received_at: 0,
        },
    )
}
