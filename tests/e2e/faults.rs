//! What the widget does when the network or the server misbehaves: the user is told what is
//! known, nothing typed is lost, nothing is retried behind their back, and a removed form leaves
//! no trace.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form, USER_TOKEN_KEY};
use dev_api::{
    DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_PASSWORD, DEMO_USER_TOKEN,
};
use serde_json::json;
use std::time::Duration;

/// The customer's password change, mounted through `mount()` with `options` into `#probe`.
async fn probe<'a>(harness: &'a Harness, options: serde_json::Value) -> Form<'a> {
    Form::mount_probe(harness, "customer-password-change", options).await
}

/// A valid change of the customer's password from `current` to `new_password`.
fn change<'a>(current: &'a str, new_password: &'a str) -> [(&'static str, &'a str); 3] {
    [("current_password", current), ("password", new_password), ("password_confirmation", new_password)]
}

async fn ready(options: dev_api::Options) -> Harness {
    let harness = Harness::start_with(options).await;
    harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    harness
}

#[tokio::test]
async fn a_failed_connection_leaves_the_outcome_open_and_the_form_can_be_sent_again() {
    let harness = ready(dev_api::Options::default()).await;
    // Nothing listens on port 9 of this machine. A browser cannot tell a refused connection from
    // one that broke after the request left, so the outcome is open.
    let form = probe(&harness, json!({ "apiBase": "http://127.0.0.1:9/api" })).await;
    form.fill_and_submit(&change(DEMO_CUSTOMER_PASSWORD, "unsent password")).await;
    let alert = form.wait_for_alert().await;
    assert_eq!(
        alert,
        "The connection to the server failed. It is not known whether your password was changed. \
         Try signing in with the new password before you try again."
    );
    assert_eq!(form.value_of("password").await, "unsent password");
    assert!(!form.submit_button().await.1, "the form can be sent again");
    harness.finish().await;
}

#[tokio::test]
async fn a_form_removed_during_its_request_aborts_it_and_tells_nothing() {
    // A platform password change leaves the session alone, so nothing needs to outlive the form.
    let options = dev_api::Options { answer_delay: Duration::from_millis(1500), ..Default::default() };
    let harness = Harness::start_with(options).await;
    harness.open_signed_in(USER_TOKEN_KEY, DEMO_USER_TOKEN).await;
    let form = Form::mount_probe(&harness, "user-password-change", json!({})).await;
    for (name, value) in [
        ("current_password", DEMO_USER_PASSWORD),
        ("password", "abandoned"),
        ("confirm_password", "abandoned"),
    ] {
        form.type_into(name, value).await;
    }
    harness.record_events().await;
    harness.record_requests().await;
    form.click_submit().await;
    form.wait_until_busy().await;
    harness.js("window.probe.unmount(); document.getElementById('probe').remove();", vec![]).await;
    let aborted = "return window.__sent.length === 1 && window.__sent[0].aborted;";
    harness.wait_for("the request to be aborted", aborted, vec![]).await;
    // Past the moment its answer would have come: an answer to a request sent afterwards, held
    // back as long, has come.
    let later = r#"
        const done = arguments[0];
        fetch("/api/services/platforms/v1/user/update-password", { method: "POST" }).then(() => done(true), () => done(false));
    "#;
    harness.js_async(later, vec![]).await;
    assert_eq!(harness.events().await, Vec::<serde_json::Value>::new(), "nothing heard afterwards");
    assert_eq!(harness.local_storage(USER_TOKEN_KEY).await.as_deref(), Some(DEMO_USER_TOKEN));
    let console = harness.console().await;
    assert!(
        console
            .iter()
            .all(|l| !l.starts_with("error") && !l.starts_with("uncaught") && !l.starts_with("unhandled")),
        "{console:?}"
    );
    harness.finish().await;
}

#[tokio::test]
async fn a_401_after_another_tab_swapped_the_token_is_retried_once_with_the_new_one() {
    let options = dev_api::Options { answer_delay: Duration::from_millis(1200), ..Default::default() };
    let harness = ready(options).await;
    // Another tab changed the password: the old token is revoked and it stored a fresh one.
    let old = "1|demoCustomerTokenForTheLocalDevApi0000000";
    let form = probe(&harness, json!({})).await;
    harness.record_requests().await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, "99|revokedRevokedRevokedRevokedRevokedRevok").await;
    form.fill_and_submit(&change(DEMO_CUSTOMER_PASSWORD, "after the other tab")).await;
    // While this request is on its way (and will be refused), the other tab's token arrives.
    let script = r#"
        const done = arguments[0];
        fetch("/api/__login", { method: "POST", body: JSON.stringify({ kind: "customer", email: "jane@example.com", password: "correct-horse-battery-staple" }) })
            .then((r) => r.json()).then((b) => { localStorage.setItem("wemasy.customer_token", b.data.token); done(b.data.token); });
    "#;
    let fresh = harness.js_async(script, vec![]).await;
    form.wait_for_status_containing("Password changed").await;
    let sent = harness.sent_requests().await;
    let auth: Vec<&str> = sent.iter().filter_map(|r| r["authorization"].as_str()).collect();
    assert_eq!(auth.len(), 2, "{sent:?}");
    assert_eq!(auth[1], format!("Bearer {}", fresh.as_str().unwrap_or_default()));
    assert_ne!(auth[0], auth[1]);
    assert_ne!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(old));
    harness.finish().await;
}

#[tokio::test]
async fn a_fresh_token_storage_refuses_is_kept_in_memory_and_said_so() {
    let harness = ready(dev_api::Options::default()).await;
    let script = r#"
        window.__events = [];
        document.addEventListener("wemasy-auth:token-changed", (e) => window.__events.push(e.detail));
        // Storage full or disabled, as browsers report it.
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key === "wemasy.customer_token") throw new DOMException("full", "QuotaExceededError");
            return original.call(this, key, value);
        };
    "#;
    harness.js(script, vec![]).await;
    let form = probe(&harness, json!({})).await;
    form.fill_and_submit(&change(DEMO_CUSTOMER_PASSWORD, "kept in memory 1")).await;
    let said = form.wait_for_status_containing("could not be saved in this browser").await;
    assert!(said.starts_with("Password changed."), "{said}");
    let events = harness.js("return window.__events;", vec![]).await;
    assert_eq!(
        events,
        json!([{ "form": "customer-password-change", "key": CUSTOMER_TOKEN_KEY, "persisted": false, "removed": false }])
    );

    // The next change on this page uses the fresh token from memory, not the revoked one in storage.
    form.fill_and_submit(&change("kept in memory 1", "kept in memory 2")).await;
    // The same words as the first time: wait on the server's state instead.
    harness.wait_until_password_is("customer", DEMO_CUSTOMER_EMAIL, "kept in memory 2").await;
    harness.finish().await;
}

#[tokio::test]
async fn broken_servers_get_clear_words_and_no_raw_html() {
    let harness = ready(dev_api::Options::default()).await;
    let form = probe(&harness, json!({})).await;
    for (name, value) in change(DEMO_CUSTOMER_PASSWORD, "never applied") {
        form.type_into(name, value).await;
    }
    let cases = [
        (
            json!({ "status": 500, "content_type": "text/html", "body": "<h1>Whoops</h1><img src=x onerror=\"window.__ran=1\">" }),
            "The server could not handle the request (status 500). Try again later.",
        ),
        (
            json!({ "status": 502, "content_type": "text/html", "body": "<p>Bad gateway</p>", "repeat": 600_000 }),
            "The server could not handle the request (status 502). Try again later.",
        ),
        (
            json!({ "status": 503, "body": "" }),
            "The server could not handle the request (status 503). Try again later.",
        ),
        (
            json!({ "status": 418, "content_type": "application/json", "body": "{}" }),
            "The server sent an answer the form does not understand. Try again later.",
        ),
        (
            json!({ "status": 422, "content_type": "application/json",
                    "body": "{\"message\":\"x\",\"errors\":{\"captcha\":[\"<img src=x onerror=window.__ran=1> is wrong\"]}}" }),
            "<img src=x onerror=window.__ran=1> is wrong",
        ),
    ];
    for (fault, expected) in cases {
        harness.next_answer(fault).await;
        form.click_submit().await;
        assert_eq!(form.wait_for_alert_containing(expected).await, expected);
        assert_eq!(
            form.value_of("password").await,
            "never applied",
            "nothing typed is lost after: {expected}"
        );
    }
    let ran = harness
        .js("return [window.__ran || null, document.querySelectorAll('#probe img').length];", vec![])
        .await;
    assert_eq!(ran, json!([null, 0]), "server text was rendered as text");
    harness.finish().await;
}

#[tokio::test]
async fn retry_after_as_a_date_counts_down() {
    let harness = ready(dev_api::Options::default()).await;
    let form = probe(&harness, json!({})).await;
    let at = harness.js("return new Date(Date.now() + 95000).toUTCString();", vec![]).await;
    harness.next_answer(json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Slow down.\"}", "retry_after": at }),
    )
    .await;
    form.fill_and_submit(&change(DEMO_CUSTOMER_PASSWORD, "later password")).await;
    let status = form.wait_for_status_containing("Try again in").await;
    // The widget's own words: the server's "Slow down." is not part of the sentence.
    assert!(status.starts_with("Too many attempts. Try again in 2 minutes."), "{status}");
    let (label, disabled) = form.submit_button().await;
    assert!(disabled && label.starts_with("Wait "), "{label} {disabled}");
    harness.finish().await;
}

#[tokio::test]
async fn a_429_whose_wait_cannot_be_read_still_holds_the_form_and_says_why() {
    // No Retry-After at all, and one that is neither seconds nor a date. A cross-origin answer
    // that does not expose the header looks to the widget exactly like the first.
    for retry_after in [None, Some("soon")] {
        let harness = ready(dev_api::Options::default()).await;
        let form = probe(&harness, json!({})).await;
        let mut fault = json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Too Many Attempts.\"}" });
        if let Some(value) = retry_after {
            fault["retry_after"] = json!(value);
        }
        harness.next_answer(fault).await;
        harness.record_requests().await;
        form.fill_and_submit(&change(DEMO_CUSTOMER_PASSWORD, "wait unknown")).await;
        let status = form.wait_for_status_containing("did not say").await;
        assert_eq!(
            status,
            "Too many attempts. The server did not say how long to wait, so this form waits 1 minute.",
            "Retry-After {retry_after:?}"
        );
        assert_eq!(
            form.submit_button().await,
            ("Wait 1 min".to_owned(), true),
            "Retry-After {retry_after:?}"
        );
        // Neither a click nor a submit from script sends anything while the wait lasts.
        form.force_submit().await;
        harness.settle().await;
        assert_eq!(harness.sent_requests().await.len(), 1, "Retry-After {retry_after:?}");
        harness.finish().await;
    }
}

/// How many change-password requests dev-api received.
async fn changes_received(harness: &Harness) -> usize {
    harness
        .api_requests()
        .await
        .iter()
        .filter(|r| r["uri"].as_str().unwrap_or_default().contains("/password/change"))
        .count()
}

/// Waits until the customer's password is `password` and the probe is idle again.
async fn wait_until_changed_to(harness: &Harness, form: &Form<'_>, password: &str) {
    harness.wait_until_password_is("customer", DEMO_CUSTOMER_EMAIL, password).await;
    form.wait_until_idle().await;
}

#[tokio::test]
async fn double_click_enter_twice_and_click_while_pending_send_one_request_each() {
    let options = dev_api::Options { answer_delay: Duration::from_millis(700), ..Default::default() };
    let harness = ready(options).await;
    let form = probe(&harness, json!({})).await;

    for (name, value) in change(DEMO_CUSTOMER_PASSWORD, "double click 1") {
        form.retype(name, value).await;
    }
    form.double_click_submit().await;
    wait_until_changed_to(&harness, &form, "double click 1").await;
    assert_eq!(changes_received(&harness).await, 1, "double click");

    for (name, value) in change("double click 1", "enter twice 2") {
        form.retype(name, value).await;
    }
    form.type_into("password_confirmation", "\u{E007}\u{E007}").await;
    wait_until_changed_to(&harness, &form, "enter twice 2").await;
    assert_eq!(changes_received(&harness).await, 2, "Enter twice");

    form.fill_and_submit(&change("enter twice 2", "pending click 3")).await;
    form.wait_until_busy().await;
    form.force_submit().await;
    wait_until_changed_to(&harness, &form, "pending click 3").await;
    assert_eq!(changes_received(&harness).await, 3, "a click while pending");
    harness.finish().await;
}
