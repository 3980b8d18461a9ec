//! `cargo xtask bench`: what a shop's visitor pays for the widget, in one report.
//!
//! Builds the embeddable bundle, measures its transfer size, runs the browser half
//! (`tests/bench`: start-up, keystrokes, scale) in headless Chromium, and writes
//! `target/bench/report.md` and `report.json` with the tool versions and the machine. Fails when
//! a budget is exceeded. `cargo xtask test` runs only the size check ([`check_size`]).

// `value["key"]` on a serde_json `Value` gives `Null` for anything missing; it cannot panic.
#![allow(clippy::indexing_slicing)]

use crate::dist::{self, BUNDLE_PREFIX, DIST, EMBED_SCRIPT, STABLE_CSS};
use crate::files::files_under;
use crate::process::{Fail, cargo, project_root, run, say};
use crate::tools;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

/// The budget for everything a page loads for one form, brotli -q 11 (1 KB = 1000 bytes).
/// Issue 17 re-aimed it from 60 KB at what was measured to be within reach with every feature.
pub const SIZE_BUDGET: u64 = 70_000;
/// What `cargo xtask test` enforces: the current size plus a little, so that growth is caught
/// when it happens. Lower it with every saving. 68,178 B today, for what the README's default
/// embedding loads: painting the forms with the page added 1,497 B (the embedding script,
/// 2,016 B with every form's markup and words, in place of the 571 B module loader; 54 B in
/// the glue's snippet that hands the painted forms to the wasm); issue 26's refusal paragraph
/// for the custom elements and the entrances' reshuffle 71 B more; the embedding script's review
/// fixes (mounting what it did not paint, no held submission through a hidden button, a
/// background tab's start) 90 B more. 69,518 B with the languages (issue 27): German and French
/// are files of their own (about 1,450 B each), but choosing the words costs an English page
/// 1,340 B, all in the wasm (language tags, reading a language file, judging a page's catalog,
/// the console's sentences).
pub const SIZE_CEILING_NIGHTLY: u64 = 69_600;
/// The same on stable Rust (no `-Zbuild-std`), when no nightly toolchain is installed (78,274 B
/// before the embedding script, so about 79,800 B).
pub const SIZE_CEILING_STABLE: u64 = 80_200;
/// The form painted on the page with the README's default embedding, over the static page with
/// the same form's markup and the widget's stylesheet (medians), in both profiles: it paints
/// with the page.
const PAINTED_RATIO_BUDGET: f64 = 1.1;
/// The form live (a typed value handled) with the default embedding, over the static page's
/// form painted (medians), on loopback.
const LIVE_RATIO_BUDGET: f64 = 1.6;
/// Cumulative layout shift of a page with one form and the default embedding, the worst form.
const LAYOUT_SHIFT_BUDGET: f64 = 0.0;
/// Keystroke to validation message, p95, milliseconds.
const KEYSTROKE_P95_BUDGET_MS: f64 = 1.0;
/// 50 forms against 10 may cost at most 5 × this much (time to mount, memory added).
const LINEARITY_SLACK: f64 = 1.5;

/// One file a page loads for a form, with its sizes.
struct Transfer {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// The files a page embedding one form as the README says loads, from `dist`: the embedding
/// script and the stable stylesheet, the glue and its imports, the wasm. Sizes from the `.gz`
/// (gzip -9) and `.br` (brotli -q 11) files `cargo xtask dist` writes beside each.
fn transfer(dist: &Path) -> Result<Vec<Transfer>, Fail> {
    let mut names = vec![EMBED_SCRIPT.to_owned(), STABLE_CSS.to_owned()];
    let top =
        std::fs::read_dir(dist).map_err(|e| Fail::new(format!("cannot read {}: {e}", dist.display())))?;
    let mut hashed: Vec<String> = top
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(BUNDLE_PREFIX) && !names.contains(name))
        // A page in English loads none.
        .filter(|name| dist::language_of_file(name).is_none())
        .filter(|name| name.ends_with(".js") || name.ends_with(".wasm"))
        .collect();
    hashed.sort();
    names.extend(hashed);
    names.extend(files_under(dist, "snippets")?.into_iter().filter(|n| n.ends_with(".js")));
    let size = |name: &str| std::fs::metadata(dist.join(name)).map(|m| m.len());
    names
        .into_iter()
        .map(|name| {
            let missing = |e: std::io::Error| Fail::new(format!("{name}: {e} (run `cargo xtask dist`)"));
            Ok(Transfer {
                raw: size(&name).map_err(missing)?,
                gzip: size(&format!("{name}.gz")).map_err(missing)?,
                brotli: size(&format!("{name}.br")).map_err(missing)?,
                name,
            })
        })
        .collect()
}

/// Fails when the bundle in `dist` outgrew the ceiling; says where it stands against the budget.
pub fn check_size(dist: &Path, nightly: bool) -> Result<(), Fail> {
    let files = transfer(dist)?;
    say("what a page loads for one form (bytes): raw / gzip -9 / brotli -q 11");
    for file in &files {
        say(&format!("  {}: {} / {} / {}", file.name, file.raw, file.gzip, file.brotli));
    }
    let total: u64 = files.iter().map(|f| f.brotli).sum();
    let ceiling = if nightly { SIZE_CEILING_NIGHTLY } else { SIZE_CEILING_STABLE };
    say(&format!(
        "  total brotli {total} bytes: ceiling {ceiling} ({}), budget {SIZE_BUDGET} ({})",
        if total <= ceiling { "holds" } else { "EXCEEDED" },
        if total <= SIZE_BUDGET { "met" } else { "not met yet" }
    ));
    if total > ceiling {
        return Err(Fail::new(format!(
            "the bundle grew: {total} bytes brotli for one form, over the ceiling of {ceiling}"
        )));
    }
    Ok(())
}

pub fn bench() -> Result<(), Fail> {
    tools::ensure_all()?;
    let nightly = dist::dist()?;
    let root = project_root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| Fail::new(format!("cannot create {}: {e}", out.display())))?;
    let browser_json = out.join("browser.json");
    run(Command::new(cargo())
        .args(["test", "--package", "wemasy-auth-widget", "--test", "bench"])
        .current_dir(&root)
        .env("PATH", tools::path_env())
        .env("WEMASY_BENCH_OUT", &browser_json)
        .env("WEMASY_DIST", root.join(DIST))
        .env("WEMASY_EXAMPLES", root.join("examples"))
        .env("CHROMEDRIVER", "chromedriver"))?;
    let browser: Value = std::fs::read_to_string(&browser_json)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| Fail::new(format!("no browser figures in {}", browser_json.display())))?;

    let files = transfer(&root.join(DIST))?;
    let total = |pick: fn(&Transfer) -> u64| files.iter().map(pick).sum::<u64>();
    let (raw, gzip, brotli) = (total(|f| f.raw), total(|f| f.gzip), total(|f| f.brotli));
    let number = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let embedded = |profile: &str, key: &str| number(&browser["startup"][profile]["pages"]["embedded"][key]);
    let worst_shift = browser["layout_shift"]["worst_by_form"]
        .as_object()
        .map(|by_form| by_form.values().map(number).fold(0.0, f64::max))
        .unwrap_or(f64::NAN);
    let keystroke_p95 = number(&browser["keystroke_ms"]["p95"]);
    let scale = browser["scale"].as_array().cloned().unwrap_or_default();
    let at = |forms: u64| scale.iter().find(|s| s["forms"] == json!(forms)).cloned().unwrap_or(Value::Null);
    let (ten, fifty) = (at(10), at(50));
    let added = |s: &Value| {
        number(&s["js_heap_after"]) - number(&s["js_heap_before"]) + number(&s["wasm_memory_after"])
            - number(&s["wasm_memory_before"])
    };
    let time_growth = number(&fifty["mount_ms"]) / number(&ten["mount_ms"]);
    let memory_growth = added(&fifty) / added(&ten);
    let linear_limit = 5.0 * LINEARITY_SLACK;

    let budgets = vec![
        budget(
            "transfer for one form, brotli",
            brotli as f64 <= SIZE_BUDGET as f64,
            format!("{brotli} B"),
            format!("≤ {SIZE_BUDGET} B"),
        ),
        budget(
            "form painted, default embedding / static page, loopback (medians)",
            embedded("loopback", "painted_ratio_median") <= PAINTED_RATIO_BUDGET,
            format!("{:.2}", embedded("loopback", "painted_ratio_median")),
            format!("≤ {PAINTED_RATIO_BUDGET}"),
        ),
        budget(
            "form painted, default embedding / static page, mid-range phone (medians)",
            embedded("phone", "painted_ratio_median") <= PAINTED_RATIO_BUDGET,
            format!("{:.2}", embedded("phone", "painted_ratio_median")),
            format!("≤ {PAINTED_RATIO_BUDGET}"),
        ),
        budget(
            "form live, default embedding / static page's form painted, loopback (medians)",
            embedded("loopback", "live_ratio_median") <= LIVE_RATIO_BUDGET,
            format!("{:.2}", embedded("loopback", "live_ratio_median")),
            format!("≤ {LIVE_RATIO_BUDGET}"),
        ),
        budget(
            "cumulative layout shift, default embedding, worst form",
            worst_shift <= LAYOUT_SHIFT_BUDGET,
            format!("{worst_shift:.4}"),
            format!("{LAYOUT_SHIFT_BUDGET}"),
        ),
        budget(
            "keystroke → message, p95",
            keystroke_p95 <= KEYSTROKE_P95_BUDGET_MS,
            format!("{keystroke_p95:.2} ms"),
            format!("≤ {KEYSTROKE_P95_BUDGET_MS} ms"),
        ),
        budget(
            "mount time, 50 forms / 10 forms",
            time_growth <= linear_limit,
            format!("{time_growth:.2}"),
            format!("≤ {linear_limit} (linear: 5)"),
        ),
        budget(
            "memory added, 50 forms / 10 forms",
            memory_growth <= linear_limit,
            format!("{memory_growth:.2}"),
            format!("≤ {linear_limit} (linear: 5)"),
        ),
    ];
    let machine = machine(nightly);
    let report = json!({
        "transfer": {
            "files": files.iter().map(|f| json!({ "name": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli })).collect::<Vec<_>>(),
            "total": { "raw": raw, "gzip": gzip, "brotli": brotli },
        },
        "browser": browser,
        "budgets": budgets,
        "machine": machine,
    });
    let markdown = markdown(&report);
    let write = |name: &str, text: &str| {
        std::fs::write(out.join(name), text).map_err(|e| Fail::new(format!("cannot write {name}: {e}")))
    };
    write("report.json", &serde_json::to_string_pretty(&report).unwrap_or_default())?;
    write("report.md", &markdown)?;
    println!("{markdown}");
    say(&format!("report in {}", out.join("report.md").display()));
    let missed: Vec<&str> = report["budgets"]
        .as_array()
        .map(|all| {
            all.iter().filter(|b| b["met"] != json!(true)).filter_map(|b| b["what"].as_str()).collect()
        })
        .unwrap_or_default();
    if missed.is_empty() { Ok(()) } else { Err(Fail::new(format!("budgets not met: {}", missed.join("; ")))) }
}

fn budget(what: &str, met: bool, measured: String, limit: String) -> Value {
    json!({ "what": what, "met": met, "measured": measured, "budget": limit })
}

/// The tool versions and the machine, so figures can be compared.
fn machine(nightly: bool) -> Value {
    let version = |program: &str, arg: &str| tools::version_line(Path::new(program), arg);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let rustc = if nightly { version_nightly() } else { version("rustc", "-V") };
    json!({
        "cores": std::thread::available_parallelism().map(usize::from).unwrap_or(0),
        "cpu": cpu,
        "rustc (bundle)": rustc.trim(),
        "bundle built with": if nightly { "nightly, -Zbuild-std, panic=immediate-abort" } else { "stable" },
        "trunk": version("trunk", "--version"),
        "wasm-bindgen": version("wasm-bindgen", "--version"),
        "wasm-opt": version("wasm-opt", "--version"),
        "esbuild": tools::version_line(&tools::esbuild(), "--version"),
        "chromium": version("chromium", "--version"),
        "chromedriver": version("chromedriver", "--version"),
    })
}

fn version_nightly() -> String {
    Command::new("rustup")
        .args(["run", "nightly", "rustc", "-V"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// The report for people: what each figure is, next to its budget and the competitors' anchors.
fn markdown(report: &Value) -> String {
    let mut md = String::from("# Wemasy auth widget: benchmark\n\n## Transfer for one form\n\n");
    md.push_str("| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n");
    for file in report["transfer"]["files"].as_array().into_iter().flatten() {
        md.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            text(&file["name"]),
            file["raw"],
            file["gzip"],
            file["brotli"]
        ));
    }
    let total = &report["transfer"]["total"];
    md.push_str(&format!(
        "| **total** | **{}** | **{}** | **{}** |\n\n",
        total["raw"], total["gzip"], total["brotli"]
    ));
    md.push_str("Anchors (gzip, whole widget): FirebaseUI about 54–60 KB, Auth0 Lock about 200 KB, Clerk about 252 KB.\n\n");

    let b = &report["browser"];
    let ms = |v: &Value| format!("{:.1} ms", v.as_f64().unwrap_or(f64::NAN));
    let pages = [
        ("embedded", "the default embedding (`wemasy-auth.css`, `wemasy-auth-embed.js`)"),
        ("with_head_tags", "with the tags of `dist/head.html`"),
        ("module_loader", "the module loader alone (`wemasy-auth.js`, as a bundled app loads the package)"),
        ("static", "static HTML: the same form's markup and stylesheet, no script"),
    ];
    for (profile, title) in [
        ("loopback", "loopback"),
        ("phone", "a mid-range phone (Chromium's emulation: 150 ms RTT, 1.6 Mbps down, 750 kbps up, 4× CPU)"),
    ] {
        let st = &b["startup"][profile];
        md.push_str(&format!(
            "## Start-up on {title} ({} cold loads each, headless Chromium)\n\nMilliseconds since navigation start \
             (medians, p95 in brackets): the form painted (the later of the first frame with its markup and the \
             first contentful paint), live (a typed value handled), and the largest contentful paint. Ratios are \
             over the static page's form painted. Every load comes from a new origin, so nothing is cached.\n\n\
             | page | painted | × static | live | × static | LCP |\n|---|---:|---:|---:|---:|---:|\n",
            st["loads"]
        ));
        for (key, what) in pages {
            let p = &st["pages"][key];
            let both = |name: &str| format!("{} ({})", ms(&p[name]["median"]), ms(&p[name]["p95"]));
            let ratio = |name: &str| p[name].as_f64().unwrap_or(f64::NAN);
            md.push_str(&format!(
                "| {what} | {} | {:.2} | {} | {:.2} | {} |\n",
                both("painted_ms"),
                ratio("painted_ratio_median"),
                both("live_ms"),
                ratio("live_ratio_median"),
                both("lcp_ms"),
            ));
        }
        let stage = |name: &str| ms(&st["pages"]["embedded"]["stages_ms"][name]);
        md.push_str(&format!(
            "\nWhere the time goes with the default embedding (medians): the page's HTML received {}, the \
             embedding script asked for {}, received {} and running {}, the wasm asked for {}, its first byte {}, its last \
             byte {}, compiled {}, the elements defined {}, the form's inputs in the DOM {}, first paint {}, the form \
             painted {}, live {}.\n\n",
            stage("html"), stage("loader_asked"), stage("loader"), stage("loader_ran"), stage("wasm_asked"), stage("wasm_sent"), stage("wasm"),
            stage("compiled"), stage("defined"), stage("inputs"), stage("paint"), stage("painted"), stage("live"),
        ));
    }
    md.push_str(&format!(
        "## Layout shift ({} cold loads of each form's page with the default embedding, the worst)\n\n| form | CLS |\n|---|---:|\n",
        b["layout_shift"]["loads"]
    ));
    for (form, shift) in b["layout_shift"]["worst_by_form"].as_object().into_iter().flatten() {
        md.push_str(&format!("| `{form}` | {:.4} |\n", shift.as_f64().unwrap_or(f64::NAN)));
    }
    md.push('\n');
    md.push_str(&format!(
        "## Keystroke → validation message ({} keystrokes)\n\np50 {}, p95 {}, max {} (from the `input` event to the DOM change, `performance.now()`).\n\n",
        b["keystroke_ms"]["count"], ms(&b["keystroke_ms"]["median"]), ms(&b["keystroke_ms"]["p95"]), ms(&b["keystroke_ms"]["max"]),
    ));
    md.push_str("## Scale (one bundle, many forms; medians of 5 page loads)\n\n| forms | mount | JS heap after | wasm memory after |\n|---:|---:|---:|---:|\n");
    for s in b["scale"].as_array().into_iter().flatten() {
        md.push_str(&format!(
            "| {} | {} | {:.0} KB | {:.0} KB |\n",
            s["forms"],
            ms(&s["mount_ms"]),
            s["js_heap_after"].as_f64().unwrap_or(0.0) / 1000.0,
            s["wasm_memory_after"].as_f64().unwrap_or(0.0) / 1000.0,
        ));
    }
    md.push_str("\n## Budgets\n\n| budget | measured | limit | |\n|---|---:|---:|---|\n");
    for budget in report["budgets"].as_array().into_iter().flatten() {
        let met = if budget["met"] == json!(true) { "met" } else { "**not met**" };
        md.push_str(&format!(
            "| {} | {} | {} | {met} |\n",
            text(&budget["what"]),
            text(&budget["measured"]),
            text(&budget["budget"])
        ));
    }
    md.push_str("\n## Machine and tools\n\n");
    if let Some(machine) = report["machine"].as_object() {
        for (key, value) in machine {
            md.push_str(&format!(
                "- {key}: {}\n",
                value.as_str().map_or_else(|| value.to_string(), str::to_owned)
            ));
        }
    }
    md.push_str(&format!("- browser: {}\n", text(&b["browser"])));
    md
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}
