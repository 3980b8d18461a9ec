//! What every form needs from the page before it shows anything, the same for a custom element
//! and for the Leptos component: its configuration checked against the page's address, its
//! words, and the reset link.

use crate::domain::config::{Config, ConfigError};
use crate::domain::link::ResetLink;
use crate::domain::spec::FormSpec;
use crate::domain::text::{Catalog, Lang};
use crate::shell::{link, url};

/// A form's checked configuration, with what it read from the page.
pub struct Setup {
    /// With its URLs resolved by the browser's parser: what was checked is what is used.
    pub config: Config,
    pub catalog: Catalog,
    pub reset_link: ResetLink,
}

/// Reads the configuration (`read`) and checks it for `spec` on this page, or says what the page's
/// developer should fix (with the form's name, in one line).
pub fn prepare(
    spec: &'static FormSpec,
    read: impl FnOnce() -> Result<Config, ConfigError>,
) -> Result<Setup, String> {
    // Before anything can be refused: the link leaves the address bar even if this form cannot run.
    let reset_link = if spec.needs_reset_token() { link::reset_link() } else { ResetLink::default() };
    let (page, page_origin) = url::page().unwrap_or_default();
    let config = read()
        .and_then(|c| c.resolve_urls(|value| url::parse(value, &page), &page_origin))
        .and_then(|c| c.check(spec).map(|()| c))
        .map_err(|e| format!("{}: {}", spec.name, e.describe()))?;
    let catalog = Catalog::new(config.lang.unwrap_or_else(page_lang), config.strings.clone());
    Ok(Setup { config, catalog, reset_link })
}

/// The page's own language (`<html lang>`), when the widget speaks it; English otherwise.
fn page_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Says `problem` in the console, where a developer looks first, and returns what to show in
/// place of the form: a misconfigured form never fails silently and never talks to a wrong server.
pub fn refusal(problem: &str) -> String {
    let problem = format!("wemasy: {problem}");
    web_sys::console::error_1(&problem.as_str().into());
    problem
}
