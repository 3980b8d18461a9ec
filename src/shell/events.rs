//! Dispatches [`WidgetEvent`]s as bubbling DOM `CustomEvent`s from the form's host element.

use crate::domain::events::WidgetEvent;
use crate::domain::spec::FormKind;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// Fires `event` on `host`; `detail` always names the form kind, and the token key for token events.
pub fn dispatch(host: &web_sys::HtmlElement, kind: FormKind, token_key: &str, event: &WidgetEvent) {
    let detail = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&detail, &key.into(), &value);
    };
    set("form", kind.name().into());
    match event {
        WidgetEvent::Success { message } => set("message", message.as_str().into()),
        WidgetEvent::TokenChanged { persisted, removed } => {
            set("key", token_key.into());
            set("persisted", (*persisted).into());
            set("removed", (*removed).into());
        }
        WidgetEvent::Unauthenticated => set("key", token_key.into()),
        WidgetEvent::RateLimited { seconds } => {
            set("seconds", seconds.map_or(JsValue::NULL, |s| JsValue::from(s as f64)))
        }
        WidgetEvent::Error { message } => set("message", message.as_str().into()),
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(custom) = web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = host.dispatch_event(&custom);
    }
}
