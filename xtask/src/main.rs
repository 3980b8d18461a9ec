//! The project's task runner.
//!
//! - `cargo xtask dev`: installs missing tools, starts dev-api and `trunk serve`, prints the demo
//!   page's address. Ctrl-C stops both.
//! - `cargo xtask test`: formatting, the syntax of the JavaScript in `xtask/js/`, clippy (native
//!   and wasm32, with and without `embed`), the library's docs and package list, native unit
//!   tests, the release bundle and the Leptos example app, then the end-to-end scenarios and the
//!   browser component tests in Chromium, Firefox and WebKit
//!   (`WEMASY_BROWSER=chromium|firefox|webkit` for one alone), ending with each engine's counts.
//!
//! - `cargo xtask dist`: the embeddable bundle in `dist/`: hashed files, `.br` and `.gz` beside
//!   each, and the files whose names never change: the embedding script
//!   `wemasy-auth-embed.js` (with every form's markup, rendered by `examples/prerender.rs`), the
//!   stylesheet `wemasy-auth.css` and the module loader `wemasy-auth.js`.
//! - `cargo xtask package`: `dist/` as an npm package tarball in `target/package/`, with its
//!   types, custom-elements manifest and subresource-integrity hashes.
//! - `cargo xtask bench`: transfer size, start-up, keystroke latency and scale in headless
//!   Chromium; writes `target/bench/report.md` and `report.json`; fails on a missed budget.
//!
//! Its few small dependencies (`ctrlc`, `serde_json`, `sha2`, `base64`) keep it compiling in seconds.

mod bench;
mod check;
mod dev;
mod dist;
mod engines;
mod examples;
mod files;
mod names;
mod package;
mod pins;
mod process;
mod public_api;
mod tools;
mod trim;

use process::Fail;
use std::process::ExitCode;

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "dev" => dev::dev(),
        "test" => check::test(),
        "dist" => tools::ensure_all().and_then(|()| dist::dist().map(|_| ())),
        "package" => {
            tools::ensure_all().and_then(|()| dist::dist()).and_then(|_| package::package().map(|_| ()))
        }
        "bench" => bench::bench(),
        _ => Err(Fail::new("usage: cargo xtask dev | test | dist | package | bench")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(message)) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
