//! Embeddable forms for the Wemasy API: change a password, finish a password reset, request an
//! e-mail change, without the host page writing any auth UI.
//!
//! - [`domain`]: the functional core. Rules, request and answer types, the answer → message
//!   mapping, configuration. Plain Rust, no DOM, tested natively.
//! - [`forms`]: one short declaration ([`domain::spec::FormSpec`]) per API endpoint.
//! - [`ui`]: the Leptos components that render any declaration.
//! - [`shell`]: network, storage and mounting into the page.

pub mod domain;
pub mod forms;
pub mod shell;
pub mod ui;

/// Runs when the bundle loads: defines the custom elements, which mounts those in the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    shell::embed::define_custom_elements();
}
