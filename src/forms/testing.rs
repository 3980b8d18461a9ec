//! Helpers for the forms' data-driven tests.

use crate::domain::answer::{Answer, Outcome, interpret};
use crate::domain::rules::check_form;
use crate::domain::spec::FormSpec;
use crate::domain::text::Msg;

/// Checks each field's verdict for `values`, in order, as English text (`""` for none).
pub fn check(spec: &FormSpec, values: &[&str], expected: &[&str]) {
    let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    let verdicts: Vec<String> = check_form(spec, &values)
        .iter()
        .map(|verdict| verdict.as_ref().map(Msg::en).unwrap_or_default())
        .collect();
    assert_eq!(verdicts, expected, "values {values:?}");
}

/// The outcome of an answer with `status` and `body` (any text; JSON or not).
pub fn answer(spec: &FormSpec, status: u16, body: &str) -> Outcome {
    interpret(
        spec,
        &Answer { status, retry_after: None, body: serde_json::from_str(body).ok(), received_at: 0 },
    )
}

/// The outcome of a 429 with `Retry-After: retry_after`.
pub fn limited(spec: &FormSpec, retry_after: Option<&str>, body: &str) -> Outcome {
    interpret(
        spec,
        &Answer {
            status: 429,
            retry_after: retry_after.map(str::to_owned),
            body: serde_json::from_str(body).ok(),
            received_at: 0,
        },
    )
}

pub const REQUIRED: &str = "This field is required.";
pub const TOO_LONG: &str = "Use at most 191 characters.";
pub const PASSWORDS_DIFFER: &str = "The passwords do not match.";
pub const EMAILS_DIFFER: &str = "The e-mail addresses do not match.";
pub const INVALID_EMAIL: &str = "Enter an e-mail address like name@example.com.";
