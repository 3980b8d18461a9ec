//! Property tests over everything a user or a server can send: arbitrary Unicode (control
//! characters included), very long strings, and random JSON for every answer shape. Nothing
//! panics, characters are counted as characters, and no token is accepted that is not a
//! non-empty string.

use super::answer::{Answer, Outcome, TokenChange, fresh_token, interpret, retry_after_from};
use super::config::Config;
use super::json::Json;
use super::link::{read_reset_link, strip_link_fragment, strip_link_params};
use super::session::{Kept, Stored, newer_than, revoked_by_change, usable};
use super::spec::FormSpec;
use super::testing;
use super::text::Catalog;
use super::verdict::{Context, Fields, StorageAction, decide};
use proptest::prelude::*;

/// Any text, weighted towards what breaks things: control characters, combining marks, emoji,
/// whitespace of every kind, and sometimes thousands of characters.
/// Any text, and text made of what trimming and the rules treat specially.
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f \\t\\n\\u{a0}\\u{200b}\\u{feff}a@\"]{0,12}",
        proptest::collection::vec(any::<char>(), 150..260).prop_map(|c| c.into_iter().collect()),
        proptest::collection::vec(any::<char>(), 9_990..10_010).prop_map(|c| c.into_iter().collect()),
    ]
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>().prop_map(Json::Number),
        prop_oneof![any::<String>(), Just(String::new()), Just("5292|x".to_owned())].prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            Just("token".to_owned()),
            Just("data".to_owned()),
            Just("errors".to_owned()),
            Just("message".to_owned()),
            Just("password".to_owned()),
            Just("email".to_owned()),
            any::<String>(),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::vec((key, inner), 0..6).prop_map(Json::Object),
        ]
    })
}

/// Query strings and fragments shaped like links, with names plain and percent-encoded.
fn link_part() -> impl Strategy<Value = String> {
    prop_oneof![text(), "[?#]?((token|tok%65n|%74oken|email|e%6Dail|view|a)(=[a-z0-9%+&=]{0,5})?&?){0,5}",]
}

/// Tokens of the documented shape with small ids (so they collide and compare), and others.
fn token() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{1,2}\\|[a-z]{1,3}", "[a-z|]{1,4}"]
}

fn shape() -> impl Strategy<Value = &'static FormSpec> {
    proptest::sample::select(testing::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]


    #[test]
    fn any_answer_is_understood_without_panicking(
        spec in shape(),
        status in any::<u16>(),
        retry_after in proptest::option::of(text()),
        body in proptest::option::of(json()),
    ) {
        let outcome = interpret(spec, &Answer { status, retry_after, body: body.clone(), received_at: 0 });
        if let Outcome::Success { token: Some(TokenChange::Replace(token)), .. } = &outcome {
            prop_assert!(!token.trim().is_empty());
            let found = body.as_ref().and_then(fresh_token);
            prop_assert_eq!(Some(token.clone()), found);
        }
        if let Outcome::Rejected { fields, .. } = &outcome {
            prop_assert_eq!(fields.len(), spec.fields.len());
        }
    }

    #[test]
    fn any_retry_after_is_read_without_panicking(header in text(), now in any::<i64>()) {
        let _ = retry_after_from(&header, now);
    }

    #[test]
    fn any_http_date_shaped_text_is_read_without_panicking(
        day in any::<i64>(), year in any::<i64>(), h in any::<i64>(), m in any::<i64>(), s in any::<i64>(), now in any::<i64>(),
    ) {
        let _ = retry_after_from(&format!("Sun, {day} Nov {year} {h}:{m}:{s} GMT"), now);
    }

    #[test]
    fn a_token_is_only_ever_visible_ascii_from_the_answer(body in json()) {
        if let Some(token) = fresh_token(&body) {
            prop_assert!(!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic()));
            let candidates = [body.get("data").and_then(|d| d.get("token")), body.get("token")];
            prop_assert!(candidates.iter().flatten().any(|c| c.as_str().and_then(usable) == Some(token.as_str())));
        }
    }

    #[test]
    fn no_answer_replaces_a_newer_token_or_removes_one_the_change_did_not_revoke(
        spec in shape(),
        status in prop_oneof![Just(200u16), Just(401), Just(422), Just(429), any::<u16>()],
        body in proptest::option::of(json()),
        sent in token(),
        stored in proptest::option::of(token()),
        kept in proptest::option::of((token(), proptest::option::of(token()))),
        shown in any::<bool>(),
    ) {
        let outcome = interpret(spec, &Answer { status, retry_after: None, body, received_at: 0 });
        let stored = stored.map_or(Stored::Nothing, Stored::Token);
        let kept = kept.map(|(token, held)| Kept { token, storage_held: held.map_or(Stored::Nothing, Stored::Token) });
        let ctx = Context {
            spec,
            config: &Config::default(),
            catalog: &Catalog::default(),
            remembered: &Default::default(),
            sent: Some(&sent),
            stored: &stored,
            kept: kept.as_ref(),
            shown,
            now_ms: 0,
        };
        let verdict = decide(&ctx, outcome.clone());
        match &verdict.storage {
            StorageAction::Write(fresh) => {
                let from_answer = matches!(&outcome, Outcome::Success { token: Some(TokenChange::Replace(t)), .. } if t == fresh);
                prop_assert!(from_answer, "{:?}", outcome);
                prop_assert!(!stored.token().is_some_and(|s| newer_than(s, fresh)));
                prop_assert!(!kept.as_ref().is_some_and(|k| newer_than(&k.token, fresh)));
            }
            StorageAction::Remove => {
                let revoked = matches!(outcome, Outcome::Success { token: Some(TokenChange::Revoked), .. });
                prop_assert!(revoked, "{:?}", outcome);
                prop_assert!(stored.token().is_some_and(|s| revoked_by_change(s, &sent)));
            }
            StorageAction::LeaveAlone => {}
        }
        // Only a success clears what was typed.
        let succeeded = matches!(outcome, Outcome::Success { .. });
        prop_assert!(succeeded || verdict.fields != Fields::Clear);
    }

    #[test]
    fn reset_links_never_leave_a_token_behind(query in link_part(), fragment in link_part()) {
        let _ = read_reset_link(&query, &fragment);
        let (query, fragment) = (strip_link_params(&query), strip_link_fragment(&fragment));
        let left = read_reset_link(&query, &fragment);
        prop_assert_eq!(left.token, None, "{}{}", query, fragment);
        prop_assert_eq!(left.email, None, "{}{}", query, fragment);
    }

    #[test]
    fn any_configuration_is_accepted_or_refused_without_panicking(values in proptest::collection::vec(text(), 9)) {
        let names = ["api-base", "token-key", "username", "project-id", "sign-in-url", "request-reset-url", "lang", "timeout", "x"];
        let _ = Config::read(|name| names.iter().position(|n| *n == name).and_then(|i| values.get(i).cloned()));
    }
}
