//! The two entrances, side by side above the shell and the components: the Leptos component
//! ([`component::AuthWidget`]) for an app that renders the forms itself, and the custom elements
//! with `mount()` ([`elements`], the `embed` feature) for any page. Both run the same setup
//! ([`crate::shell::setup`]), render the same form ([`crate::ui::form::AuthForm`]) and show a
//! refused configuration with the same view; nothing below imports from here.

pub mod component;
#[cfg(feature = "embed")]
pub mod elements;
