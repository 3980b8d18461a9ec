//! Nothing: this crate only pins the tools in `Cargo.toml`.
