//! Sends a form's request through gloo-net and reduces the response to an [`Answer`].

use crate::domain::answer::{Answer, NoAnswer};
use crate::domain::json::Json;
use crate::domain::request::{BodyValue, RequestBody};
use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ReferrerPolicy, RequestCredentials, RequestRedirect, ResponseType};

/// `POST`s `body` as JSON to `url`, with `Authorization: Bearer <bearer>` when given. `signal`
/// cancels it (the form was removed, or gave up waiting). No cookies and no referrer go along:
/// the API authenticates by token, and the page's address may hold a reset token. Redirects are
/// not followed: a 3xx is no answer from the API (a login wall, a challenge page), and one to
/// another origin must not receive the passwords again. The body is read under the same signal,
/// so a huge or endless body ends with it too.
pub async fn post(
    url: &str,
    bearer: Option<&str>,
    body: &RequestBody,
    signal: &web_sys::AbortSignal,
) -> Result<Answer, NoAnswer> {
    let window = web_sys::window().ok_or(NoAnswer::NotSent)?;
    if !window.navigator().on_line() {
        return Err(NoAnswer::NotSent);
    }
    let json = to_json(body).ok_or(NoAnswer::NotSent)?;
    let mut request = Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(signal));
    if let Some(token) = bearer {
        // The core sends only visible-ASCII tokens, which a header always accepts.
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let request = request.body(json).map_err(|_| NoAnswer::NotSent)?;
    let response = request.send().await.map_err(|_| NoAnswer::Lost)?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Ok(Answer { status: 0, retry_after: None, body: None, received_at: now_seconds() });
    }
    let retry_after = response.headers().get("retry-after");
    // A body that cannot be parsed is simply "no JSON": the status still says a lot. One that
    // could not be read to its end (aborted) is no answer.
    let body = match response.text().await {
        Ok(text) => parse_json(&text),
        Err(_) if signal.aborted() => return Err(NoAnswer::Lost),
        Err(_) => None,
    };
    Ok(Answer { status: response.status(), retry_after, body, received_at: now_seconds() })
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn now_seconds() -> i64 {
    (now_ms() / 1000) as i64
}

/// The body as JSON text, written by the browser's own `JSON.stringify`.
pub fn to_json(body: &RequestBody) -> Option<String> {
    let object = js_sys::Object::new();
    for (name, value) in &body.0 {
        let value = match value {
            BodyValue::Text(text) => JsValue::from_str(text),
            // Configuration keeps integers within 2^53, where a JS number is exact.
            BodyValue::Integer(number) => JsValue::from_f64(*number as f64),
        };
        js_sys::Reflect::set(&object, &JsValue::from_str(name), &value).ok()?;
    }
    js_sys::JSON::stringify(&object).ok()?.as_string()
}

/// Parses with the browser's own `JSON.parse`, which costs no bytes in the bundle.
pub fn parse_json(text: &str) -> Option<Json> {
    js_sys::JSON::parse(text).ok().map(|value| from_js(&value, 0))
}

/// A value the page made (an object of a language file), as a [`Json`].
#[cfg(all(feature = "embed", target_arch = "wasm32"))]
pub fn json_of(value: &JsValue) -> Json {
    from_js(value, 0)
}

/// Nesting deeper than this is read as `null`: no answer the widget looks at is nested deeper,
/// and a hostile body must not exhaust the stack.
const MAX_DEPTH: u8 = 32;

/// What `JSON.parse` made, as a [`Json`].
fn from_js(value: &JsValue, depth: u8) -> Json {
    if let Some(text) = value.as_string() {
        Json::String(text)
    } else if let Some(number) = value.as_f64() {
        Json::Number(number)
    } else if let Some(flag) = value.as_bool() {
        Json::Bool(flag)
    } else if depth >= MAX_DEPTH || !value.is_object() {
        Json::Null
    } else if js_sys::Array::is_array(value) {
        Json::Array(js_sys::Array::from(value).iter().map(|item| from_js(&item, depth + 1)).collect())
    } else {
        let entries = js_sys::Object::entries(value.unchecked_ref());
        let members = entries.iter().filter_map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            Some((pair.get(0).as_string()?, from_js(&pair.get(1), depth + 1)))
        });
        Json::Object(members.collect())
    }
}
