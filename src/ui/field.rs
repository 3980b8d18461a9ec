//! A labelled input with its error text, wired for assistive technology the GOV.UK way: the error
//! sits between label and input, starts with a visually hidden "Error:", and the input points at
//! it with `aria-describedby` and says `aria-invalid`. Password inputs get a show/hide toggle and
//! a caps-lock warning.

use super::use_strings;
use crate::domain::spec::FieldSpec;
use crate::domain::text::{Msg, Text};
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether focus is leaving for a submit button. Checking the field then would add or remove an
/// error line, move the button under the pointer, and lose the click; the submit checks anyway.
fn moves_to_submit(event: &web_sys::FocusEvent) -> bool {
    event
        .related_target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("button[type=submit]").ok().flatten())
        .is_some()
}

/// One input of a form.
#[component]
pub fn Field(
    /// The input's element id; its error text gets `{id}-error`.
    id: String,
    /// What the field is.
    field: &'static FieldSpec,
    /// What the user typed. Bound to the input's `value` property, never to an attribute, so a
    /// password does not end up in the DOM's markup.
    value: RwSignal<String>,
    /// The message under the field, if any.
    error: RwSignal<Option<Msg>>,
    /// Lets the form move focus to this input.
    node_ref: NodeRef<Input>,
    /// The form runs in the browser. When it does not yet (server-rendered markup, hydrating),
    /// binding the value leaves the input as it is: what was typed or filled in before stays.
    live: RwSignal<bool>,
    /// Runs after the user typed into the field.
    on_input: impl Fn() + Send + Sync + 'static,
    /// Runs when the input loses focus; says whether focus moves to a submit button.
    on_blur: impl Fn(bool) + Send + Sync + 'static,
) -> impl IntoView {
    let strings = use_strings();
    // Hydration binds the value without writing it (`None`), and so does the form coming alive:
    // only a change of the value itself writes it. A password the browser autofilled on load,
    // which scripts read as empty until the user acts, is not overwritten.
    let mut leave_alone = !live.get_untracked();
    let bound_value = move || {
        let value = value.get();
        (!std::mem::take(&mut leave_alone)).then_some(value)
    };
    let error_id = format!("{id}-error");
    let caps_id = format!("{id}-caps");
    let has_error = move || error.with(Option::is_some);
    let is_password = field.input.is_password();
    let revealed = RwSignal::new(false);
    let caps_lock = RwSignal::new(false);
    let described_by = {
        let (error_id, caps_id) = (error_id.clone(), caps_id.clone());
        move || {
            let ids: Vec<&str> = [(has_error(), error_id.as_str()), (caps_lock.get(), caps_id.as_str())]
                .into_iter()
                .filter_map(|(shown, id)| shown.then_some(id))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input_type = move || match (is_password, revealed.get()) {
        (true, false) => "password",
        (true, true) => "text",
        (false, _) => "email",
    };
    let watch_caps_lock = move |ev: web_sys::KeyboardEvent| {
        if is_password {
            caps_lock.set(ev.get_modifier_state("CapsLock"));
        }
    };
    let error_view = {
        let (strings, error_id) = (strings.clone(), error_id.clone());
        move || {
            error.get().map(|message| {
                view! {
                    <p class="wemasy-error" id=error_id.clone()>
                        <span class="wemasy-visually-hidden">{strings.text(Text::ErrorPrefix)} " "</span>
                        {strings.render(&message)}
                    </p>
                }
            })
        }
    };
    let reveal = is_password.then(|| {
        view! {
            <button
                type="button"
                class="wemasy-reveal"
                aria-controls=id.clone()
                aria-pressed=move || if revealed.get() { "true" } else { "false" }
                on:click=move |_| revealed.update(|shown| *shown = !*shown)
            >
                {strings.text(Text::ShowPassword)}
            </button>
        }
    });
    let caps_text = use_strings().text(Text::CapsLockOn);
    view! {
        <div class="wemasy-field" class=("wemasy-field--error", has_error)>
            <label class="wemasy-label" for=id.clone()>
                {use_strings().text(field.label)}
            </label>
            {error_view}
            <div class="wemasy-control">
                <input
                    class="wemasy-input"
                    id=id
                    name=field.name
                    type=input_type
                    autocomplete=field.input.autocomplete()
                    autocapitalize="none"
                    spellcheck="false"
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=bound_value
                    on:input:target=move |ev| {
                        value.set(ev.target().value());
                        on_input();
                    }
                    on:keydown=watch_caps_lock
                    on:keyup=watch_caps_lock
                    on:blur=move |ev| {
                        caps_lock.set(false);
                        on_blur(moves_to_submit(&ev));
                    }
                    node_ref=node_ref
                />
                {reveal}
            </div>
            {move || {
                caps_lock.get().then(|| view! { <p class="wemasy-hint" id=caps_id.clone()>{caps_text.clone()}</p> })
            }}
        </div>
    }
}
