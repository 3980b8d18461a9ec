//! The custom elements and `mount()`: the page's entrance, beside the component's
//! ([`super::component`]). Puts forms into the page and takes them out again.
//!
//! Two ways in, one mounting path:
//! - custom elements, `<wemasy-customer-password-change api-base="…">`, which mount when they
//!   enter the document (also when a page's own script adds them later) and unmount when they
//!   leave it;
//! - the JavaScript API, `mount(element, kind, options)`, returning a handle with `unmount()`.

use crate::domain::config::{ATTRIBUTES, Config, ConfigError, Refusal, option_name, strings_from_json};
use crate::domain::events::{EventSink, WidgetEvent};
use crate::domain::spec::{Auth, FormSpec};
use crate::domain::spec::ELEMENT_PREFIX;
use crate::forms;
use crate::shell::setup::{self, Setup};
use crate::shell::{events, http};
#[cfg(doc)]
use crate::ui::form::refused_view;
use crate::ui::form::{AuthForm, REFUSED_CLASS};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A mounted form. Dropping it takes the view out of the page and cleans up its owner: that runs
/// the form's cleanups (aborting a request under way) and disposes its state, even while an
/// unfinished request still holds a reference to the owner.
struct Mounted {
    id: u32,
    element: web_sys::HtmlElement,
    owner: Owner,
    view: Option<Box<dyn Any>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.view.take());
        self.owner.cleanup();
    }
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Reads one configuration option by its attribute name (`api-base`, `project-id`, …).
type Options<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Mounts the form `spec` into `element`, configured through `option`. Anything already in the
/// element (a previous form, a fallback text) is replaced. Returns the mount's id.
///
/// The adapter from a page to the component's own parts: attributes (or `mount()`'s options)
/// become a [`Config`], events become DOM events; checking and rendering are the ones
/// [`super::component::AuthWidget`] uses.
fn mount_form(
    element: &web_sys::HtmlElement,
    spec: &'static FormSpec,
    option: Options,
) -> Result<u32, Refusal> {
    unmount_element(element);
    let read = || {
        let mut config = Config::read(option)?;
        if let Some(text) = option("strings") {
            let json =
                http::parse_json(&text).ok_or_else(|| ConfigError::BadStrings("not valid JSON".into()))?;
            config.strings = strings_from_json(&json)?;
        }
        Ok(config)
    };
    let Setup { config, catalog, reset_link } = setup::prepare(spec, read)?;
    let token_key = match spec.auth {
        Auth::Bearer(realm) => config.token_key_of(realm).to_owned(),
        Auth::Public => String::new(),
    };
    let host = SendWrapper::new(element.clone());
    let on_event =
        EventSink::new(move |event: &WidgetEvent| events::dispatch(&host, spec.name, &token_key, event));
    let ready = on_event.clone();
    let id = show(element, move || {
        view! {
        <AuthForm
            spec=spec
            config=config.clone()
            reset_link=reset_link.clone()
            catalog=catalog.clone()
            on_event=on_event.clone()
        />
        }
    });
    // Rendered synchronously: its inputs are in the page and listening now.
    ready.tell(&WidgetEvent::Ready);
    Ok(id)
}

/// Renders `view` in place of what `element` holds, under an owner of its own, and registers
/// it; returns the mount's id.
fn show<V: IntoView + 'static>(element: &web_sys::HtmlElement, view: impl FnOnce() -> V + 'static) -> u32 {
    element.set_text_content(None);
    let owner = Owner::new();
    let view = owner.with(|| mount_to(element.clone(), view));
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    let view: Option<Box<dyn Any>> = Some(Box::new(view));
    MOUNTED.with(|mounted| mounted.borrow_mut().push(Mounted { id, element: element.clone(), owner, view }));
    id
}

/// Shows `refusal` in place of the form and in the console: a misconfigured form never fails
/// silently and never talks to a wrong server. The component's refusal view ([`refused_view`]),
/// built through the DOM: mounting it through Leptos costs 0.1 KB brotli more.
fn refuse(element: &web_sys::HtmlElement, refusal: &Refusal) {
    let text = setup::refusal(refusal);
    unmount_element(element);
    element.set_text_content(None);
    let paragraph = element.owner_document().and_then(|document| document.create_element("p").ok());
    match paragraph {
        Some(paragraph) => {
            let _ = paragraph.set_attribute("class", REFUSED_CLASS);
            paragraph.set_text_content(Some(&text));
            let _ = element.append_child(&paragraph);
        }
        None => element.set_text_content(Some(&text)),
    }
}

/// Unmounts whatever form is in `element`.
fn unmount_element(element: &web_sys::HtmlElement) {
    unmount_where(|m| &m.element == element);
}

fn unmount_id(id: u32) {
    unmount_where(|m| m.id == id);
}

/// Unmounts every form for which `gone` holds.
fn unmount_where(gone: impl Fn(&Mounted) -> bool) {
    let removed: Vec<Mounted> = MOUNTED.with(|mounted| {
        let mut mounted = mounted.borrow_mut();
        let (removed, kept) = std::mem::take(&mut *mounted).into_iter().partition(|m| gone(m));
        *mounted = kept;
        removed
    });
    // Dropped outside the borrow: unmounting runs cleanups, which must not find the list borrowed.
    drop(removed);
}

/// How many forms are mounted now (for tests and the page's own checks).
#[wasm_bindgen(js_name = mountedCount)]
pub fn mounted_count() -> usize {
    MOUNTED.with(|mounted| mounted.borrow().len())
}

/// The refusal of a form name the widget does not have.
fn unknown_form(name: &str) -> Refusal {
    Refusal::UnknownForm { name: name.to_owned(), known: forms::ALL.map(|spec| spec.name).join(", ") }
}

/// Mounts the form a `<wemasy-<form>>` element names, configured by its attributes; an element
/// that is only being moved keeps the form it has (and the request it is sending).
fn mount_element(element: &web_sys::HtmlElement) {
    if MOUNTED.with(|mounted| mounted.borrow().iter().any(|m| &m.element == element)) {
        return;
    }
    let tag = element.tag_name().to_ascii_lowercase();
    let name = tag.strip_prefix(ELEMENT_PREFIX).unwrap_or(&tag);
    let Some(spec) = forms::by_name(name) else {
        return refuse(element, &unknown_form(name));
    };
    if let Err(refusal) = mount_form(element, spec, &|option| element.get_attribute(option)) {
        refuse(element, &refusal);
    }
}

// Shipped as written (no minifier runs on it), so the reasons are here rather than inside:
// - the embedding script (`wemasy-auth-embed.js`) defined the elements before the wasm ran and
//   painted their forms: it is handed the callbacks instead, and takes its painted forms over;
// - attributes changed after the element was connected remount it (frameworks set them late);
//   changes before it was connected are read when it is;
// - a move (into a dialog, by a page builder) is a disconnect and a connect in one task, so
//   unmounting waits for the end of it and is skipped if the element is back in the page.
#[wasm_bindgen(inline_js = r#"
const up = Symbol();
export function define_elements(names, attributes, connected, disconnected, changed) {
  const early = globalThis[Symbol.for("wemasy-auth")];
  if (early) return early.start(connected, disconnected, changed);
  for (const name of names) {
    if (customElements.get(name)) continue;
    customElements.define(name, class extends HTMLElement {
      static get observedAttributes() { return attributes; }
      connectedCallback() { this[up] = true; connected(this); }
      attributeChangedCallback(_, before, now) { if (before !== now && this[up]) changed(this); }
      disconnectedCallback() { queueMicrotask(() => { if (!this.isConnected) { this[up] = false; disconnected(this); } }); }
    });
  }
}
"#)]
extern "C" {
    fn define_elements(
        names: js_sys::Array,
        attributes: js_sys::Array,
        connected: &Closure<dyn Fn(web_sys::HtmlElement)>,
        disconnected: &Closure<dyn Fn(web_sys::HtmlElement)>,
        changed: &Closure<dyn Fn(web_sys::HtmlElement)>,
    );
}

/// Defines `<wemasy-…>` for every form. Elements already in the page are upgraded (and mounted)
/// at once; later ones as they are added.
pub fn define_custom_elements() {
    let names: js_sys::Array =
        forms::ALL.iter().map(|spec| JsValue::from(format!("{ELEMENT_PREFIX}{}", spec.name))).collect();
    let connected =
        Closure::<dyn Fn(web_sys::HtmlElement)>::new(|element: web_sys::HtmlElement| mount_element(&element));
    let disconnected = Closure::<dyn Fn(web_sys::HtmlElement)>::new(|element: web_sys::HtmlElement| {
        unmount_element(&element);
    });
    let changed = Closure::<dyn Fn(web_sys::HtmlElement)>::new(|element: web_sys::HtmlElement| {
        remount_element(&element)
    });
    let attributes: js_sys::Array = ATTRIBUTES.iter().map(|name| JsValue::from(*name)).collect();
    define_elements(names, attributes, &connected, &disconnected, &changed);
    // The definitions live as long as the page, and so must the callbacks they call.
    connected.forget();
    disconnected.forget();
    changed.forget();
}

/// An attribute of an element in the page changed: its form is mounted again with the new
/// configuration (or refused in place, or mounted now that a refused value was corrected), and
/// what the user had typed is put back.
fn remount_element(element: &web_sys::HtmlElement) {
    let mut typed = Vec::new();
    each_input(element, &mut |input| {
        if !input.read_only() {
            typed.push((input.name(), input.value()));
        }
    });
    unmount_element(element);
    mount_element(element);
    each_input(element, &mut |input| {
        if let Some((_, value)) = typed.iter().find(|(name, _)| *name == input.name()) {
            input.set_value(value);
            // Through the form's own input handler, as if typed.
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = input.dispatch_event(&event);
            }
        }
    });
}

/// Runs `visit` on every input of the form in `element`. Plain loops and a `dyn` visitor: the
/// iterator adapters this replaces cost 0.26 KB brotli.
fn each_input(element: &web_sys::HtmlElement, visit: &mut dyn FnMut(web_sys::HtmlInputElement)) {
    let Ok(found) = element.query_selector_all("form input[name]") else { return };
    for index in 0..found.length() {
        if let Some(input) = found.item(index).and_then(|node| node.dyn_into().ok()) {
            visit(input);
        }
    }
}

/// A form mounted through the JavaScript API.
#[wasm_bindgen]
pub struct MountHandle {
    id: u32,
}

#[wasm_bindgen]
impl MountHandle {
    /// Takes the form out of the page and frees what it held. Calling it twice is harmless.
    pub fn unmount(&self) {
        unmount_id(self.id);
    }
}

/// `mount(element, kind, options)`: mounts form `kind` into `element`. `options` takes every
/// attribute of [`ATTRIBUTES`] under its camelCase name ([`option_name`]: `apiBase`, `projectId`,
/// …) and `strings` as an object of name → text. A bad kind or configuration throws, and is also
/// shown in place of the form.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, kind: &str, options: JsValue) -> Result<MountHandle, JsError> {
    let Some(spec) = forms::by_name(kind.trim()) else {
        let refusal = unknown_form(kind);
        refuse(&element, &refusal);
        return Err(JsError::new(&refusal.describe()));
    };
    let option = |name: &str| -> Option<String> {
        let camel = option_name(name);
        let value = js_sys::Reflect::get(&options, &JsValue::from(camel.as_str())).ok()?;
        if value.is_undefined() || value.is_null() {
            None
        } else if let Some(text) = value.as_string() {
            Some(text)
        } else {
            // Numbers too: `JSON.stringify(15)` is "15", without Rust's float formatting.
            js_sys::JSON::stringify(&value).ok().and_then(|text| text.as_string())
        }
    };
    match mount_form(&element, spec, &option) {
        Ok(id) => Ok(MountHandle { id }),
        Err(refusal) => {
            refuse(&element, &refusal);
            Err(JsError::new(&refusal.describe()))
        }
    }
}
