//! Two windows of the same shop share `localStorage`. A password change in one revokes every
//! other token, so the other must send the fresh token, never an older one.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use fantoccini::wd::WindowHandle;
use serde_json::{Value, json};

const KIND: &str = "customer-password-change";

/// Opens the demo page in a second window of the same browser and returns both windows.
async fn two_windows(harness: &Harness) -> (WindowHandle, WindowHandle) {
    harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    Form::new(harness, KIND).wait_until_ready().await;
    let first = harness.browser.window().await.expect("the first window");
    let second = harness.browser.new_window(false).await.expect("a second window").handle;
    harness.browser.switch_to_window(second.clone()).await.expect("to the second window");
    harness.open("/").await;
    Form::new(harness, KIND).wait_until_ready().await;
    (first, second)
}

/// Changes the password in the current window and returns the Authorization the API received.
async fn change(harness: &Harness, current: &str, new_password: &str) -> Value {
    let before = harness.api_requests().await.len();
    let form = Form::new(harness, KIND);
    form.retype("current_password", current).await;
    form.retype("password", new_password).await;
    form.retype("password_confirmation", new_password).await;
    form.submit().await;
    let status = form.wait_for_status_containing("Password changed").await;
    assert!(status.starts_with("Password changed"), "{status}");
    let received = harness.api_requests().await;
    let sent: Vec<&Value> = received.iter().skip(before).collect();
    assert_eq!(sent.len(), 1, "one request, no retry: {sent:?}");
    sent[0]["authorization"].clone()
}

async fn stored(harness: &Harness) -> Value {
    json!(format!("Bearer {}", harness.local_storage(CUSTOMER_TOKEN_KEY).await.unwrap_or_default()))
}

#[tokio::test]
async fn each_window_sends_the_token_the_other_one_just_received() {
    let harness = Harness::start().await;
    let (first, second) = two_windows(&harness).await;

    harness.browser.switch_to_window(first.clone()).await.expect("switch");
    assert_eq!(
        change(&harness, DEMO_CUSTOMER_PASSWORD, "tab one 1").await,
        json!(format!("Bearer {DEMO_CUSTOMER_TOKEN}"))
    );
    let after_first = stored(&harness).await;

    harness.browser.switch_to_window(second.clone()).await.expect("switch");
    assert_eq!(
        change(&harness, "tab one 1", "tab two 2").await,
        after_first,
        "the second window used the fresh token"
    );
    let after_second = stored(&harness).await;
    assert_ne!(after_second, after_first);

    harness.browser.switch_to_window(first).await.expect("switch");
    assert_eq!(change(&harness, "tab two 2", "tab one 3").await, after_second, "and back");
    assert_ne!(stored(&harness).await, after_second, "the newest token is stored, never an older one");
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "tab one 3").await, 200);
    harness.finish().await;
}

#[tokio::test]
async fn a_token_kept_in_memory_gives_way_to_a_newer_one_stored_by_another_window() {
    let harness = Harness::start().await;
    let (first, second) = two_windows(&harness).await;

    // The first window cannot write storage: its fresh token lives in memory only.
    harness.browser.switch_to_window(first.clone()).await.expect("switch");
    let refuse = r#"
        const original = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key === "wemasy.customer_token") throw new DOMException("full", "QuotaExceededError");
            return original.call(this, key, value);
        };
    "#;
    harness.js(refuse, vec![]).await;
    change(&harness, DEMO_CUSTOMER_PASSWORD, "in memory 1").await;

    // The second window signs in again and changes the password: the token in the first
    // window's memory is revoked, and storage holds the only valid one.
    harness.browser.switch_to_window(second).await.expect("switch");
    let sign_in = r#"
        const [password, done] = arguments;
        fetch("/api/__login", { method: "POST", body: JSON.stringify({ kind: "customer", email: "jane@example.com", password }) })
            .then((r) => r.json()).then((b) => { localStorage.setItem("wemasy.customer_token", b.data.token); done(b.data.token); });
    "#;
    let signed_in = harness.js_async(sign_in, vec![json!("in memory 1")]).await;
    assert_eq!(
        change(&harness, "in memory 1", "other window 2").await,
        json!(format!("Bearer {}", signed_in.as_str().unwrap_or_default()))
    );
    let newest = stored(&harness).await;

    harness.browser.switch_to_window(first).await.expect("switch");
    assert_eq!(
        change(&harness, "other window 2", "first again 3").await,
        newest,
        "the stored token, not the one in memory"
    );
    harness.finish().await;
}
