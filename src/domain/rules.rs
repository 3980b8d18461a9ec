//! The client-side rule engine: the same verdicts the API's own validation would reach, so the
//! user hears about a problem before anything is sent, and no stricter than the API.

use super::spec::{FieldSpec, FormSpec, Rule};
use super::text::{Msg, Text};

/// The characters PHP's `trim()` removes, which Laravel's `required` ignores, and which every
/// version of Laravel's `TrimStrings` strips.
const PHP_TRIM: &[char] = &[' ', '\t', '\n', '\r', '\0', '\u{0B}'];

/// The inputs Laravel's `TrimStrings` leaves alone (its `$except`): every other string is trimmed
/// before validation, `confirm_password` included.
const NOT_TRIMMED_BY_SERVER: &[&str] = &["current_password", "password", "password_confirmation"];

/// Whether the server trims the input called `name` before it checks it.
pub fn server_trims(name: &str) -> bool {
    !NOT_TRIMMED_BY_SERVER.contains(&name)
}

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

/// What Laravel's `TrimStrings` middleware does to an input since Laravel 9: Unicode whitespace,
/// zero-width space and byte-order mark go from both ends. (Laravel 8 used PHP's `trim`, which
/// strips only the six characters `is_blank` trims.)
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

/// The value of the field called `name` as each server version sees it: Laravel 8 (PHP's
/// `trim`), then later versions (Unicode trimming).
fn as_servers_see<'v>(spec: &FormSpec, values: &'v [String], name: &str) -> [&'v str; 2] {
    let raw = spec.field_index(name).and_then(|i| values.get(i)).map_or("", String::as_str);
    if server_trims(name) { [raw.trim_matches(PHP_TRIM), server_trim(raw)] } else { [raw, raw] }
}

/// The first rule of `field` that `values` break, as the message to show under it.
///
/// `values` holds one entry per field of `spec`, in order, as typed.
///
/// A rule may be looser than one server version, never stricter than any: where versions differ,
/// only what every version refuses is refused here (the server's own 422 still lands on the field).
pub fn check_field(spec: &FormSpec, field: &FieldSpec, values: &[String]) -> Option<Msg> {
    let seen = as_servers_see(spec, values, field.name);
    // The most trimmed value: the loosest reading of `required` and `max`.
    let value = seen[1];
    if is_blank(value) {
        return field.rules.contains(&Rule::Required).then_some(Msg::Text(Text::Required));
    }
    field.rules.iter().find_map(|rule| match *rule {
        Rule::Required => None,
        Rule::MaxChars(max) => (char_count(value) > max).then_some(Msg::Count(Text::TooLong, max as u64)),
        Rule::Email => (!looks_like_email(value)).then_some(Msg::Text(Text::InvalidEmail)),
        Rule::SameAs(other, message) => {
            let theirs = as_servers_see(spec, values, other);
            seen.iter().zip(theirs).all(|(mine, theirs)| *mine != theirs).then_some(Msg::Text(message))
        }
        Rule::NoEdgeWhitespace => {
            (value.trim_matches(PHP_TRIM) != value).then_some(Msg::Text(Text::PasswordEdgeSpace))
        }
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
    fn characters_are_counted_as_mb_strlen_counts_them() {
        // Code points: not bytes (é, 😀), not UTF-16 units (😀), not graphemes (e + accent).
        for (value, count) in
            [("", 0), ("abc", 3), ("é", 1), ("e\u{301}", 2), ("😀", 1), ("日本", 2), ("a\u{200b}b", 3)]
        {
            assert_eq!(char_count(value), count, "{value:?}");
        }
    }

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
