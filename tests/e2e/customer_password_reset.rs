//! A webshop customer finishes a password reset from the e-mailed link.

use crate::harness::Harness;
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};

const KIND: &str = "customer-password-reset";

/// Opens the newest (valid or expired) customer reset link from the outbox.
async fn open_link(harness: &Harness, expired: bool) -> String {
    harness.open("/").await;
    let link = harness.reset_link(DEMO_CUSTOMER_EMAIL, expired).await;
    harness.open(&link).await;
    Form::new(harness, KIND).wait_until_ready().await;
    link
}

#[tokio::test]
async fn the_link_sets_a_new_password_once_and_leaves_the_address_bar() {
    let harness = Harness::start().await;
    harness.open("/").await;
    // A signed-in customer must not send their token to the public endpoint.
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let link = open_link(&harness, false).await;
    let address = harness.address().await;
    assert!(
        !address.contains("token") && !address.contains("email"),
        "the link stays in the address bar: {address}"
    );
    harness.record_requests().await;

    let form = Form::new(&harness, KIND);
    assert_eq!(form.value_of("email").await, DEMO_CUSTOMER_EMAIL, "the link's address is filled in");
    form.type_into("password", "reset 🐎 horse battery").await;
    form.type_into("password_confirmation", "reset 🐎 horse battery").await;
    form.submit().await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password has been reset."), "status: {status}");
    // Links are kept as the browser resolved them when they were checked.
    let home = format!("{}/", harness.base);
    assert_eq!(form.notice_link().await.as_deref(), Some(home.as_str()), "a way to sign in");
    let sent = harness.sent_requests().await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0]["authorization"].is_null(), "a public endpoint gets no Authorization: {sent:?}");

    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "reset 🐎 horse battery").await, 200);
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await, 422);

    // The same link a second time, from another page as from the mail (the same address but for
    // its fragment would not reload).
    harness.open("/").await;
    harness.open(&link).await;
    form.wait_until_ready().await;
    form.type_into("password", "another new one").await;
    form.type_into("password_confirmation", "another new one").await;
    form.submit().await;
    let alert = form.wait_for_alert().await;
    assert!(alert.contains("invalid or has expired"), "alert: {alert}");
    let outbox = format!("{}/#outbox", harness.base);
    assert_eq!(form.notice_link().await.as_deref(), Some(outbox.as_str()), "a way to request a new link");
    harness.finish().await;
}

#[tokio::test]
async fn an_expired_link_says_so_and_offers_a_new_one() {
    let harness = Harness::start().await;
    open_link(&harness, true).await;
    let form = Form::new(&harness, KIND);
    form.type_into("password", "too late password").await;
    form.type_into("password_confirmation", "too late password").await;
    form.submit().await;
    let alert = form.wait_for_alert().await;
    assert!(alert.contains("This link is invalid or has expired."), "alert: {alert}");
    assert_eq!(form.value_of("password").await, "too late password", "nothing typed is lost");
    harness.finish().await;
}

#[tokio::test]
async fn a_link_without_a_token_is_called_incomplete() {
    let harness = Harness::start().await;
    harness.open("/?view=customer-password-reset#email=jane%40example.com").await;
    let text = Form::new(&harness, KIND).wait_for_text("This link is incomplete.").await;
    assert!(text.contains("Request a new link"), "{text}");
    harness.finish().await;
}

#[tokio::test]
async fn an_address_the_server_rejects_is_shown_under_the_field() {
    let harness = Harness::start().await;
    open_link(&harness, false).await;
    let form = Form::new(&harness, KIND);
    // Passes the lenient client shape; the server's RFC check refuses it.
    form.retype("email", "jane@example..com").await;
    form.type_into("password", "a new password").await;
    form.type_into("password_confirmation", "a new password").await;
    form.submit().await;
    let error = form.wait_for_error("email").await;
    assert!(error.ends_with("The email field must be a valid email address."), "error: {error}");
    harness.finish().await;
}
