//! Finds the forms a page asks for and mounts them.
//!
//! A page asks for a form with an element such as
//! `<div data-wemasy-form="customer-password-change" data-api-base="/api"></div>`.

use crate::domain::config::Config;
use crate::domain::events::WidgetEvent;
use crate::domain::spec::FormKind;
use crate::forms;
use crate::shell::events;
use crate::ui::form::AuthForm;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// The attribute that marks a mount point; its value names the form.
pub const FORM_ATTRIBUTE: &str = "data-wemasy-form";

/// Mounts every form the page asks for.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Ok(nodes) = document.query_selector_all(&format!("[{FORM_ATTRIBUTE}]")) else { return };
    for index in 0..nodes.length() {
        if let Some(element) = nodes.item(index).and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        {
            mount_element(element);
        }
    }
}

/// Mounts the form `element` asks for, or explains in its place why it cannot.
pub fn mount_element(element: web_sys::HtmlElement) {
    let attribute = |name: &str| element.get_attribute(name);
    let requested = attribute(FORM_ATTRIBUTE).unwrap_or_default();
    let Some(kind) = FormKind::from_name(requested.trim()) else {
        let problem = format!("wemasy: unknown form \"{requested}\"; expected customer-password-change");
        web_sys::console::error_1(&problem.as_str().into());
        element.set_text_content(Some(&problem));
        return;
    };
    let config = Config::from_attributes(
        attribute("data-api-base").as_deref(),
        attribute("data-token-key").as_deref(),
        attribute("data-username").as_deref(),
    );
    let spec = forms::spec(kind);
    let host = SendWrapper::new(element.clone());
    let token_key = config.token_key.clone();
    let on_event = Callback::new(move |event: WidgetEvent| events::dispatch(&host, kind, &token_key, &event));
    // The form lives as long as the page; unmounting arrives with the custom elements.
    mount_to(element, move || view! { <AuthForm spec=spec config=config.clone() on_event=on_event /> })
        .forget();
}
