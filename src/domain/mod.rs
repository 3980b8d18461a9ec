//! The functional core: rules, wire types, the answer → message mapping and token handling, in
//! plain Rust with no DOM, unit-tested natively.

pub mod answer;
pub mod config;
pub mod events;
pub mod json;
pub mod link;
// Property tests run natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod property_tests;
pub mod request;
pub mod rules;
pub mod session;
pub mod spec;
#[cfg(test)]
pub mod testing;
pub mod text;
pub mod verdict;
