//! The webshop customer endpoints.

use crate::laravel::{Errors, Input, Rule, validate};
use crate::store::Owner;
use crate::{App, Authorized, Customers, Limited, reply};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use serde_json::{Value, json};
use std::time::Instant;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/services/webshop/v1/customer/password/change", post(password_change))
        .route("/services/webshop/v1/customer/auth/password/reset", post(password_reset))
}

/// `POST /services/webshop/v1/customer/password/change`: checks the current password, sets the
/// new one, revokes every token of the customer and returns a fresh one.
async fn password_change(
    State(app): State<App>,
    Authorized { rate, owner, password: current, .. }: Authorized<Customers>,
    body: Bytes,
) -> Response {
    let mut store = app.store();
    let input = Input::from_body(&body);
    let mut errors = Errors::default();
    let max = Rule::Max(191);
    validate(
        &input,
        &mut errors,
        "current_password",
        &[Rule::Required, Rule::String, max, Rule::CurrentPassword(&current)],
    );
    validate(&input, &mut errors, "password", &[Rule::Required, Rule::String, max, Rule::Confirmed]);
    validate(&input, &mut errors, "password_confirmation", &[Rule::Required, Rule::String, max]);
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors.body(), rate);
    }
    let new_password = input.str("password").unwrap_or_default().to_owned();
    if let Some(customer) = store.account_mut(owner) {
        customer.password = new_password;
    }
    store.revoke_all(owner);
    let token = store.issue_token(owner);
    reply(
        StatusCode::OK,
        json!({
            "error": false,
            "message": "Password changed. Other devices have been signed out.",
            "data": { "token": token },
        }),
        rate,
    )
}

/// `POST /services/webshop/v1/customer/auth/password/reset`: public; sets a new password with
/// a token from the reset mail. A token that is unknown, expired or used answers 400.
async fn password_reset(State(app): State<App>, Limited(rate): Limited, body: Bytes) -> Response {
    let input = Input::from_body(&body);
    let mut errors = Errors::default();
    let max = Rule::Max(191);
    validate(&input, &mut errors, "project_id", &[Rule::Required, Rule::Integer]);
    validate(&input, &mut errors, "email", &[Rule::Required, Rule::String, Rule::Email, max]);
    validate(&input, &mut errors, "token", &[Rule::Required, Rule::String]);
    validate(&input, &mut errors, "password", &[Rule::Required, Rule::String, max, Rule::Confirmed]);
    validate(&input, &mut errors, "password_confirmation", &[Rule::Required, Rule::String, max]);
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors.body(), rate);
    }
    let project_id = match input.get("project_id") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    };
    let email = input.str("email").unwrap_or_default();
    let mut store = app.store();
    let customer = store
        .customers
        .iter()
        .find(|c| Some(c.project_id) == project_id && c.email.eq_ignore_ascii_case(email))
        .map(|c| Owner::Customer(c.id));
    let (token, password) =
        (input.str("token").unwrap_or_default(), input.str("password").unwrap_or_default());
    let Some(owner) = customer.filter(|owner| store.reset_password(*owner, token, password, Instant::now()))
    else {
        return reply(
            StatusCode::BAD_REQUEST,
            json!({ "error": true, "message": "This password reset token is invalid or has expired.", "data": [] }),
            rate,
        );
    };
    // A reset proves the mailbox is theirs, and whoever knew the old password is signed out.
    store.revoke_all(owner);
    reply(StatusCode::OK, json!({ "error": false, "message": "Password has been reset.", "data": [] }), rate)
}
