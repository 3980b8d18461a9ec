//! The widget's forms as a Leptos component, for an app that renders them itself: no custom
//! element, no DOM events, no second wasm instance.

use crate::domain::config::Config;
use crate::domain::events::{EventSink, Handler, Handlers, TokenChanged};
use crate::domain::spec::FormSpec;
use crate::shell::setup::{self, Setup};
use crate::ui::form::{AuthForm, FromPage, refused_view, take_over};
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    let on_event = EventSink::new(move |event| handlers.hear(event));
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
    // is known without the page, then (in the browser only) what the page adds. Everything that
    // counts Leptos's ids runs here in the component's body, once, as Leptos's own resources do,
    // and never in a closure a server may run more than once (`Suspense` resolves twice).
    let catalog = setup::catalog_without_page(&config);
    // The server's judgement travels with its markup (Leptos serializes it into the page), so the
    // browser takes over exactly what was rendered, whatever its own parser would have said.
    let refused_early =
        SharedValue::new(|| setup::check_without_page(form, &config).err().map(|refusal| refusal.describe()))
            .into_inner();
    // The language the server rendered in stays: the page's `<html lang>` cannot change the words.
    let for_page = Config { lang: Some(catalog.lang), ..config.clone() };
    let in_browser = move || setup::prepare(form, || Ok(for_page.clone())).map_err(|p| setup::refusal(&p));
    if let Some(refusal) = refused_early {
        #[cfg(not(target_arch = "wasm32"))]
        leptos::logging::error!("{refusal}");
        // In the browser too: the reset link leaves the address bar, the console says why.
        Effect::new(move |_| drop(in_browser()));
        return refused_view(refusal).into_any();
    }
    let id = match Owner::current_shared_context() {
        Some(context) => format!("s{}", context.next_id().into_inner()),
        // Rendered with no shared context (a bare `to_html`): nothing will hydrate it.
        None => format!("u{}", UNSHARED.fetch_add(1, Ordering::Relaxed) + 1),
    };
    let setup = RwSignal::new(None);
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| setup.set(Some(in_browser())));
    let page = FromPage { id, setup: setup.read_only(), take_over };
    view! { <AuthForm spec=form config catalog on_event page /> }.into_any()
}

/// Numbers forms rendered without a Leptos shared context.
static UNSHARED: AtomicUsize = AtomicUsize::new(0);
