//! The submit button: disabled while a request is pending and while a rate limit lasts, saying
//! which of the two it is.

use crate::domain::text::{Msg, Text};
use leptos::prelude::*;

#[component]
pub fn SubmitButton(
    /// The button's text when it can be pressed.
    label: Text,
    /// The button's text while the request is under way.
    pending_label: Text,
    /// Whether a request is under way.
    pending: Signal<bool>,
    /// Seconds left before the server accepts another attempt.
    wait_seconds: RwSignal<Option<u64>>,
) -> impl IntoView {
    let text = move || match (pending.get(), wait_seconds.get()) {
        (true, _) => pending_label.en().to_owned(),
        (false, Some(seconds)) => Msg::Count(Text::WaitSeconds, seconds).en(),
        (false, None) => label.en().to_owned(),
    };
    view! {
        <button
            type="submit"
            class="wemasy-submit"
            disabled=move || pending.get() || wait_seconds.with(Option::is_some)
        >
            {text}
        </button>
    }
}
