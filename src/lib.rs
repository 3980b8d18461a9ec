//! The Wemasy auth forms: change a password, finish a password reset from an e-mailed link,
//! request an e-mail change, with the API's own rules checked as the user types and every answer
//! the server can give shown on the right field.
//!
//! Two ways to use them:
//! - **in a Leptos app**: [`AuthWidget`], one component for every form, configured with a
//!   [`Config`] and told what happened through typed handlers. Depend on the crate without its
//!   default features (`default-features = false`): the app chooses Leptos's rendering mode.
//! - **in any page**: the `embed` feature (on by default) builds the bundle that defines the
//!   custom elements (`<wemasy-customer-password-change>` …) and the JavaScript `mount()`; see
//!   the README.
//!
//! ```
//! use leptos::prelude::*;
//! use wemasy_auth_widget::{AuthWidget, Config, FormSpec, Lang, TokenChanged};
//!
//! /// A shop's account page with its own layout around the form.
//! #[component]
//! fn Account() -> impl IntoView {
//!     let (renewed, set_renewed) = signal(false);
//!     let config = Config::default().api_base("https://api.wemasy.nl/api").lang(Lang::Nl);
//!     view! {
//!         <h2>"Wachtwoord"</h2>
//!         <AuthWidget
//!             form=FormSpec::CUSTOMER_PASSWORD_CHANGE
//!             config
//!             on_token_changed=move |change: TokenChanged| set_renewed.set(change.persisted)
//!         />
//!         <Show when=move || renewed.get()>
//!             <p>"U blijft ingelogd op dit apparaat."</p>
//!         </Show>
//!     }
//! }
//!
//! # fn main() {
//! // In the app: `leptos::mount::mount_to_body(Account)`, with the widget's stylesheet.
//! # let _ = Account;
//! # let _ = wemasy_auth_widget::STYLESHEET;
//! # }
//! ```
//!
//! The code, for the next engineer (ARCHITECTURE.md): `domain` is the functional core (rules,
//! requests, what an answer means, configuration; plain Rust, tested natively), [`forms`] one
//! declaration per endpoint, `shell` network, storage and the page, `ui` the Leptos components
//! that render any declaration, `entry` the component and the custom elements.

// Much of the core serves the custom elements, whose entrance runs only in the bundle (wasm32
// with `embed`): every other build (a Leptos app, a server, a native check) leaves those parts
// unused. The library's own wasm32 build with `embed` (`cargo xtask test` runs clippy on it) is
// where unused code is found.
#![cfg_attr(not(all(feature = "embed", target_arch = "wasm32")), allow(dead_code))]

// Leptos renders in one mode per build: a server build with `embed` (which turns on `csr`) would
// run browser effects on the server.
#[cfg(all(feature = "ssr", feature = "csr"))]
compile_error!(
    "wemasy-auth-widget: `ssr` is for a server build; turn off the default `embed` (and `csr`) there"
);

/// The crate's layers, private: its public API is what this file re-exports, and `forms`. The
/// `internals` feature (not an API) opens them to this repository's own tests and tools.
macro_rules! layers {
    ($($layer:ident),*) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $layer;
        #[cfg(not(feature = "internals"))]
        mod $layer;
    )*};
}
layers!(domain, entry, shell, ui);
pub mod forms;

pub use domain::config::Config;
pub use domain::events::{Handler, TokenChanged};
pub use domain::spec::FormSpec;
pub use domain::text::{Lang, Text};
pub use entry::component::{AuthWidget, AuthWidgetProps};

// The README's Rust examples compile (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

/// The widget's stylesheet (`style/widget.css`): the forms' look, themed through
/// `--wemasy-*` custom properties. Serve it as a file or put it in a `<style>` element.
pub const STYLESHEET: &str = include_str!("../style/widget.css");

/// Runs when the bundle loads: defines the custom elements, which mounts those in the page.
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    entry::elements::define_custom_elements();
}
