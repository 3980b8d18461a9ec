//! `cargo xtask dist`: the embeddable bundle in `dist/`, from Trunk's release build to the
//! files a page loads.

use crate::files::{clear_dir, compress_tree, copy_tree, files_under};
use crate::process::{Fail, command_line, project_root, run, say};
use crate::tools::{self, cargo_command};
use crate::{names, trim};
use std::path::Path;
use std::process::Stdio;

/// The embeddable bundle.
pub const DIST: &str = "dist";
/// The hashed wasm and glue's names start with this: the bundle crate's name (`bundle/`).
pub const BUNDLE_PREFIX: &str = "wemasy-auth-";
/// The hashed stylesheet's name starts with this (`style/widget.css`).
pub const CSS_PREFIX: &str = "widget-";
/// Where Trunk builds it before the loader and compressed files are added.
const DIST_STAGING: &str = "target/dist-staging";

/// Builds the embeddable bundle into `dist/`: the hashed wasm, JS and CSS (and wasm-bindgen's
/// snippets), the stable loader, and a `.br` and `.gz` beside every file. Says whether it was
/// built on nightly Rust.
pub fn dist() -> Result<bool, Fail> {
    let root = project_root();
    let staging = root.join(DIST_STAGING);
    // Trunk and wasm-bindgen leave files of earlier builds in both (a snippet that no longer
    // exists), and everything in the staging directory is shipped and loaded.
    clear_dir(&staging)?;
    clear_dir(&root.join("target").join("wasm-bindgen"))?;
    let mut build = tools::trunk(&["build", "embed.html", "--release", "--dist", DIST_STAGING])?;
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
    let loader = names(&loader(memory)?);
    std::fs::write(dist.join("wemasy-auth.js"), loader)
        .map_err(|e| Fail::new(format!("cannot write the loader: {e}")))?;
    let prerendered = prerendered()?;
    let part = |name: &str| {
        prerendered.get(name).ok_or_else(|| Fail::new(format!("the prerender example printed no `{name}`")))
    };
    let embed = dist.join(EMBED_SCRIPT);
    std::fs::write(&embed, names(&embed_script(&part("embed")?.to_string())?))
        .map_err(|e| Fail::new(format!("cannot write {EMBED_SCRIPT}: {e}")))?;
    minify_in_place(&embed, &[])?;
    for (tag, words) in part("languages")?.as_object().into_iter().flatten() {
        let file = language_file(tag);
        std::fs::write(dist.join(&file), language_script(tag, words))
            .map_err(|e| Fail::new(format!("cannot write {file}: {e}")))?;
    }
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

/// The language file of `tag`: the words of a language the bundle does not carry, which a page
/// that shows forms in it loads before them. Its name never changes.
pub fn language_file(tag: &str) -> String {
    format!("{BUNDLE_PREFIX}{tag}.js")
}

/// The language tag of `name` when it is a language file ([`language_file`]): two lower-case
/// letters.
pub fn language_of_file(name: &str) -> Option<&str> {
    name.strip_prefix(BUNDLE_PREFIX)
        .and_then(|rest| rest.strip_suffix(".js"))
        .filter(|tag| tag.len() == 2 && tag.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A language file's script: the words under the symbol the wasm reads them from
/// (`src/shell/words.rs`), and the embedding script too, to paint forms in that language. A
/// classic script or a module alike; it only adds to what is there.
fn language_script(tag: &str, words: &serde_json::Value) -> String {
    format!(
        "// Wemasy auth widget: the words of lang=\"{tag}\". Before the forms: <script src=\"…/{file}\"></script>, or import \"@wemasy/auth-widget/{tag}\".\n\
         (() => {{ const s = Symbol.for(\"wemasy-auth-words\"); (globalThis[s] = globalThis[s] || {{}})[\"{tag}\"] = {words}; }})();\n",
        file = language_file(tag)
    )
}

/// The embedding script a page puts in its `<head>` (with [`STABLE_CSS`]): it paints each form
/// with the page and starts the wasm. Its name never changes.
pub const EMBED_SCRIPT: &str = "wemasy-auth-embed.js";
/// The stylesheet under a name that never changes.
pub const STABLE_CSS: &str = "wemasy-auth.css";

/// Selects `examples/prerender.rs`, natively with `ssr`: for `cargo run` and clippy alike.
pub const PRERENDER: [&str; 7] = [
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
fn prerendered() -> Result<serde_json::Value, Fail> {
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
    // Whole JSON, so that nothing else can end up inside the scripts.
    serde_json::from_str::<serde_json::Value>(&json)
        .map_err(|e| Fail::new(format!("the prerender example printed no JSON: {e}")))
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

/// The module loader: `xtask/js/loader.js` without its header, the wasm's memory export named `memory`.
fn loader(memory: &str) -> Result<String, Fail> {
    const SOURCE: &str = include_str!("../js/loader.js");
    const PLACE: &str = "wasm.MEMORY_EXPORT.";
    // The header is for whoever works on the file; what follows it is shipped as written.
    let body = SOURCE.strip_prefix("/*").and_then(|rest| rest.split_once("*/\n")).map(|(_, body)| body);
    match body {
        Some(body) if body.matches("MEMORY_EXPORT").count() == 1 && body.contains(PLACE) => {
            Ok(body.replacen(PLACE, &format!("wasm.{memory}."), 1))
        }
        _ => Err(Fail::new(format!(
            "xtask/js/loader.js must start with a /* header */ and then hold `{PLACE}` once"
        ))),
    }
}

/// The JavaScript the stable scripts are made from, each with the esbuild format it is parsed
/// as: the loader is a module (top-level await, `import.meta`), the embedding script a classic
/// script. Relative to the project root.
const SCRIPTS: [(&str, &str); 2] =
    [("xtask/js/loader.js", "--format=esm"), ("xtask/js/embed.js", "--format=iife")];

/// Parses each of [`SCRIPTS`] with esbuild, its output thrown away: fails naming the file that
/// does not parse (esbuild's own message says where).
pub fn check_scripts() -> Result<(), Fail> {
    for (script, format) in SCRIPTS {
        let mut parse = tools::command(tools::esbuild());
        parse.arg(script).args([format, "--log-level=warning"]);
        let shown = command_line(&parse);
        say(&format!("$ {shown}"));
        let status = parse
            .current_dir(project_root())
            .stdout(Stdio::null())
            .status()
            .map_err(|e| Fail::new(format!("cannot start `{shown}`: {e}")))?;
        if !status.success() {
            return Err(Fail::new(format!(
                "{script} is not valid JavaScript: esbuild says where above (`{shown}` failed, {status})"
            )));
        }
    }
    Ok(())
}

/// Minifies `file` with esbuild, in place (`extra` for its kind of file).
fn minify_in_place(file: &Path, extra: &[&str]) -> Result<(), Fail> {
    run(tools::command(tools::esbuild())
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

    #[test]
    fn the_loader_is_shipped_as_written_with_the_names_in_place() {
        let names = |text: &str| {
            text.replace("{js}", "wemasy-auth-0123.js")
                .replace("{wasm}", "wemasy-auth-0123_bg.wasm")
                .replace("{css}", "widget-4567.css")
        };
        // What the loader was when it was a string in main.rs, names filled in: byte for byte.
        const SHIPPED: &str = r#"// Wemasy auth widget, as a module: `import { mount } from "…/wemasy-auth.js"`, or import it
// for the <wemasy-customer-password-change> and other elements. (A page that embeds the forms by
// HTML includes wemasy-auth-embed.js instead: its forms paint with the page.)
// The wasm first (compiled while it downloads; a server that does not say application/wasm gets
// the slower path), then the stylesheet and the glue code, all at once.
const wasmUrl = new URL("./wemasy-auth-0123_bg.wasm", import.meta.url);
const wasmModule = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
  fetch(wasmUrl).then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));
if (!document.querySelector("link[data-wemasy-css], link[rel=stylesheet][href$='wemasy-auth.css']")) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("./widget-4567.css", import.meta.url).href;
  css.dataset.wemasyCss = "";
  document.head.append(css);
}
const bindings = await import("./wemasy-auth-0123.js");
const wasm = await bindings.default({ module_or_path: await wasmModule });
export const mount = bindings.mount;
export const mountedCount = bindings.mountedCount;
// The size of the widget's WebAssembly memory in bytes: for diagnostics and the bench.
export const memoryBytes = () => wasm.f.buffer.byteLength;
"#;
        assert_eq!(names(&loader("f").unwrap()), SHIPPED);
    }
}
