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
    /// When the answer arrived (Unix seconds), for a `Retry-After` given as a date.
    pub received_at: i64,
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
            wait_seconds: answer.retry_after.as_deref().and_then(|h| retry_after_from(h, answer.received_at)),
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

/// `Retry-After` in seconds from now (`now`: Unix seconds), whether the server gave seconds or an
/// HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`). A date in the past means no wait.
pub fn retry_after_from(header: &str, now: i64) -> Option<u64> {
    retry_after_seconds(header).or_else(|| {
        let at = http_date_to_unix(header)?;
        Some(u64::try_from(at.saturating_sub(now)).unwrap_or(0))
    })
}

/// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the HTTP date format.
pub fn http_date_to_unix(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|n| n.parse::<i64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    let in_range = (1..=31).contains(&day)
        && (1970..=9999).contains(&year)
        && (0..=23).contains(&hour)
        && (0..=59).contains(&minute)
        && (0..=60).contains(&second);
    if parts.next()? != "GMT" || !in_range {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
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
    // The markers are ASCII: no Unicode case tables needed in the bundle.
    let lower = message.to_ascii_lowercase();
    if CONFIRMATION_MARKERS.iter().any(|marker| lower.contains(marker))
        && let Some(confirmation) = spec.confirmation_of(name)
    {
        return Some(confirmation);
    }
    spec.field_index(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_are_read() {
        assert_eq!(http_date_to_unix("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(http_date_to_unix("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date_to_unix("Sun, 22 Nov 2026 07:00:00 GMT"), Some(1_795_330_800));
        for bad in [
            "",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(http_date_to_unix(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_as_seconds_or_as_a_date() {
        let now = 1_795_330_800;
        assert_eq!(retry_after_from("120", now), Some(120));
        assert_eq!(retry_after_from("Sun, 22 Nov 2026 07:52:00 GMT", now), Some(3_120));
        assert_eq!(retry_after_from("Sun, 22 Nov 2026 06:00:00 GMT", now), Some(0));
        assert_eq!(retry_after_from("later", now), None);
    }
}
