//! What must never leak: passwords (into URLs, DOM attributes, storage, cookies, the console) and
//! reset tokens (into the address bar and history). Requests carry no cookie and no referrer.
//! The pages run under a strict Content-Security-Policy with no violation.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form, USER_TOKEN_KEY};
use dev_api::{
    DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_EMAIL, DEMO_USER_PASSWORD,
    DEMO_USER_TOKEN,
};
use serde_json::{Value, json};
use wemasy_auth_widget::forms;

/// Everything a page exposes where a secret must not be: its address, every resource URL it
/// loaded, every attribute inside the widget's elements, both storages, its cookies, its console.
const EXPOSED: &str = r#"
    // Every form on the page, whichever it is, with the element or container that holds it.
    const hosts = [...document.querySelectorAll(".wemasy-form")].map((form) => form.parentElement);
    const attributes = [];
    for (const host of hosts) {
        for (const element of [host, ...host.querySelectorAll("*")]) {
            for (const attribute of element.attributes) attributes.push(attribute.name + "=" + attribute.value);
        }
    }
    const dump = (storage) => Object.keys(storage).map((k) => k + "=" + storage.getItem(k));
    return {
        address: location.href,
        resources: performance.getEntriesByType("resource").map((e) => e.name),
        forms: hosts.length,
        attributes,
        local: dump(localStorage),
        session: dump(sessionStorage),
        cookie: document.cookie,
        console: window.__console || [],
    };
"#;

/// Fails if any of `secrets` shows anywhere a page exposes, or in what the API received other
/// than request bodies; and checks every request the page sent kept cookies and referrer back.
async fn assert_nothing_leaks(harness: &Harness, secrets: &[&str], when: &str) {
    let exposed = harness.js(EXPOSED, vec![]).await;
    assert!(exposed["forms"].as_u64() > Some(0), "no form to look into {when}");
    let exposed = exposed.to_string();
    let received = harness.api_requests().await;
    let uris: Vec<&str> = received.iter().map(|r| r["uri"].as_str().unwrap_or_default()).collect();
    for secret in secrets {
        // As JSON text, a secret's characters may be escaped; these have none that would be.
        assert!(!exposed.contains(secret), "{secret:?} leaked {when}: {exposed}");
        assert!(uris.iter().all(|uri| !uri.contains(secret)), "{secret:?} in a URL {when}: {uris:?}");
    }
    for request in &received {
        assert_eq!(request["cookie"], json!(false), "a cookie was sent {when}: {request}");
        assert_eq!(request["referer"], Value::Null, "a referrer was sent {when}: {request}");
    }
    for request in harness.sent_requests().await {
        assert_eq!(request["referrerPolicy"], json!("no-referrer"), "{when}: {request}");
        assert_eq!(request["credentials"], json!("omit"), "{when}: {request}");
    }
}

/// Opens `path` with a shop cookie set and the page's requests recorded.
async fn open(harness: &Harness, path: &str) {
    harness.open(path).await;
    harness.js("document.cookie = 'shop_session=abc123; path=/';", vec![]).await;
    harness.record_requests().await;
}

/// Fills `fields` in the form `kind`, with the password shown for a moment, and submits it.
async fn fill_and_send(harness: &Harness, kind: &str, fields: &[(&str, &str)], secrets: &[&str]) -> String {
    let form = Form::new(harness, kind);
    form.wait_until_ready().await;
    for (name, value) in fields {
        form.type_into(name, value).await;
    }
    // Revealing a password changes the input's type; the value must still stay a property only.
    let toggle = format!("wemasy-{kind} button[aria-pressed]");
    harness.js("document.querySelector(arguments[0]).click();", vec![json!(toggle)]).await;
    let shown = "return document.querySelector(arguments[0]).getAttribute('aria-pressed') === 'true';";
    harness.wait_for("the password to be shown", shown, vec![json!(toggle)]).await;
    assert_nothing_leaks(harness, secrets, &format!("while {kind} is filled in")).await;
    form.submit().await;
    form.wait_for_status().await
}

#[tokio::test]
async fn no_flow_leaks_a_password_or_a_reset_token() {
    let harness = Harness::start().await;
    open(&harness, "/").await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    harness.set_local_storage(USER_TOKEN_KEY, DEMO_USER_TOKEN).await;
    open(&harness, "/").await;

    let customer_new = "Zebra-Customer-Secret-1";
    let secrets = [DEMO_CUSTOMER_PASSWORD, customer_new];
    let fields = [
        ("current_password", DEMO_CUSTOMER_PASSWORD),
        ("password", customer_new),
        ("password_confirmation", customer_new),
    ];
    let said = fill_and_send(&harness, "customer-password-change", &fields, &secrets).await;
    assert!(said.contains("Password changed"), "{said}");
    assert_nothing_leaks(&harness, &secrets, "after the customer's change").await;

    let user_new = "Zebra-User-Secret-2";
    let secrets = [DEMO_USER_PASSWORD, user_new];
    let fields =
        [("current_password", DEMO_USER_PASSWORD), ("password", user_new), ("confirm_password", user_new)];
    let said = fill_and_send(&harness, "user-password-change", &fields, &secrets).await;
    assert!(said.contains("Password updated"), "{said}");
    assert_nothing_leaks(&harness, &secrets, "after the user's change").await;

    let email = Form::new(&harness, "user-email-change");
    email.type_into("email", "alex.new@example.com").await;
    email.type_into("confirm_email", "alex.new@example.com").await;
    email.submit().await;
    email.wait_for_status_containing("alex.new@example.com").await;
    assert_nothing_leaks(&harness, &[DEMO_USER_PASSWORD, user_new], "after the e-mail change").await;

    for (kind, to, new_password) in [
        ("customer-password-reset", DEMO_CUSTOMER_EMAIL, "Zebra-Reset-Secret-3"),
        ("user-password-reset", DEMO_USER_EMAIL, "Zebra-Reset-Secret-4"),
    ] {
        let link = harness.reset_link(to, false).await;
        let token = link
            .split(['#', '&', '?'])
            .find_map(|part| part.strip_prefix("token="))
            .expect("a token in the link")
            .to_owned();
        open(&harness, "/").await;
        harness.open(&link).await;
        harness.record_requests().await;
        let secrets = [token.as_str(), new_password];
        let fields = [("password", new_password), ("password_confirmation", new_password)];
        let said = fill_and_send(&harness, kind, &fields, &secrets).await;
        assert!(said.contains("reset"), "{said}");
        assert_nothing_leaks(&harness, &secrets, &format!("after {kind}")).await;
        // The entry the link created was replaced, not added to: back leads to the page
        // before, forward to the link without its token.
        let length = harness.js("return history.length;", vec![]).await;
        harness.browser.back().await.expect("back");
        let before = harness.address().await;
        assert!(!before.contains(&token), "history before the link: {before}");
        harness.browser.forward().await.expect("forward");
        let after = harness.address().await;
        assert!(after.contains("view=") && !after.contains(&token), "the link's history entry: {after}");
        assert_eq!(harness.js("return history.length;", vec![]).await, length);
    }
    harness.finish().await;
}

#[tokio::test]
async fn the_demo_and_the_shop_run_under_a_strict_csp_without_a_violation() {
    let harness = Harness::start().await;
    open(&harness, "/").await;
    let policy = "const done = arguments[0]; fetch(location.href).then((r) => done(r.headers.get('content-security-policy')));";
    let policy = harness.js_async(policy, vec![]).await;
    let policy = policy.as_str().unwrap_or_default().to_owned();
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{policy}");
    assert!(policy.contains("style-src 'self';"), "{policy}");
    assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{policy}");

    // Every form renders, shows errors, and one talks to the server.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    open(&harness, "/").await;
    for spec in forms::ALL.iter().filter(|spec| !spec.needs_reset_token()) {
        let form = Form::new(&harness, spec.name);
        form.wait_until_ready().await;
        form.submit().await;
    }
    let form = Form::new(&harness, "customer-password-change");
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.type_into("password", "under a strict policy").await;
    form.type_into("password_confirmation", "under a strict policy").await;
    form.submit().await;
    form.wait_for_status_containing("Password changed").await;
    let link = harness.reset_link(DEMO_USER_EMAIL, false).await;
    harness.open(&link).await;
    Form::new(&harness, "user-password-reset").wait_until_ready().await;

    harness.open("/examples/webshop.html").await;
    let form = Form::new(&harness, "customer-password-change");
    form.wait_until_ready().await;
    form.submit().await;
    form.wait_for_error("current_password").await;
    harness.open("/examples/minimal.html").await;
    Form::new(&harness, "customer-password-change").wait_until_ready().await;

    // The control: the policy is enforced and its violations do reach the report. Once its
    // report has come, any report of the pages above (sent earlier) would have come too.
    let injected = r#"
        const script = document.createElement("script");
        script.textContent = "window.__injected = true;";
        document.head.append(script);
        return window.__injected === true;
    "#;
    assert_eq!(harness.js(injected, vec![]).await, json!(false), "an injected inline script ran");
    let reported = "const done = arguments[0]; fetch('/api/__csp').then((r) => r.json()).then((b) => done(b.reports.length > 0));";
    harness.wait_for_async("the injected script's violation to be reported", reported).await;
    let reports = harness.csp_reports().await;
    assert_eq!(reports.len(), 1, "only the control's violation, none of the pages': {reports:?}");
    harness.finish().await;
}
