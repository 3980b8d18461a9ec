//! The widget's forms as a Leptos component, for an app that renders them itself: no custom
//! element, no DOM events, no second wasm instance.

use super::EventSink;
use super::form::AuthForm;
use crate::domain::config::Config;
use crate::domain::events::{Handler, Handlers, TokenChanged};
use crate::domain::spec::FormSpec;
use crate::shell::setup::{self, Setup};
use leptos::either::Either;
use leptos::prelude::*;
use std::sync::Arc;

/// One of the widget's forms: its fields, checks, request, and every answer shown on the right
/// field. `form` is a declaration from [`crate::forms`]; `config` says where the API is and how
/// the form speaks. A configuration the form cannot run with (an `http://` API on another
/// machine, a link that would run code) shows what to fix in place of the form, and in the
/// console.
///
/// The handlers hear what a custom element announces as DOM events. They may run after the form
/// is gone: a password change whose answer arrives late still reports the fresh token it stored.
///
/// The form has the widget's look when the page has its stylesheet, [`crate::STYLESHEET`].
#[component]
pub fn AuthWidget(
    /// Which form, from [`crate::forms`]: `&forms::customer_password_change::SPEC`.
    form: &'static FormSpec,
    /// Where the API is, where the token lives, the language and wording; the defaults when
    /// not given.
    #[prop(optional)]
    config: Config,
    /// The form did what it is for; hears what the user was shown.
    #[prop(optional, into)]
    on_success: Option<Handler<String>>,
    /// The stored token was replaced (after a password change) or removed (the server no
    /// longer accepts it).
    #[prop(optional, into)]
    on_token_changed: Option<Handler<TokenChanged>>,
    /// The server no longer accepts the token: the user must sign in again.
    #[prop(optional, into)]
    on_unauthenticated: Option<Handler<()>>,
    /// The server asked to wait; hears how many seconds when it said.
    #[prop(optional, into)]
    on_rate_limited: Option<Handler<Option<u64>>>,
    /// Anything else went wrong; hears what the user was shown.
    #[prop(optional, into)]
    on_error: Option<Handler<String>>,
) -> impl IntoView {
    let handlers = Handlers { on_success, on_token_changed, on_unauthenticated, on_rate_limited, on_error };
    let on_event = EventSink(Arc::new(move |event| handlers.hear(event)));
    if setup::page_is_known() {
        // Rendered in the browser: everything the form needs is there now.
        return match setup::prepare(form, || Ok(config)) {
            Ok(Setup { config, catalog, reset_link }) => {
                view! { <AuthForm spec=form config reset_link catalog on_event /> }.into_any()
            }
            Err(problem) => refused_view(setup::refusal(&problem)).into_any(),
        };
    }
    // On a server, or in the browser taking over what a server rendered: the form as far as it
    // is known without the page, then (in the browser only) what the page adds.
    let catalog = setup::catalog_without_page(&config);
    // The server's judgement travels with its markup (Leptos serializes it into the page), so the
    // browser takes over exactly what was rendered, whatever its own parser would have said.
    let refused_early = SharedValue::new(|| setup::check_without_page(form, &config).err()).into_inner();
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(problem) = &refused_early {
        leptos::logging::error!("wemasy: {problem}");
    }
    let refused = RwSignal::new(refused_early.map(|problem| setup::refusal_text(&problem)));
    let page = RwSignal::new(None::<Setup>);
    // The language the server rendered in stays: the page's `<html lang>` cannot change the words.
    let for_page = Config { lang: Some(catalog.lang), ..config.clone() };
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| match setup::prepare(form, || Ok(for_page.clone())) {
        Ok(setup) => page.set(Some(setup)),
        Err(problem) => refused.set(Some(setup::refusal(&problem))),
    });
    view! {
        {move || match refused.get() {
            Some(problem) => Either::Left(refused_view(problem)),
            None => Either::Right(view! {
                <AuthForm
                    spec=form
                    config=config.clone()
                    catalog=catalog.clone()
                    on_event=on_event.clone()
                    page=page.read_only()
                />
            }),
        }}
    }
    .into_any()
}

/// What stands in place of a form whose configuration was refused.
fn refused_view(problem: String) -> impl IntoView {
    view! { <p class="wemasy-refused">{problem}</p> }
}
