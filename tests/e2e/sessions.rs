//! The token contract in the browser: no navigation, redirect, late or unreadable answer loses a
//! session, overwrites a newer token, or claims what is not known.

use crate::harness::Harness;
use crate::pages::{self, CUSTOMER_TOKEN_KEY, Form, USER_TOKEN_KEY};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_TOKEN};
use serde_json::{Value, json};
use std::time::Duration;
use wemasy_auth_widget::domain::spec::InputKind;
use wemasy_auth_widget::forms;

const KIND: &str = "customer-password-change";

async fn signed_in(options: dev_api::Options) -> Harness {
    pages::open_signed_in(options, CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN, KIND).await
}

async fn fill_change(form: &Form<'_>, new_password: &str) {
    form.retype("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.retype("password", new_password).await;
    form.retype("password_confirmation", new_password).await;
}

fn token_changed(at: &str, removed: bool) -> Value {
    json!({ "name": "token-changed", "at": at,
            "detail": { "form": KIND, "key": CUSTOMER_TOKEN_KEY, "persisted": true, "removed": removed } })
}

#[tokio::test]
async fn a_change_whose_element_leaves_the_page_meanwhile_still_stores_the_fresh_token() {
    let harness =
        signed_in(dev_api::Options { answer_delay: Duration::from_millis(1500), ..Default::default() }).await;
    harness.record_events().await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "navigated away 1").await;
    form.submit().await;
    form.wait_until_busy().await;
    // A single-page shop leaves the account page.
    harness.js("document.querySelector('wemasy-customer-password-change').remove();", vec![]).await;
    let fresh = harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.status_with_token(&fresh).await, 422, "the stored token is the server's fresh one");
    assert_eq!(harness.status_with_token(DEMO_CUSTOMER_TOKEN).await, 401);
    assert_eq!(harness.events().await, vec![token_changed("document", false)]);
    assert_eq!(harness.js("return window.wasmBindings.mountedCount();", vec![]).await, json!(4));
    harness.finish().await;
}

#[tokio::test]
async fn an_answer_after_the_timeout_still_stores_its_token() {
    let harness =
        signed_in(dev_api::Options { answer_delay: Duration::from_millis(2500), ..Default::default() }).await;
    let form = Form::mount_probe(&harness, KIND, json!({ "timeout": 1 })).await;
    harness.record_events().await;
    harness.record_requests().await;
    fill_change(&form, "late new password").await;
    form.click_submit().await;
    let alert = form.wait_for_alert().await;
    assert_eq!(
        alert,
        "The server did not answer in time. It is not known whether your password was changed. \
         Try signing in with the new password before you try again."
    );
    assert_eq!(form.value_of("password").await, "late new password", "nothing typed is lost");
    let fresh = harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    // Counted before this test's own check below sends one more.
    assert_eq!(harness.sent_requests().await.len(), 1, "no automatic retry");
    assert_eq!(harness.status_with_token(&fresh).await, 422);
    let names: Vec<Value> = harness.events().await.into_iter().map(|e| e["name"].clone()).collect();
    assert_eq!(names, vec![json!("error"), json!("token-changed")]);
    assert_eq!(form.wait_for_alert().await, alert, "the form still says what it knew then");
    harness.finish().await;
}

#[tokio::test]
async fn a_late_answer_never_replaces_a_newer_token() {
    let harness =
        signed_in(dev_api::Options { answer_delay: Duration::from_millis(1500), ..Default::default() }).await;
    harness.record_events().await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "changed here 1").await;
    form.submit().await;
    form.wait_until_busy().await;
    // The server has made the change (and its fresh token); meanwhile another tab signs in with
    // the new password and stores a token issued after it.
    let newer = harness.sign_in_customer_elsewhere("changed here 1").await;
    form.wait_until_idle().await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password changed"), "{status}");
    assert_eq!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(newer.as_str()));
    let names: Vec<Value> = harness.events().await.into_iter().map(|e| e["name"].clone()).collect();
    assert_eq!(names, vec![json!("success")], "no token-changed: nothing was written");
    harness.finish().await;
}

#[tokio::test]
async fn a_redirect_to_a_page_is_an_error_that_changes_nothing() {
    let harness = signed_in(dev_api::Options::default()).await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "redirected 1").await;
    // A login wall: 302 to an HTML page that answers 200.
    harness.next_answer(json!({ "status": 302, "location": "/", "body": "" })).await;
    form.submit().await;
    assert_eq!(
        form.wait_for_alert().await,
        "The server sent an answer the form does not understand. Try again later."
    );
    assert_eq!(form.value_of("password").await, "redirected 1");
    assert_eq!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(DEMO_CUSTOMER_TOKEN));
    harness.finish().await;
}

#[tokio::test]
async fn a_307_to_another_origin_is_not_followed() {
    // Another server, another origin: had the browser followed the redirect, it would have
    // posted the passwords there. The page's CSP lets it connect there, so that only the widget
    // stands in the way.
    let (elsewhere, _stop) = crate::harness::spawn_api(dev_api::Options::default()).await;
    let harness =
        signed_in(dev_api::Options { connect_src: vec![elsewhere.clone()], ..Default::default() }).await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "re-posted 1").await;
    let target = format!("{elsewhere}/api/services/webshop/v1/customer/password/change");
    harness.next_answer(json!({ "status": 307, "location": target, "body": "" })).await;
    form.submit().await;
    assert_eq!(
        form.wait_for_alert().await,
        "The server sent an answer the form does not understand. Try again later."
    );
    // Read from here: dev-api's helpers answer no page on another origin.
    let received = crate::harness::helper_at(&elsewhere, "/api/__requests").await;
    assert_eq!(received["requests"], json!([]), "the redirect was followed");
    assert_eq!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(DEMO_CUSTOMER_TOKEN));
    assert_eq!(form.value_of("password").await, "re-posted 1");
    harness.finish().await;
}

/// A valid value for a field of this kind.
fn valid_value(input: InputKind) -> &'static str {
    match input {
        InputKind::CurrentPassword | InputKind::NewPassword => "Valid-secret-123",
        InputKind::AccountEmail | InputKind::NewEmail => "new@example.com",
    }
}

#[tokio::test]
async fn a_2xx_that_is_not_json_claims_nothing_on_any_form() {
    let harness = Harness::start().await;
    for spec in forms::ALL {
        for (content_type, body) in
            [("text/html", "<html><body>Sign in</body></html>"), ("application/json", "")]
        {
            harness.open("/").await;
            harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
            harness.set_local_storage(USER_TOKEN_KEY, DEMO_USER_TOKEN).await;
            // Reset forms need a link (the demo page's own reset forms took the one it opened
            // with); the answer is canned anyway.
            let link =
                "history.replaceState(null, '', '/#token=canned-link-token&email=jane%40example.com');";
            harness.js(link, vec![]).await;
            let form = Form::mount_probe(&harness, spec.name(), json!({ "projectId": 1 })).await;
            for field in spec.fields() {
                form.retype(field.name, valid_value(field.input)).await;
            }
            harness.next_answer(json!({ "status": 200, "content_type": content_type, "body": body })).await;
            form.click_submit().await;
            let alert = form.wait_for_alert().await;
            assert!(
                alert.starts_with("The server's answer could not be read. It is not known whether"),
                "{}: {alert}",
                spec.name()
            );
            for field in spec.fields() {
                assert_eq!(form.value_of(field.name).await, valid_value(field.input), "{}", spec.name());
            }
            assert_eq!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(DEMO_CUSTOMER_TOKEN));
            assert_eq!(harness.local_storage(USER_TOKEN_KEY).await.as_deref(), Some(DEMO_USER_TOKEN));
        }
    }
    harness.finish().await;
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_not_sent() {
    let harness = signed_in(dev_api::Options::default()).await;
    // A `token-key` pointing at the wrong entry, say.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, "5|Łukasz").await;
    harness.record_requests().await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "never sent 1").await;
    form.submit().await;
    assert_eq!(form.wait_for_alert().await, "You are not signed in. Sign in first.");
    form.wait_until_idle().await;
    assert_eq!(harness.sent_requests().await.len(), 0);
    harness.finish().await;
}

#[tokio::test]
async fn storage_that_throws_is_said_and_nothing_is_sent() {
    let harness = signed_in(dev_api::Options::default()).await;
    let script = r#"
        for (const name of ["getItem", "setItem", "removeItem", "key", "clear"]) {
            Storage.prototype[name] = function () { throw new DOMException("blocked", "SecurityError"); };
        }
    "#;
    harness.js(script, vec![]).await;
    harness.record_requests().await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "never sent 2").await;
    form.submit().await;
    let alert = form.wait_for_alert().await;
    assert!(alert.starts_with("This browser blocks the storage that keeps you signed in."), "{alert}");
    assert_eq!(harness.sent_requests().await.len(), 0);
    harness.finish().await;
}

#[tokio::test]
async fn offline_sends_nothing_and_says_so() {
    let harness = signed_in(dev_api::Options::default()).await;
    harness.js("Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false });", vec![]).await;
    harness.record_requests().await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "offline 1").await;
    form.submit().await;
    assert_eq!(
        form.wait_for_alert().await,
        "Could not reach the server. Check your connection and try again."
    );
    assert_eq!(harness.sent_requests().await.len(), 0);
    assert!(!form.submit_button().await.1, "it can be sent again");
    harness.finish().await;
}

#[tokio::test]
async fn a_host_that_removes_the_form_when_asked_to_wait_leaves_no_timer_behind() {
    let harness = signed_in(dev_api::Options::default()).await;
    // Every timer the page starts from now on, until it fires or is cleared.
    let probe = r#"
        window.__timers = new Set();
        const [setT, clearT, setI, clearI] = [setTimeout, clearTimeout, setInterval, clearInterval];
        window.setTimeout = function (f, ms, ...rest) {
            // WebKitWebDriver times each script it runs with the page's own setTimeout: not ours.
            if (/evaluateJavaScriptFunction/.test(new Error().stack)) return setT.call(window, f, ms, ...rest);
            const id = setT.call(window, function () { window.__timers.delete("t" + id); if (typeof f === "function") f.apply(this, arguments); }, ms, ...rest);
            window.__timers.add("t" + id); return id;
        };
        window.clearTimeout = (id) => { window.__timers.delete("t" + id); clearT.call(window, id); };
        window.setInterval = function (...args) { const id = setI.apply(window, args); window.__timers.add("i" + id); return id; };
        window.clearInterval = (id) => { window.__timers.delete("i" + id); clearI.call(window, id); };
        document.addEventListener("wemasy-auth:rate-limited", (e) => e.target.remove());
    "#;
    harness.js(probe, vec![]).await;
    let form = Form::new(&harness, KIND);
    fill_change(&form, "rate limited 1").await;
    harness
        .next_answer(json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Slow down.\"}", "retry_after": "30" }))
        .await;
    form.submit().await;
    harness
        .wait_for("the form to be removed", "return window.wasmBindings.mountedCount() === 4;", vec![])
        .await;
    // At once: the countdown went with its form, not at its next tick.
    let timers = "return [...window.__timers];";
    assert_eq!(harness.js(timers, vec![]).await, json!([]), "a timer outlived its form");
    // Nothing to wait for but time: a countdown ticks each second, so one that restarted would
    // have a timer within this one and a half.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(harness.js(timers, vec![]).await, json!([]), "a timer started again");
    harness.finish().await;
}
