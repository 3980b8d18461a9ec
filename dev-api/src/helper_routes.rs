//! Helpers for the demo page and the tests, under `/api/__…`. They do not exist in the real API.

use crate::App;
use crate::laravel::Input;
use crate::store::{self, Owner, Store};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::json;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/__seed", get(seed))
        .route("/__login", post(login))
        .route("/__outbox", get(outbox))
        .route("/__reset", post(reset))
        .route("/__fault", post(fault))
        .route("/__requests", get(requests))
        .route("/__csp", get(csp_reports).post(csp_report))
}

/// The seeded accounts, for the demo page.
async fn seed() -> impl IntoResponse {
    axum::Json(json!({
        "customers": [{
            "email": store::DEMO_CUSTOMER_EMAIL,
            "password": store::DEMO_CUSTOMER_PASSWORD,
            "project_id": store::DEMO_PROJECT_ID,
            "token": store::DEMO_CUSTOMER_TOKEN,
        }],
        "users": [
            { "email": store::DEMO_USER_EMAIL, "password": store::DEMO_USER_PASSWORD, "token": store::DEMO_USER_TOKEN, "read_only": false },
            { "email": store::DEMO_VIEWER_EMAIL, "password": store::DEMO_VIEWER_PASSWORD, "token": store::DEMO_VIEWER_TOKEN, "read_only": true },
        ],
    }))
}

/// Signs an account in with e-mail and password and returns a fresh token: what the shop's or
/// platform's own login does, so the demo can sign in again after a change.
/// Body: `{"kind": "customer" | "user", "email", "password"}`.
async fn login(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let input = Input::from_body(&body);
    let (email, password) =
        (input.str("email").unwrap_or_default(), input.str("password").unwrap_or_default());
    let mut store = app.store();
    let matches = |a: &store::Account| a.email.eq_ignore_ascii_case(email) && a.password == password;
    let owner = match input.str("kind") {
        Some("user") => store.users.iter().find(|a| matches(a)).map(|a| Owner::User(a.id)),
        _ => store.customers.iter().find(|a| matches(a)).map(|a| Owner::Customer(a.id)),
    };
    match owner {
        Some(owner) => {
            let token = store.issue_token(owner);
            (StatusCode::OK, axum::Json(json!({ "error": false, "data": { "token": token } })))
        }
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({ "error": true, "message": "These credentials do not match our records." })),
        ),
    }
}

/// Every mail "sent", newest first.
async fn outbox(State(app): State<App>) -> impl IntoResponse {
    let mails: Vec<store::Mail> = app.store().outbox.iter().rev().cloned().collect();
    axum::Json(json!({ "mails": mails }))
}

/// Queues a canned answer for the next API request:
/// `{"status": 500, "content_type": "text/html", "body": "<h1>…", "repeat": 1, "retry_after": "…",
/// "location": "…"}`.
async fn fault(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let input = Input::from_body(&body);
    let number = |name: &str| input.get(name).and_then(serde_json::Value::as_u64);
    let fault = store::Fault {
        status: number("status").and_then(|n| u16::try_from(n).ok()).unwrap_or(500),
        content_type: input.str("content_type").map(str::to_owned),
        body: input.get("body").and_then(|b| b.as_str()).unwrap_or_default().to_owned(),
        repeat: number("repeat").and_then(|n| usize::try_from(n).ok()).unwrap_or(1).clamp(1, 20_000_000),
        retry_after: input.str("retry_after").map(str::to_owned),
        location: input.str("location").map(str::to_owned),
    };
    app.store().faults.push_back(fault);
    StatusCode::NO_CONTENT
}

/// Every API request received since the seed, as the server saw it: method, path with query,
/// and which of the headers a widget must not send (cookies, referrer) were there.
async fn requests(State(app): State<App>) -> impl IntoResponse {
    axum::Json(json!({ "requests": app.store().requests.clone() }))
}

/// The Content-Security-Policy violations browsers reported (the `report-uri` of every page).
async fn csp_reports(State(app): State<App>) -> impl IntoResponse {
    axum::Json(json!({ "reports": app.store().csp_reports.clone() }))
}

async fn csp_report(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let report = serde_json::from_slice(&body)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&body).into_owned()));
    eprintln!("dev-api: Content-Security-Policy violation: {report}");
    app.store().csp_reports.push(report);
    StatusCode::NO_CONTENT
}

/// Restores the seed: accounts, tokens, reset links, outbox and rate limits.
async fn reset(State(app): State<App>) -> impl IntoResponse {
    *app.store() = Store::seeded();
    StatusCode::NO_CONTENT
}
