//! The browser half of `cargo xtask bench`: start-up, keystroke and scale figures from headless
//! Chromium, written as JSON to `$WEMASY_BENCH_OUT`. The pages it loads are in `pages/`; the
//! bundle is `dist/`, served by dev-api exactly as the end-to-end tests serve it. `cargo xtask
//! bench` adds the transfer sizes and tool versions, checks the budgets and writes the report.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

// The end-to-end harness: a dev-api of its own and a fresh Chromium profile per `Harness`.
#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

use harness::{Harness, Launch};
use serde_json::{Value, json};
use std::path::PathBuf;
use wemasy_auth_widget::domain::spec::FormSpec;
use wemasy_auth_widget::forms;

/// Cold page loads per page (the issue asks for at least 20).
const COLD_LOADS: usize = 21;
/// Keystrokes timed (at least 200).
const KEYSTROKES: usize = 240;
/// Forms per page in the scale runs, and how often each is repeated.
const SCALES: [usize; 3] = [1, 10, 50];
const SCALE_RUNS: usize = 5;
/// Cold loads of each form's page for its layout shift (the worst counts).
const SHIFT_LOADS: usize = 3;

/// Cold loads per page in the phone profile (each takes about a second; 11 left the median
/// painted ratio wandering 1.04 to 1.12 between runs).
const PHONE_LOADS: usize = 21;

/// The start-up pages: the README's default embedding (the stable stylesheet and the embedding
/// script), the same with the optional head tags, the module loader alone (as a bundled app
/// loads the package), and the static page: the same form's markup with the widget's
/// stylesheet and no script at all.
const PAGES: [(&str, &str); 4] = [
    ("embedded", "/painted/widget.html"),
    ("with_head_tags", "/head/widget.html"),
    ("module_loader", "/module/widget.html"),
    ("static", "/static/widget.html"),
];

/// A mid-range phone as Chromium emulates one: 150 ms round trip, 1.6 Mbps down, 750 kbps up,
/// a CPU four times slower.
async fn emulate_phone(browser: &Harness) {
    let network = json!({
        "offline": false, "latency": 150,
        "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8,
    });
    browser.cdp("Network.enable", json!({})).await;
    browser.cdp("Network.emulateNetworkConditions", network).await;
    browser.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })).await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let out = PathBuf::from(
        std::env::var_os("WEMASY_BENCH_OUT").expect("WEMASY_BENCH_OUT: run `cargo xtask bench`"),
    );
    let pages = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bench/pages");
    let widget_body = "<h1>Change your password</h1>\n\
        <wemasy-customer-password-change username=\"jane@example.com\"></wemasy-customer-password-change>";
    // Inline: an external probe would be a blocking fetch of its own ahead of every page's
    // scripts, delaying a page that has one (the embedding script) more than the static page.
    let probe = &format!("<script>{}</script>\n", include_str!("pages/probe.js"));
    let widget_page = [("widget.html".to_owned(), widget_body.to_owned())];
    let with_tags = harness::pages_with_head_tags(probe, &widget_page);
    let embedded = harness::pages_embedded(probe, &widget_page);
    let module_loader = harness::pages_with_head(
        &format!("{probe}<script type=\"module\" src=\"/dist/wemasy-auth.js\"></script>\n"),
        &widget_page,
    );
    let shift_pages = harness::pages_embedded("", &shift_pages());
    let mut options = dev_api::Options {
        static_dir: Some(pages.clone()),
        mounted_dirs: vec![
            ("/head".into(), with_tags.clone()),
            ("/painted".into(), embedded.clone()),
            ("/module".into(), module_loader.clone()),
            ("/shift".into(), shift_pages.clone()),
        ],
        ..Default::default()
    };
    let browser = Harness::start_with(options.clone()).await;
    // The static page: the form's own markup, as the widget renders it, with its stylesheet.
    let markup = static_markup(&browser, options.clone()).await;
    let static_page = harness::pages_with_head(
        &format!("{probe}<link rel=\"stylesheet\" href=\"/dist/wemasy-auth.css\">\n"),
        &[("widget.html".to_owned(), format!("<h1>Change your password</h1>\n<div>{markup}</div>"))],
    );
    options.mounted_dirs.push(("/static".into(), static_page));
    let options = || options.clone();

    // Not counted: the browser's own first-use costs (its cache, its renderer), which a
    // visitor's browser has long paid.
    for (_, page) in PAGES {
        cold_load(&browser, options(), page).await;
    }
    eprintln!("bench: {COLD_LOADS} cold loads of each start-up page on loopback");
    let loopback = startup(&browser, options, COLD_LOADS).await;
    eprintln!("bench: layout shift of every form, {SHIFT_LOADS} cold loads each");
    let mut shifts = serde_json::Map::new();
    for spec in forms::ALL {
        let mut worst: f64 = 0.0;
        for _ in 0..SHIFT_LOADS {
            worst = worst.max(layout_shift(&browser, options(), spec).await);
        }
        shifts.insert(spec.name().to_owned(), json!(worst));
    }
    browser.finish().await;
    eprintln!("bench: {PHONE_LOADS} cold loads of each start-up page as a mid-range phone");
    let phone_browser = Harness::start_with(options()).await;
    emulate_phone(&phone_browser).await;
    for (_, page) in PAGES {
        cold_load(&phone_browser, options(), page).await;
    }
    let phone = startup(&phone_browser, options, PHONE_LOADS).await;
    phone_browser.finish().await;
    eprintln!("bench: {KEYSTROKES} keystrokes");
    let keystrokes = keystrokes(options()).await;
    eprintln!("bench: 1, 10 and 50 forms on a page");
    let mut scale = Vec::new();
    for forms in SCALES {
        scale.push(scale_run(options(), forms).await);
    }

    let report = json!({
        "startup": { "loopback": loopback, "phone": phone },
        "layout_shift": { "loads": SHIFT_LOADS, "embedding": "default", "worst_by_form": shifts },
        "keystroke_ms": stats(&keystrokes),
        "scale": scale,
        "browser": browser_version(options()).await,
    });
    std::fs::create_dir_all(out.parent().expect("a directory")).expect("the output directory");
    std::fs::write(&out, serde_json::to_string_pretty(&report).expect("JSON"))
        .expect("the figures are written");
    eprintln!("bench: browser figures in {}", out.display());
}

/// The markup of the live form (on the module loader's page), for the static page.
async fn static_markup(browser: &Harness, options: dev_api::Options) -> String {
    let (base, _stop) = harness::spawn_api(options).await;
    browser.browser.goto(&format!("{base}/widget.html")).await.expect("the page opens");
    let script = "return window.__bench.liveAt !== null && \
                  document.querySelector('wemasy-customer-password-change').innerHTML;";
    let markup = browser.wait_for("the live form", script, vec![]).await;
    browser.browser.goto("about:blank").await.expect("a blank page");
    markup.as_str().expect("markup").to_owned()
}

/// `loads` cold loads of each of [`PAGES`], alternating (so a drift in the machine's load
/// affects all alike): per page the form painted, live and the largest contentful paint, as
/// statistics, their ratios to the static page's form painted (medians and p95s), and the
/// medians of the stages on the way.
async fn startup(browser: &Harness, options: impl Fn() -> dev_api::Options, loads: usize) -> Value {
    let mut samples: Vec<Vec<Value>> = vec![Vec::new(); PAGES.len()];
    for _ in 0..loads {
        for (index, (_, page)) in PAGES.iter().enumerate() {
            samples[index].push(cold_load(browser, options(), page).await);
        }
    }
    let figures =
        |loads: &[Value], key: &str| -> Vec<f64> { loads.iter().filter_map(|l| l[key].as_f64()).collect() };
    let static_index = PAGES.len() - 1;
    let static_painted = stats(&figures(&samples[static_index], "painted"));
    let of_static = |at: &str| static_painted[at].as_f64().unwrap_or(f64::NAN);
    let mut by_page = serde_json::Map::new();
    for (index, (name, page)) in PAGES.iter().enumerate() {
        let loads = &samples[index];
        let (painted, live, lcp) = (
            stats(&figures(loads, "painted")),
            stats(&figures(loads, "live")),
            stats(&figures(loads, "lcp")),
        );
        let ratio = |of: &Value, at: &str| of[at].as_f64().unwrap_or(f64::NAN) / of_static(at);
        by_page.insert(
            (*name).to_owned(),
            json!({
                "page": page,
                "painted_ms": painted, "live_ms": live, "lcp_ms": lcp,
                "painted_ratio_median": ratio(&painted, "median"), "painted_ratio_p95": ratio(&painted, "p95"),
                "live_ratio_median": ratio(&live, "median"), "live_ratio_p95": ratio(&live, "p95"),
                "stages_ms": stage_medians(&loads.iter().map(|l| l["stages"].clone()).collect::<Vec<_>>()),
            }),
        );
    }
    json!({ "loads": loads, "pages": by_page })
}

/// One cold page load: the page comes from a server on a new port, so nothing it loads is in the
/// browser's HTTP or code cache. In milliseconds since navigation start: when the form was
/// first painted (the later of the first frame with its markup and the first contentful paint),
/// when it was live (a typed value handled, see `pages/probe.js`; for the static page, whose
/// typing the browser itself handles, its form painted), the largest contentful paint then, and
/// the stages on the way (see [`STAGES`]).
async fn cold_load(browser: &Harness, options: dev_api::Options, path: &str) -> Value {
    let (base, _stop) = harness::spawn_api(options).await;
    browser.browser.goto(&format!("{base}{path}")).await.expect("the page opens");
    let script = r#"
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        const bench = window.__bench;
        if (!paint || bench.paintedAt === null) return null;
        const entry = (suffix) => performance.getEntriesByType("resource").find((r) => r.name.endsWith(suffix));
        const loader = entry("/wemasy-auth-embed.js") || entry("/wemasy-auth.js");
        const wasm = entry(".wasm");
        const painted = Math.max(bench.paintedAt, paint.startTime);
        const scripted = !!document.querySelector("script[src*='wemasy-auth']");
        const live = scripted ? bench.liveAt : painted;
        if (live === null) return null;
        return {
            painted, live: Math.max(live, painted), lcp: bench.lcp,
            stages: {
                html: performance.getEntriesByType("navigation")[0].responseEnd,
                loader_asked: loader ? loader.startTime : null,
                loader: loader ? loader.responseEnd : null,
                wasm_asked: wasm ? wasm.startTime : null,
                wasm_sent: wasm ? wasm.responseStart : null,
                wasm: wasm ? wasm.responseEnd : null,
                loader_ran: bench.loaderRanAt,
                compiled: bench.compiledAt,
                defined: bench.definedAt,
                inputs: bench.inputsAt,
                paint: paint.startTime,
                painted,
                live,
            },
        };
    "#;
    let load = browser.wait_for(&format!("{path} to be live"), script, vec![]).await;
    browser.browser.goto("about:blank").await.expect("a blank page");
    load
}

/// For each form, a page with the default embedding, the form and content below it.
fn shift_pages() -> Vec<(String, String)> {
    forms::ALL
        .iter()
        .map(|spec| (format!("{}.html", spec.name()), harness::form_above_content(spec.name(), "", None)))
        .collect()
}

/// The cumulative layout shift of one cold load of `spec`'s page, once its form is there.
async fn layout_shift(browser: &Harness, options: dev_api::Options, spec: &FormSpec) -> f64 {
    let (base, _stop) = harness::spawn_api(options).await;
    // Reset forms with their link, so they show their fields.
    let page = format!("{base}/shift/{}.html{}", spec.name(), harness::ANY_RESET_LINK);
    browser.browser.goto(&page).await.expect("the page opens");
    // Once the wasm has taken the painted form over (its ids are no longer the embedding
    // script's): every change the live form could make is in the figure.
    let form = format!("wemasy-{} form input[id]", spec.name());
    let live = "const input = document.querySelector(arguments[0]); return !!input && !input.id.startsWith('wemasy-p');";
    browser.wait_for("the live form", live, vec![json!(form)]).await;
    let shift = browser.layout_shift().await;
    browser.browser.goto("about:blank").await.expect("a blank page");
    shift
}

/// The stages of a widget page's start-up: the page's HTML received, the loader (the embedding
/// script, or the module loader) asked for, received and running, the wasm asked for, its first
/// byte and its last byte received, the wasm compiled, the elements defined, the form's inputs
/// in the DOM, the first contentful paint, the form painted, the form live.
const STAGES: [&str; 13] = [
    "html",
    "loader_asked",
    "loader",
    "loader_ran",
    "wasm_asked",
    "wasm_sent",
    "wasm",
    "compiled",
    "defined",
    "inputs",
    "paint",
    "painted",
    "live",
];

/// The median of each stage over `loads`.
fn stage_medians(loads: &[Value]) -> Value {
    STAGES
        .iter()
        .map(|stage| {
            let times: Vec<f64> = loads.iter().filter_map(|load| load[stage].as_f64()).collect();
            (stage.to_string(), json!(median(&times)))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Milliseconds from a keystroke (an `input` event) to the widget's validation message changing
/// in the DOM, for each of [`KEYSTROKES`] keystrokes. Each one flips the new password between
/// too long and empty, so every keystroke changes the message.
async fn keystrokes(options: dev_api::Options) -> Vec<f64> {
    let harness = Harness::start_with(options).await;
    harness.open("/widget.html").await;
    harness.wait_for("the form", "return window.__bench && window.__bench.liveAt !== null;", vec![]).await;
    let script = r#"
        const [count, done] = arguments;
        const host = document.querySelector("wemasy-customer-password-change");
        const input = host.querySelector("input[name=password]");
        const values = ["", "x".repeat(192)];
        const samples = [];
        (async () => {
            for (let i = 0; i < count; i += 1) {
                samples.push(await new Promise((resolve) => {
                    let started = 0;
                    const changed = new MutationObserver(() => {
                        changed.disconnect();
                        clearTimeout(give_up);
                        resolve(performance.now() - started);
                    });
                    const give_up = setTimeout(() => { changed.disconnect(); resolve(null); }, 1000);
                    changed.observe(host, { subtree: true, childList: true, characterData: true, attributes: true });
                    input.value = values[i % 2];
                    started = performance.now();
                    input.dispatchEvent(new Event("input", { bubbles: true }));
                }));
            }
            done(samples);
        })();
    "#;
    let samples = harness.js_async(script, vec![json!(KEYSTROKES)]).await;
    harness.finish().await;
    let samples: Vec<Option<f64>> = samples.as_array().expect("samples").iter().map(Value::as_f64).collect();
    let missed = samples.iter().filter(|s| s.is_none()).count();
    assert_eq!(missed, 0, "{missed} keystrokes changed nothing on screen within a second");
    samples.into_iter().flatten().collect()
}

/// `forms` forms mounted on one page, [`SCALE_RUNS`] times in fresh profiles: mount time and
/// memory (JS heap and wasm memory) before and after, as medians.
async fn scale_run(options: dev_api::Options, forms: usize) -> Value {
    let mut runs = Vec::new();
    for _ in 0..SCALE_RUNS {
        let launch = Launch {
            chromium_args: &["--enable-precise-memory-info", "--js-flags=--expose-gc"],
            ..Launch::default()
        };
        let harness = Harness::start_with_browser(options.clone(), &launch).await;
        harness.open(&format!("/scale.html?forms={forms}")).await;
        let run = harness.wait_for("the forms to be mounted", "return window.__scale || null;", vec![]).await;
        harness.finish().await;
        assert_eq!(run["inputs"], json!(forms), "every form rendered: {run}");
        runs.push(run);
    }
    let median_of = |pick: &dyn Fn(&Value) -> f64| median(&runs.iter().map(pick).collect::<Vec<_>>());
    let number = |v: &Value| v.as_f64().unwrap_or(0.0);
    json!({
        "forms": forms,
        "runs": SCALE_RUNS,
        "mount_ms": median_of(&|r| number(&r["mountMs"])),
        "js_heap_before": median_of(&|r| number(&r["before"]["heap"])),
        "js_heap_after": median_of(&|r| number(&r["after"]["heap"])),
        "wasm_memory_before": median_of(&|r| number(&r["before"]["wasm"])),
        "wasm_memory_after": median_of(&|r| number(&r["after"]["wasm"])),
    })
}

async fn browser_version(options: dev_api::Options) -> String {
    let harness = Harness::start_with(options).await;
    harness.open("/static.html").await;
    let agent = harness.js("return navigator.userAgent;", vec![]).await;
    harness.finish().await;
    agent.as_str().unwrap_or_default().to_owned()
}

/// Median, p95 and the count of `samples` (nearest rank).
fn stats(samples: &[f64]) -> Value {
    json!({ "count": samples.len(), "median": percentile(samples, 50.0), "p95": percentile(samples, 95.0),
            "min": percentile(samples, 0.0), "max": percentile(samples, 100.0) })
}

fn median(samples: &[f64]) -> f64 {
    percentile(samples, 50.0)
}

fn percentile(samples: &[f64], p: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
