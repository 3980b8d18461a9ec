//! The submit button: disabled while a request is pending and while a rate limit lasts, saying
//! which of the two it is.

use super::use_strings;
use crate::domain::text::{Msg, Text};
use leptos::prelude::*;

#[component]
pub fn SubmitButton(
    /// The button's text when it can be pressed.
    label: Text,
    /// The button's text while the request is under way.
    pending_label: Text,
    /// Whether a request is under way.
    pending: RwSignal<bool>,
    /// What the button says while the server accepts no attempt ("Wait 52 min").
    waiting: RwSignal<Option<Msg>>,
    /// Whether the form runs in the browser: server-rendered markup cannot submit before (no
    /// native submission, which would put the fields in the page's address).
    live: RwSignal<bool>,
    /// Whether the form's job is done, so there is nothing left to submit.
    hidden: RwSignal<bool>,
) -> impl IntoView {
    let strings = use_strings();
    let text = move || match (pending.get(), waiting.get()) {
        (true, _) => strings.text(pending_label),
        (false, Some(wait)) => strings.render(&wait),
        (false, None) => strings.text(label),
    };
    view! {
        <button
            type="submit"
            class="wemasy-submit"
            hidden=move || hidden.get()
            disabled=move || !live.get() || pending.get() || waiting.with(Option::is_some)
        >
            {text}
        </button>
    }
}
