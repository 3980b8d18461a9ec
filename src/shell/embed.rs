//! Finds the forms a page asks for and mounts them.
//!
//! A page asks for a form with an element such as
//! `<div data-wemasy-form="customer-password-change" data-api-base="/api"></div>`; the other
//! `data-` attributes configure it (see the README).

use crate::domain::config::Config;
use crate::domain::events::WidgetEvent;
use crate::domain::spec::FormKind;
use crate::forms;
use crate::shell::{events, link};
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

/// Shows `problem` in place of the form and in the console: a misconfigured form never fails
/// silently and never talks to a wrong server.
fn refuse(element: &web_sys::HtmlElement, problem: &str) {
    let problem = format!("wemasy: {problem}");
    web_sys::console::error_1(&problem.as_str().into());
    element.set_text_content(Some(&problem));
}

/// Mounts the form `element` asks for, or explains in its place why it cannot.
pub fn mount_element(element: web_sys::HtmlElement) {
    let requested = element.get_attribute(FORM_ATTRIBUTE).unwrap_or_default();
    let Some(kind) = FormKind::from_name(requested.trim()) else {
        let known: Vec<&str> = FormKind::ALL.iter().map(|kind| kind.name()).collect();
        return refuse(
            &element,
            &format!("unknown form \"{requested}\"; expected one of {}", known.join(", ")),
        );
    };
    let spec = forms::spec(kind);
    let config = Config::read(|name| element.get_attribute(&format!("data-{name}")))
        .and_then(|config| config.check_for(spec).map(|()| config));
    let config = match config {
        Ok(config) => config,
        Err(problem) => return refuse(&element, &format!("{}: {}", kind.name(), problem.describe())),
    };
    let reset_link = if spec.needs_reset_token() { link::take_reset_link() } else { Default::default() };
    let host = SendWrapper::new(element.clone());
    let token_key = match spec.auth {
        crate::domain::spec::Auth::Bearer(realm) => config.token_key(realm).to_owned(),
        crate::domain::spec::Auth::Public => String::new(),
    };
    let on_event = Callback::new(move |event: WidgetEvent| events::dispatch(&host, kind, &token_key, &event));
    // The form lives as long as the page; unmounting arrives with the custom elements.
    mount_to(element, move || {
        view! { <AuthForm spec=spec config=config.clone() reset_link=reset_link.clone() on_event=on_event /> }
    })
    .forget();
}
