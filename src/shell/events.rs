//! Dispatches [`WidgetEvent`]s as bubbling DOM `CustomEvent`s from the form's host element.

use crate::domain::events::{DetailValue, WidgetEvent};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// Fires `event` on `host`, or on `document` once `host` has left the page (a request that
/// outlives its form still reports the token it stored); `detail` always names the form, and
/// the token key for token events.
pub fn dispatch(host: &web_sys::HtmlElement, form: &str, token_key: &str, event: &WidgetEvent) {
    let detail = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&detail, &key.into(), &value);
    };
    set("form", form.into());
    event.detail(token_key, |field, value| {
        let value = match value {
            DetailValue::Text(text) => JsValue::from(text),
            DetailValue::Flag(flag) => JsValue::from(flag),
            DetailValue::Seconds(seconds) => seconds.map_or(JsValue::NULL, |s| JsValue::from(s as f64)),
        };
        set(field, value);
    });
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let Ok(custom) = web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) else { return };
    if host.is_connected() {
        let _ = host.dispatch_event(&custom);
    } else if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        let _ = document.dispatch_event(&custom);
    }
}
