//! The one renderer every form uses: it takes a [`FormSpec`] and shows its fields, checks them,
//! submits, and shows the answer on the right fields.

use super::field::Field;
use super::state::FormState;
use super::submit::SubmitButton;
use super::{Strings, use_strings};
use crate::domain::config::Config;
use crate::domain::events::EventSink;
use crate::domain::link::ResetLink;
use crate::domain::spec::FormSpec;
use crate::domain::text::{Catalog, Msg, Text};
use crate::domain::verdict::{Notice, Tone, opening_notice};
use crate::shell::setup::Setup;
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Gives each mounted form its own element ids.
static FORMS_MOUNTED: AtomicUsize = AtomicUsize::new(0);

/// Any form, rendered from its declaration.
#[component]
pub fn AuthForm(
    /// Which form this is.
    spec: &'static FormSpec,
    /// Where to send it, where the token lives, where links lead.
    config: Config,
    /// What the page's reset link carried (reset forms only).
    #[prop(optional)]
    reset_link: ResetLink,
    /// The language and the page's own wording; English when not given.
    #[prop(optional)]
    catalog: Catalog,
    /// Hears what happened, for the host page.
    #[prop(optional)]
    on_event: Option<EventSink>,
    /// Given when the form is rendered without the page (on a server, or in the browser taking
    /// over what a server rendered): how it gets what the page adds once the form runs in the
    /// browser. The form cannot be submitted until then.
    #[prop(optional)]
    page: Option<FromPage>,
) -> impl IntoView {
    let lang = catalog.tag().to_owned();
    let strings = Strings(Arc::new(catalog));
    provide_context(strings.clone());
    let form_id = match page.as_ref() {
        Some(page) => page.id.clone(),
        None => (FORMS_MOUNTED.fetch_add(1, Ordering::Relaxed) + 1).to_string(),
    };
    let username = config.username.clone();
    let opening = page.is_none().then(|| opening_notice(spec, &config, reset_link.token.is_some())).flatten();
    let state =
        FormState::new(spec, config, reset_link.token, reset_link.email, strings, on_event, page.is_none());
    if let Some(notice) = opening {
        // Nothing to send without the link's token: only the notice is shown.
        state.end_with(notice);
    }
    if let Some(FromPage { setup, take_over, .. }) = page {
        take_over(state, setup);
    }
    let pending = state.pending;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.submit();
    };

    let fields = spec
        .fields
        .iter()
        .enumerate()
        .filter_map(|(index, field)| {
            let field_state = state.field(index)?;
            Some(view! {
                <Field
                    id=format!("wemasy-{form_id}-{}", field.name)
                    field=field
                    value=field_state.value
                    error=field_state.error
                    node_ref=field_state.input
                    live=state.live
                    on_input=move || state.on_input(index)
                    on_blur=move |to_submit| state.on_blur(index, to_submit)
                />
            })
        })
        .collect_view();
    let username = username.map(|name| {
        view! { <input type="text" name="username" autocomplete="username" value=name hidden readonly /> }
    });
    let notice = state.notice;
    view! {
        <form
            class="wemasy-form"
            lang=lang
            novalidate
            aria-busy=move || pending.get().then_some("true")
            on:submit=on_submit
        >
            {username}
            <div class="wemasy-fields" hidden=move || state.done.get()>
                {fields}
            </div>
            <NoticeView notice=notice pending=pending pending_text=spec.pending is_error=true />
            <NoticeView notice=notice pending=pending pending_text=spec.pending is_error=false />
            <SubmitButton
                label=spec.submit
                pending_label=spec.pending
                pending=pending
                waiting=state.waiting
                live=state.live
                hidden=state.done
            />
        </form>
    }
}

/// What the browser hands a form rendered without the page: the page's setup (or why the
/// configuration is refused there) once it has it.
pub type PageSetup = ReadSignal<Option<Result<Setup, String>>>;

/// How a form rendered without the page (see [`AuthForm`]'s `page`) comes alive in the browser.
pub struct FromPage {
    /// The form's element ids' part, the same wherever it is rendered.
    pub id: String,
    pub setup: PageSetup,
    /// Called once with the form's state, to take in `setup` when it comes. A function the
    /// caller gives rather than code here, so that a bundle that never renders without the page
    /// (the custom elements) links none of it: 232 B brotli.
    pub take_over: fn(FormState, PageSetup),
}

/// A live region: `role="alert"` for errors, `role="status"` for progress, waiting and success.
/// Always in the DOM, so assistive technology announces what appears in it.
#[component]
fn NoticeView(
    /// The form's notice: this region shows it when its tone belongs here.
    notice: RwSignal<Option<Notice>>,
    /// While a request is under way, the status region says so instead.
    pending: RwSignal<bool>,
    pending_text: Text,
    is_error: bool,
) -> impl IntoView {
    let strings = use_strings();
    let notice = move || {
        if pending.get() && !is_error {
            Some(Notice::waiting(vec![Msg::Text(pending_text)]))
        } else {
            notice.get().filter(|n| n.is_error() == is_error)
        }
    };
    let class = if is_error { "wemasy-alert" } else { "wemasy-status" };
    let role = if is_error { "alert" } else { "status" };
    let waiting = move || notice().is_some_and(|n| n.tone == Tone::Waiting);
    view! {
        <div
            class=class
            class=("wemasy-quiet", move || notice().is_none())
            class=("wemasy-waiting", waiting)
            role=role
        >
            {move || {
                notice()
                    .map(|notice| {
                        let link = notice
                            .link
                            .clone()
                            .map(|(text, url)| view! { " " <a class="wemasy-link" href=url>{strings.text(text)}</a> });
                        view! {
                            {notice.text(&strings.0)}
                            {link}
                        }
                    })
            }}
        </div>
    }
}

/// Takes what the page adds into a form rendered without it, once the browser has it: the
/// [`FromPage::take_over`] of a server-rendered form.
pub fn take_over(state: FormState, setup: PageSetup) {
    Effect::new(move |_| match setup.get() {
        Some(Ok(setup)) => state.adopt(setup),
        Some(Err(problem)) => state.refuse(problem),
        None => {}
    });
}

/// The class of what stands in place of a refused form.
pub const REFUSED_CLASS: &str = "wemasy-refused";

/// What stands in place of a form whose configuration was refused: the reason, as text, in a
/// paragraph of [`REFUSED_CLASS`]. The custom elements build the same paragraph through the DOM
/// (`entry::elements::refuse`).
pub fn refused_view(refusal: String) -> impl IntoView {
    leptos::html::p().class(REFUSED_CLASS).child(refusal)
}
