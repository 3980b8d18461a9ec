//! `cargo xtask test`: every check, from formatting to the browser tests in each engine.

use crate::engines::{self, Engine};
use crate::process::{Fail, project_root, run, say};
use crate::tools::{self, cargo_command};
use crate::{bench, dist, examples, package, public_api};
use std::time::Instant;

/// Where `cargo xtask test` puts the release bundle the end-to-end tests load.
const E2E_DIST: &str = "target/e2e-dist";
/// Where `cargo xtask test` puts the build of `examples/leptos-app` the end-to-end tests load.
const LEPTOS_APP_DIST: &str = "target/leptos-app-dist";

/// Clippy on what `args` select, every warning an error.
fn clippy(args: &[&str]) -> Result<(), Fail> {
    run(cargo_command(&["clippy"]).args(args).args(["--", "-D", "warnings"]))
}

pub fn test() -> Result<(), Fail> {
    let started = Instant::now();
    let engines = Engine::chosen()?;
    tools::ensure_all()?;
    engines::ensure_installed(&engines)?;
    run(&mut cargo_command(&["fmt", "--all", "--check"]))?;
    // The JavaScript the bundle's stable scripts are made from: a syntax error fails here, not
    // in a browser at the end.
    dist::check_scripts()?;
    clippy(&["--workspace", "--all-targets"])?;
    // The bench and the end-to-end suite are not default test targets, so `--all-targets`
    // leaves them out.
    clippy(&["--package", "wemasy-auth-widget", "--test", "bench", "--test", "e2e"])?;
    clippy(&["--package", "wemasy-auth-widget", "--all-targets", "--target", "wasm32-unknown-unknown"])?;
    // The library alone as the bundle uses it, its layers private (no `internals`): where code
    // nothing reaches is found (lib.rs says why only here).
    clippy(&["--package", "wemasy-auth-widget", "--lib", "--target", "wasm32-unknown-unknown"])?;
    // The library as a Leptos app gets it: without `embed`, in each rendering mode (a server
    // renders natively with `ssr`; the browser hydrates with `hydrate`), and the server-rendered
    // example app in both of its builds.
    clippy(&[
        "--package",
        "wemasy-auth-widget",
        "--lib",
        "--no-default-features",
        "--target",
        "wasm32-unknown-unknown",
    ])?;
    for (target, features) in [(None, "ssr"), (Some("wasm32-unknown-unknown"), "hydrate")] {
        let target = target.map_or(Vec::new(), |t| vec!["--target", t]);
        let library =
            ["--package", "wemasy-auth-widget", "--lib", "--no-default-features", "--features", features];
        clippy(&[&library[..], &target].concat())?;
        clippy(&[&["--package", "leptos-ssr", "--features", features][..], &target].concat())?;
    }
    // The build-time rendering of every form for the embedding script (natively, with `ssr`).
    clippy(&dist::PRERENDER)?;
    // What a server renders, natively (the `ssr` test target).
    run(&mut cargo_command(&[
        "test",
        "--package",
        "wemasy-auth-widget",
        "--no-default-features",
        "--features",
        "ssr",
        "--test",
        "ssr",
    ]))?;
    // What a Leptos app depends on: a change is a diff of public-api.txt.
    public_api::check()?;
    // The library's documentation and package, as crates.io and docs.rs would take them.
    run(cargo_command(&["doc", "--no-deps", "--package", "wemasy-auth-widget"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    // `--allow-dirty`: what is checked is the list, and a developer runs this with edits in progress.
    run(&mut cargo_command(&["package", "--list", "--allow-dirty", "--package", "wemasy-auth-widget"]))?;
    // The release bundles: what the end-to-end tests load, so they prove they actually run.
    run(&mut tools::trunk(&["build", "--release", "--dist", E2E_DIST])?)?;
    // The Leptos example app; a debug build, which shares the browser tests' compiled
    // dependencies and takes seconds.
    run(&mut tools::trunk(&["build", "examples/leptos-app/index.html", "--dist", LEPTOS_APP_DIST])?)?;
    examples::build_leptos_ssr()?;
    let nightly = dist::dist()?;
    // Before the long tests: a bundle that grew fails fast.
    bench::check_size(&project_root().join(dist::DIST), nightly)?;
    let tarball = package::package()?;
    run(&mut cargo_command(&["test", "--workspace"]))?;
    // The browser tests, once per engine; every engine runs even after one failed, so that the
    // counts at the end say where things stand.
    let display = if engines.contains(&Engine::Webkit) { Some(engines::Display::start()?) } else { None };
    let display = display.as_ref().map(|d| d.name.as_str());
    let mut end_to_end = Vec::new();
    let mut components = Vec::new();
    for &engine in &engines {
        let mut e2e = cargo_command(&["test", "--package", "wemasy-auth-widget", "--test", "e2e"]);
        e2e.env("WEMASY_E2E_DIST", project_root().join(E2E_DIST))
            .env("WEMASY_LEPTOS_APP", project_root().join(LEPTOS_APP_DIST))
            .env("WEMASY_LEPTOS_SSR", examples::leptos_ssr_server())
            .env("WEMASY_LEPTOS_SSR_SITE", project_root().join(examples::LEPTOS_SSR_SITE))
            .env("WEMASY_PACKAGE", &tarball)
            .env("WEMASY_ESBUILD", tools::esbuild())
            .env("WEMASY_TSC", tools::tsc())
            .env("WEMASY_DIST", project_root().join(dist::DIST))
            .env("WEMASY_EXAMPLES", project_root().join("examples"))
            .env("WEMASY_AXE", tools::axe_script());
        engine.select(&mut e2e, display);
        end_to_end.push((engine, engines::run_counted(&mut e2e)?));
        let mut web = cargo_command(&[
            "test",
            "--package",
            "wemasy-auth-widget",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ]);
        engine.select(&mut web, display);
        components.push((engine, engines::run_counted(&mut web)?));
    }
    let summaries = [
        engines::summary("end-to-end scenarios", &end_to_end),
        engines::summary("component tests", &components),
    ];
    for line in &summaries {
        say(line);
    }
    if end_to_end.iter().chain(&components).any(|(_, counts)| counts.failed > 0) {
        return Err(Fail::new(format!("browser tests failed: {}", summaries.join("; "))));
    }
    say(&format!("all checks passed in {:.0?}", started.elapsed()));
    Ok(())
}
