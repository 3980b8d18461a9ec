//! Leptos components. They wire signals to the core and stay short; one renderer serves every
//! form declaration.

pub mod field;
pub mod form;
pub mod state;
pub mod submit;
