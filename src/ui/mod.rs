//! Leptos components. They wire signals to the core and stay short; one renderer serves every
//! form declaration.

pub mod field;
pub mod form;
pub mod state;
pub mod submit;

use crate::domain::text::{Catalog, Msg, Text};
use leptos::prelude::*;
use std::sync::Arc;

/// The strings of the form being rendered, shared with its parts through context.
#[derive(Clone, Debug, Default)]
pub struct Strings(pub Arc<Catalog>);

impl Strings {
    pub fn text(&self, key: Text) -> String {
        self.0.text(key).to_owned()
    }

    pub fn render(&self, message: &Msg) -> String {
        self.0.render(message)
    }
}

/// The strings provided by the enclosing form (English defaults outside one).
pub fn use_strings() -> Strings {
    use_context::<Strings>().unwrap_or_default()
}
