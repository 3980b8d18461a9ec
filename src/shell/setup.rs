//! What every form needs from the page before it shows anything, the same for a custom element
//! and for the Leptos component: its configuration checked against the page's address, its
//! words, and the reset link; and, for a form rendered before there is a page (on a server),
//! what can be known without one.

use crate::domain::config::{Config, ConfigError, Refusal};
use crate::domain::link::ResetLink;
use crate::domain::spec::FormSpec;
use crate::domain::text::{Catalog, choose_words};
use crate::shell::words;
use crate::shell::{link, url};

/// A form's checked configuration, with what it read from the page.
#[derive(Clone, Debug)]
pub struct Setup {
    /// With its URLs resolved by the browser's parser: what was checked is what is used.
    pub config: Config,
    pub catalog: Catalog,
    pub reset_link: ResetLink,
}

/// Reads the configuration (`read`) and checks it for `spec` on this page, or says what the page's
/// developer should fix.
pub fn prepare(
    spec: &'static FormSpec,
    read: impl FnOnce() -> Result<Config, ConfigError>,
) -> Result<Setup, Refusal> {
    // Before anything can be refused: the link leaves the address bar even if this form cannot run.
    let reset_link = if spec.needs_reset_token() { link::reset_link() } else { ResetLink::default() };
    let (page, page_origin) = url::page().unwrap_or_default();
    let config = read()
        .and_then(|c| c.resolve_urls(|value| url::parse(value, &page), &page_origin))
        .and_then(|c| c.check(spec).map(|()| c))
        .map_err(|problem| Refusal::Config { form: spec.name, problem })?;
    let asked = config.lang.clone().or_else(page_lang);
    let (catalog, said) = choose_words(asked.as_deref(), config.strings.clone(), words::loaded);
    if let Some(said) = said {
        say_once(&said);
    }
    Ok(Setup { config, catalog, reset_link })
}

/// Checks `config` for `spec` as far as that is possible without the page (no address, storage
/// or link; on a server, nothing of the browser is touched), or says what to fix.
pub fn check_without_page(spec: &'static FormSpec, config: &Config) -> Result<(), Refusal> {
    config
        .check_without_page(spec, url::parse)
        .map_err(|problem| Refusal::Config { form: spec.name, problem })
}

/// The words of a form rendered without the page: the configured language, else English (the
/// page's `<html lang>` is not there to read, and the browser must render the same words when it
/// takes the form over).
pub fn catalog_without_page(config: &Config) -> Catalog {
    // What is wrong with the language is said by the browser, which knows the page.
    choose_words(config.lang.as_deref(), config.strings.clone(), words::loaded).0
}

/// Whether the form is rendered where the page is known: in the browser, and not taking over
/// markup a server rendered (hydration renders exactly what the server did, which had no page).
pub fn page_is_known() -> bool {
    cfg!(target_arch = "wasm32")
        && !leptos::prelude::Owner::current_shared_context().is_some_and(|context| context.during_hydration())
}

/// The page's own language tag (`<html lang>`), if it has one.
fn page_lang() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
}

thread_local! {
    /// What the console was told about languages: each thing once per page, not once per form.
    static SAID: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Says `message` in the console as a warning, the first time only.
fn say_once(message: &str) {
    let first = SAID.with(|said| {
        let mut said = said.borrow_mut();
        let first = !said.iter().any(|s| s == message);
        if first {
            said.push(message.to_owned());
        }
        first
    });
    if first {
        web_sys::console::warn_1(&message.into());
    }
}

/// Says `refusal` in the console, where a developer looks first, and returns what to show in
/// place of the form: a misconfigured form never fails silently and never talks to a wrong server.
pub fn refusal(refusal: &Refusal) -> String {
    let text = refusal.describe();
    web_sys::console::error_1(&text.as_str().into());
    text
}
