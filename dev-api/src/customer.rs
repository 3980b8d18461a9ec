//! The webshop customer endpoints.

use crate::laravel::{Errors, Input, Rule, validate};
use crate::store::Owner;
use crate::{App, bearer, reply, throttle, unauthenticated};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use serde_json::json;
use std::net::SocketAddr;

pub fn routes() -> Router<App> {
    Router::new().route("/services/webshop/v1/customer/password/change", post(password_change))
}

/// `POST /services/webshop/v1/customer/password/change`: checks the current password, sets the
/// new one, revokes every token of the customer and returns a fresh one.
async fn password_change(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let rate = match throttle(&app, peer) {
        Ok(rate) => rate,
        Err(refused) => return *refused,
    };
    let mut store = app.store();
    let Some(Owner::Customer(id)) = store.authenticate(bearer(&headers)) else {
        return unauthenticated(rate);
    };
    let Some(current) = store.customer_mut(id).map(|c| c.password.clone()) else {
        return unauthenticated(rate);
    };
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
    if let Some(customer) = store.customer_mut(id) {
        customer.password = new_password;
    }
    store.revoke_all(Owner::Customer(id));
    let token = store.issue_token(Owner::Customer(id));
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
