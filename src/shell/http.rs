//! Sends a form's request through gloo-net and reduces the response to an [`Answer`].

use crate::domain::answer::Answer;
use crate::domain::json::Json;
use crate::domain::request::RequestBody;
use gloo_net::http::Request;
use serde::Serialize;
use web_sys::{ReferrerPolicy, RequestCredentials};

/// The request never got an answer: no network, refused connection, blocked by CORS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreachable;

/// `POST`s `body` as JSON to `url`, with `Authorization: Bearer <bearer>` when given.
///
/// No cookies and no referrer go along: the API authenticates by token, and the page's address
/// may hold a reset token.
pub async fn post(url: &str, bearer: Option<&str>, body: &RequestBody) -> Result<Answer, Unreachable> {
    let json = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .ok_or(Unreachable)?;
    let mut request = Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer);
    if let Some(token) = bearer {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request.body(json).map_err(|_| Unreachable)?.send().await.map_err(|_| Unreachable)?;
    let retry_after = response.headers().get("retry-after");
    // A body that cannot be read or parsed is simply "no JSON": the status still says a lot.
    let body = match response.text().await {
        Ok(text) => parse_json(&text),
        Err(_) => None,
    };
    Ok(Answer { status: response.status(), retry_after, body })
}

/// Parses with the browser's own `JSON.parse`, which costs no bytes in the bundle.
fn parse_json(text: &str) -> Option<Json> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
