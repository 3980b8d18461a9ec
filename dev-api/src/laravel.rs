//! Laravel's request handling as the API applies it: input trimming, the `required`, `string`,
//! `max`, `confirmed` and `current_password` rules with their English messages, and the 422 body.

use serde_json::{Map, Value, json};

/// Fields Laravel's `TrimStrings` middleware leaves untouched.
const NOT_TRIMMED: &[&str] = &["current_password", "password", "password_confirmation"];

/// The request input after Laravel's middleware: strings trimmed (except passwords), empty
/// strings turned into null. A body that is not a JSON object is no input at all.
pub struct Input(Map<String, Value>);

impl Input {
    pub fn from_body(body: &[u8]) -> Input {
        let mut map = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        for (name, value) in map.iter_mut() {
            if let Value::String(text) = value {
                if !NOT_TRIMMED.contains(&name.as_str()) {
                    *text = trim(text).to_owned();
                }
                if text.is_empty() {
                    *value = Value::Null;
                }
            }
        }
        Input(map)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }
}

/// Laravel's `TrimStrings`: Unicode whitespace plus zero-width space and BOM.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

/// A rule of a field.
#[derive(Clone, Copy, Debug)]
pub enum Rule<'a> {
    Required,
    String,
    Max(usize),
    /// `confirmed`: `<field>_confirmation` must equal the field.
    Confirmed,
    /// `current_password`: must be this password.
    CurrentPassword(&'a str),
    /// `same:<other>`: must equal the other field (after the input's trimming).
    Same(&'a str),
    /// `email`: an RFC 5322 address, as Laravel's default `RFCValidation` checks it.
    Email,
    /// `integer`: an integer, or a string of one.
    Integer,
}

/// Collects failures in rule order, one list per field, like Laravel's `MessageBag`.
#[derive(Default)]
pub struct Errors(Vec<(String, Vec<String>)>);

impl Errors {
    fn add(&mut self, field: &str, message: String) {
        match self.0.iter_mut().find(|(name, _)| name == field) {
            Some((_, messages)) => messages.push(message),
            None => self.0.push((field.to_owned(), vec![message])),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The 422 body: the first message with a count of the rest, and the bag.
    pub fn body(&self) -> Value {
        let total: usize = self.0.iter().map(|(_, messages)| messages.len()).sum();
        let first = self.0.first().and_then(|(_, messages)| messages.first()).cloned().unwrap_or_default();
        let message = match total {
            0 | 1 => first,
            2 => format!("{first} (and 1 more error)"),
            n => format!("{first} (and {} more errors)", n - 1),
        };
        let bag: Map<String, Value> =
            self.0.iter().map(|(name, messages)| (name.clone(), json!(messages))).collect();
        json!({ "error": true, "message": message, "errors": bag })
    }
}

/// How Laravel names a field in messages: `current_password` → "current password".
fn attribute(name: &str) -> String {
    name.replace('_', " ")
}

/// Applies `rules` to the field `name`, as Laravel does: an empty field fails `required` and
/// skips every other rule; a non-string fails `string` and skips the string rules.
pub fn validate(input: &Input, errors: &mut Errors, name: &str, rules: &[Rule]) {
    let value = input.get(name);
    let blank = match value {
        None => true,
        Some(Value::String(text)) => text.trim_matches([' ', '\t', '\n', '\r', '\0', '\u{0B}']).is_empty(),
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    };
    let attr = attribute(name);
    if blank {
        if rules.iter().any(|rule| matches!(rule, Rule::Required)) {
            errors.add(name, format!("The {attr} field is required."));
        }
        return;
    }
    if rules.iter().any(|rule| matches!(rule, Rule::Integer)) {
        let integer = match value {
            Some(Value::Number(number)) => number.is_i64() || number.is_u64(),
            Some(Value::String(text)) => text.parse::<i64>().is_ok(),
            _ => false,
        };
        if !integer {
            errors.add(name, format!("The {attr} field must be an integer."));
        }
        return;
    }
    let Some(text) = value.and_then(Value::as_str) else {
        if rules.iter().any(|rule| matches!(rule, Rule::String | Rule::Email)) {
            errors.add(name, format!("The {attr} field must be a string."));
        }
        return;
    };
    for rule in rules {
        match *rule {
            Rule::Required | Rule::String | Rule::Integer => {}
            Rule::Same(other) => {
                if input.get(other) != value {
                    errors.add(name, format!("The {attr} field must match {}.", attribute(other)));
                }
            }
            Rule::Email => {
                if !is_rfc_email(text) {
                    errors.add(name, format!("The {attr} field must be a valid email address."));
                }
            }
            Rule::Max(max) => {
                if text.chars().count() > max {
                    errors.add(name, format!("The {attr} field must not be greater than {max} characters."));
                }
            }
            Rule::Confirmed => {
                if input.get(&format!("{name}_confirmation")) != value {
                    errors.add(name, format!("The {attr} field confirmation does not match."));
                }
            }
            Rule::CurrentPassword(current) => {
                if text != current {
                    errors.add(name, "The password is incorrect.".to_owned());
                }
            }
        }
    }
}

/// Laravel's default `email` rule (egulias `RFCValidation`), closely enough: a dot-atom or
/// quoted local part, and a domain of letter-digit-hyphen labels (a single label such as
/// `localhost` is fine) or an address literal.
pub fn is_rfc_email(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else { return false };
    let atom_char = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        let inner = local.trim_matches('"');
        !inner.contains(['"', '\\', '\r', '\n'])
    } else {
        !local.is_empty() && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char))
    };
    let domain_ok = if domain.starts_with('[') && domain.ends_with(']') {
        domain.len() > 2
    } else {
        !domain.is_empty()
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
    };
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(body: &str) -> Input {
        Input::from_body(body.as_bytes())
    }

    #[test]
    fn passwords_are_not_trimmed_but_other_strings_are() {
        let input = input(r#"{"password":" a ","email":" b@c "}"#);
        assert_eq!(input.str("password"), Some(" a "));
        assert_eq!(input.str("email"), Some("b@c"));
    }

    #[test]
    fn the_summary_counts_the_other_errors() {
        let mut errors = Errors::default();
        validate(&input("{}"), &mut errors, "current_password", &[Rule::Required]);
        validate(&input("{}"), &mut errors, "password", &[Rule::Required]);
        validate(&input("{}"), &mut errors, "password_confirmation", &[Rule::Required]);
        assert_eq!(errors.body()["message"], "The current password field is required. (and 2 more errors)");
    }

    #[test]
    fn max_counts_characters() {
        let mut errors = Errors::default();
        let body = json!({ "password": "😀".repeat(191) }).to_string();
        validate(&input(&body), &mut errors, "password", &[Rule::Max(191)]);
        assert!(errors.is_empty());
        let body = json!({ "password": "😀".repeat(192) }).to_string();
        validate(&input(&body), &mut errors, "password", &[Rule::Max(191)]);
        assert!(!errors.is_empty());
    }

    #[test]
    fn garbage_bodies_are_no_input() {
        for body in ["", "null", "[1,2]", "\"x\"", "{", "\u{0}\u{1}"] {
            let mut errors = Errors::default();
            validate(&input(body), &mut errors, "password", &[Rule::Required]);
            assert!(!errors.is_empty(), "{body}");
        }
    }

    #[test]
    fn rfc_email_accepts_what_laravel_accepts() {
        for good in
            ["jane@example.com", "jane@localhost", "\"quoted local\"@example.com", "a.b+c@sub.example.nl"]
        {
            assert!(is_rfc_email(good), "{good}");
        }
        for bad in ["jane", "a@", "@b", "a..b@c", "a@b..c", "a b@c", "a@-b.c"] {
            assert!(!is_rfc_email(bad), "{bad}");
        }
    }

    #[test]
    fn same_compares_after_trimming_the_confirmation_only() {
        let mut errors = Errors::default();
        validate(
            &input(r#"{"password":" a","confirm_password":" a"}"#),
            &mut errors,
            "confirm_password",
            &[Rule::Same("password")],
        );
        assert_eq!(
            errors.body()["errors"]["confirm_password"][0],
            "The confirm password field must match password."
        );
    }

    #[test]
    fn non_strings_fail_the_string_rule() {
        let mut errors = Errors::default();
        validate(&input(r#"{"password":123}"#), &mut errors, "password", &[Rule::Required, Rule::String]);
        assert_eq!(errors.body()["errors"]["password"][0], "The password field must be a string.");
    }
}
