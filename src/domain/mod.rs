//! The functional core: rules, wire types, the answer → message mapping and token handling, in
//! plain Rust with no DOM, unit-tested natively.

pub mod answer;
pub mod config;
pub mod events;
pub mod json;
pub mod link;
#[cfg(test)]
mod properties;
pub mod request;
pub mod rules;
pub mod spec;
pub mod text;
