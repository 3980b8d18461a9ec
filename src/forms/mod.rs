//! The forms, one declaration per file, and [`ALL`], the only list of them: the custom elements,
//! the `mount()` names, the stylesheet's rules and the tests' cases all come from it. Adding a
//! form is one more file here and one line in [`ALL`] (ARCHITECTURE.md, "Adding a form").

pub mod customer_password_change;
pub mod customer_password_reset;
pub mod user_email_change;
pub mod user_password_change;
pub mod user_password_reset;

// Reads and writes the repository's files: native tests only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod generate;
#[cfg(test)]
mod testing;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod typescript;

use crate::domain::spec::FormSpec;

/// Every form the widget has.
pub static ALL: [&FormSpec; 5] = [
    &customer_password_change::SPEC,
    &customer_password_reset::SPEC,
    &user_password_change::SPEC,
    &user_password_reset::SPEC,
    &user_email_change::SPEC,
];

/// The form called `name` (as in `<wemasy-{name}>`), if there is one.
pub fn by_name(name: &str) -> Option<&'static FormSpec> {
    ALL.into_iter().find(|spec| spec.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_answer_leaves_it_open_whether_anything_happened_unless_nothing_was_sent() {
        use crate::domain::answer::{NoAnswer, Outcome, no_answer};
        use crate::domain::config::Config;
        use crate::domain::session::Stored;
        use crate::domain::spec::SuccessKind;
        use crate::domain::text::{Catalog, Msg, Text};
        use crate::domain::verdict::{Context, Fields, Remembered, decide};
        for spec in ALL {
            let unknown = match spec.success {
                SuccessKind::EmailChangeRequested => Text::OutcomeUnknownEmail,
                _ => Text::OutcomeUnknownPassword,
            };
            let ctx = Context {
                spec,
                config: &Config::default(),
                catalog: &Catalog::default(),
                remembered: &Remembered::default(),
                sent: Some("5|a"),
                stored: &Stored::Token("5|a".into()),
                kept: None,
                shown: true,
                now_ms: 0,
            };
            for (why, reason) in
                [(NoAnswer::TimedOut, Text::NoAnswerInTime), (NoAnswer::Lost, Text::ConnectionLost)]
            {
                let verdict = decide(&ctx, no_answer(why));
                let lines = verdict.notice.map(|n| n.lines);
                assert_eq!(lines, Some(vec![Msg::Text(reason), Msg::Text(unknown)]), "{}", spec.name);
                assert_eq!(verdict.fields, Fields::Keep, "{}", spec.name);
            }
            assert_eq!(no_answer(NoAnswer::NotSent), Outcome::Failed(Msg::Text(Text::Unreachable)));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        #[test]
        fn every_form_judges_any_input_and_refuses_what_is_too_long(
            index in 0..ALL.len(),
            values in proptest::collection::vec(crate::domain::property_tests::text(), 0..6),
            long in "[a-zé😀]{192,200}",
        ) {
            use crate::domain::rules::check_form;
            use crate::domain::spec::Rule;
            let spec = ALL[index];
            let verdicts = check_form(spec, &values);
            proptest::prop_assert_eq!(verdicts.len(), spec.fields.len());
            // Each field in turn over its limit, the others as generated.
            for (i, field) in spec.fields.iter().enumerate() {
                let Some(max) = field.rules.iter().find_map(|rule| match rule { Rule::MaxChars(max) => Some(*max), _ => None }) else { continue };
                let mut values: Vec<String> = spec.fields.iter().map(|_| "x".to_owned()).collect();
                values[i] = long.chars().take(max + 1).collect();
                proptest::prop_assert!(check_form(spec, &values)[i].is_some(), "{} over {max} characters passed", field.name);
            }
        }
    }

    #[test]
    fn a_request_remembers_no_password_of_any_form() {
        use crate::domain::spec::InputKind;
        use crate::domain::verdict::Remembered;
        for spec in ALL {
            let values: Vec<String> =
                spec.fields.iter().map(|field| format!(" typed into {} ", field.name)).collect();
            let remembered = Remembered::of(spec, &values);
            // What a notice names is remembered (the new address, as the server trims it) ...
            let new_address = spec.fields.iter().position(|field| field.input == InputKind::NewEmail);
            assert_eq!(
                remembered.new_address,
                new_address.map(|at| values[at].trim().to_owned()),
                "{}",
                spec.name
            );
            // ... and a password never is.
            let remembered = format!("{remembered:?}");
            for (field, value) in spec.fields.iter().zip(&values) {
                if field.input.is_password() {
                    assert!(!remembered.contains(value.trim()), "{}.{}: {remembered}", spec.name, field.name);
                }
            }
        }
    }

    #[test]
    fn each_form_says_where_its_token_is() {
        use crate::domain::config::Config;
        use crate::domain::spec::{Auth, Realm};
        let custom = Config::default().token_key("shop.session");
        for spec in ALL {
            let default = match spec.auth {
                Auth::Bearer(Realm::Customer) => Some("wemasy.customer_token"),
                Auth::Bearer(Realm::User) => Some("wemasy.user_token"),
                Auth::Public => None,
            };
            assert_eq!(Config::default().token_key_for(spec), default, "{}", spec.name);
            assert_eq!(custom.token_key_for(spec), default.map(|_| "shop.session"), "{}", spec.name);
        }
    }

    #[test]
    fn every_form_has_its_own_name_and_endpoint() {
        for (i, spec) in ALL.iter().enumerate() {
            assert_eq!(by_name(spec.name).map(|found| found.endpoint), Some(spec.endpoint));
            // A custom element's name: lower case, a hyphen, nothing a tag name cannot hold.
            assert!(spec.name.contains('-'), "{}", spec.name);
            assert!(spec.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", spec.name);
            for other in ALL.iter().skip(i + 1) {
                assert_ne!(spec.name, other.name);
                assert_ne!(spec.endpoint, other.endpoint, "{} and {}", spec.name, other.name);
            }
        }
        assert_eq!(by_name("customer-password-changes"), None);
    }
}
