//! Sends a form's request through gloo-net and reduces the response to an [`Answer`].

use crate::domain::answer::Answer;
use crate::domain::json::Json;
use crate::domain::request::{BodyValue, RequestBody};
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ReferrerPolicy, RequestCredentials};

/// Why a request got no (complete) answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// No network, refused connection, blocked by CORS, or aborted by the page.
    Unreachable,
    /// Sent, but no complete answer within the time allowed: the server may have acted on it.
    TimedOut,
}

/// `POST`s `body` as JSON to `url`, with `Authorization: Bearer <bearer>` when given, giving up
/// after `timeout`. `abort` cancels it from outside (the form was removed).
pub async fn post(
    url: &str,
    bearer: Option<&str>,
    body: &RequestBody,
    timeout: Duration,
    abort: &web_sys::AbortController,
) -> Result<Answer, NoAnswer> {
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (abort, timed_out) = (abort.clone(), Rc::clone(&timed_out));
        Closure::once(move || {
            timed_out.set(true);
            abort.abort();
        })
    };
    let window = web_sys::window().ok_or(NoAnswer::Unreachable)?;
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), millis)
        .map_err(|_| NoAnswer::Unreachable)?;
    let answer = send(url, bearer, body, &abort.signal()).await;
    window.clear_timeout_with_handle(timer);
    // Dropped only now: the timer can no longer call it.
    drop(on_timeout);
    match answer {
        Err(_) if timed_out.get() => Err(NoAnswer::TimedOut),
        Err(()) => Err(NoAnswer::Unreachable),
        Ok(answer) => Ok(answer),
    }
}

/// The request itself. No cookies and no referrer go along: the API authenticates by token, and
/// the page's address may hold a reset token. The body is read under the same abort signal, so a
/// huge or endless body ends with the timeout too.
async fn send(
    url: &str,
    bearer: Option<&str>,
    body: &RequestBody,
    signal: &web_sys::AbortSignal,
) -> Result<Answer, ()> {
    let json = to_json(body).ok_or(())?;
    let mut request = Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(signal));
    if let Some(token) = bearer {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request.body(json).map_err(|_| ())?.send().await.map_err(|_| ())?;
    let retry_after = response.headers().get("retry-after");
    // A body that cannot be parsed is simply "no JSON": the status still says a lot. One that
    // could not be read to its end (aborted) is no answer.
    let body = match response.text().await {
        Ok(text) => parse_json(&text),
        Err(_) if signal.aborted() => return Err(()),
        Err(_) => None,
    };
    let received_at = (js_sys::Date::now() / 1000.0) as i64;
    Ok(Answer { status: response.status(), retry_after, body, received_at })
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
