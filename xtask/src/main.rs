//! The project's task runner.
//!
//! - `cargo xtask dev`: installs missing tools, starts dev-api and `trunk serve`, prints the demo
//!   page's address. Ctrl-C stops both.
//! - `cargo xtask test`: formatting, clippy (native and wasm32, with and without `embed`), the
//!   library's docs and package list, native unit tests, the release bundle and the Leptos
//!   example app, then the end-to-end scenarios and the browser component tests in Chromium,
//!   Firefox and WebKit (`WEMASY_BROWSER=chromium|firefox|webkit` for one alone), ending with
//!   each engine's counts.
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
//! It has two small dependencies (`ctrlc`, `serde_json`) so that it compiles in seconds.

mod bench;
mod engines;
mod examples;
mod names;
mod package;
mod tools;
mod trim;

use engines::Engine;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where `cargo xtask test` puts the release bundle the end-to-end tests load.
const E2E_DIST: &str = "target/e2e-dist";
/// Where `cargo xtask test` puts the build of `examples/leptos-app` the end-to-end tests load.
const LEPTOS_APP_DIST: &str = "target/leptos-app-dist";
/// The embeddable bundle.
const DIST: &str = "dist";
/// The hashed wasm and glue's names start with this: the bundle crate's name (`bundle/`).
pub const BUNDLE_PREFIX: &str = "wemasy-auth-";
/// The hashed stylesheet's name starts with this (`style/widget.css`).
pub const CSS_PREFIX: &str = "widget-";
/// Where Trunk builds it before the loader and compressed files are added.
const DIST_STAGING: &str = "target/dist-staging";
const DEV_API_PORT: &str = "8787";

/// A failure, said in one line.
#[derive(Debug)]
pub struct Fail(String);

impl Fail {
    pub fn new(message: impl Into<String>) -> Fail {
        Fail(message.into())
    }
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "dev" => dev(),
        "test" => test(),
        "dist" => tools::ensure_all().and_then(|()| dist().map(|_| ())),
        "package" => tools::ensure_all().and_then(|()| dist()).and_then(|_| package::package().map(|_| ())),
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

pub fn say(message: &str) {
    eprintln!("xtask: {message}");
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The cargo that runs this xtask.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `command`'s program and arguments as one line, for saying what runs and what failed.
pub fn command_line(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `command` in the project root, failing with its command line if it fails.
pub fn run(command: &mut Command) -> Result<(), Fail> {
    let shown = command_line(command);
    say(&format!("$ {shown}"));
    let status = command
        .current_dir(project_root())
        .status()
        .map_err(|e| Fail::new(format!("cannot start `{shown}`: {e}")))?;
    if status.success() { Ok(()) } else { Err(Fail::new(format!("`{shown}` failed ({status})"))) }
}

fn cargo_command(args: &[&str]) -> Command {
    let mut command = tools::command(&cargo());
    command.args(args);
    command
}

/// Trunk with the tool versions the project pins and no update check.
fn trunk(args: &[&str]) -> Result<Command, Fail> {
    let mut command = tools::command("trunk");
    command
        .args(args)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_TOOLS_WASM_BINDGEN", tools::wasm_bindgen_version()?)
        .current_dir(project_root());
    Ok(command)
}

/// Clippy on what `args` select, every warning an error.
fn clippy(args: &[&str]) -> Result<(), Fail> {
    run(cargo_command(&["clippy"]).args(args).args(["--", "-D", "warnings"]))
}

fn test() -> Result<(), Fail> {
    let started = Instant::now();
    let engines = Engine::chosen()?;
    tools::ensure_all()?;
    tools::ensure_engines(&engines)?;
    run(&mut cargo_command(&["fmt", "--all", "--check"]))?;
    clippy(&["--workspace", "--all-targets"])?;
    // The bench and the end-to-end suite are not default test targets, so `--all-targets`
    // leaves them out.
    clippy(&["--package", "wemasy-auth-widget", "--test", "bench", "--test", "e2e"])?;
    clippy(&["--package", "wemasy-auth-widget", "--all-targets", "--target", "wasm32-unknown-unknown"])?;
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
    clippy(&PRERENDER)?;
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
    // The library's documentation and package, as crates.io and docs.rs would take them.
    run(cargo_command(&["doc", "--no-deps", "--package", "wemasy-auth-widget"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    // `--allow-dirty`: what is checked is the list, and a developer runs this with edits in progress.
    run(&mut cargo_command(&["package", "--list", "--allow-dirty", "--package", "wemasy-auth-widget"]))?;
    // The release bundles: what the end-to-end tests load, so they prove they actually run.
    run(&mut trunk(&["build", "--release", "--dist", E2E_DIST])?)?;
    // The Leptos example app; a debug build, which shares the browser tests' compiled
    // dependencies and takes seconds.
    run(&mut trunk(&["build", "examples/leptos-app/index.html", "--dist", LEPTOS_APP_DIST])?)?;
    examples::build_leptos_ssr()?;
    let nightly = dist()?;
    // Before the long tests: a bundle that grew fails fast.
    bench::check_size(&project_root().join(DIST), nightly)?;
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
            .env("WEMASY_DIST", project_root().join(DIST))
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

/// Removes `dir` and what is in it, if it is there.
fn clear_dir(dir: &Path) -> Result<(), Fail> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .map_err(|e| Fail::new(format!("cannot clear {}: {e}", dir.display())))?;
    }
    Ok(())
}

/// Builds the embeddable bundle into `dist/`: the hashed wasm, JS and CSS (and wasm-bindgen's
/// snippets), the stable loader, and a `.br` and `.gz` beside every file. Says whether it was
/// built on nightly Rust.
fn dist() -> Result<bool, Fail> {
    let root = project_root();
    let staging = root.join(DIST_STAGING);
    // Trunk and wasm-bindgen leave files of earlier builds in both (a snippet that no longer
    // exists), and everything in the staging directory is shipped and loaded.
    clear_dir(&staging)?;
    clear_dir(&root.join("target").join("wasm-bindgen"))?;
    let mut build = trunk(&["build", "embed.html", "--release", "--dist", DIST_STAGING])?;
    let nightly = tools::nightly_for_dist();
    if nightly {
        // std rebuilt with the release profile, and panics that abort without formatting a
        // message: no panic machinery or message strings in the bundle. Nothing the widget
        // shows comes from `Debug` or from source locations, so neither is compiled in.
        build
            .env("RUSTUP_TOOLCHAIN", "nightly")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
            .env(
                "RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none",
            );
    }
    run(&mut build)?;
    let dist = root.join(DIST);
    clear_dir(&dist)?;
    let find = |suffix: &str| -> Result<String, Fail> {
        std::fs::read_dir(&staging)
            .map_err(|e| Fail::new(format!("cannot read {}: {e}", staging.display())))?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .find(|name| {
                name.ends_with(suffix) && (name.starts_with(BUNDLE_PREFIX) || name.starts_with(CSS_PREFIX))
            })
            .ok_or_else(|| Fail::new(format!("the Trunk build made no *{suffix}")))
    };
    let (wasm, js, css) = (find("_bg.wasm")?, find(".js")?, find(".css")?);
    copy_tree(&staging, &dist, &|name| name != "embed.html" && name != "index.html")?;
    let glue = dist.join(&js);
    // The glue as wasm-bindgen wrote it, for names.rs's and trim.rs's tests.
    let capture = std::env::var_os("WEMASY_CAPTURE_GLUE").is_some().then(|| names::fixture_dir(&root));
    if let Some(dir) = &capture {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fail::new(format!("cannot create {}: {e}", dir.display())))?;
        std::fs::copy(&glue, dir.join("glue.js"))
            .map_err(|e| Fail::new(format!("cannot capture the glue: {e}")))?;
    }
    trim::drop_unreachable(&dist.join(&wasm), &glue)?;
    let renames = names::shorten(&dist.join(&wasm), &glue)?;
    if let Some(dir) = &capture {
        std::fs::write(dir.join("renames.json"), &renames.printed)
            .map_err(|e| Fail::new(format!("cannot capture the name mapping: {e}")))?;
        say(&format!("glue and name mapping captured in {}", dir.display()));
    }
    let memory = renames.export("memory").ok_or_else(|| Fail::new("the wasm exports no memory"))?;
    point_glue_at_wasm(&glue, &wasm)?;
    // Trunk ships the glue unminified (its minifier fails on it); esbuild halves it. The
    // stylesheet Trunk ships as written, comments and all.
    minify_in_place(&glue, &["--format=esm"])?;
    minify_in_place(&dist.join(&css), &[])?;
    let mut modules = vec![js.clone()];
    modules.extend(files_under(&dist, "snippets")?);
    let tags = head_tags(&css, &modules, &wasm);
    let names = |text: &str| text.replace("{js}", &js).replace("{wasm}", &wasm).replace("{css}", &css);
    let loader = names(LOADER).replace("{memory}", memory);
    std::fs::write(dist.join("wemasy-auth.js"), loader)
        .map_err(|e| Fail::new(format!("cannot write the loader: {e}")))?;
    let embed = dist.join(EMBED_SCRIPT);
    std::fs::write(&embed, names(&embed_script(&prerendered()?)?))
        .map_err(|e| Fail::new(format!("cannot write {EMBED_SCRIPT}: {e}")))?;
    minify_in_place(&embed, &[])?;
    // The stylesheet under a name that stays, for a page's <link>; the hashed one for the head tags.
    std::fs::copy(dist.join(&css), dist.join(STABLE_CSS))
        .map_err(|e| Fail::new(format!("cannot write {STABLE_CSS}: {e}")))?;
    compress_tree(&dist)?;
    // After compressing: a page does not load it; a developer reads it.
    std::fs::write(dist.join(HEAD_TAGS), tags)
        .map_err(|e| Fail::new(format!("cannot write {HEAD_TAGS}: {e}")))?;
    say(&format!(
        "embeddable bundle in {}: include it with <link rel=\"stylesheet\" href=\"…/{STABLE_CSS}\"> \
         and <script src=\"…/{EMBED_SCRIPT}\"></script>",
        dist.display()
    ));
    Ok(nightly)
}

/// The embedding script a page puts in its `<head>` (with [`STABLE_CSS`]): it paints each form
/// with the page and starts the wasm. Its name never changes.
pub const EMBED_SCRIPT: &str = "wemasy-auth-embed.js";
/// The stylesheet under a name that never changes.
pub const STABLE_CSS: &str = "wemasy-auth.css";

/// Selects `examples/prerender.rs`, natively with `ssr`: for `cargo run` and clippy alike.
const PRERENDER: [&str; 7] = [
    "--package",
    "wemasy-auth-widget",
    "--no-default-features",
    "--features",
    "ssr",
    "--example",
    "prerender",
];

/// Every form's markup, rendered natively by `examples/prerender.rs` through the widget's own
/// server rendering: the JSON it prints.
fn prerendered() -> Result<String, Fail> {
    let mut command = cargo_command(&["run", "--quiet"]);
    command.args(PRERENDER);
    say(&format!("$ {}", command_line(&command)));
    let out = command
        .current_dir(project_root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Fail::new(format!("cannot run the prerender example: {e}")))?;
    if !out.status.success() {
        return Err(Fail::new(format!("the prerender example failed ({})", out.status)));
    }
    let json =
        String::from_utf8(out.stdout).map_err(|_| Fail::new("the prerender example printed no UTF-8"))?;
    // Whole JSON, so that nothing else can end up inside the script.
    serde_json::from_str::<serde_json::Value>(&json)
        .map_err(|e| Fail::new(format!("the prerender example printed no JSON: {e}")))?;
    Ok(json.trim().to_owned())
}

/// `xtask/js/embed.js` with the prerendered markup in place of its `DATA`.
fn embed_script(prerendered: &str) -> Result<String, Fail> {
    const SOURCE: &str = include_str!("../js/embed.js");
    const PLACE: &str = "= DATA;";
    if SOURCE.matches(PLACE).count() != 1 {
        return Err(Fail::new(format!("xtask/js/embed.js must hold `{PLACE}` once")));
    }
    Ok(SOURCE.replacen(PLACE, &format!("= {prerendered};"), 1))
}

/// Minifies `file` with esbuild, in place (`extra` for its kind of file).
fn minify_in_place(file: &Path, extra: &[&str]) -> Result<(), Fail> {
    run(tools::command(&tools::esbuild().to_string_lossy())
        .arg(file)
        .args(["--minify", "--log-level=warning", "--allow-overwrite"])
        .args(extra)
        .arg(format!("--outfile={}", file.display())))
}

/// The tags a page may paste into its `<head>` instead of the loader's script tag alone, written
/// beside the bundle (their names change with every build).
pub const HEAD_TAGS: &str = "head.html";

/// The optional extra over the README's default embedding: the embedding script, the stylesheet
/// under its hashed name (cached forever), and every file the embedding script would ask for,
/// asked for while the page's HTML is still being parsed. Relative to `dist/`.
fn head_tags(css: &str, modules: &[String], wasm: &str) -> String {
    let mut tags = String::from(
        "<!-- Wemasy auth widget: paste into <head>, each href and src prefixed with where dist/ is served. -->\n",
    );
    // The embedding script first, so that it runs without waiting for the stylesheet.
    tags.push_str(&format!("<script src=\"{EMBED_SCRIPT}\"></script>\n"));
    tags.push_str(&format!("<link rel=\"stylesheet\" href=\"{css}\" data-wemasy-css>\n"));

    // `crossorigin`: the loader's fetch() is a CORS request, and a preload is only used by a
    // request of the same mode.
    tags.push_str(&format!(
        "<link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"
    ));
    for module in modules {
        tags.push_str(&format!("<link rel=\"modulepreload\" href=\"{module}\">\n"));
    }
    tags
}

/// The module loader: what `import "@wemasy/auth-widget"` and `import { mount } from
/// "…/wemasy-auth.js"` load (a page embedding by HTML uses [`EMBED_SCRIPT`]). It loads the hashed files next to it, so
/// they can be cached forever while this one stays small and short-lived. Shipped as written, so
/// the reasons are here: every file is named by a literal `new URL("./…", import.meta.url)` or
/// `import("./…")`, so that bundlers (Vite, webpack, Rollup, Parcel) copy the files and rewrite
/// the addresses, while unbundled (a CDN, a copied folder) they resolve beside the loader. It
/// does not add modulepreload links for the glue's own imports: a bundle has no such files (the
/// head tags of `dist/head.html` preload them for an unbundled page).
const LOADER: &str = r#"// Wemasy auth widget, as a module: `import { mount } from "…/wemasy-auth.js"`, or import it
// for the <wemasy-customer-password-change> and other elements. (A page that embeds the forms by
// HTML includes wemasy-auth-embed.js instead: its forms paint with the page.)
// The wasm first (compiled while it downloads; a server that does not say application/wasm gets
// the slower path), then the stylesheet and the glue code, all at once.
const wasmUrl = new URL("./{wasm}", import.meta.url);
const wasmModule = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
  fetch(wasmUrl).then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));
if (!document.querySelector("link[data-wemasy-css], link[rel=stylesheet][href$='wemasy-auth.css']")) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("./{css}", import.meta.url).href;
  css.dataset.wemasyCss = "";
  document.head.append(css);
}
const bindings = await import("./{js}");
const wasm = await bindings.default({ module_or_path: await wasmModule });
export const mount = bindings.mount;
export const mountedCount = bindings.mountedCount;
// The size of the widget's WebAssembly memory in bytes: for diagnostics and the bench.
export const memoryBytes = () => wasm.{memory}.buffer.byteLength;
"#;

/// The glue's own default address of the wasm (used when `init` is given none) names the file
/// wasm-bindgen wrote, not the hashed one in `dist/`: a bundler resolving that literal would fail
/// or copy nothing. Points it at the hashed wasm; warns and keeps the glue if it is not there.
fn point_glue_at_wasm(glue: &Path, wasm: &str) -> Result<(), Fail> {
    let text = std::fs::read_to_string(glue).map_err(|e| Fail::new(format!("cannot read the glue: {e}")))?;
    match default_wasm_url(&text, wasm) {
        Some(pointed) => {
            std::fs::write(glue, pointed).map_err(|e| Fail::new(format!("cannot write the glue: {e}")))
        }
        None => {
            say(
                "warning: the glue names no default wasm (`new URL('…_bg.wasm', import.meta.url)`); kept as it is",
            );
            Ok(())
        }
    }
}

/// `glue` with its one `new URL('<name>_bg.wasm', import.meta.url)` naming `./<wasm>` instead.
fn default_wasm_url(glue: &str, wasm: &str) -> Option<String> {
    const OPEN: &str = "new URL('";
    const CLOSE: &str = "_bg.wasm', import.meta.url)";
    let end = glue.find(CLOSE)? + CLOSE.len();
    let start = glue.get(..end)?.rfind(OPEN)?;
    let found = glue.get(start..end)?;
    // One literal, without quotes or parentheses inside: anything else is not the layout known.
    if found.get(OPEN.len()..found.len() - CLOSE.len())?.contains(['\'', '(', ')', ' '])
        || glue.matches(CLOSE).count() != 1
    {
        return None;
    }
    Some(format!("{}new URL('./{wasm}', import.meta.url){}", glue.get(..start)?, glue.get(end..)?))
}

/// The paths (with `/`) of the files under `dir/sub`, relative to `dir`.
fn files_under(dir: &Path, sub: &str) -> Result<Vec<String>, Fail> {
    let mut found = Vec::new();
    let start = dir.join(sub);
    if !start.is_dir() {
        return Ok(found);
    }
    let mut pending = vec![start];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| Fail::new(format!("cannot read {}: {e}", folder.display())))?;
        for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> =
                    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Copies the files (and folders) of `from` for which `keep(name)` holds into `to`.
fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> Result<(), Fail> {
    let problem =
        |e: std::io::Error| Fail::new(format!("cannot copy {} to {}: {e}", from.display(), to.display()));
    std::fs::create_dir_all(to).map_err(problem)?;
    for entry in std::fs::read_dir(from).map_err(problem)? {
        let entry = entry.map_err(problem)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep(&name) {
            continue;
        }
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to.join(&name), &|_| true)?;
        } else {
            std::fs::copy(entry.path(), to.join(&name)).map_err(problem)?;
        }
    }
    Ok(())
}

/// Writes `<file>.br` (brotli -q 11) and `<file>.gz` (gzip -9) beside every file under `dir`.
fn compress_tree(dir: &Path) -> Result<(), Fail> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Fail::new(format!("cannot read {}: {e}", dir.display())))?;
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        if path.is_dir() {
            compress_tree(&path)?;
            continue;
        }
        for (program, args, suffix) in
            [("brotli", &["-q", "11", "-c"][..], "br"), ("gzip", &["-9", "-n", "-c"][..], "gz")]
        {
            let output = tools::command(program)
                .args(args)
                .arg(&path)
                .output()
                .map_err(|e| Fail::new(format!("cannot run {program}: {e}")))?;
            if !output.status.success() {
                return Err(Fail::new(format!("{program} failed on {}", path.display())));
            }
            let mut target = path.clone().into_os_string();
            target.push(format!(".{suffix}"));
            std::fs::write(&target, output.stdout)
                .map_err(|e| Fail::new(format!("cannot write {target:?}: {e}")))?;
        }
    }
    Ok(())
}

fn dev() -> Result<(), Fail> {
    tools::ensure_all()?;
    run(&mut cargo_command(&["build", "--package", "dev-api"]))?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| Fail::new(format!("cannot handle Ctrl-C: {e}")))?;
    let api_binary = project_root().join("target").join("debug").join("dev-api");
    let api = Command::new(api_binary)
        .args(["--port", DEV_API_PORT])
        .spawn()
        .map_err(|e| Fail::new(format!("cannot start dev-api: {e}")))?;
    let trunk =
        trunk(&["serve"])?.spawn().map_err(|e| Fail::new(format!("cannot start trunk serve: {e}")))?;
    say("demo page: http://127.0.0.1:8080/ (it appears once Trunk has built it); Ctrl-C stops everything");
    let mut children = [("dev-api", api), ("trunk serve", trunk)];
    let outcome = loop {
        if stop.load(Ordering::SeqCst) {
            break Ok(());
        }
        if let Some(ended) = children.iter_mut().find_map(|(name, child)| match child.try_wait() {
            Ok(Some(status)) => Some(format!("{name} stopped ({status})")),
            Ok(None) => None,
            Err(e) => Some(format!("{name}: {e}")),
        }) {
            break Err(Fail::new(ended));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    for (_, child) in &mut children {
        stop_child(child);
    }
    outcome
}

/// Asks a child to stop as Ctrl-C would, then insists.
fn stop_child(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glues_default_wasm_is_the_hashed_file_beside_it() {
        let glue = std::fs::read_to_string(names::fixture_dir(&project_root()).join("glue.js")).unwrap();
        let pointed = default_wasm_url(&glue, "wemasy-auth-0123_bg.wasm").unwrap();
        assert!(pointed.contains("new URL('./wemasy-auth-0123_bg.wasm', import.meta.url)"));
        assert_eq!(
            pointed.len(),
            glue.len() + "./wemasy-auth-0123_bg.wasm".len() - "wemasy-auth_bg.wasm".len()
        );
        assert_eq!(default_wasm_url("let x = 1;", "a_bg.wasm"), None);
        assert_eq!(default_wasm_url("new URL('a' + b + '_bg.wasm', import.meta.url)", "a_bg.wasm"), None);
    }
}
