//! axe-core finds no WCAG 2.2 A/AA violation in any form, in any state a user meets: empty, with
//! field errors, pending, after success, and rate-limited; in the light and the dark scheme; in
//! English on the demo page, in German and French with their language files and the README's
//! default embedding.

use crate::harness::{EMBEDDING, Harness, Launch, Scheme, language_script, pages_with_head};
use crate::pages::{Case, Form};
use std::path::PathBuf;
use std::time::Duration;
use wemasy_auth_widget::{Lang, Text, forms};

/// Fails with every violation found in `state`.
async fn check(harness: &Harness, case: &Case, state: &str, failures: &mut Vec<String>) {
    for violation in harness.axe(&format!("wemasy-{}", case.kind())).await {
        failures.push(format!("{} ({state}): {violation}", case.kind()));
    }
}

/// A page per form in each language the bundle does not carry, served at `/languages/`: the
/// form in that language, configured as on the demo page, its language file before it.
fn pages_in_other_languages() -> PathBuf {
    let mut pages = Vec::new();
    for lang in Lang::ALL.iter().filter(|lang| !lang.in_bundle()) {
        for spec in forms::ALL {
            let links =
                if spec.is_reset() { " sign-in-url=\"/\" request-reset-url=\"/#outbox\"" } else { "" };
            let (file, tag, name) = (language_script(*lang), lang.tag(), spec.name());
            let body =
                format!("{file}<wemasy-{name} project-id=\"1\" lang=\"{tag}\"{links}></wemasy-{name}>");
            pages.push((format!("{}-{}.html", lang.tag(), spec.name()), body));
        }
    }
    pages_with_head(EMBEDDING, &pages)
}

/// Opens `case` ready to use (signed in, or from its reset link) in `lang`.
async fn open_in(harness: &Harness, case: &Case, lang: Lang) {
    let link = case.open(harness).await;
    if lang.in_bundle() {
        return;
    }
    let query = link.as_deref().and_then(|link| link.split_once('?')).map(|(_, query)| query);
    let query = query.map(|query| format!("?{query}")).unwrap_or_default();
    harness.open(&format!("/languages/{}-{}.html{query}", lang.tag(), case.kind())).await;
}

/// Walks `case` through every state, checking each.
async fn walk(case: &Case, scheme: Scheme) -> Vec<String> {
    walk_in(case, scheme, Lang::En).await
}

/// Walks `case` through every state in `lang` (English and Dutch on the demo page), checking each.
async fn walk_in(case: &Case, scheme: Scheme, lang: Lang) -> Vec<String> {
    // One request a minute: the second submit meets the rate limit. Slow answers: the pending
    // state lasts long enough to be checked.
    let options = dev_api::Options {
        requests_per_minute: 1,
        answer_delay: Duration::from_millis(1500),
        mounted_dirs: vec![("/languages".into(), pages_in_other_languages())],
        ..Default::default()
    };
    let harness = Harness::start_with_browser(options, &Launch { scheme, ..Launch::default() }).await;
    let mut failures = Vec::new();
    open_in(&harness, case, lang).await;
    let form = Form::new(&harness, case.kind());
    form.wait_until_ready().await;
    // The walk proves nothing about a scheme the browser is not in.
    let dark = harness.js("return matchMedia('(prefers-color-scheme: dark)').matches;", vec![]).await;
    assert_eq!(dark, serde_json::json!(scheme == Scheme::Dark), "the browser is in the {scheme:?} scheme");
    check(&harness, case, "empty", &mut failures).await;

    for (name, _) in &case.valid {
        form.retype(name, " ").await;
    }
    form.submit().await;
    form.wait_for_error(case.valid[0].0).await;
    check(&harness, case, "field errors", &mut failures).await;

    for (name, value) in &case.valid {
        form.retype(name, value).await;
    }
    form.submit().await;
    let (_, disabled) = form.submit_button().await;
    assert!(disabled, "{}: submit is disabled while pending", case.kind());
    check(&harness, case, "pending", &mut failures).await;
    form.wait_for_status().await;
    harness
        .wait_for("the answer", "return !document.querySelector('button[type=submit][disabled]');", vec![])
        .await;
    check(&harness, case, "success", &mut failures).await;

    open_in(&harness, case, lang).await;
    form.wait_until_ready().await;
    for (name, value) in &case.valid {
        form.retype(name, value).await;
    }
    form.submit().await;
    form.wait_for_text(Text::TooManyAttempts.in_lang(lang).unwrap_or_default()).await;
    check(&harness, case, "rate-limited", &mut failures).await;
    harness.finish().await;
    failures
}

#[tokio::test]
async fn every_form_in_every_state_has_no_violations() {
    let mut failures = Vec::new();
    for spec in forms::ALL {
        failures.extend(walk(&Case::of(spec), Scheme::Light).await);
    }
    assert!(failures.is_empty(), "axe-core found:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn every_form_in_german_and_french_has_no_violations() {
    let mut failures = Vec::new();
    for lang in Lang::ALL.iter().filter(|lang| !lang.in_bundle()) {
        for spec in forms::ALL {
            let found = walk_in(&Case::of(spec), Scheme::Light, *lang).await;
            failures.extend(found.into_iter().map(|failure| format!("{lang:?}: {failure}")));
        }
    }
    assert!(failures.is_empty(), "axe-core found:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn the_dark_scheme_has_no_violations_either() {
    let mut failures = Vec::new();
    // One form that needs a session and one that needs a link: between them, every part a form has.
    let signed_in = forms::ALL.iter().find(|spec| !spec.is_reset());
    let from_a_link = forms::ALL.iter().find(|spec| spec.is_reset());
    for spec in [signed_in, from_a_link].into_iter().flatten() {
        failures.extend(walk(&Case::of(spec), Scheme::Dark).await);
    }
    assert!(failures.is_empty(), "axe-core found in the dark scheme:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn the_check_itself_finds_violations() {
    let harness = Harness::start().await;
    harness.open("/").await;
    let script = r#"
        const bad = document.createElement("div"); bad.id = "bad";
        bad.innerHTML = '<input type="text"><p>faint</p>';
        // Through CSSOM: the page's Content-Security-Policy refuses inline style attributes.
        Object.assign(bad.querySelector("p").style, { color: '#bbb', background: '#fff' });
        document.body.append(bad);
    "#;
    harness.js(script, vec![]).await;
    let found = harness.axe("#bad").await;
    assert!(found.iter().any(|v| v.starts_with("label:")), "{found:?}");
    assert!(found.iter().any(|v| v.starts_with("color-contrast:")), "{found:?}");
    harness.finish().await;
}
