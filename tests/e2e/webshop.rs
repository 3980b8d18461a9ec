//! The embeddable bundle (`dist/`, through its embedding script and stable stylesheet) inside a shop page with hostile
//! global CSS: it works, looks like itself, and leaves the shop alone.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use serde_json::json;

const PAGE: &str = "/examples/webshop.html";

/// The computed value of CSS `property` of the first element matching `selector`.
async fn style(harness: &Harness, selector: &str, property: &str) -> String {
    let script =
        "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);";
    harness.js(script, vec![json!(selector), json!(property)]).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn the_widget_works_in_the_shop_in_its_language() {
    let harness = Harness::start().await;
    harness.open(PAGE).await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    harness.open(PAGE).await;
    let form = Form::new(&harness, "customer-password-change");
    form.wait_until_ready().await;
    let label = harness
        .js("return document.querySelector('wemasy-customer-password-change label').textContent;", vec![])
        .await;
    assert_eq!(label, json!("Huidig wachtwoord"), "the shop's <html lang=nl> is followed");
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.type_into("password", "winkel wachtwoord 1").await;
    form.type_into("password_confirmation", "winkel wachtwoord 1").await;
    form.submit().await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password changed"), "the server's own message: {status}");
    assert_ne!(harness.local_storage(CUSTOMER_TOKEN_KEY).await.as_deref(), Some(DEMO_CUSTOMER_TOKEN));
    let console = harness.console().await;
    assert!(
        console.iter().all(|line| !line.starts_with("error") && !line.starts_with("uncaught")),
        "{console:?}"
    );
    harness.finish().await;
}

#[tokio::test]
async fn the_shops_css_does_not_reach_the_widget_and_the_widget_does_not_reach_the_shop() {
    let harness = Harness::start().await;
    harness.open(PAGE).await;
    Form::new(&harness, "customer-password-change").wait_until_ready().await;
    let input = "wemasy-customer-password-change .wemasy-input";
    assert_eq!(style(&harness, input, "text-transform").await, "none");
    assert_eq!(style(&harness, input, "letter-spacing").await, "normal");
    assert_eq!(style(&harness, input, "border-top-style").await, "solid");
    assert_eq!(style(&harness, input, "box-sizing").await, "border-box");
    let form = "wemasy-customer-password-change form";
    assert_eq!(style(&harness, form, "padding-top").await, "0px");
    assert_eq!(style(&harness, form, "background-color").await, "rgba(0, 0, 0, 0)");
    assert_eq!(style(&harness, "wemasy-customer-password-change label", "float").await, "none");
    assert_eq!(
        style(&harness, "wemasy-customer-password-change .wemasy-submit", "text-transform").await,
        "none"
    );
    // The shop's own elements keep the shop's look.
    assert_eq!(style(&harness, "#shop-search", "text-transform").await, "uppercase");
    assert_eq!(style(&harness, "#shop-search", "border-top-style").await, "dashed");
    assert_eq!(style(&harness, "#shop-search", "box-sizing").await, "content-box");
    harness.finish().await;
}
