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
///
/// A handler is a closure or a Leptos [`Callback`]:
///
/// ```
/// use leptos::prelude::*;
/// use wemasy_auth_widget::{AuthWidget, FormSpec, TokenChanged};
///
/// #[component]
/// fn Password(on_success: Callback<String>) -> impl IntoView {
///     view! {
///         <AuthWidget
///             form=FormSpec::CUSTOMER_PASSWORD_CHANGE
///             on_success
///             on_token_changed=|change: TokenChanged| leptos::logging::log!("{}", change.persisted)
///         />
///     }
/// }
/// # let _ = Password;
/// ```
#[component]
pub fn AuthWidget(
    /// Which form: `FormSpec::CUSTOMER_PASSWORD_CHANGE` and the others ([`crate::forms::ALL`]).
    form: &'static FormSpec,
    /// Where the API is, where the token lives ([`Config::token_key_for`]), the language and
    /// wording; the defaults when not given. Read once, when the form is made: a form is one
    /// configuration from its first keystroke to its last answer (a request under way finishes
    /// under the one it was sent with). To switch the language or the wording, render the form
    /// anew (in a closure that reads your signal); the custom elements do the same when an
    /// attribute changes.
    #[prop(optional)]
    config: Config,
    /// The form did what it is for (a password changed or reset, an e-mail change's
    /// confirmation sent), also when the change signed the user out everywhere; hears what the
    /// user was shown. After `on_token_changed` when both fire.
    #[prop(optional, into)]
    on_success: Option<Handler<String>>,
    /// The form changed the stored token: a webshop customer's password change stored the fresh
    /// token its answer carried (`removed: false`; `persisted: false` when storage refused it and
    /// the page keeps it in memory), or a password change that revoked the stored token and sent
    /// none back removed it (`removed: true`, followed by `on_unauthenticated`). A token the
    /// server refuses (a 401) is left alone: then only `on_unauthenticated` fires.
    #[prop(optional, into)]
    on_token_changed: Option<Handler<TokenChanged>>,
    /// The server no longer accepts the token (a 401, after the one retry with a newer token the
    /// page may hold), or a change revoked it: the user must sign in again.
    #[prop(optional, into)]
    on_unauthenticated: Option<Handler<()>>,
    /// The server asked to wait (a 429); hears how many seconds when it said.
    #[prop(optional, into)]
    on_rate_limited: Option<Handler<Option<u64>>>,
    /// Anything else went wrong (offline, a server error, an expired link, a redirect), or it is
    /// not known whether the server did it (no answer in time, a lost connection, an unreadable
    /// answer); hears what the user was shown. Not for a field's validation error, which the form
    /// shows on the field.
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
    let for_page = Config { lang: Some(catalog.tag().to_owned()), ..config.clone() };
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

/// Marks a Leptos [`Callback`] given as one of [`AuthWidget`]'s handlers (`on_success=callback`).
#[doc(hidden)]
pub struct FromCallback;

/// A [`Callback`] lives in the reactive owner that created it: once that is disposed (the app
/// left the page), what it would have heard is dropped. The widget's own work (storing a fresh
/// token) is done all the same; a plain closure hears it even then.
impl<T: 'static> IntoReactiveValue<Handler<T>, FromCallback> for Callback<T> {
    fn into_reactive_value(self) -> Handler<T> {
        Handler::from(move |value| {
            let _ = self.try_run(value);
        })
    }
}

/// Numbers forms rendered without a Leptos shared context.
static UNSHARED: AtomicUsize = AtomicUsize::new(0);
