//! Helpers for the forms' data-driven tests.

use crate::domain::answer::Outcome;
use crate::domain::rules::check_form;
use crate::domain::spec::FormSpec;
use crate::domain::testing::answer_with_retry_after;
use crate::domain::text::Msg;

/// The core's test answer, beside the forms' own helpers.
pub use crate::domain::testing::answer;

/// Checks each field's verdict for `values`, in order, as English text (`""` for none).
pub fn check(spec: &FormSpec, values: &[&str], expected: &[&str]) {
    let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    let verdicts: Vec<String> = check_form(spec, &values)
        .iter()
        .map(|verdict| verdict.as_ref().map(Msg::en).unwrap_or_default())
        .collect();
    assert_eq!(verdicts, expected, "values {values:?}");
}

/// The outcome of a 429 with `Retry-After: retry_after`.
pub fn limited(spec: &FormSpec, retry_after: Option<&str>, body: &str) -> Outcome {
    answer_with_retry_after(spec, 429, retry_after, body)
}

pub const REQUIRED: &str = "This field is required.";
pub const TOO_LONG: &str = "Use at most 191 characters.";
pub const PASSWORDS_DIFFER: &str = "The passwords do not match.";
pub const EMAILS_DIFFER: &str = "The e-mail addresses do not match.";
pub const INVALID_EMAIL: &str = "Enter an e-mail address like name@example.com.";
