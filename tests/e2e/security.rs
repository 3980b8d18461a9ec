//! What must never leak: passwords (into URLs, DOM attributes, storage, cookies, the console) and
//! reset tokens (into the address bar and history). Requests carry no cookie and no referrer.
//! The pages run under a strict Content-Security-Policy with no violation. dev-api's helpers
//! (the seeded passwords, every token the API received, sign-in) answer no page on another origin.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Case, Form};
use dev_api::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_EMAIL};
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

#[tokio::test]
async fn a_page_on_another_origin_can_neither_read_dev_apis_helpers_nor_make_them_act() {
    // Another site: a page of its own on a second server, which may connect to the test's
    // dev-api (its Content-Security-Policy is not what stops it). As http://127.0.0.1:<port> it is
    // on the test's dev-api's allow-list; as http://localhost:<port>, another origin, it is not.
    let page = [("index.html".to_owned(), "<h1>Another site</h1>".to_owned())];
    let site = crate::harness::pages_with_head("", &page);
    let any_port = vec!["http://127.0.0.1:*".to_owned()];
    let (listed, _stop) = crate::harness::spawn_api(dev_api::Options {
        static_dir: Some(site),
        connect_src: any_port,
        ..Default::default()
    })
    .await;
    let mut helper_origins = dev_api::Options::default().helper_origins;
    helper_origins.push(listed.clone());
    let harness = Harness::start_with(dev_api::Options { helper_origins, ..Default::default() }).await;
    let api = harness.base.clone();
    let other = listed.replace("127.0.0.1", "localhost");
    harness.browser.goto(&format!("{other}/")).await.expect("the other site opens");

    let script = r#"
        const [api, email, password, done] = arguments;
        const ask = (url, init) => fetch(url, init).then(
            async (r) => ({ status: r.status, body: (await r.text()).slice(0, 200), limit: r.headers.get("x-ratelimit-limit") }),
            (e) => ({ failed: e.name }),
        );
        (async () => {
            const read = await ask(api + "/api/__requests");
            const seed = await ask(api + "/api/__seed");
            // "Simple" requests: no preflight, so only the server can refuse to act on them.
            const login = await ask(api + "/api/__login", { method: "POST", body: JSON.stringify({ kind: "customer", email, password }) });
            const fault = { status: 503, content_type: "text/html", body: "<h1>Broken by another site</h1>" };
            await fetch(api + "/api/__fault", { method: "POST", mode: "no-cors", body: JSON.stringify(fault) });
            // The API itself answers this origin, with the headers the widget reads.
            const json = { Accept: "application/json", "Content-Type": "application/json" };
            const reset = await ask(api + "/api/v1/reset-password", { method: "POST", headers: json, body: "{}" });
            // Its own server's helpers do answer it.
            const own = await ask("/api/__seed");
            done({ read, seed, login, reset: [reset.status, reset.limit], own: own.status });
        })();
    "#;
    let args = vec![json!(api), json!(DEMO_CUSTOMER_EMAIL), json!(DEMO_CUSTOMER_PASSWORD)];
    let answers = harness.js_async(script, args).await;
    let refused = json!({ "failed": "TypeError" });
    assert_eq!(answers["read"], refused, "{answers}");
    assert_eq!(answers["seed"], refused, "{answers}");
    assert_eq!(answers["login"], refused, "{answers}");
    // 422, not the fault's 503: the fault was not queued.
    assert_eq!(answers["reset"], json!([422, "60"]), "{answers}");
    assert_eq!(answers["own"], json!(200), "{answers}");

    // The server refused them (not only the browser hid its answers), and did not act.
    let log = crate::harness::helper_at(&api, "/api/__requests").await;
    let refusals: Vec<(&str, &str)> = log["refused"]
        .as_array()
        .expect("the refusals")
        .iter()
        .filter(|r| r["origin"] == json!(other))
        .map(|r| (r["method"].as_str().unwrap_or_default(), r["uri"].as_str().unwrap_or_default()))
        .collect();
    let expected = [("GET", "/__requests"), ("GET", "/__seed"), ("POST", "/__login"), ("POST", "/__fault")];
    assert_eq!(refusals, expected, "{log}");
    let received: Vec<&str> =
        log["requests"].as_array().expect("the log").iter().filter_map(|r| r["uri"].as_str()).collect();
    assert_eq!(received, ["/v1/reset-password"], "{log}");

    // A page on the allow-list may: it reads the log and signs in, through CORS (the JSON
    // sign-in is preflighted). The token's number says the refused sign-in issued none: the seed
    // has three.
    harness.browser.goto(&format!("{listed}/")).await.expect("the listed site opens");
    let script = r#"
        const [api, email, password, done] = arguments;
        const json = { Accept: "application/json", "Content-Type": "application/json" };
        (async () => {
            const log = await (await fetch(api + "/api/__requests")).json();
            const login = await fetch(api + "/api/__login", { method: "POST", headers: json, body: JSON.stringify({ kind: "customer", email, password }) });
            done({ refused: log.refused.length, token: (await login.json()).data.token.split("|")[0] });
        })().catch((e) => done({ failed: String(e) }));
    "#;
    let args = vec![json!(api), json!(DEMO_CUSTOMER_EMAIL), json!(DEMO_CUSTOMER_PASSWORD)];
    assert_eq!(harness.js_async(script, args).await, json!({ "refused": 4, "token": "4" }));
    harness.finish().await;
}
