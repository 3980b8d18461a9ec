//! The client-side rule engine: the same verdicts the API's own validation would reach, so the
//! user hears about a problem before anything is sent, and no stricter than the API.

use super::spec::{FieldSpec, FormSpec, Rule};
use super::text::{Msg, Text};

/// The characters PHP's `trim()` removes, which Laravel's `required` ignores.
const PHP_TRIM: &[char] = &[' ', '\t', '\n', '\r', '\0', '\u{0B}'];

/// The number of characters as Laravel's `max` counts them (`mb_strlen`: Unicode code points;
/// not bytes, not UTF-16 units).
pub fn char_count(value: &str) -> usize {
    value.chars().count()
}

/// Laravel's `required` on a string: empty or only whitespace counts as missing, even for a
/// password, which is otherwise never trimmed.
pub fn is_blank(value: &str) -> bool {
    value.trim_matches(PHP_TRIM).is_empty()
}

/// What Laravel's `TrimStrings` middleware does to an input: Unicode whitespace, zero-width
/// space and byte-order mark go from both ends.
pub fn server_trim(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

/// A lenient e-mail shape: something, an `@`, a domain; no whitespace or further `@` outside a
/// quoted local part. The server's RFC check accepts `jane@localhost` and
/// `"quoted local"@example.com`, so this must too.
pub fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else { return false };
    let plain = |part: &str| !part.is_empty() && !part.contains(|c: char| c.is_whitespace() || c == '@');
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    plain(domain) && (quoted || plain(local))
}

/// The value of the field at `index` as the server will see it.
fn value_at<'v>(spec: &FormSpec, values: &'v [String], name: &str) -> &'v str {
    let index = spec.field_index(name);
    let raw = index.and_then(|i| values.get(i)).map_or("", String::as_str);
    match index.and_then(|i| spec.fields.get(i)) {
        Some(field) if field.input.is_trimmed() => server_trim(raw),
        _ => raw,
    }
}

/// The first rule of `field` that `values` break, as the message to show under it.
///
/// `values` holds one entry per field of `spec`, in order, as typed.
pub fn check_field(spec: &FormSpec, field: &FieldSpec, values: &[String]) -> Option<Msg> {
    let value = value_at(spec, values, field.name);
    if is_blank(value) {
        return field.rules.contains(&Rule::Required).then_some(Msg::Text(Text::Required));
    }
    field.rules.iter().find_map(|rule| match *rule {
        Rule::Required => None,
        Rule::MaxChars(max) => (char_count(value) > max).then_some(Msg::Count(Text::TooLong, max as u64)),
        Rule::Email => (!looks_like_email(value)).then_some(Msg::Text(Text::InvalidEmail)),
        Rule::SameAs(other, message) => {
            (value != value_at(spec, values, other)).then_some(Msg::Text(message))
        }
        Rule::NoEdgeWhitespace => (server_trim(value) != value).then_some(Msg::Text(Text::PasswordEdgeSpace)),
    })
}

/// Every field's verdict, one entry per field, in order.
pub fn check_form(spec: &FormSpec, values: &[String]) -> Vec<Option<Msg>> {
    spec.fields.iter().map(|field| check_field(spec, field, values)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_email_shape() {
        for good in [
            "jane@example.com",
            "jane@localhost",
            "\"quoted local\"@example.com",
            "\"a@b\"@example.com",
            "ü@ß.de",
        ] {
            assert!(looks_like_email(good), "{good} should pass");
        }
        for bad in ["jane", "@example.com", "jane@", "ja ne@example.com", "jane@exa mple.com", "a@b@c", ""] {
            assert!(!looks_like_email(bad), "{bad} should fail");
        }
    }

    #[test]
    fn server_trim_matches_laravel() {
        assert_eq!(server_trim("\u{FEFF} \u{200B}a b\u{A0}\n"), "a b");
    }
}
