//! The webshop customer changes their password on the demo page.

use crate::harness::Harness;
use crate::pages::{self, CUSTOMER_TOKEN_KEY as TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};

const KIND: &str = "customer-password-change";

/// Opens the demo page signed in as the seeded customer.
async fn signed_in() -> Harness {
    signed_in_with(dev_api::Options::default()).await
}

async fn signed_in_with(options: dev_api::Options) -> Harness {
    pages::open_signed_in(options, TOKEN_KEY, DEMO_CUSTOMER_TOKEN, KIND).await
}

#[tokio::test]
async fn changing_the_password_swaps_in_the_fresh_token() {
    let harness = signed_in().await;
    let form = Form::new(&harness, KIND);
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.type_into("password", "a brand new 🐎 battery staple").await;
    form.type_into("password_confirmation", "a brand new 🐎 battery staple").await;
    form.submit().await;

    let status = form.wait_for_status().await;
    assert!(status.contains("Password changed"), "status: {status}");
    let fresh = harness.local_storage(TOKEN_KEY).await.expect("a token is stored");
    assert_ne!(fresh, DEMO_CUSTOMER_TOKEN);
    let (id, secret) = fresh.split_once('|').expect("a Sanctum-style token");
    assert!(id.parse::<u64>().is_ok() && secret.len() == 40, "{fresh}");
    assert_eq!(harness.status_with_token(DEMO_CUSTOMER_TOKEN).await, 401, "the old token is revoked");
    assert_eq!(harness.status_with_token(&fresh).await, 422, "the fresh token is accepted");
    for field in ["current_password", "password", "password_confirmation"] {
        assert_eq!(form.value_of(field).await, "", "{field} is cleared after success");
    }
    harness.finish().await;
}

#[tokio::test]
async fn a_wrong_current_password_is_reported_under_that_field_and_nothing_is_lost() {
    let harness = signed_in().await;
    let form = Form::new(&harness, KIND);
    form.type_into("current_password", "not my password").await;
    form.type_into("password", "new secret 123").await;
    form.type_into("password_confirmation", "new secret 123").await;
    form.submit().await;

    let error = form.wait_for_error("current_password").await;
    assert!(error.ends_with("The password is incorrect."), "error: {error}");
    assert_eq!(form.value_of("current_password").await, "not my password");
    assert_eq!(form.value_of("password").await, "new secret 123");
    assert_eq!(form.value_of("password_confirmation").await, "new secret 123");
    assert_eq!(harness.local_storage(TOKEN_KEY).await.as_deref(), Some(DEMO_CUSTOMER_TOKEN));
    harness.finish().await;
}

#[tokio::test]
async fn a_revoked_token_says_the_session_expired() {
    let harness = signed_in().await;
    harness.set_local_storage(TOKEN_KEY, "999|revokedTokenRevokedTokenRevokedToken0").await;
    let form = Form::new(&harness, KIND);
    form.type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    form.type_into("password", "new secret 123").await;
    form.type_into("password_confirmation", "new secret 123").await;
    form.submit().await;

    let alert = form.wait_for_alert().await;
    assert!(alert.contains("session has expired"), "alert: {alert}");
    assert_eq!(form.value_of("password").await, "new secret 123");
    harness.finish().await;
}

#[tokio::test]
async fn a_rate_limit_disables_submit_and_counts_down() {
    let harness = signed_in_with(dev_api::Options { requests_per_minute: 1, ..Default::default() }).await;
    let form = Form::new(&harness, KIND);
    form.type_into("current_password", "wrong one").await;
    form.type_into("password", "new secret 123").await;
    form.type_into("password_confirmation", "new secret 123").await;
    form.submit().await;
    form.wait_for_error("current_password").await;
    form.submit().await;

    // Waiting is not an error: it is announced politely, in the status region.
    let status = form.wait_for_status_containing("Try again in").await;
    assert!(
        status.starts_with("Too many attempts. Try again in"),
        "the widget's words, not the server's: {status}"
    );
    let (text, disabled) = form.submit_button().await;
    assert!(disabled && text.starts_with("Wait "), "button: {text} (disabled: {disabled})");
    assert_eq!(form.value_of("password").await, "new secret 123", "nothing typed is lost");
    harness.finish().await;
}

#[tokio::test]
async fn requests_carry_the_token_but_no_cookies_or_referrer() {
    let harness = signed_in().await;
    harness.record_requests().await;
    let form = Form::new(&harness, KIND);
    form.type_into("current_password", "wrong one").await;
    form.type_into("password", "x").await;
    form.type_into("password_confirmation", "x").await;
    form.submit().await;
    form.wait_for_error("current_password").await;
    let sent = harness.sent_requests().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["authorization"], format!("Bearer {DEMO_CUSTOMER_TOKEN}"));
    assert_eq!(sent[0]["credentials"], "omit");
    assert_eq!(sent[0]["referrerPolicy"], "no-referrer");
    harness.finish().await;
}
