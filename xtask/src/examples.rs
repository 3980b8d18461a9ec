//! The Leptos example apps, built for the end-to-end tests.
//!
//! `examples/leptos-ssr` is built the way cargo-leptos builds a server-rendered app, without
//! installing cargo-leptos: its server binary natively with the `ssr` feature, its library for
//! wasm32 with `hydrate`, and the wasm-bindgen CLI this project already pins (the version in
//! Cargo.lock) writing `pkg/leptos_ssr.js` and `pkg/leptos_ssr_bg.wasm`, the names Leptos's
//! `HydrationScripts` loads. cargo-leptos would add a second, unpinned tool with its own
//! dependency tree and about ten minutes of compiling on two cores, for three commands. Debug
//! builds: they share compiled dependencies with clippy's and take seconds once warm.

use crate::files::clear_dir;
use crate::process::{Fail, project_root, run};
use crate::tools::{self, cargo_command};
use std::path::PathBuf;

/// Where the server-rendered example's browser half goes: its server's `LEPTOS_SITE_ROOT`.
pub const LEPTOS_SSR_SITE: &str = "target/leptos-ssr";

/// The server-rendered example's server binary.
pub fn leptos_ssr_server() -> PathBuf {
    project_root().join("target").join("debug").join("leptos-ssr")
}

/// Builds `examples/leptos-ssr`: the server binary and its browser half in [`LEPTOS_SSR_SITE`].
pub fn build_leptos_ssr() -> Result<(), Fail> {
    run(&mut cargo_command(&[
        "build",
        "--package",
        "leptos-ssr",
        "--features",
        "ssr",
        "--bin",
        "leptos-ssr",
    ]))?;
    run(&mut cargo_command(&[
        "build",
        "--package",
        "leptos-ssr",
        "--lib",
        "--features",
        "hydrate",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let site = project_root().join(LEPTOS_SSR_SITE);
    clear_dir(&site)?;
    let wasm = project_root().join("target/wasm32-unknown-unknown/debug/leptos_ssr.wasm");
    run(tools::command("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", "leptos_ssr", "--out-dir"])
        .arg(site.join("pkg"))
        .arg(wasm))
}
