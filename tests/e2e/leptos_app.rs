//! `examples/leptos-app`: a Leptos app that renders two forms as components in its own layout
//! and reacts to their handlers (built by `cargo xtask test` into `WEMASY_LEPTOS_APP`).

use crate::harness::{Harness, dir_from_env};
use crate::pages::{Form, USER_TOKEN_KEY};
use dev_api::{DEMO_USER_EMAIL, DEMO_USER_PASSWORD, DEMO_USER_TOKEN};
use serde_json::Value;

const PASSWORD: &str = "section[aria-labelledby=password-title]";
const EMAIL: &str = "section[aria-labelledby=email-title]";

/// The app served by dev-api at `/`, as its own site would serve it, signed in as `token`.
async fn app_signed_in_as(token: &str) -> Harness {
    let app = dir_from_env("WEMASY_LEPTOS_APP");
    assert!(app.join("index.html").is_file(), "no build of the Leptos app in {}", app.display());
    let harness = Harness::start_with(dev_api::Options { static_dir: Some(app), ..Default::default() }).await;
    harness.open_signed_in(USER_TOKEN_KEY, token).await;
    harness
}

/// The app's activity list, newest first.
async fn activity(harness: &Harness) -> Vec<String> {
    let script =
        "return [...document.querySelectorAll('.app-activity-list li')].map((li) => li.textContent);";
    match harness.js(script, vec![]).await {
        Value::Array(items) => {
            items.iter().map(|item| item.as_str().unwrap_or_default().to_owned()).collect()
        }
        other => panic!("no activity list: {other}"),
    }
}

#[tokio::test]
async fn both_forms_work_in_the_apps_layout_and_their_successes_reach_the_app() {
    let harness = app_signed_in_as(DEMO_USER_TOKEN).await;
    let password = Form::at(&harness, PASSWORD);
    password.wait_until_ready().await;
    assert_eq!(harness.axe("body").await, Vec::<String>::new(), "the app with two forms is accessible");

    password
        .fill_and_submit(&[
            ("current_password", DEMO_USER_PASSWORD),
            ("password", "platform new 2"),
            ("confirm_password", "platform new 2"),
        ])
        .await;
    let status = password.wait_for_status().await;
    assert!(status.contains("Password updated successfully."), "status: {status}");
    assert_eq!(harness.sign_in_status("user", DEMO_USER_EMAIL, "platform new 2").await, 200);

    let email = Form::at(&harness, EMAIL);
    email
        .fill_and_submit(&[
            ("email", "alex.leptos@example.com"),
            ("confirm_email", "alex.leptos@example.com"),
        ])
        .await;
    let sent = email.wait_for_status().await;
    assert!(sent.starts_with("We sent a confirmation link to alex.leptos@example.com."), "status: {sent}");

    // The handlers ran: the app listed each success in its own words' place, newest first.
    assert_eq!(activity(&harness).await, [sent, status]);
    assert!(
        harness.console().await.iter().all(|line| !line.starts_with("error")),
        "{:?}",
        harness.console().await
    );
    harness.finish().await;
}

#[tokio::test]
async fn a_session_the_server_no_longer_accepts_shows_the_apps_own_banner() {
    let harness = app_signed_in_as("2|revoked").await;
    let email = Form::at(&harness, EMAIL);
    email.wait_until_ready().await;
    let banner = "return document.querySelector('.app-banner')?.textContent ?? null;";
    assert_eq!(harness.js(banner, vec![]).await, Value::Null);
    email
        .fill_and_submit(&[
            ("email", "alex.leptos@example.com"),
            ("confirm_email", "alex.leptos@example.com"),
        ])
        .await;
    email.wait_for_text("Your session has expired.").await;
    let shown = harness.wait_for("the app's signed-out banner", banner, vec![]).await;
    assert_eq!(shown, "You have been signed out. Sign in again to change your settings.");
    assert_eq!(activity(&harness).await, Vec::<String>::new());
    harness.finish().await;
}
