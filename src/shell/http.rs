//! Sends a form's request through gloo-net and reduces the response to an [`Answer`].

use crate::domain::answer::Answer;
use crate::domain::json::Json;
use crate::domain::request::RequestBody;
use gloo_net::http::Request;
use serde::Serialize;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
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
    let json = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .and_then(|text| text.as_string())
        .ok_or(())?;
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

/// Parses with the browser's own `JSON.parse`, which costs no bytes in the bundle.
fn parse_json(text: &str) -> Option<Json> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
