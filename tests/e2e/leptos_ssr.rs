//! `examples/leptos-ssr`: a Leptos app rendered on the server (axum, leptos_axum) and hydrated in
//! the browser, with the password change on `/` and the reset on `/reset-password` (built by
//! `cargo xtask test`: the server binary in `WEMASY_LEPTOS_SSR`, the browser's half in
//! `WEMASY_LEPTOS_SSR_SITE`). Its server forwards `/api` to the test's dev-api.

use crate::harness::{Harness, dir_from_env};
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use serde_json::{Value, json};
use std::time::Duration;

const PASSWORD: &str = "section[aria-labelledby=password-title]";
const RESET: &str = "section[aria-labelledby=reset-title]";

/// The app, with its wasm held back by `wasm_delay` if given.
async fn app_with(wasm_delay: Option<Duration>) -> Harness {
    let server = dir_from_env("WEMASY_LEPTOS_SSR");
    let site = dir_from_env("WEMASY_LEPTOS_SSR_SITE");
    assert!(server.is_file(), "no build of the server-rendered app at {}", server.display());
    assert!(site.join("pkg").is_dir(), "no browser build of the server-rendered app in {}", site.display());
    Harness::start_with_app_server(&server, &[("LEPTOS_SITE_ROOT", site.as_os_str())], wasm_delay).await
}

/// The app, its wasm held back a little: navigations return once the HTML is parsed, so the
/// console is watched before the browser takes the page over (hydration reports there).
async fn app() -> Harness {
    app_with(Some(Duration::from_millis(400))).await
}

/// What the page at `path` is as the server sends it, before any script runs: each form's labels
/// with the name of the input each belongs to, and whether its button can be pressed.
async fn as_served(harness: &Harness, path: &str) -> Value {
    let script = r#"
        const [path, done] = arguments;
        fetch(path).then((r) => r.text()).then((html) => {
            const page = new DOMParser().parseFromString(html, "text/html");
            done([...page.querySelectorAll("form.wemasy-form")].map((form) => ({
                fields: [...form.querySelectorAll("label")].map((label) =>
                    [label.textContent, page.getElementById(label.htmlFor)?.getAttribute("name") ?? null]),
                button: form.querySelector("button[type=submit]")?.textContent ?? null,
                disabled: form.querySelector("button[type=submit]")?.disabled ?? null,
                alert: !!form.querySelector("[role=alert]"),
                status: !!form.querySelector("[role=status]"),
            })));
        }, (e) => done(String(e)));
    "#;
    harness.js_async(script, vec![json!(path)]).await
}

/// Waits until the form in `host` has been taken over by the browser: its button can be pressed.
async fn wait_until_live(harness: &Harness, host: &str) {
    let script = "return document.querySelector(arguments[0]) !== null;";
    let live = format!("{host} button[type=submit]:not([disabled])");
    harness.wait_for("the server-rendered form to come alive", script, vec![json!(live)]).await;
}

/// The boxes of every part of the page's forms, as the server's markup lays them out (in an
/// iframe of the same size that runs no script) and as the live page does now.
async fn served_and_live_layout(harness: &Harness) -> (Value, Value) {
    let script = r#"
        const done = arguments[0];
        const boxes = (doc) => [...doc.querySelectorAll(".wemasy-form, .wemasy-form *")].map((e) => {
            const r = e.getBoundingClientRect();
            return [e.tagName, e.className, r.x, r.y, r.width, r.height].map((v) => typeof v === "number" ? Math.round(v) : v).join(" ");
        });
        fetch(location.pathname).then((r) => r.text()).then((html) => {
            const frame = document.createElement("iframe");
            frame.setAttribute("sandbox", "allow-same-origin");
            frame.style.cssText = `position: absolute; left: 0; top: 0; border: 0; visibility: hidden; width: ${document.documentElement.clientWidth}px; height: ${innerHeight}px`;
            frame.onload = () => { const served = boxes(frame.contentDocument); frame.remove(); done([served, boxes(document)]); };
            frame.srcdoc = html;
            document.body.append(frame);
        });
    "#;
    let both = harness.js_async(script, vec![]).await;
    (both[0].clone(), both[1].clone())
}

/// The shop's activity list, newest first: what its handlers heard.
async fn activity(harness: &Harness) -> Vec<String> {
    let script =
        "return [...document.querySelectorAll('.shop-activity-list li')].map((li) => li.textContent);";
    match harness.js(script, vec![]).await {
        Value::Array(items) => items.iter().map(|i| i.as_str().unwrap_or_default().to_owned()).collect(),
        other => panic!("no activity list: {other}"),
    }
}

/// Nothing the page logged is an error or a warning (hydration reports mismatches there).
async fn assert_quiet_console(harness: &Harness) {
    let console = harness.console().await;
    let loud: Vec<&String> = console
        .iter()
        .filter(|line| ["error", "warn", "uncaught", "unhandled"].iter().any(|level| line.starts_with(level)))
        .collect();
    assert!(loud.is_empty(), "the page logged {loud:?}");
}

#[tokio::test]
async fn the_served_html_holds_the_forms_and_the_browser_takes_them_over_without_a_change() {
    let harness = app().await;
    harness.open("/").await;
    let served = as_served(&harness, "/").await;
    assert_eq!(
        served,
        json!([{
            "fields": [
                ["Current password", "current_password"],
                ["New password", "password"],
                ["Confirm new password", "password_confirmation"],
            ],
            "button": "Change password",
            // Not before the wasm runs: a native submission would put the fields in the address.
            "disabled": true,
            "alert": true,
            "status": true,
        }]),
        "the account page as served"
    );
    let reset = as_served(&harness, "/reset-password").await;
    assert_eq!(
        reset[0]["fields"][0],
        json!(["E-mail address", "email"]),
        "the reset page as served: {reset}"
    );
    assert_eq!(reset[0]["button"], "Set new password");

    wait_until_live(&harness, PASSWORD).await;
    let (served, live) = served_and_live_layout(&harness).await;
    assert!(
        served.as_array().is_some_and(|boxes| boxes.len() > 10),
        "no form in the served markup: {served}"
    );
    assert_eq!(served, live, "the form moved when the browser took it over");
    assert_eq!(harness.axe("body").await, Vec::<String>::new(), "the hydrated page is accessible");
    assert_quiet_console(&harness).await;
    harness.finish().await;
}

#[tokio::test]
async fn after_hydration_a_password_change_swaps_the_token_and_the_shop_hears_every_handler() {
    let harness = app().await;
    harness.open("/").await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    harness.open("/").await;
    wait_until_live(&harness, PASSWORD).await;
    let form = Form::at(&harness, PASSWORD);
    let fill = [
        ("current_password", DEMO_CUSTOMER_PASSWORD),
        ("password", "rendered on a server 1"),
        ("password_confirmation", "rendered on a server 1"),
    ];

    harness.next_answer(json!({ "status": 503, "content_type": "text/html", "body": "<h1>Down</h1>" })).await;
    form.fill_and_submit(&fill).await;
    form.wait_for_alert().await;
    form.wait_until_idle().await;
    harness
        .next_answer(json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Too Many Attempts.\"}", "retry_after": "1" }))
        .await;
    form.submit().await;
    form.wait_until_idle().await;
    // The wait is over when the button says its own words again.
    let script = "return document.querySelector(arguments[0])?.textContent === 'Change password' && !document.querySelector(arguments[0]).disabled;";
    let button = format!("{PASSWORD} button[type=submit]");
    harness.wait_for("the rate limit's wait to end", script, vec![json!(button)]).await;

    form.submit().await;
    let status = form.wait_for_status_containing("Password changed").await;
    let fresh = harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.status_with_token(DEMO_CUSTOMER_TOKEN).await, 401, "the old token was revoked");
    assert_ne!(harness.status_with_token(&fresh).await, 401, "the fresh token works");

    // A session the server no longer accepts.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, "2|revoked").await;
    form.fill_and_submit(&[
        ("current_password", "rendered on a server 1"),
        ("password", "rendered on a server 2"),
        ("password_confirmation", "rendered on a server 2"),
    ])
    .await;
    form.wait_for_text("Your session has expired.").await;
    let banner = "return document.querySelector('.shop-banner')?.textContent ?? null;";
    harness.wait_for("the shop's signed-out banner", banner, vec![]).await;

    let heard = activity(&harness).await;
    assert_eq!(heard.len(), 5, "one line per handler call: {heard:?}");
    assert_eq!(heard[0], "unauthenticated");
    assert_eq!(heard[1], format!("success: {status}"));
    assert_eq!(heard[2], "token-changed: stored");
    assert_eq!(heard[3], "rate-limited: 1");
    assert!(heard[4].starts_with("error: "), "{heard:?}");
    assert_quiet_console(&harness).await;
    harness.finish().await;
}

#[tokio::test]
async fn a_reset_link_is_read_once_the_form_runs_in_the_browser() {
    let harness = app().await;
    harness.open("/").await;
    let link = harness.reset_link(DEMO_CUSTOMER_EMAIL, false).await;
    let carried = &link[link.find(['?', '#']).expect("the link carries its token")..];
    harness.open(&format!("/reset-password{carried}")).await;
    wait_until_live(&harness, RESET).await;
    let form = Form::at(&harness, RESET);
    assert_eq!(form.value_of("email").await, DEMO_CUSTOMER_EMAIL, "the link's address is filled in");
    let address = harness.address().await;
    assert!(!address.contains("token"), "the link stays in the address bar: {address}");
    // The server could not see the link: it rendered the fields, which is what the link shows.
    let (served, live) = served_and_live_layout(&harness).await;
    assert_eq!(served, live, "the form moved when the link was read");
    form.fill_and_submit(&[
        ("password", "reset on a server 1"),
        ("password_confirmation", "reset on a server 1"),
    ])
    .await;
    form.wait_for_status_containing("Password has been reset.").await;
    assert_eq!(activity(&harness).await, ["success: Password has been reset."]);
    // `sign_in_url("/")` as the browser resolved it once it had the page, which the server had not.
    let home = format!("{}/", harness.base);
    assert_eq!(form.notice_link().await.as_deref(), Some(home.as_str()), "a way to sign in");
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "reset on a server 1").await, 200);

    // Without a link there is nothing to send: once the browser knows, the form says so.
    harness.open("/reset-password").await;
    Form::at(&harness, RESET).wait_for_text("This link is incomplete.").await;
    let fields_hidden = format!("return document.querySelector('{RESET} .wemasy-fields').hidden;");
    assert_eq!(harness.js(&fields_hidden, vec![]).await, json!(true));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_quiet_console(&harness).await;
    harness.finish().await;
}

#[tokio::test]
async fn what_is_typed_before_the_wasm_arrives_stays_and_enter_then_submits_nothing() {
    // Needs a page the test can act on before its wasm has arrived, which WebKitWebDriver does
    // not give reliably (see `Harness::start_with_app_server`). In WebKit the same take-over
    // (typed values kept, nothing sent before) is covered by the component tests in tests/web.rs.
    if crate::harness::Engine::current() == crate::harness::Engine::Webkit {
        return;
    }
    let harness = app_with(Some(Duration::from_secs(3))).await;
    // One navigation only (the form reads the token when it sends, not when it loads).
    harness.open("/").await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let form = Form::at(&harness, PASSWORD);
    let disabled = format!("return document.querySelector('{PASSWORD} button[type=submit]').disabled;");
    assert_eq!(harness.js(&disabled, vec![]).await, json!(true), "the wasm came before the test could type");
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    // A password manager fills in the rest.
    form.fill_in_as_a_password_manager(&["password", "password_confirmation"], "filled in early 1").await;
    let address = harness.address().await;
    // Enter in a field: with the button disabled there is no native submission (which would put
    // the fields in the address and reload the page).
    let confirmation = harness
        .browser
        .find(fantoccini::Locator::Css(&format!("{PASSWORD} input[name=password_confirmation]")))
        .await
        .expect("the confirmation field");
    confirmation.send_keys("\u{E007}").await.expect("Enter");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(harness.address().await, address, "Enter before the wasm navigated");
    assert_eq!(harness.js(&disabled, vec![]).await, json!(true), "the wasm came before the test was done");

    wait_until_live(&harness, PASSWORD).await;
    assert_eq!(harness.address().await, address);
    assert_eq!(form.value_of("current_password").await, DEMO_CUSTOMER_PASSWORD, "what was typed stays");
    assert_eq!(form.value_of("password_confirmation").await, "filled in early 1", "what was filled in stays");
    let focused = "return document.activeElement?.getAttribute('name') ?? null;";
    assert_eq!(harness.js(focused, vec![]).await, json!("password_confirmation"), "focus stays");
    // The form has the values as its own: the request carries them.
    form.submit().await;
    form.wait_for_status_containing("Password changed").await;
    harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "filled in early 1").await, 200);
    assert_quiet_console(&harness).await;
    harness.finish().await;
}
