//! Helpers for the demo page and the tests, under `/api/__…`. They do not exist in the real API.

use crate::laravel::Input;
use crate::store::{Owner, Store};
use crate::{App, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_PROJECT_ID};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::json;

pub fn routes() -> Router<App> {
    Router::new().route("/__seed", get(seed)).route("/__login", post(login)).route("/__reset", post(reset))
}

/// The seeded accounts, for the demo page.
async fn seed() -> impl IntoResponse {
    axum::Json(json!({
        "customers": [{
            "email": DEMO_CUSTOMER_EMAIL,
            "password": DEMO_CUSTOMER_PASSWORD,
            "project_id": DEMO_PROJECT_ID,
            "token": DEMO_CUSTOMER_TOKEN,
        }],
    }))
}

/// Signs a customer in with e-mail and password and returns a fresh token: what the shop's own
/// login does, so the demo can sign in again after a password change.
async fn login(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let input = Input::from_body(&body);
    let (email, password) =
        (input.str("email").unwrap_or_default(), input.str("password").unwrap_or_default());
    let mut store = app.store();
    let found =
        store.customers.iter().find(|c| c.email.eq_ignore_ascii_case(email) && c.password == password);
    match found.map(|c| c.id) {
        Some(id) => {
            let token = store.issue_token(Owner::Customer(id));
            (StatusCode::OK, axum::Json(json!({ "error": false, "data": { "token": token } })))
        }
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({ "error": true, "message": "These credentials do not match our records." })),
        ),
    }
}

/// Restores the seed: accounts, tokens and rate limits.
async fn reset(State(app): State<App>) -> impl IntoResponse {
    *app.store() = Store::seeded();
    StatusCode::NO_CONTENT
}
