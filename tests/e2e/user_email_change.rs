//! A platform user asks to change their e-mail address.

use crate::harness::Harness;
use crate::pages::{self, Form, USER_TOKEN_KEY};
use dev_api::{DEMO_USER_TOKEN, DEMO_VIEWER_EMAIL, DEMO_VIEWER_TOKEN};

const KIND: &str = "user-email-change";

async fn signed_in_as(token: &str) -> Harness {
    pages::open_signed_in(dev_api::Options::default(), USER_TOKEN_KEY, token, KIND).await
}

async fn request(form: &Form<'_>, address: &str) {
    form.retype("email", address).await;
    form.retype("confirm_email", address).await;
    form.submit().await;
}

#[tokio::test]
async fn a_confirmation_goes_to_the_new_address() {
    let harness = signed_in_as(DEMO_USER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    request(&form, "  alex.new@example.com ").await;
    let status = form.wait_for_status().await;
    assert_eq!(
        status,
        "We sent a confirmation link to alex.new@example.com. Your e-mail address changes only after you confirm it."
    );
    let outbox = harness.outbox().await;
    assert_eq!(outbox[0]["to"], "alex.new@example.com");
    harness.finish().await;
}

#[tokio::test]
async fn the_sixth_attempt_within_the_hour_is_refused_in_words() {
    let harness = signed_in_as(DEMO_USER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    for attempt in 1..=5 {
        request(&form, "alex.next@example.com").await;
        form.wait_for_text("We sent a confirmation link").await;
        assert_eq!(form.value_of("email").await, "", "attempt {attempt} cleared the form");
    }
    request(&form, "alex.next@example.com").await;
    let status = form.wait_for_status_containing("Try again in").await;
    assert!(status.ends_with("Try again in 60 minutes."), "status: {status}");
    let (text, disabled) = form.submit_button().await;
    assert_eq!((text.as_str(), disabled), ("Wait 60 min", true));
    assert_eq!(form.value_of("email").await, "alex.next@example.com", "nothing typed is lost");
    harness.finish().await;
}

#[tokio::test]
async fn an_address_in_use_is_reported_under_the_field() {
    let harness = signed_in_as(DEMO_USER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    request(&form, DEMO_VIEWER_EMAIL).await;
    let error = form.wait_for_error("email").await;
    assert!(error.ends_with("The email has already been taken."), "error: {error}");
    harness.finish().await;
}

#[tokio::test]
async fn read_only_and_signed_out_accounts_get_distinct_answers() {
    let harness = signed_in_as(DEMO_VIEWER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    request(&form, "viewer.new@example.com").await;
    assert_eq!(form.wait_for_alert().await, "Your account is not allowed to do this.");
    harness.set_local_storage(USER_TOKEN_KEY, "1|revoked").await;
    form.submit().await;
    form.wait_for_text("Your session has expired.").await;
    harness.finish().await;
}
