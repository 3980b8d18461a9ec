//! What must never leak: passwords (into URLs, DOM attributes, storage, cookies, the console) and
//! reset tokens (into the address bar and history). Requests carry no cookie and no referrer.
//! The pages run under a strict Content-Security-Policy with no violation.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Case, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_EMAIL};
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
    with_a_cookie_and_recording(harness).await;
}

async fn with_a_cookie_and_recording(harness: &Harness) {
    harness.js("document.cookie = 'shop_session=abc123; path=/';", vec![]).await;
    harness.record_requests().await;
}

#[tokio::test]
async fn no_form_leaks_a_password_or_a_reset_token() {
    for spec in forms::ALL {
        let case = Case::of(spec);
        let kind = case.kind();
        let harness = Harness::start().await;
        let link = case.open(&harness).await;
        with_a_cookie_and_recording(&harness).await;
        // Everything typed into a password field, and the link's token.
        let mut secrets: Vec<String> = spec
            .fields()
            .iter()
            .filter(|field| field.input.is_password())
            .filter_map(|field| case.valid.iter().find(|(name, _)| *name == field.name))
            .map(|(_, value)| (*value).to_owned())
            .collect();
        let token = link.as_deref().and_then(|link| {
            link.split(['#', '&', '?']).find_map(|part| part.strip_prefix("token=")).map(str::to_owned)
        });
        secrets.extend(token.clone());
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();

        let form = Form::new(&harness, kind);
        form.wait_until_ready().await;
        for (name, value) in &case.valid {
            form.type_into(name, value).await;
        }
        // Revealing a password changes the input's type; the value must still stay a property only.
        let toggle = format!("wemasy-{kind} button[aria-pressed]");
        let revealed = "const t = document.querySelector(arguments[0]); if (t) t.click(); return !!t;";
        if harness.js(revealed, vec![json!(toggle)]).await == json!(true) {
            let shown =
                "return document.querySelector(arguments[0]).getAttribute('aria-pressed') === 'true';";
            harness.wait_for("the password to be shown", shown, vec![json!(toggle)]).await;
        }
        assert_nothing_leaks(&harness, &secrets, &format!("while {kind} is filled in")).await;
        form.submit().await;
        let said = form.wait_for_status().await;
        assert!(!said.is_empty(), "{kind}: {said}");
        assert_nothing_leaks(&harness, &secrets, &format!("after {kind}")).await;

        if let Some(token) = token {
            // The entry the link created was replaced, not added to: back leads to the page
            // before, forward to the link without its token.
            let length = harness.js("return history.length;", vec![]).await;
            harness.browser.back().await.expect("back");
            let before = harness.address().await;
            assert!(!before.contains(&token), "{kind}: history before the link: {before}");
            harness.browser.forward().await.expect("forward");
            let after = harness.address().await;
            assert!(
                after.contains("view=") && !after.contains(&token),
                "{kind}: the link's history entry: {after}"
            );
            assert_eq!(harness.js("return history.length;", vec![]).await, length);
        }
        harness.finish().await;
    }
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
    for spec in forms::ALL.iter().filter(|spec| !spec.is_reset()) {
        let form = Form::new(&harness, spec.name());
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
