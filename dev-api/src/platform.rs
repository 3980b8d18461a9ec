//! The platform user endpoints.

use crate::laravel::{Errors, Input, Rule, validate};
use crate::limits::{Limit, Verdict};
use crate::store::Owner;
use crate::{App, Authorized, Limited, Users, reply};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::post;
use serde_json::json;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// The e-mail change limit: 5 attempts per address and 5 per IP address per 60 minutes.
const EMAIL_CHANGE_LIMIT: Limit = Limit { max: 5, window: Duration::from_secs(60 * 60) };

pub fn routes() -> Router<App> {
    Router::new()
        .route("/services/platforms/v1/user/update-password", post(update_password))
        .route("/services/platforms/v1/user/update-email-sendtoken", post(update_email_sendtoken))
        .route("/v1/reset-password", post(reset_password))
}

/// `POST /services/platforms/v1/user/update-password`.
async fn update_password(
    State(app): State<App>,
    Authorized { rate, owner, password: current, .. }: Authorized<Users>,
    body: Bytes,
) -> Response {
    let mut store = app.store();
    let input = Input::from_body(&body);
    let mut errors = Errors::default();
    validate(
        &input,
        &mut errors,
        "current_password",
        &[Rule::Required, Rule::String, Rule::CurrentPassword(&current)],
    );
    validate(&input, &mut errors, "password", &[Rule::Required, Rule::String]);
    validate(&input, &mut errors, "confirm_password", &[Rule::Required, Rule::Same("password")]);
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors.body(), rate);
    }
    let new_password = input.str("password").unwrap_or_default().to_owned();
    if let Some(user) = store.account_mut(owner) {
        user.password = new_password;
    }
    reply(StatusCode::OK, json!({ "message": "Password updated successfully." }), rate)
}

/// `POST /services/platforms/v1/user/update-email-sendtoken`: mails a confirmation to the new
/// address; the address itself changes only once that is confirmed.
async fn update_email_sendtoken(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Authorized { rate, owner, .. }: Authorized<Users>,
    body: Bytes,
) -> Response {
    let mut store = app.store();
    let input = Input::from_body(&body);
    let mut errors = Errors::default();
    validate(&input, &mut errors, "email", &[Rule::Required, Rule::String, Rule::Email]);
    validate(&input, &mut errors, "confirm_email", &[Rule::Required, Rule::Same("email")]);
    let email = input.str("email").unwrap_or_default().to_lowercase();
    let taken =
        store.users.iter().any(|u| u.email.eq_ignore_ascii_case(&email) && Owner::User(u.id) != owner);
    if errors.is_empty() && taken {
        return reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "message": "The email has already been taken.", "errors": { "email": ["The email has already been taken."] } }),
            rate,
        );
    }
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors.body(), rate);
    }
    let now = Instant::now();
    let keys = [format!("email-change:ip:{}", peer.ip()), format!("email-change:email:{email}")];
    let refused = keys
        .iter()
        .filter_map(|key| match store.limiter.peek(key, EMAIL_CHANGE_LIMIT, now) {
            Verdict::Refused { retry_after } => Some(retry_after),
            Verdict::Allowed { .. } => None,
        })
        .max();
    if let Some(retry_after) = refused {
        let minutes = retry_after.div_ceil(60);
        let mut response = reply(
            StatusCode::TOO_MANY_REQUESTS,
            json!({ "message": format!("Too many attempts. Please try again in {minutes} minutes.") }),
            rate,
        );
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        return response;
    }
    for key in &keys {
        store.limiter.hit(key, EMAIL_CHANGE_LIMIT, now);
    }
    store.send_email_change_mail(&email);
    reply(
        StatusCode::OK,
        json!({ "message": "A verification code has been sent to your new email address." }),
        rate,
    )
}

/// `POST /v1/reset-password`: public; Laravel's password broker, which reports a bad token on
/// `email` with a 422.
async fn reset_password(State(app): State<App>, Limited(rate): Limited, body: Bytes) -> Response {
    let input = Input::from_body(&body);
    let mut errors = Errors::default();
    validate(&input, &mut errors, "token", &[Rule::Required]);
    validate(&input, &mut errors, "email", &[Rule::Required, Rule::Email]);
    validate(&input, &mut errors, "password", &[Rule::Required, Rule::Confirmed]);
    if !errors.is_empty() {
        return reply(StatusCode::UNPROCESSABLE_ENTITY, errors.body(), rate);
    }
    let email = input.str("email").unwrap_or_default();
    let (token, password) =
        (input.str("token").unwrap_or_default(), input.str("password").unwrap_or_default());
    let mut store = app.store();
    let user = store.users.iter().find(|u| u.email.eq_ignore_ascii_case(email)).map(|u| Owner::User(u.id));
    if !user.is_some_and(|owner| store.reset_password(owner, token, password, Instant::now())) {
        let message = "This password reset token is invalid.";
        return reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "message": message, "errors": { "email": [message] } }),
            rate,
        );
    }
    reply(StatusCode::OK, json!({ "message": "Your password has been reset." }), rate)
}
