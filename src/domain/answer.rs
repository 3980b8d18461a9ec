//! From an HTTP answer to what the user sees: one function for every form.

use super::json::Json;
use super::spec::{FormSpec, SuccessKind};
use super::text::{Msg, Text};

/// What came back from the server, reduced to what matters.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// The raw `Retry-After` header, when the browser let us read it.
    pub retry_after: Option<String>,
    /// The body, when it was JSON; `None` for an empty or non-JSON body.
    pub body: Option<Json>,
}

/// What a successful password change means for the stored token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenChange {
    /// Store this fresh token in place of the old one.
    Replace(String),
    /// The password changed but no usable token came back: every old token is revoked, so the
    /// stored one must go and the user must sign in again.
    Revoked,
}

/// The outcome of a submit, ready to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success {
        /// The server's own words, if it sent any.
        message: Option<String>,
        token: Option<TokenChange>,
    },
    /// The server rejected some input (422): one entry per field of the form, in order, plus
    /// messages for fields the form does not have.
    Rejected { fields: Vec<Option<Msg>>, summary: Vec<Msg> },
    /// 401: the token is missing, revoked or expired.
    Unauthenticated,
    /// 429: `wait_seconds` when the server said how long.
    RateLimited { message: Option<String>, wait_seconds: Option<u64> },
    /// 400 on a reset: the link's token is invalid or has expired.
    InvalidLink { message: Option<String> },
    /// Anything else: one message for the whole form.
    Failed(Msg),
}

/// Words that mark a confirmation mismatch Laravel's `confirmed` rule reports on the base field
/// (English "The password field confirmation does not match.", Dutch "… bevestiging komt niet
/// overeen.").
const CONFIRMATION_MARKERS: &[&str] = &["confirmation", "bevestiging"];

/// Interprets `answer` for a submit of `spec`.
pub fn interpret(spec: &FormSpec, answer: &Answer) -> Outcome {
    let body = answer.body.as_ref();
    let server_message = body.and_then(|b| b.str_at("message")).filter(|m| !m.trim().is_empty());
    match answer.status {
        200..=299 => Outcome::Success {
            message: server_message.map(str::to_owned),
            token: match spec.success {
                SuccessKind::SwapToken => {
                    Some(body.and_then(fresh_token).map_or(TokenChange::Revoked, TokenChange::Replace))
                }
                SuccessKind::Changed | SuccessKind::PasswordReset | SuccessKind::EmailChangeRequested => None,
            },
        },
        400 if spec.needs_reset_token() => {
            Outcome::InvalidLink { message: server_message.map(str::to_owned) }
        }
        401 => Outcome::Unauthenticated,
        403 => Outcome::Failed(Msg::Text(Text::NotAllowed)),
        422 => rejected(spec, body, server_message),
        429 => Outcome::RateLimited {
            message: server_message.map(str::to_owned),
            wait_seconds: answer.retry_after.as_deref().and_then(retry_after_seconds),
        },
        status @ 500..=599 => Outcome::Failed(Msg::Count(Text::ServerTrouble, u64::from(status))),
        _ => Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)),
    }
}

/// What to say when a submit got no answer. A timeout is not a failure: the server may have
/// changed the password (and revoked the token) or sent the mail, so the form must not suggest
/// that nothing happened, nor try again by itself.
pub fn no_answer(spec: &FormSpec, timed_out: bool) -> Msg {
    if !timed_out {
        return Msg::Text(Text::Unreachable);
    }
    Msg::Text(match spec.success {
        SuccessKind::SwapToken | SuccessKind::Changed | SuccessKind::PasswordReset => {
            Text::OutcomeUnknownPassword
        }
        SuccessKind::EmailChangeRequested => Text::OutcomeUnknownEmail,
    })
}

/// The fresh token of a password-change answer: `data.token` as the schema documents it, or a
/// top-level `token` as the example shows it. Only a non-blank string counts.
pub fn fresh_token(body: &Json) -> Option<String> {
    let usable = |token: &Json| token.as_str().filter(|t| !t.trim().is_empty()).map(str::to_owned);
    body.get("data")
        .and_then(|data| data.get("token"))
        .and_then(usable)
        .or_else(|| body.get("token").and_then(usable))
}

/// `Retry-After` given in seconds.
pub fn retry_after_seconds(header: &str) -> Option<u64> {
    header.trim().parse().ok()
}

fn rejected(spec: &FormSpec, body: Option<&Json>, server_message: Option<&str>) -> Outcome {
    let mut fields: Vec<Option<Msg>> = vec![None; spec.fields.len()];
    let mut summary = Vec::new();
    if let Some(Json::Object(bag)) = body.and_then(|b| b.get("errors")) {
        for (name, messages) in bag {
            for message in error_texts(messages) {
                match field_for(spec, name, &message).and_then(|index| fields.get_mut(index)) {
                    Some(slot @ None) => *slot = Some(Msg::Server(message)),
                    // One message per field is enough; the first is the one Laravel ranks first.
                    Some(Some(_)) => {}
                    None => summary.push(Msg::Server(message)),
                }
            }
        }
    }
    if fields.iter().all(Option::is_none) && summary.is_empty() {
        summary.push(server_message.map_or(Msg::Text(Text::UnexpectedAnswer), |m| Msg::Server(m.to_owned())));
    }
    Outcome::Rejected { fields, summary }
}

/// The messages of one entry of Laravel's error bag: a list of strings, or tolerated, one string.
fn error_texts(messages: &Json) -> Vec<String> {
    match messages {
        Json::String(text) => vec![text.clone()],
        Json::Array(items) => items.iter().filter_map(Json::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// Where a server message about the wire field `name` belongs.
fn field_for(spec: &FormSpec, name: &str, message: &str) -> Option<usize> {
    let lower = message.to_lowercase();
    if CONFIRMATION_MARKERS.iter().any(|marker| lower.contains(marker))
        && let Some(confirmation) = spec.confirmation_of(name)
    {
        return Some(confirmation);
    }
    spec.field_index(name)
}
