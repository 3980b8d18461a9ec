//! axe-core finds no WCAG 2.2 A/AA violation in any form, in any state a user meets: empty, with
//! field errors, pending, after success, and rate-limited; in the light and the dark scheme.

use crate::harness::{Harness, Launch, Scheme};
use crate::pages::{Case, Form};
use std::time::Duration;
use wemasy_auth_widget::forms;

/// Fails with every violation found in `state`.
async fn check(harness: &Harness, case: &Case, state: &str, failures: &mut Vec<String>) {
    for violation in harness.axe(&format!("wemasy-{}", case.kind())).await {
        failures.push(format!("{} ({state}): {violation}", case.kind()));
    }
}

/// Walks `case` through every state, checking each.
async fn walk(case: &Case, scheme: Scheme) -> Vec<String> {
    // One request a minute: the second submit meets the rate limit. Slow answers: the pending
    // state lasts long enough to be checked.
    let options = dev_api::Options {
        requests_per_minute: 1,
        answer_delay: Duration::from_millis(1500),
        ..Default::default()
    };
    let harness = Harness::start_with_browser(options, &Launch { scheme, ..Launch::default() }).await;
    let mut failures = Vec::new();
    case.open(&harness).await;
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

    case.open(&harness).await;
    form.wait_until_ready().await;
    for (name, value) in &case.valid {
        form.retype(name, value).await;
    }
    form.submit().await;
    form.wait_for_text("Try again in").await;
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
