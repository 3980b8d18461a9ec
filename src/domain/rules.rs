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

/// The first rule of `field` that `values` break, as the message to show under it.
///
/// `values` holds one entry per field of `spec`, in order.
pub fn check_field(spec: &FormSpec, field: &FieldSpec, values: &[String]) -> Option<Msg> {
    let value = spec.field_index(field.name).and_then(|index| values.get(index)).map_or("", String::as_str);
    let required = field.rules.contains(&Rule::Required);
    if is_blank(value) {
        return required.then_some(Msg::Text(Text::Required));
    }
    field.rules.iter().find_map(|rule| match *rule {
        Rule::Required => None,
        Rule::MaxChars(max) => (char_count(value) > max).then_some(Msg::Count(Text::TooLong, max as u64)),
        Rule::SameAs(other, message) => {
            let other_value =
                spec.field_index(other).and_then(|index| values.get(index)).map_or("", String::as_str);
            (value != other_value).then_some(Msg::Text(message))
        }
    })
}

/// Every field's verdict, one entry per field, in order.
pub fn check_form(spec: &FormSpec, values: &[String]) -> Vec<Option<Msg>> {
    spec.fields.iter().map(|field| check_field(spec, field, values)).collect()
}
