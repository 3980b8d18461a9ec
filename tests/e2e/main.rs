//! End-to-end tests: the release bundle (built by `cargo xtask test` into `WEMASY_E2E_DIST`),
//! served by an in-process dev-api, driven through WebDriver in the engine `WEMASY_BROWSER` names
//! (Chromium, Firefox or WebKit; `cargo xtask test` runs the suite once in each).
//!
//! - `harness`: starts the servers and the browser, with helpers that wait on conditions.
//! - `pages`: where things are on the page and how a user acts on them.
//! - one file of scenarios per form.

#![cfg(not(target_arch = "wasm32"))]
// A test that cannot set up its browser or server should stop right there, saying why.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod accessibility;
mod customer_password_change;
mod customer_password_reset;
mod embedding;
mod faults;
mod harness;
mod keyboard;
mod languages;
mod leptos_app;
mod leptos_ssr;
mod package;
mod pages;
mod painted;
mod registry;
mod security;
mod sessions;
mod tabs;
mod user_email_change;
mod user_password_change;
mod user_password_reset;
mod webshop;
