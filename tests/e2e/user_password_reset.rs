//! A platform user finishes a password reset from the e-mailed link.

use crate::harness::Harness;
use crate::pages::Form;
use dev_api::{DEMO_USER_EMAIL, DEMO_USER_PASSWORD};

const KIND: &str = "user-password-reset";

async fn open_link(harness: &Harness, expired: bool) -> String {
    harness.open("/").await;
    let link = harness.reset_link(DEMO_USER_EMAIL, expired).await;
    harness.open(&link).await;
    Form::new(harness, KIND).wait_until_ready().await;
    link
}

#[tokio::test]
async fn the_link_sets_a_new_password_once() {
    let harness = Harness::start().await;
    let link = open_link(&harness, false).await;
    let address = harness.address().await;
    assert!(!address.contains("token"), "the token stays in the address bar: {address}");
    let form = Form::new(&harness, KIND);
    assert_eq!(form.value_of("email").await, DEMO_USER_EMAIL);
    form.type_into("password", "platform reset 1").await;
    form.type_into("password_confirmation", "platform reset 1").await;
    form.submit().await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Your password has been reset."), "status: {status}");

    assert_eq!(harness.sign_in_status("user", DEMO_USER_EMAIL, "platform reset 1").await, 200);
    assert_eq!(harness.sign_in_status("user", DEMO_USER_EMAIL, DEMO_USER_PASSWORD).await, 422);

    // From another page, as from the mail: the same address but for its fragment would not reload.
    harness.open("/").await;
    harness.open(&link).await;
    form.wait_until_ready().await;
    form.type_into("password", "platform reset 2").await;
    form.type_into("password_confirmation", "platform reset 2").await;
    form.submit().await;
    let error = form.wait_for_error("email").await;
    assert!(error.ends_with("This password reset token is invalid."), "error: {error}");
    harness.finish().await;
}

#[tokio::test]
async fn an_expired_link_is_reported_where_the_server_puts_it() {
    let harness = Harness::start().await;
    open_link(&harness, true).await;
    let form = Form::new(&harness, KIND);
    form.type_into("password", "too late").await;
    form.type_into("password_confirmation", "too late").await;
    form.submit().await;
    let error = form.wait_for_error("email").await;
    assert!(error.ends_with("This password reset token is invalid."), "error: {error}");
    harness.finish().await;
}
