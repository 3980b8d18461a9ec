//! A platform user changes their password.

use crate::harness::Harness;
use crate::pages::{self, Form, USER_TOKEN_KEY};
use dev_api::{DEMO_USER_EMAIL, DEMO_USER_PASSWORD, DEMO_USER_TOKEN, DEMO_VIEWER_TOKEN};

const KIND: &str = "user-password-change";

async fn signed_in_as(token: &str) -> Harness {
    pages::open_signed_in(dev_api::Options::default(), USER_TOKEN_KEY, token, KIND).await
}

async fn fill(form: &Form<'_>, current: &str, new: &str) {
    form.type_into("current_password", current).await;
    form.type_into("password", new).await;
    form.type_into("confirm_password", new).await;
    form.submit().await;
}

#[tokio::test]
async fn the_password_changes() {
    let harness = signed_in_as(DEMO_USER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    fill(&form, DEMO_USER_PASSWORD, "platform new 1").await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password updated successfully."), "status: {status}");
    assert_eq!(harness.sign_in_status("user", DEMO_USER_EMAIL, "platform new 1").await, 200);
    assert_eq!(
        harness.local_storage(USER_TOKEN_KEY).await.as_deref(),
        Some(DEMO_USER_TOKEN),
        "the token stays"
    );
    harness.finish().await;
}

#[tokio::test]
async fn a_wrong_current_password_lands_under_it() {
    let harness = signed_in_as(DEMO_USER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    fill(&form, "not it", "platform new 1").await;
    let error = form.wait_for_error("current_password").await;
    assert!(error.ends_with("The password is incorrect."), "error: {error}");
    harness.finish().await;
}

#[tokio::test]
async fn a_read_only_account_is_told_it_may_not() {
    let harness = signed_in_as(DEMO_VIEWER_TOKEN).await;
    let form = Form::new(&harness, KIND);
    fill(&form, "whatever", "platform new 1").await;
    let alert = form.wait_for_alert().await;
    assert_eq!(alert, "Your account is not allowed to do this.");
    harness.finish().await;
}

#[tokio::test]
async fn an_unknown_token_means_an_expired_session() {
    let harness = signed_in_as("77|unknownTokenUnknownTokenUnknownToken000").await;
    let form = Form::new(&harness, KIND);
    fill(&form, DEMO_USER_PASSWORD, "platform new 1").await;
    let alert = form.wait_for_alert().await;
    assert_eq!(alert, "Your session has expired. Sign in again.");
    harness.finish().await;
}
