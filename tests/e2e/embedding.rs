//! How a host page embeds the widget: custom elements added and removed by the page's own
//! script, the JavaScript API, configuration mistakes, languages, and the events it hears.

use crate::harness::{self, Harness};
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use serde_json::{Value, json};
use wemasy_auth_widget::{Lang, forms};

/// Opens the demo page and waits until the widget's bindings are there.
async fn ready() -> Harness {
    Harness::start_on_demo_page().await
}

async fn mounted_count(harness: &Harness) -> u64 {
    harness.js("return window.wasmBindings.mountedCount();", vec![]).await.as_u64().expect("a count")
}

#[tokio::test]
async fn elements_added_later_mount_and_removed_ones_unmount() {
    let harness = ready().await;
    Form::new(&harness, "customer-password-change").wait_until_ready().await;
    let before = mounted_count(&harness).await;
    harness
        .js(
            r#"const e = document.createElement("wemasy-user-email-change"); e.id = "late";
               document.body.append(e);"#,
            vec![],
        )
        .await;
    harness.wait_for("the late form", "return !!document.querySelector('#late form input');", vec![]).await;
    assert_eq!(mounted_count(&harness).await, before + 1);

    harness.js("window.late = document.getElementById('late'); window.late.remove();", vec![]).await;
    // Unmounting waits for the end of the task that removed it (it might only be moving).
    let left = harness.js("return window.late.childElementCount;", vec![]).await;
    assert_eq!(left, json!(0), "the removed element is emptied");
    assert_eq!(mounted_count(&harness).await, before);
    harness.finish().await;
}

#[tokio::test]
async fn the_javascript_api_mounts_in_dutch_with_the_pages_words_and_unmounts() {
    let harness = ready().await;
    let script = r#"
        const host = document.createElement("div"); host.id = "api"; document.body.append(host);
        window.handle = window.wasmBindings.mount(host, "user-password-change",
            { lang: "nl", strings: { "change-password": "Opslaan" } });
        const label = host.querySelector("label").textContent;
        const button = host.querySelector("button[type=submit]").textContent;
        return [label, button, host.querySelector("form").getAttribute("lang")];
    "#;
    assert_eq!(harness.js(script, vec![]).await, json!(["Huidig wachtwoord", "Opslaan", "nl"]));
    let before = mounted_count(&harness).await;
    let left = harness.js("window.handle.unmount(); window.handle.unmount(); return document.getElementById('api').childElementCount;", vec![]).await;
    assert_eq!(left, json!(0));
    assert_eq!(mounted_count(&harness).await, before - 1);
    harness.finish().await;
}

#[tokio::test]
async fn the_pages_language_is_followed() {
    let harness = ready().await;
    let script = r#"
        document.documentElement.lang = "nl-BE";
        const e = document.createElement("wemasy-customer-password-change"); document.body.append(e);
        return e.querySelector("label").textContent;
    "#;
    assert_eq!(harness.js(script, vec![]).await, json!("Huidig wachtwoord"));
    harness.finish().await;
}

#[tokio::test]
async fn a_bad_configuration_is_shown_in_place_and_in_the_console() {
    let harness = ready().await;
    let script = r#"
        const shown = [];
        for (const [tag, name, value] of [
            ["wemasy-customer-password-reset", "project-id", "abc"],
            ["wemasy-user-email-change", "api-base", "http://api.example.com/api"],
            ["wemasy-user-email-change", "strings", "{\"chnage-password\":\"x\"}"],
            // Markup an editor could paste: each passes a check by prefix and sends elsewhere.
            ["wemasy-customer-password-change", "api-base", "/\\evil.example/api"],
            ["wemasy-customer-password-change", "api-base", "/\t/evil.example"],
            ["wemasy-customer-password-change", "api-base", "http://evil.example\\.localhost/api"],
            ["wemasy-customer-password-change", "api-base", "https://api@evil.example/api"],
        ]) {
            const e = document.createElement(tag); e.setAttribute(name, value); document.body.append(e);
            shown.push([e.textContent, !!e.querySelector("form")]);
        }
        let thrown = null;
        try { window.wasmBindings.mount(document.createElement("div"), "no-such-form", {}); } catch (e) { thrown = String(e.message || e); }
        return [shown, thrown];
    "#;
    let result = harness.js(script, vec![]).await;
    let expected = [
        "project-id must be a whole number",
        "must be https://",
        "there is no string called \"chnage-password\"",
        "must be https://",
        "must be https://",
        "must be https://",
        "must be https://",
    ];
    for (index, fragment) in expected.iter().enumerate() {
        let text = result[0][index][0].as_str().unwrap_or_default();
        assert!(text.contains(fragment), "shown: {text}");
        assert_eq!(result[0][index][1], json!(false), "no form for a bad configuration");
    }
    assert!(
        result[1].as_str().unwrap_or_default().contains("unknown form \"no-such-form\""),
        "{}",
        result[1]
    );
    let console = harness.console().await;
    assert!(console.iter().filter(|line| line.starts_with("error: wemasy:")).count() >= 8, "{console:?}");
    harness.finish().await;
}

#[tokio::test]
async fn events_tell_the_page_what_happened_without_the_token() {
    let harness = ready().await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let record = r#"
        window.__events = [];
        for (const name of ["success", "token-changed", "unauthenticated", "rate-limited", "error"]) {
            document.addEventListener("wemasy-auth:" + name, (e) => window.__events.push([e.type, e.detail]));
        }
    "#;
    harness.js(record, vec![]).await;
    let form = Form::new(&harness, "customer-password-change");
    form.wait_until_ready().await;
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.type_into("password", "evented password 1").await;
    form.type_into("password_confirmation", "evented password 1").await;
    form.submit().await;
    form.wait_for_status().await;
    let events = harness
        .wait_for("two events", "return window.__events.length >= 2 ? window.__events : null;", vec![])
        .await;
    let fresh = harness.local_storage(CUSTOMER_TOKEN_KEY).await.expect("a fresh token");
    assert!(!events.to_string().contains(&fresh), "an event carried the token: {events}");
    let names: Vec<&str> = events.as_array().into_iter().flatten().filter_map(|e| e[0].as_str()).collect();
    assert_eq!(names, ["wemasy-auth:token-changed", "wemasy-auth:success"]);
    assert_eq!(
        events[0][1],
        json!({ "form": "customer-password-change", "key": CUSTOMER_TOKEN_KEY, "persisted": true, "removed": false })
    );
    assert_eq!(events[1][1]["form"], "customer-password-change");
    assert!(events[1][1]["message"].as_str().unwrap_or_default().contains("Password changed"));

    // The old token is gone everywhere: another submit is told so, and so is the page.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    form.type_into("current_password", "x").await;
    form.type_into("password", "y").await;
    form.type_into("password_confirmation", "y").await;
    form.submit().await;
    form.wait_for_alert().await;
    let last: Value = harness.js("return window.__events[window.__events.length - 1];", vec![]).await;
    assert_eq!(
        last,
        json!(["wemasy-auth:unauthenticated", { "form": "customer-password-change", "key": CUSTOMER_TOKEN_KEY }])
    );
    harness.finish().await;
}

/// Opens the demo page with a valid customer reset link from the outbox.
async fn open_reset_link(harness: &Harness) {
    harness.open("/").await;
    let link = harness.reset_link(dev_api::DEMO_CUSTOMER_EMAIL, false).await;
    harness.open(&link).await;
    Form::new(harness, "customer-password-reset").wait_until_ready().await;
}

#[tokio::test]
async fn a_reset_form_moved_into_a_dialog_keeps_its_link_its_input_and_its_request() {
    let harness = Harness::start_with(dev_api::Options {
        answer_delay: std::time::Duration::from_millis(1000),
        ..Default::default()
    })
    .await;
    open_reset_link(&harness).await;
    let form = Form::new(&harness, "customer-password-reset");
    form.type_into("password", "moved 🐎 horse").await;
    form.type_into("password_confirmation", "moved 🐎 horse").await;
    let before = mounted_count(&harness).await;
    // A page builder moves the form into a modal after load.
    let move_it = r#"
        const dialog = document.createElement("dialog"); document.body.append(dialog);
        dialog.append(document.querySelector("wemasy-customer-password-reset")); dialog.showModal();
    "#;
    harness.js(move_it, vec![]).await;
    assert_eq!(mounted_count(&harness).await, before, "moved, not mounted again");
    assert_eq!(form.value_of("password").await, "moved 🐎 horse", "what was typed stays");
    form.click_submit().await;
    form.wait_until_busy().await;
    // And back, while the request is under way.
    harness
        .js("document.body.append(document.querySelector('wemasy-customer-password-reset'));", vec![])
        .await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password has been reset."), "status: {status}");
    assert_eq!(harness.sign_in_status("customer", dev_api::DEMO_CUSTOMER_EMAIL, "moved 🐎 horse").await, 200);
    harness.finish().await;
}

#[tokio::test]
async fn every_reset_form_of_the_page_has_the_link_after_it_left_the_address_bar() {
    let harness = Harness::start().await;
    open_reset_link(&harness).await;
    let address = harness.address().await;
    assert!(!address.contains("token="), "{address}");
    // A second reset form, added later by the page's own script.
    let add = r#"
        const e = document.createElement("wemasy-customer-password-reset"); e.id = "second";
        e.setAttribute("project-id", "1"); document.body.append(e);
    "#;
    harness.js(add, vec![]).await;
    let second = Form::at(&harness, "#second");
    second.wait_until_ready().await;
    assert_eq!(second.value_of("email").await, dev_api::DEMO_CUSTOMER_EMAIL, "the link's address is there");
    let text = harness.js("return document.getElementById('second').textContent;", vec![]).await;
    assert!(!text.as_str().unwrap_or_default().contains("incomplete"), "{text}");
    harness.finish().await;
}

#[tokio::test]
async fn the_link_leaves_the_address_bar_whatever_the_path_the_state_or_the_configuration() {
    let harness = ready().await;
    // A router's state, a path that starts with `//`, and a form that cannot run (no project-id).
    let script = r#"
        history.replaceState({ route: "reset" }, "", location.origin + "//shop/reset?view=a#token=t0k3n&email=jane%40example.com");
        const e = document.createElement("wemasy-customer-password-reset"); e.id = "bad"; document.body.append(e);
        return [location.pathname, location.search, location.hash, history.state, e.textContent];
    "#;
    let result = harness.js(script, vec![]).await;
    assert_eq!(result[0], json!("//shop/reset"));
    assert_eq!(result[1], json!("?view=a"));
    assert_eq!(result[2], json!(""), "the token left the address bar");
    assert_eq!(result[3], json!({ "route": "reset" }), "the router's state is kept");
    assert!(result[4].as_str().unwrap_or_default().contains("project-id"), "{}", result[4]);
    let console = harness.console().await;
    assert!(!console.iter().any(|l| l.contains("could not be removed")), "{console:?}");
    harness.finish().await;
}

#[tokio::test]
async fn attributes_set_after_the_element_is_in_the_page_take_effect_and_keep_what_was_typed() {
    let harness = ready().await;
    // As React, Vue and Angular do: the element first, its attributes afterwards.
    let add = r#"
        const e = document.createElement("wemasy-customer-password-change"); e.id = "framework";
        document.body.append(e);
    "#;
    harness.js(add, vec![]).await;
    let form = Form::at(&harness, "#framework");
    form.wait_until_ready().await;
    form.type_into("current_password", "typed before").await;
    form.type_into("password", "new one typed").await;
    harness.js("document.getElementById('framework').setAttribute('lang', 'nl');", vec![]).await;
    let label = "const l = document.querySelector('#framework label'); return l && l.textContent === 'Huidig wachtwoord';";
    harness.wait_for("the form in Dutch", label, vec![]).await;
    assert_eq!(form.value_of("current_password").await, "typed before", "typed values are kept");
    assert_eq!(form.value_of("password").await, "new one typed");

    // Where it sends changes too: nothing listens on port 9 of this machine.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let to_nowhere =
        "document.getElementById('framework').setAttribute('api-base', 'http://127.0.0.1:9/api');";
    harness.js(to_nowhere, vec![]).await;
    form.wait_until_ready().await;
    form.type_into("password_confirmation", "new one typed").await;
    form.click_submit().await;
    let alert = form.wait_for_alert().await;
    assert!(alert.starts_with("De verbinding met de server is mislukt."), "{alert}");

    // A value the widget refuses replaces the form with the reason, as at the start.
    harness
        .js("document.getElementById('framework').setAttribute('api-base', '/\\\\evil.example/api');", vec![])
        .await;
    let refused = "const e = document.getElementById('framework'); return !e.querySelector('form') && e.textContent.includes('api-base') ? e.textContent : null;";
    harness.wait_for("the refusal in place", refused, vec![]).await;
    // And corrected.
    harness.js("document.getElementById('framework').setAttribute('api-base', '/api');", vec![]).await;
    form.wait_until_ready().await;
    harness.finish().await;
}

#[tokio::test]
async fn a_form_says_when_it_is_ready() {
    let harness = ready().await;
    let script = r#"
        window.__ready = [];
        document.addEventListener("wemasy-auth:ready", (e) => window.__ready.push(
            [e.detail.form, e.target.id, e.target.querySelectorAll("form input").length]));
        const late = document.createElement("wemasy-user-email-change"); late.id = "late"; document.body.append(late);
        const host = document.createElement("div"); host.id = "api"; document.body.append(host);
        window.wasmBindings.mount(host, "user-password-change", {});
        return window.__ready;
    "#;
    // Each heard once, with its inputs already in place.
    assert_eq!(
        harness.js(script, vec![]).await,
        json!([["user-email-change", "late", 2], ["user-password-change", "api", 3]])
    );
    harness.finish().await;
}

/// The height the stylesheet reserves for the element `arguments[0]` before it is defined (the
/// rule's `min-height` applied to a probe in its place), and the height of its rendered form.
const RESERVED_AND_RENDERED: &str = r#"
    const tag = "wemasy-" + arguments[0];
    const rule = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
        .find((rule) => rule.selectorText === tag + ":not(:defined)");
    const element = document.querySelector(tag);
    const probe = document.createElement("div");
    probe.style.minHeight = rule.style.minHeight;
    element.after(probe);
    const heights = [probe.getBoundingClientRect().height, element.getBoundingClientRect().height];
    probe.remove();
    return heights;
"#;

#[tokio::test]
async fn no_form_shifts_the_page_when_it_renders() {
    // As the README's theming shows: a larger font and more room, set on an ancestor.
    // And a narrow column in each language but English, whose labels are longer: each still fits
    // on one line (the widest, the button "Nieuw wachtwoord instellen", takes 294 px in Firefox's
    // and WebKit's default serif font, 233 px in Chromium's); German and French with their files.
    let theme =
        ".themed { --wemasy-font-size: 1.3rem; --wemasy-spacing: 1.75rem; } .narrow { width: 300px; }"
            .to_owned();
    let mut pages = vec![("theme.css".to_owned(), theme)];
    for spec in forms::ALL {
        let name = spec.name();
        pages.push((format!("{name}.html"), harness::form_above_content(name, "", None)));
        for lang in Lang::ALL.iter().filter(|lang| **lang != Lang::En) {
            let file = harness::language_script(*lang);
            let form =
                harness::form_above_content(name, &format!(" lang=\"{}\"", lang.tag()), Some("narrow"));
            pages.push((format!("narrow-{}-{name}.html", lang.tag()), format!("{file}{form}")));
        }
        pages.push((format!("themed-{name}.html"), harness::form_above_content(name, "", Some("themed"))));
    }
    let dir = harness::pages_with_head_tags("", &pages);
    let harness = Harness::start_with(dev_api::Options { static_dir: Some(dir), ..Default::default() }).await;
    for spec in forms::ALL {
        let narrow = Lang::ALL.iter().filter(|lang| **lang != Lang::En);
        let narrow = narrow.map(|lang| format!("narrow-{}-{}", lang.tag(), spec.name()));
        for page in [spec.name().to_owned(), format!("themed-{}", spec.name())].into_iter().chain(narrow) {
            // Reset forms with their link, so they show their fields.
            harness.open(&format!("/{page}.html{}", harness::ANY_RESET_LINK)).await;
            Form::new(&harness, spec.name()).wait_until_ready().await;
            let shift = harness.layout_shift().await;
            assert!(shift <= 0.01, "{page}: cumulative layout shift {shift}");
            let heights = harness.js(RESERVED_AND_RENDERED, vec![json!(spec.name())]).await;
            let [reserved, rendered] = [0, 1].map(|i| heights[i].as_f64().expect("a height"));
            assert!(
                (reserved - rendered).abs() < 1.0,
                "{page}: reserved {reserved}px, rendered {rendered}px"
            );
        }
    }
    harness.finish().await;
}
