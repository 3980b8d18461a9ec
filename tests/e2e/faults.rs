//! What the widget does when the network or the server misbehaves: the user is told what is
//! known, nothing typed is lost, nothing is retried behind their back, and a removed form leaves
//! no trace.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form, USER_TOKEN_KEY};
use dev_api::{
    DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_PASSWORD, DEMO_USER_TOKEN,
};
use fantoccini::actions::InputSource;
use serde_json::json;
use std::time::Duration;

/// Mounts the customer change-password form through the API with `options` into `#probe`, and
/// fills it in with a valid change.
const MOUNT_AND_FILL: &str = r#"
    const [options] = arguments;
    const host = document.createElement("div"); host.id = "probe"; document.body.append(host);
    window.probe = window.wasmBindings.mount(host, "customer-password-change", options);
"#;

async fn fill_and_submit(harness: &Harness, new_password: &str) {
    fill(harness, new_password).await;
    harness.js("document.querySelector('#probe button[type=submit]').click();", vec![]).await;
}

async fn fill(harness: &Harness, new_password: &str) {
    for (name, value) in [
        ("current_password", DEMO_CUSTOMER_PASSWORD),
        ("password", new_password),
        ("password_confirmation", new_password),
    ] {
        let input = harness
            .browser
            .find(fantoccini::Locator::Css(&format!("#probe input[name={name}]")))
            .await
            .expect("the field");
        input.send_keys(value).await.expect("typing");
    }
}

async fn probe_alert(harness: &Harness) -> String {
    let script = "const a = document.querySelector('#probe [role=alert]'); return a && a.textContent ? a.textContent : null;";
    harness.wait_for("an alert in the probe", script, vec![]).await.as_str().unwrap_or_default().to_owned()
}

async fn ready(options: dev_api::Options) -> Harness {
    let harness = Harness::start_with(options).await;
    harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    harness.wait_for("the widget to start", "return !!window.wasmBindings;", vec![]).await;
    harness
}

#[tokio::test]
async fn a_failed_connection_leaves_the_outcome_open_and_the_form_can_be_sent_again() {
    let harness = ready(dev_api::Options::default()).await;
    // Nothing listens on port 9 of this machine. A browser cannot tell a refused connection from
    // one that broke after the request left, so the outcome is open.
    harness.js(MOUNT_AND_FILL, vec![json!({ "apiBase": "http://127.0.0.1:9/api" })]).await;
    fill_and_submit(&harness, "unsent password").await;
    let alert = probe_alert(&harness).await;
    assert_eq!(
        alert,
        "The connection to the server failed. It is not known whether your password was changed. \
         Try signing in with the new password before you try again."
    );
    let state = harness
        .js("const f = document.querySelector('#probe form'); return [f.password.value, f.querySelector('button[type=submit]').disabled];", vec![])
        .await;
    assert_eq!(state, json!(["unsent password", false]));
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
    harness.js(MOUNT_AND_FILL, vec![json!({})]).await;
    harness.record_requests().await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, "99|revokedRevokedRevokedRevokedRevokedRevok").await;
    fill_and_submit(&harness, "after the other tab").await;
    // While this request is on its way (and will be refused), the other tab's token arrives.
    let script = r#"
        const done = arguments[0];
        fetch("/api/__login", { method: "POST", body: JSON.stringify({ kind: "customer", email: "jane@example.com", password: "correct-horse-battery-staple" }) })
            .then((r) => r.json()).then((b) => { localStorage.setItem("wemasy.customer_token", b.data.token); done(b.data.token); });
    "#;
    let fresh = harness.js_async(script, vec![]).await;
    let status = "const s = document.querySelector('#probe [role=status]'); return s && s.textContent.includes('Password changed') ? s.textContent : null;";
    harness.wait_for("the retried change to succeed", status, vec![]).await;
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
    harness.js(MOUNT_AND_FILL, vec![json!({})]).await;
    fill_and_submit(&harness, "kept in memory 1").await;
    let status = "const s = document.querySelector('#probe [role=status]'); return s && s.textContent.includes(arguments[0]) ? s.textContent : null;";
    let said =
        harness.wait_for("the warning", status, vec![json!("could not be saved in this browser")]).await;
    assert!(said.as_str().unwrap_or_default().starts_with("Password changed."), "{said}");
    let events = harness.js("return window.__events;", vec![]).await;
    assert_eq!(
        events,
        json!([{ "form": "customer-password-change", "key": CUSTOMER_TOKEN_KEY, "persisted": false, "removed": false }])
    );

    // The next change on this page uses the fresh token from memory, not the revoked one in storage.
    harness.js("document.querySelector('#probe form').reset();", vec![]).await;
    for (name, value) in [
        ("current_password", "kept in memory 1"),
        ("password", "kept in memory 2"),
        ("password_confirmation", "kept in memory 2"),
    ] {
        let input = harness
            .browser
            .find(fantoccini::Locator::Css(&format!("#probe input[name={name}]")))
            .await
            .expect("field");
        input.clear().await.expect("clear");
        input.send_keys(value).await.expect("typing");
    }
    harness.js("document.querySelector('#probe button[type=submit]').click();", vec![]).await;
    // The same words as the first time: wait on the server's state instead.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "kept in memory 2").await != 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "the second change, sent with the token kept in memory, failed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    harness.finish().await;
}

#[tokio::test]
async fn broken_servers_get_clear_words_and_no_raw_html() {
    let harness = ready(dev_api::Options::default()).await;
    harness.js(MOUNT_AND_FILL, vec![json!({})]).await;
    fill(&harness, "never applied").await;
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
    let alert = "const a = document.querySelector('#probe [role=alert]'); return a && a.textContent === arguments[0];";
    for (fault, expected) in cases {
        harness.next_answer(fault).await;
        harness.js("document.querySelector('#probe button[type=submit]').click();", vec![]).await;
        harness.wait_for(expected, alert, vec![json!(expected)]).await;
        let kept =
            harness.js("return document.querySelector('#probe input[name=password]').value;", vec![]).await;
        assert_eq!(kept, json!("never applied"), "nothing typed is lost after: {expected}");
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
    harness.js(MOUNT_AND_FILL, vec![json!({})]).await;
    let at = harness.js("return new Date(Date.now() + 95000).toUTCString();", vec![]).await;
    harness.next_answer(json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Slow down.\"}", "retry_after": at }),
    )
    .await;
    fill_and_submit(&harness, "later password").await;
    let script = "const s = document.querySelector('#probe [role=status]'); return s && s.textContent.includes('Try again in') ? s.textContent : null;";
    let status = harness.wait_for("the wait", script, vec![]).await;
    assert!(
        status.as_str().unwrap_or_default().starts_with("Slow down. Try again in 2 minutes."),
        "{status}"
    );
    let button = harness.js("const b = document.querySelector('#probe button[type=submit]'); return [b.disabled, b.textContent];", vec![]).await;
    assert_eq!(button[0], json!(true));
    assert!(button[1].as_str().unwrap_or_default().starts_with("Wait "), "{button}");
    harness.finish().await;
}

#[tokio::test]
async fn a_429_whose_wait_cannot_be_read_still_holds_the_form_and_says_why() {
    // No Retry-After at all, and one that is neither seconds nor a date. A cross-origin answer
    // that does not expose the header looks to the widget exactly like the first.
    for retry_after in [None, Some("soon")] {
        let harness = ready(dev_api::Options::default()).await;
        harness.js(MOUNT_AND_FILL, vec![json!({})]).await;
        let mut fault = json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Too Many Attempts.\"}" });
        if let Some(value) = retry_after {
            fault["retry_after"] = json!(value);
        }
        harness.next_answer(fault).await;
        harness.record_requests().await;
        fill_and_submit(&harness, "wait unknown").await;
        let script = "const s = document.querySelector('#probe [role=status]'); return s && s.textContent.includes('did not say') ? s.textContent : null;";
        let status = harness.wait_for("the honest words", script, vec![]).await;
        assert_eq!(
            status,
            json!("Too Many Attempts. The server did not say how long to wait, so this form waits 1 minute."),
            "Retry-After {retry_after:?}"
        );
        let button = harness
            .js("const b = document.querySelector('#probe button[type=submit]'); return [b.disabled, b.textContent];", vec![])
            .await;
        assert_eq!(button, json!([true, "Wait 1 min"]), "Retry-After {retry_after:?}");
        // Neither a click nor Enter sends anything while the wait lasts.
        harness
            .js("const b = document.querySelector('#probe button[type=submit]'); b.click(); b.form.requestSubmit();", vec![])
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
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

/// Replaces what the probe's fields hold.
async fn refill(harness: &Harness, current: &str, new_password: &str) {
    for (name, value) in
        [("current_password", current), ("password", new_password), ("password_confirmation", new_password)]
    {
        let input = harness
            .browser
            .find(fantoccini::Locator::Css(&format!("#probe input[name={name}]")))
            .await
            .expect("the field");
        input.clear().await.expect("clearing");
        input.send_keys(value).await.expect("typing");
    }
}

async fn wait_until_changed_to(harness: &Harness, password: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, password).await != 200 {
        assert!(std::time::Instant::now() < deadline, "the change to {password:?} never happened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let idle = "return document.querySelector('#probe form[aria-busy=true]') === null;";
    harness.wait_for("the form to be idle", idle, vec![]).await;
}

#[tokio::test]
async fn double_click_enter_twice_and_click_while_pending_send_one_request_each() {
    let options = dev_api::Options { answer_delay: Duration::from_millis(700), ..Default::default() };
    let harness = ready(options).await;
    harness.js(MOUNT_AND_FILL, vec![json!({})]).await;

    refill(&harness, DEMO_CUSTOMER_PASSWORD, "double click 1").await;
    let button =
        harness.browser.find(fantoccini::Locator::Css("#probe button[type=submit]")).await.expect("button");
    // A real double click: two clicks of the pointer in quick succession.
    harness
        .browser
        .perform_actions(
            fantoccini::actions::MouseActions::new("mouse".into())
                .then(fantoccini::actions::PointerAction::MoveToElement {
                    element: button.clone(),
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                })
                .then(fantoccini::actions::PointerAction::Down {
                    button: fantoccini::actions::MOUSE_BUTTON_LEFT,
                })
                .then(fantoccini::actions::PointerAction::Up {
                    button: fantoccini::actions::MOUSE_BUTTON_LEFT,
                })
                .then(fantoccini::actions::PointerAction::Down {
                    button: fantoccini::actions::MOUSE_BUTTON_LEFT,
                })
                .then(fantoccini::actions::PointerAction::Up {
                    button: fantoccini::actions::MOUSE_BUTTON_LEFT,
                }),
        )
        .await
        .expect("double click");
    wait_until_changed_to(&harness, "double click 1").await;
    assert_eq!(changes_received(&harness).await, 1, "double click");

    refill(&harness, "double click 1", "enter twice 2").await;
    let confirmation = harness
        .browser
        .find(fantoccini::Locator::Css("#probe input[name=password_confirmation]"))
        .await
        .expect("field");
    confirmation.send_keys("\u{E007}\u{E007}").await.expect("Enter twice");
    wait_until_changed_to(&harness, "enter twice 2").await;
    assert_eq!(changes_received(&harness).await, 2, "Enter twice");

    refill(&harness, "enter twice 2", "pending click 3").await;
    harness.js("document.querySelector('#probe button[type=submit]').click();", vec![]).await;
    let busy = "return document.querySelector('#probe form[aria-busy=true]') !== null;";
    harness.wait_for("the request to be under way", busy, vec![]).await;
    harness.js("const b = document.querySelector('#probe button[type=submit]'); b.click(); b.form.requestSubmit();", vec![]).await;
    wait_until_changed_to(&harness, "pending click 3").await;
    assert_eq!(changes_received(&harness).await, 3, "a click while pending");
    harness.finish().await;
}
