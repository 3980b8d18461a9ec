//! A labelled input with its error text, wired for assistive technology the GOV.UK way: the error
//! sits between label and input, starts with a visually hidden "Error:", and the input points at
//! it with `aria-describedby` and says `aria-invalid`.

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
    /// Runs after the user typed into the field.
    on_input: Callback<()>,
    /// Runs when the input loses focus; says whether focus moves to a submit button.
    on_blur: Callback<bool>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let has_error = move || error.with(Option::is_some);
    let input_type = if field.input.is_password() { "password" } else { "email" };
    view! {
        <div class="wemasy-field" class=("wemasy-field--error", has_error)>
            <label class="wemasy-label" for=id.clone()>
                {field.label.en()}
            </label>
            <Show when=has_error>
                <p class="wemasy-error" id=error_id.clone()>
                    <span class="wemasy-visually-hidden">{Text::ErrorPrefix.en()} " "</span>
                    {move || error.get().map(|message| message.en())}
                </p>
            </Show>
            <input
                class="wemasy-input"
                id=id
                name=field.name
                type=input_type
                autocomplete=field.input.autocomplete()
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || if has_error() { "true" } else { "false" }
                aria-describedby=move || has_error().then(|| described_by.clone())
                prop:value=move || value.get()
                on:input:target=move |ev| {
                    value.set(ev.target().value());
                    on_input.run(());
                }
                on:blur=move |ev| on_blur.run(moves_to_submit(&ev))
                node_ref=node_ref
            />
        </div>
    }
}
