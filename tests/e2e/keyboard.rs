//! Everything works with the keyboard alone, focus goes where it should, and the password
//! helpers (show/hide, caps-lock warning) behave.

use crate::harness::Harness;
use crate::pages::{self, CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use fantoccini::key::Key;
use serde_json::json;

const KIND: &str = "customer-password-change";

async fn signed_in() -> Harness {
    pages::open_signed_in(dev_api::Options::default(), CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN, KIND).await
}

/// Presses `keys` on whatever has focus.
async fn press(harness: &Harness, keys: &str) {
    let focused = harness.browser.active_element().await.expect("something has focus");
    focused.send_keys(keys).await.expect("keys are sent");
}

/// Describes the focused element: an input by its name, a button by its role in the form.
async fn focused(harness: &Harness) -> String {
    let script = r#"
        const e = document.activeElement;
        if (e.matches("input")) return "input " + e.name;
        if (e.matches(".wemasy-reveal")) return "show " + document.getElementById(e.getAttribute("aria-controls")).name;
        if (e.matches("button[type=submit]")) return "submit";
        return e.tagName;
    "#;
    harness.js(script, vec![]).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn tab_visits_every_control_in_reading_order() {
    let harness = signed_in().await;
    harness
        .js(
            "document.querySelector('wemasy-customer-password-change input[name=current_password]').focus();",
            vec![],
        )
        .await;
    let mut order = vec![focused(&harness).await];
    for _ in 0..6 {
        press(&harness, &Key::Tab.to_string()).await;
        order.push(focused(&harness).await);
    }
    assert_eq!(
        order,
        [
            "input current_password",
            "show current_password",
            "input password",
            "show password",
            "input password_confirmation",
            "show password_confirmation",
            "submit"
        ]
    );
    harness.finish().await;
}

#[tokio::test]
async fn enter_submits_and_a_failed_submit_focuses_the_first_field_in_error() {
    let harness = signed_in().await;
    let form = Form::new(&harness, KIND);
    form.type_into("password", "only this").await;
    press(&harness, &Key::Enter.to_string()).await;
    form.wait_for_error("current_password").await;
    assert_eq!(focused(&harness).await, "input current_password");

    press(&harness, "wrong password").await;
    press(&harness, &Key::Tab.to_string()).await;
    press(&harness, &Key::Tab.to_string()).await;
    press(&harness, &Key::Tab.to_string()).await;
    press(&harness, &Key::Tab.to_string()).await;
    press(&harness, "only this").await;
    press(&harness, &Key::Enter.to_string()).await;
    let error = form.wait_for_error("current_password").await;
    assert!(error.ends_with("The password is incorrect."), "{error}");
    assert_eq!(focused(&harness).await, "input current_password", "focus goes to the server's complaint");
    harness.finish().await;
}

#[tokio::test]
async fn show_password_toggles_with_space_and_never_writes_the_password_into_the_markup() {
    let harness = signed_in().await;
    let form = Form::new(&harness, KIND);
    form.type_into("password", DEMO_CUSTOMER_PASSWORD).await;
    harness
        .js(
            "document.querySelector('wemasy-customer-password-change [aria-controls$=-password]').focus();",
            vec![],
        )
        .await;
    assert_eq!(focused(&harness).await, "show password");
    press(&harness, " ").await;
    let state = r#"
        const input = document.querySelector("wemasy-customer-password-change input[name=password]");
        const toggle = document.querySelector("wemasy-customer-password-change [aria-controls='" + input.id + "']");
        return [input.type, toggle.getAttribute("aria-pressed"), toggle.textContent];
    "#;
    assert_eq!(harness.js(state, vec![]).await, json!(["text", "true", "Show password"]));
    // (The demo page lists the seeded password elsewhere; only the widget's markup counts.)
    let markup = harness
        .js("return document.querySelector('wemasy-customer-password-change').outerHTML;", vec![])
        .await;
    let markup = markup.as_str().unwrap_or_default();
    assert!(!markup.contains(DEMO_CUSTOMER_PASSWORD), "the password is in the markup: {markup}");
    press(&harness, " ").await;
    assert_eq!(harness.js(state, vec![]).await[0], json!("password"));
    harness.finish().await;
}

#[tokio::test]
async fn caps_lock_is_announced_while_typing_a_password() {
    let harness = signed_in().await;
    // WebDriver has no Caps Lock key; a key event that carries the modifier is what browsers send.
    let press = r#"
        const input = document.querySelector("wemasy-customer-password-change input[name=current_password]");
        input.focus();
        input.dispatchEvent(new KeyboardEvent(arguments[0], { key: "A", modifierCapsLock: arguments[1], bubbles: true }));
    "#;
    let described = r#"
        const input = document.querySelector("wemasy-customer-password-change input[name=current_password]");
        const ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        const texts = ids.map((id) => document.getElementById(id).textContent);
        return texts.join("|") === arguments[0] ? texts : null;
    "#;
    harness.js(press, vec![json!("keydown"), json!(true)]).await;
    harness.wait_for("the caps-lock warning", described, vec![json!("Caps Lock is on.")]).await;
    harness.js(press, vec![json!("keyup"), json!(false)]).await;
    let cleared = r#"
        const input = document.querySelector("wemasy-customer-password-change input[name=current_password]");
        return !input.hasAttribute("aria-describedby") && !document.querySelector(".wemasy-hint");
    "#;
    harness.wait_for("the warning to go", cleared, vec![]).await;
    harness.finish().await;
}
