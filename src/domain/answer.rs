//! From an HTTP answer to what the user sees: one function for every form.

use super::json::Json;
use super::session::usable;
use super::spec::{FormSpec, SuccessKind};
use super::text::{Msg, Text};

/// What came back from the server, reduced to what matters.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The HTTP status; 0 for a redirect, which the widget never follows.
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

/// Why a request got no (complete) answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// Nothing was sent: the browser was offline (or could not build the request).
    NotSent,
    /// The request failed on its way (connection refused or broken, blocked by CORS): it may
    /// have reached the server.
    Lost,
    /// Sent, but no complete answer within the time allowed: the server may have acted on it.
    TimedOut,
}

/// Why it is not known whether the server did what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    TimedOut,
    ConnectionLost,
    /// A 2xx whose body is not a JSON object (a proxy's page, an empty or cut-off answer).
    Unreadable,
}

/// The outcome of a submit, ready to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server did it: a 2xx with a JSON object.
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
    RateLimited { wait_seconds: Option<u64> },
    /// 400 on a reset: the link's token is invalid or has expired.
    InvalidLink { message: Option<String> },
    /// The server may or may not have done it: nothing is cleared or changed, and the user is
    /// told to check before trying again.
    Unknown(Unknown),
    /// Anything else: one message for the whole form; nothing happened on the server.
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
        200..=299 if !matches!(body, Some(Json::Object(_))) => Outcome::Unknown(Unknown::Unreadable),
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
        // The widget's own words, in the form's language: the server's ("Too Many Attempts.")
        // would put English before them.
        429 => Outcome::RateLimited {
            wait_seconds: answer.retry_after.as_deref().and_then(|h| retry_after_from(h, answer.received_at)),
        },
        status @ 500..=599 => Outcome::Failed(Msg::Count(Text::ServerTrouble, u64::from(status))),
        _ => Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)),
    }
}

/// The outcome of a submit that got no answer. Every form changes something on the server, so
/// unless nothing was sent, the form must not suggest that nothing happened, nor try again by
/// itself.
pub fn no_answer(why: NoAnswer) -> Outcome {
    match why {
        NoAnswer::NotSent => Outcome::Failed(Msg::Text(Text::Unreachable)),
        NoAnswer::Lost => Outcome::Unknown(Unknown::ConnectionLost),
        NoAnswer::TimedOut => Outcome::Unknown(Unknown::TimedOut),
    }
}

/// The fresh token of a password-change answer: `data.token` as the schema documents it, or a
/// top-level `token` as the example shows it. Only a string that can be sent as a token counts.
pub fn fresh_token(body: &Json) -> Option<String> {
    let found = |token: &Json| token.as_str().and_then(usable).map(str::to_owned);
    body.get("data")
        .and_then(|data| data.get("token"))
        .and_then(found)
        .or_else(|| body.get("token").and_then(found))
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
    use crate::domain::testing::{CHANGE, EMAIL, RESET, SWAP, answer};

    #[test]
    fn the_fresh_token_is_data_token_or_a_top_level_token() {
        assert_eq!(
            answer(&SWAP, 200, r#"{"error":false,"message":"Changed.","data":{"token":"7|abc"}}"#),
            Outcome::Success {
                message: Some("Changed.".into()),
                token: Some(TokenChange::Replace("7|abc".into()))
            }
        );
        assert_eq!(
            answer(&SWAP, 200, r#"{"token":"5292|new","message":"Password changed."}"#),
            Outcome::Success {
                message: Some("Password changed.".into()),
                token: Some(TokenChange::Replace("5292|new".into()))
            }
        );
        assert!(matches!(
            answer(&SWAP, 200, r#"{"token":"1|top","data":{"token":"2|data"}}"#),
            Outcome::Success { token: Some(TokenChange::Replace(t)), .. } if t == "2|data"
        ));
        // Only a form whose answer carries a token looks for one.
        assert_eq!(
            answer(&CHANGE, 200, r#"{"data":{"token":"7|abc"}}"#),
            Outcome::Success { message: None, token: None }
        );
    }

    #[test]
    fn a_json_object_without_a_usable_token_means_changed_and_signed_out() {
        for body in [
            r#"{"message":"Changed."}"#,
            r#"{"data":{"token":""}}"#,
            r#"{"data":{"token":"   "}}"#,
            r#"{"data":{"token":"7|Łabc"}}"#,
            r#"{"data":{"token":"7|a\nb"}}"#,
            r#"{"token":123}"#,
            r#"{"data":[]}"#,
        ] {
            let outcome = answer(&SWAP, 200, body);
            assert!(
                matches!(outcome, Outcome::Success { token: Some(TokenChange::Revoked), .. }),
                "{body}: {outcome:?}"
            );
        }
    }

    #[test]
    fn a_2xx_without_a_json_object_proves_nothing_on_any_form() {
        for spec in [&SWAP, &CHANGE, &RESET, &EMAIL] {
            for (status, body) in [
                (200, ""),
                (200, "not json"),
                (200, "<html>Sign in</html>"),
                (200, "[]"),
                (200, "\"ok\""),
                (204, ""),
                (200, "{\"token\": 1"),
            ] {
                assert_eq!(
                    answer(spec, status, body),
                    Outcome::Unknown(Unknown::Unreadable),
                    "{status} {body}"
                );
            }
        }
    }

    #[test]
    fn redirects_are_not_answers() {
        // 0: a redirect the browser was told not to follow.
        for status in [0, 301, 302, 303, 307, 308] {
            assert_eq!(
                answer(&SWAP, status, ""),
                Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)),
                "{status}"
            );
        }
    }

    #[test]
    fn unauthenticated_forbidden_and_broken() {
        assert_eq!(
            answer(&SWAP, 401, r#"{"error":true,"message":"Unauthenticated."}"#),
            Outcome::Unauthenticated
        );
        assert_eq!(answer(&SWAP, 401, ""), Outcome::Unauthenticated);
        assert_eq!(answer(&CHANGE, 403, "{}"), Outcome::Failed(Msg::Text(Text::NotAllowed)));
        assert_eq!(
            answer(&SWAP, 500, "<h1>oops</h1>"),
            Outcome::Failed(Msg::Count(Text::ServerTrouble, 500))
        );
        assert_eq!(answer(&SWAP, 502, ""), Outcome::Failed(Msg::Count(Text::ServerTrouble, 502)));
        assert_eq!(answer(&SWAP, 418, "{}"), Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)));
        // 400 is an invalid link only where there is a link.
        assert_eq!(
            answer(&RESET, 400, r#"{"message":"Expired."}"#),
            Outcome::InvalidLink { message: Some("Expired.".into()) }
        );
        assert_eq!(answer(&SWAP, 400, "{}"), Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)));
    }

    #[test]
    fn unknown_fields_and_bagless_422s_go_to_the_summary() {
        assert_eq!(
            answer(&SWAP, 422, r#"{"message":"x","errors":{"captcha":["Solve the captcha."]}}"#),
            Outcome::Rejected {
                fields: vec![None, None, None],
                summary: vec![Msg::Server("Solve the captcha.".into())]
            }
        );
        assert_eq!(
            answer(&SWAP, 422, r#"{"message":"Nope.","errors":"x"}"#),
            Outcome::Rejected { fields: vec![None, None, None], summary: vec![Msg::Server("Nope.".into())] }
        );
        assert_eq!(
            answer(&SWAP, 422, "<html>"),
            Outcome::Rejected {
                fields: vec![None, None, None],
                summary: vec![Msg::Text(Text::UnexpectedAnswer)]
            }
        );
    }

    #[test]
    fn rate_limited_with_and_without_a_wait() {
        let limited = |retry_after: Option<&str>| {
            interpret(
                &SWAP,
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
            Outcome::RateLimited { wait_seconds: Some(42) }
        );
        assert_eq!(limited(None), Outcome::RateLimited { wait_seconds: None });
        assert_eq!(limited(Some("soon")), Outcome::RateLimited { wait_seconds: None });
    }

    #[test]
    fn no_answer_is_unknown_unless_nothing_was_sent() {
        assert_eq!(no_answer(NoAnswer::NotSent), Outcome::Failed(Msg::Text(Text::Unreachable)));
        assert_eq!(no_answer(NoAnswer::Lost), Outcome::Unknown(Unknown::ConnectionLost));
        assert_eq!(no_answer(NoAnswer::TimedOut), Outcome::Unknown(Unknown::TimedOut));
    }

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
