//! Servers and a browser for one test: a dev-api of its own (fresh seed, own port) serving the
//! release bundle, and a browser driven through WebDriver: headless Chromium (chromedriver) unless
//! `WEMASY_BROWSER` names `firefox` (geckodriver, headless Firefox ESR) or `webkit`
//! (WebKitWebDriver and WebKitGTK's MiniBrowser, on the X display in `DISPLAY`).

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

/// A browser engine the suite runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    /// The engine `WEMASY_BROWSER` names; Chromium when it names none.
    pub fn current() -> Engine {
        match std::env::var("WEMASY_BROWSER").as_deref() {
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::Webkit,
            Ok("chromium") | Err(_) => Engine::Chromium,
            Ok(other) => panic!("WEMASY_BROWSER={other}: expected chromium, firefox or webkit"),
        }
    }

    /// Its WebDriver server, listening on `port`.
    fn driver(self, port: u16, launch: &Launch) -> Command {
        let (variable, default) = match self {
            Engine::Chromium => ("CHROMEDRIVER", "chromedriver"),
            Engine::Firefox => ("GECKODRIVER", "geckodriver"),
            Engine::Webkit => ("WEBKITWEBDRIVER", "WebKitWebDriver"),
        };
        let mut command = Command::new(std::env::var(variable).unwrap_or_else(|_| default.into()));
        command.arg(format!("--port={port}"));
        if self == Engine::Webkit && launch.scheme == Scheme::Dark {
            // WebKitGTK takes `prefers-color-scheme` from the GTK theme; MiniBrowser inherits the
            // driver's environment, and a `:dark` theme variant puts it in the dark scheme.
            command.env("GTK_THEME", "Adwaita:dark");
        }
        command
    }

    /// The session's capabilities.
    fn capabilities(self, launch: &Launch) -> serde_json::Map<String, Value> {
        let mut capabilities = serde_json::Map::new();
        if launch.eager {
            capabilities.insert("pageLoadStrategy".into(), json!("eager"));
        }
        match self {
            Engine::Chromium => {
                let mut args = vec![
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                    "--window-size=1024,900",
                ];
                args.extend_from_slice(launch.chromium_args);
                if launch.scheme == Scheme::Dark {
                    args.push("--force-dark-mode");
                }
                capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
            }
            Engine::Firefox => {
                capabilities.insert("browserName".into(), json!("firefox"));
                let mut options = json!({
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless", "-width=1024", "-height=900"],
                });
                if launch.scheme == Scheme::Dark {
                    // The scheme pages see, whatever the system's: 0 is dark.
                    options["prefs"] = json!({ "layout.css.prefers-color-scheme.content-override": 0 });
                }
                capabilities.insert("moz:firefoxOptions".into(), options);
            }
            Engine::Webkit => {
                capabilities.insert("browserName".into(), json!("MiniBrowser"));
                capabilities.insert(
                    "webkitgtk:browserOptions".into(),
                    json!({ "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "args": ["--automation"] }),
                );
            }
        }
        capabilities
    }
}

/// The colour scheme the browser reports to pages (`prefers-color-scheme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scheme {
    #[default]
    Light,
    Dark,
}

/// How the browser is started, beyond what every test needs.
#[derive(Default)]
pub struct Launch<'a> {
    /// Put in the dark scheme, in every engine.
    pub scheme: Scheme,
    /// Chromium's own switches (the benchmark's memory figures); other engines ignore them.
    pub chromium_args: &'a [&'a str],
    /// Navigations return once the document is parsed (`DOMContentLoaded`), not after every
    /// subresource: to act on a page while its scripts are still on their way.
    pub eager: bool,
}

/// How long any awaited condition may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);

pub struct Harness {
    pub base: String,
    pub browser: Client,
    _driver: Child,
    _stop_api: oneshot::Sender<()>,
    /// A server-rendered app in front of dev-api, when the test has one: stopped on drop.
    _app_server: Option<Child>,
}

/// A directory `cargo xtask test` names in the environment variable `name`.
pub fn dir_from_env(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(dir) => PathBuf::from(dir),
        None => panic!("{name} is not set: run the end-to-end tests through `cargo xtask test`"),
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::start_with(dev_api::Options::default()).await
    }

    /// [`Harness::start`] with the demo page open and the widget started in it.
    pub async fn start_on_demo_page() -> Harness {
        let harness = Harness::start().await;
        harness.open("/").await;
        harness.wait_for("the widget to start", "return !!window.wasmBindings;", vec![]).await;
        harness
    }

    pub async fn start_with(options: dev_api::Options) -> Harness {
        Harness::start_with_browser(options, &Launch::default()).await
    }

    /// With a browser started as `launch` says.
    pub async fn start_with_browser(options: dev_api::Options, launch: &Launch<'_>) -> Harness {
        let (base, stop_api) = spawn_api(options).await;
        let port = free_port();
        let driver = Engine::current()
            .driver(port, launch)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the WebDriver server starts (cargo xtask test installs it)");
        let browser = connect(port, launch).await;
        Harness { base, browser, _driver: driver, _stop_api: stop_api, _app_server: None }
    }

    /// Like [`Harness::start`], with the pages served by `server`, a server-rendered app that
    /// forwards `/api` to this test's dev-api: the page's origin is the app's. `server` is
    /// started with `env` and must print `listening on http://…` once it accepts connections.
    /// With `wasm_delay`, every `.wasm` the browser asks for comes that much later (through a
    /// proxy in front of the app), and navigations return once the HTML is parsed: the page as a
    /// visitor sees it before its wasm has arrived.
    pub async fn start_with_app_server(
        server: &std::path::Path,
        env: &[(&str, &std::ffi::OsStr)],
        wasm_delay: Option<Duration>,
    ) -> Harness {
        use tokio::io::AsyncBufReadExt;
        // Not in WebKit: WebKitWebDriver now and then never answers a script run while an
        // eagerly loaded page is still loading (seen in 1 of 3 runs, until its 300 s timeout).
        let eager = wasm_delay.is_some() && Engine::current() != Engine::Webkit;
        let launch = Launch { eager, ..Launch::default() };
        let mut harness = Harness::start_with_browser(dev_api::Options::default(), &launch).await;
        let mut app = Command::new(server)
            .env("WEMASY_API_ORIGIN", &harness.base)
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("{} starts: {e}", server.display()));
        let stdout = app.stdout.take().expect("the app server's output");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let first = tokio::time::timeout(PATIENCE, lines.next_line()).await;
        let line = match first {
            Ok(Ok(Some(line))) => line,
            other => panic!("{} did not say where it listens: {other:?}", server.display()),
        };
        let base =
            line.strip_prefix("listening on ").unwrap_or_else(|| panic!("unexpected first line: {line}"));
        harness.base = match wasm_delay {
            Some(delay) => delaying_proxy(base.to_owned(), delay).await,
            None => base.to_owned(),
        };
        harness._app_server = Some(app);
        harness
    }

    /// Like [`Harness::start_with`], with every `.wasm` the browser asks for held back by `delay`
    /// (through a proxy in front of dev-api): the page as a visitor sees it before its wasm has
    /// arrived. The wasm is fetched by script, which a page's `load` does not wait for, so
    /// navigations still return once the page has loaded.
    pub async fn start_with_wasm_delay(options: dev_api::Options, delay: Duration) -> Harness {
        let mut harness = Harness::start_with(options).await;
        harness.base = delaying_proxy(harness.base.clone(), delay).await;
        harness
    }

    /// Runs the Chrome DevTools Protocol command `cmd` with `params` (Chromium only; the bench's
    /// phone profile).
    #[allow(dead_code)]
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.browser.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Opens `path` on the test server and starts recording what the page logs.
    pub async fn open(&self, path: &str) {
        self.browser.goto(&format!("{}{path}", self.base)).await.expect("page opens");
        let script = r#"
            if (!window.__console) {
                window.__console = [];
                for (const level of ["error", "warn", "log", "info"]) {
                    const original = console[level];
                    console[level] = function (...args) {
                        window.__console.push(level + ": " + args.map(String).join(" "));
                        return original.apply(this, args);
                    };
                }
                addEventListener("error", (e) => window.__console.push("uncaught: " + e.message));
                addEventListener("unhandledrejection", (e) => window.__console.push("unhandled: " + String(e.reason)));
            }
        "#;
        self.js(script, vec![]).await;
    }

    /// Opens the demo page signed in: `token` stored under `key` before the widget starts.
    pub async fn open_signed_in(&self, key: &str, token: &str) {
        self.open("/").await;
        self.set_local_storage(key, token).await;
        self.open("/").await;
    }

    /// What the page logged since it was opened.
    pub async fn console(&self) -> Vec<String> {
        match self.js("return window.__console || [];", vec![]).await {
            Value::Array(lines) => {
                lines.into_iter().map(|l| l.as_str().unwrap_or_default().to_owned()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Runs `script` (a function body) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.browser.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an async `script` whose last argument is the callback that ends it.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.browser
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Asks `holds` every 100 ms until it says yes; fails the test after [`PATIENCE`].
    async fn wait_until(&self, what: &str, mut holds: impl AsyncFnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !holds().await {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the async `script` (its last argument the callback) calls back with `true`.
    pub async fn wait_for_async(&self, what: &str, script: &str) {
        self.wait_until(what, async || self.js_async(script, vec![]).await == json!(true)).await;
    }

    /// Returns once the page has run what it had queued: the next frame, then a task after it
    /// (a submit's request starts in a microtask, long before). For checking that something
    /// did not happen.
    pub async fn settle(&self) {
        let script = "const done = arguments[0]; requestAnimationFrame(() => setTimeout(() => done(true)));";
        self.js_async(script, vec![]).await;
    }

    /// Polls dev-api until `email` of `kind` (`customer` or `user`) signs in with `password`.
    pub async fn wait_until_password_is(&self, kind: &str, email: &str, password: &str) {
        let what = format!("the password of {email} to become {password:?}");
        self.wait_until(&what, async || self.sign_in_status(kind, email, password).await == 200).await;
    }

    /// Waits until `script` returns something truthy and returns it.
    pub async fn wait_for(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.js(script, args.clone()).await;
            let truthy = match &value {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return value;
            }
            if Instant::now() >= deadline {
                let page = self.js("return document.body ? document.body.innerText : '';", vec![]).await;
                let console = self.console().await;
                panic!(
                    "timed out waiting for {what}; the console said {console:?}; the page says:\n{}",
                    page.as_str().unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The page's cumulative layout shift so far: the sum of its layout shifts, leaving out those
    /// right after input, as the metric does.
    pub async fn layout_shift(&self) -> f64 {
        let script = r#"
            const done = arguments[arguments.length - 1];
            let total = 0;
            new PerformanceObserver((list) => {
                for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
            }).observe({ type: "layout-shift", buffered: true });
            setTimeout(() => done(total), 300);
        "#;
        self.js_async(script, vec![]).await.as_f64().expect("a number")
    }

    /// The HTTP status dev-api gives a change-password request carrying `token`.
    pub async fn status_with_token(&self, token: &str) -> u64 {
        let script = r#"
            const [token, done] = arguments;
            fetch("/api/services/webshop/v1/customer/password/change", {
                method: "POST",
                headers: { Authorization: "Bearer " + token, Accept: "application/json", "Content-Type": "application/json" },
                body: "{}",
            }).then((r) => done(r.status), () => done(0));
        "#;
        self.js_async(script, vec![json!(token)]).await.as_u64().expect("a status")
    }

    /// What dev-api's helper says when signing in as `kind` (`customer` or `user`): the HTTP status.
    pub async fn sign_in_status(&self, kind: &str, email: &str, password: &str) -> u64 {
        let script = r#"
            const [kind, email, password, done] = arguments;
            fetch("/api/__login", {
                method: "POST",
                headers: { Accept: "application/json", "Content-Type": "application/json" },
                body: JSON.stringify({ kind, email, password }),
            }).then((r) => done(r.status), () => done(0));
        "#;
        self.js_async(script, vec![json!(kind), json!(email), json!(password)])
            .await
            .as_u64()
            .expect("a status")
    }

    /// Every mail dev-api sent, newest first.
    pub async fn outbox(&self) -> Vec<Value> {
        let script = r#"
            const done = arguments[0];
            fetch("/api/__outbox").then((r) => r.json()).then((b) => done(b.mails), () => done(null));
        "#;
        match self.js_async(script, vec![]).await {
            Value::Array(mails) => mails,
            other => panic!("no outbox: {other}"),
        }
    }

    /// What dev-api's helper at `path` (`/api/__…`) answers, as JSON.
    pub async fn helper(&self, path: &str) -> Value {
        let script = r#"
            const [path, done] = arguments;
            fetch(path).then((r) => r.json()).then(done, (e) => done({ failed: String(e) }));
        "#;
        self.js_async(script, vec![json!(path)]).await
    }

    /// Every API request dev-api received since it started, as it saw them (`uri`,
    /// `authorization`, whether a `cookie` came, the `referer`).
    pub async fn api_requests(&self) -> Vec<Value> {
        match self.helper("/api/__requests").await {
            Value::Object(mut body) => match body.remove("requests") {
                Some(Value::Array(requests)) => requests,
                other => panic!("no request log: {other:?}"),
            },
            other => panic!("no request log: {other}"),
        }
    }

    /// Queues the answer dev-api gives to the next API request (see dev-api's `/api/__fault`).
    pub async fn next_answer(&self, fault: Value) {
        let script = r#"
            const [fault, done] = arguments;
            fetch("/api/__fault", { method: "POST", body: JSON.stringify(fault) }).then((r) => done(r.status));
        "#;
        assert_eq!(self.js_async(script, vec![fault]).await, json!(204));
    }

    /// From now on, remembers every widget event that reaches `document` (`window.__events`):
    /// its name without the prefix, its detail, and where it was dispatched (`document`, or the
    /// element's id or tag name).
    pub async fn record_events(&self) {
        let script = r#"
            window.__events = [];
            for (const name of ["success", "token-changed", "unauthenticated", "rate-limited", "error"]) {
                document.addEventListener("wemasy-auth:" + name, (e) => window.__events.push({
                    name, detail: e.detail,
                    at: e.target === document ? "document" : (e.target.id || e.target.tagName.toLowerCase()),
                }));
            }
        "#;
        self.js(script, vec![]).await;
    }

    /// The events recorded since [`Harness::record_events`].
    pub async fn events(&self) -> Vec<Value> {
        match self.js("return window.__events || null;", vec![]).await {
            Value::Array(events) => events,
            other => panic!("events were not recorded: {other}"),
        }
    }

    /// Signs the seeded customer in through dev-api (as the shop's own login would) and stores
    /// the token it gives, the way another tab would; returns the token.
    pub async fn sign_in_customer_elsewhere(&self, password: &str) -> String {
        let script = r#"
            const [password, done] = arguments;
            fetch("/api/__login", { method: "POST", body: JSON.stringify({ kind: "customer", email: "jane@example.com", password }) })
                .then((r) => r.json()).then((b) => { localStorage.setItem("wemasy.customer_token", b.data.token); done(b.data.token); }, () => done(null));
        "#;
        self.js_async(script, vec![json!(password)])
            .await
            .as_str()
            .expect("a token from the sign-in")
            .to_owned()
    }

    /// The Content-Security-Policy violations browsers reported to dev-api.
    pub async fn csp_reports(&self) -> Vec<Value> {
        match self.helper("/api/__csp").await {
            Value::Object(mut body) => match body.remove("reports") {
                Some(Value::Array(reports)) => reports,
                other => panic!("no CSP reports: {other:?}"),
            },
            other => panic!("no CSP reports: {other}"),
        }
    }

    /// The link of the newest mail to `to` whose `expired` flag is `expired`.
    pub async fn reset_link(&self, to: &str, expired: bool) -> String {
        self.outbox()
            .await
            .into_iter()
            .find(|mail| mail["to"] == to && mail["expired"] == expired && mail["link"].is_string())
            .and_then(|mail| mail["link"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no reset mail to {to} in the outbox"))
    }

    /// The page's address now.
    pub async fn address(&self) -> String {
        self.browser.current_url().await.expect("an address").to_string()
    }

    /// From now on, remembers every request the page sends (`window.__sent`), and whether it was
    /// aborted later: URL, Authorization
    /// header, referrer policy and credentials mode.
    pub async fn record_requests(&self) {
        let script = r#"
            window.__sent = [];
            const original = window.fetch;
            window.fetch = function (input, init) {
                // Read a Request as it is: copying it would use up its body.
                const request = input instanceof Request ? input : new Request(input, init);
                const sent = {
                    url: request.url,
                    authorization: request.headers.get("authorization"),
                    referrerPolicy: request.referrerPolicy,
                    credentials: request.credentials,
                    aborted: false,
                };
                request.signal.addEventListener("abort", () => { sent.aborted = true; });
                window.__sent.push(sent);
                // `window`, not `this`: Firefox runs WebDriver scripts with a `this` of their own,
                // and `fetch` refuses any receiver other than the window.
                return original.call(window, input, init);
            };
        "#;
        self.js(script, vec![]).await;
    }

    /// The requests to the API recorded since [`Harness::record_requests`] (the demo page's own
    /// calls to dev-api's `/api/__…` helpers left out).
    pub async fn sent_requests(&self) -> Vec<Value> {
        match self.js("return window.__sent || null;", vec![]).await {
            Value::Array(sent) => sent
                .into_iter()
                .filter(|r| !r["url"].as_str().unwrap_or_default().contains("/api/__"))
                .collect(),
            other => panic!("requests were not recorded: {other}"),
        }
    }

    /// Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the element matching `selector` and
    /// returns its violations, each as "rule: nodes".
    pub async fn axe(&self, selector: &str) -> Vec<String> {
        let loaded = self.js("return typeof window.axe === 'object';", vec![]).await;
        if loaded != Value::Bool(true) {
            let path = dir_from_env("WEMASY_AXE");
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("axe-core at {}: {e}", path.display()));
            self.js(&source, vec![]).await;
        }
        let script = r#"
            const [selector, done] = arguments;
            axe.run(document.querySelector(selector), {
                runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            }).then(
                (r) => done(r.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.html + " " + n.failureSummary).join(" | "))),
                (e) => done(["axe failed: " + e]),
            );
        "#;
        match self.js_async(script, vec![json!(selector)]).await {
            Value::Array(found) => {
                found.into_iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
            }
            other => vec![format!("axe gave no answer: {other}")],
        }
    }

    pub async fn local_storage(&self, key: &str) -> Option<String> {
        self.js("return localStorage.getItem(arguments[0]);", vec![json!(key)])
            .await
            .as_str()
            .map(str::to_owned)
    }

    /// Waits until storage holds under `key` something other than `old` (a fresh token), and
    /// returns it.
    pub async fn wait_for_token_other_than(&self, key: &str, old: &str) -> String {
        let script = "const t = localStorage.getItem(arguments[0]); return t !== arguments[1] ? t : null;";
        let found = self.wait_for("another token to be stored", script, vec![json!(key), json!(old)]).await;
        found.as_str().unwrap_or_default().to_owned()
    }

    pub async fn set_local_storage(&self, key: &str, value: &str) {
        self.js("localStorage.setItem(arguments[0], arguments[1]);", vec![json!(key), json!(value)]).await;
    }

    /// Ends the test, failing it if the page ever logged a panic or trapped (a wasm panic is a
    /// `RuntimeError: unreachable`).
    pub async fn finish(self) {
        let console = self.console().await;
        let _ = self.browser.close().await;
        let fatal: Vec<&String> = console
            .iter()
            .filter(|line| {
                let line = line.to_lowercase();
                line.contains("panicked") || line.contains("unreachable")
            })
            .collect();
        assert!(fatal.is_empty(), "the page panicked: {fatal:?}");
    }
}

/// A canned reset link's query: a reset form on a page opened with it shows its fields.
pub const ANY_RESET_LINK: &str = "?token=t&email=jane%40example.com";

/// The body of a layout-shift page: the form `name` (with `attributes` more), inside a
/// `<div class="{class}">` styled by `/theme.css` when `class` is given, and below it content that
/// fills the window, so that any change of the form's height moves it.
pub fn form_above_content(name: &str, attributes: &str, class: Option<&str>) -> String {
    let element = format!("<wemasy-{name} api-base=\"/api\" project-id=\"1\"{attributes}></wemasy-{name}>");
    let (theme, element) = match class {
        Some(class) => (
            "<link rel=\"stylesheet\" href=\"/theme.css\">\n",
            format!("<div class=\"{class}\">{element}</div>"),
        ),
        None => ("", element),
    };
    let below = "<p>Below the form.</p>\n".repeat(40);
    format!("{theme}<h1>{name}</h1>\n{element}\n{below}")
}

/// Writes pages that embed the bundle as the README recommends, the tags of `dist/head.html` in
/// their `<head>` (each `href` and `src` prefixed with `/dist/`, as a shop does), each
/// `(file name, body)` of `pages` into a directory of its own, which it returns (for
/// [`dev_api::Options::static_dir`]). A file not named `.html` is written as it is.
/// `first_in_head` goes before the tags.
pub fn pages_with_head_tags(first_in_head: &str, pages: &[(String, String)]) -> PathBuf {
    let tags = std::fs::read_to_string(dir_from_env("WEMASY_DIST").join("head.html"))
        .expect("dist/head.html (cargo xtask dist writes it)")
        .replace(" href=\"", " href=\"/dist/")
        .replace(" src=\"", " src=\"/dist/");
    pages_with_head(&format!("{first_in_head}{tags}"), pages)
}

/// The `<script>` a page adds for `lang`'s language file (README, Languages), with `dist/` served
/// at `/dist/`; nothing for a language the bundle carries.
pub fn language_script(lang: wemasy_auth_widget::Lang) -> String {
    if lang.in_bundle() {
        return String::new();
    }
    format!("<script src=\"/dist/wemasy-auth-{}.js\"></script>\n", lang.tag())
}

/// The README's default embedding, with `dist/` served at `/dist/`: names that never change.
pub const EMBEDDING: &str = "<script src=\"/dist/wemasy-auth-embed.js\"></script>\n\
                             <link rel=\"stylesheet\" href=\"/dist/wemasy-auth.css\">\n";

/// Like [`pages_with_head_tags`], with the README's default embedding ([`EMBEDDING`]).
pub fn pages_embedded(first_in_head: &str, pages: &[(String, String)]) -> PathBuf {
    pages_with_head(&format!("{first_in_head}{EMBEDDING}"), pages)
}

/// Writes `pages` as [`pages_with_head_tags`] says, with `head` in each page's `<head>`.
pub fn pages_with_head(head: &str, pages: &[(String, String)]) -> PathBuf {
    static WRITTEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let tags = head;
    let n = WRITTEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("wemasy-pages-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory for the pages");
    for (name, body) in pages {
        if !name.ends_with(".html") {
            std::fs::write(dir.join(name), body).expect("a file is written");
            continue;
        }
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{name}</title>\n{tags}</head>\n<body>\n{body}\n</body>\n</html>\n"
        );
        std::fs::write(dir.join(name), page).expect("a page is written");
    }
    dir
}

/// Starts a dev-api on a port of its own: the demo page's release build at `/` (unless `options`
/// names another directory), the embeddable bundle at `/dist`, the examples at `/examples`, as
/// a shop would serve them. Returns its base URL; it stops when the sender is dropped.
pub async fn spawn_api(mut options: dev_api::Options) -> (String, oneshot::Sender<()>) {
    if options.static_dir.is_none() {
        let demo = dir_from_env("WEMASY_E2E_DIST");
        assert!(demo.join("index.html").is_file(), "no release build of the demo in {}", demo.display());
        options.static_dir = Some(demo);
    }
    let dist = dir_from_env("WEMASY_DIST");
    assert!(dist.join("wemasy-auth.js").is_file(), "no embeddable bundle in {}", dist.display());
    options
        .mounted_dirs
        .extend([("/dist".into(), dist), ("/examples".into(), dir_from_env("WEMASY_EXAMPLES"))]);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for dev-api");
    let base = format!("http://{}", listener.local_addr().expect("dev-api's address"));
    let (stop_api, stopped) = oneshot::channel::<()>();
    tokio::spawn(dev_api::serve(listener, options, async {
        let _ = stopped.await;
    }));
    (base, stop_api)
}

/// A proxy in front of `upstream` that holds back every `.wasm` by `delay`; returns its base URL.
/// It runs until the test's runtime ends.
async fn delaying_proxy(upstream: String, delay: Duration) -> String {
    use axum::body::Body;
    use axum::extract::Request;
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    let client: Client<HttpConnector, Body> =
        Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let forward = move |request: Request| {
        let (client, upstream) = (client.clone(), upstream.clone());
        async move {
            if request.uri().path().ends_with(".wasm") {
                tokio::time::sleep(delay).await;
            }
            let (mut parts, body) = request.into_parts();
            let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
            parts.uri = format!("{upstream}{path}").parse().expect("a URI upstream");
            parts.headers.remove(header::HOST);
            match client.request(Request::from_parts(parts, body)).await {
                Ok(mut answer) => {
                    // Every load asks again, so every load waits.
                    answer
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
                    answer.map(Body::new).into_response()
                }
                Err(_) => StatusCode::BAD_GATEWAY.into_response(),
            }
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for the proxy");
    let base = format!("http://{}", listener.local_addr().expect("the proxy's address"));
    tokio::spawn(async move { axum::serve(listener, axum::Router::new().fallback(forward)).await });
    base
}

async fn connect(port: u16, launch: &Launch<'_>) -> Client {
    let engine = Engine::current();
    let capabilities = engine.capabilities(launch);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let attempt = ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => {
                if engine != Engine::Chromium {
                    let _ = client.set_window_size(1024, 900).await;
                }
                return client;
            }
            Err(e) if Instant::now() > deadline => {
                panic!("no {engine:?} session from its WebDriver server: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// A Chrome DevTools Protocol command, through chromedriver's own endpoint for them.
#[derive(Debug)]
#[allow(dead_code)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// What the dev-api at `base` answers to `GET path` (one of its `/api/__…` helpers), asked by the
/// test process itself: no page, so no `Origin`, as curl would ask. For a dev-api whose helpers
/// the test's pages may not use (another origin's).
#[allow(dead_code)]
pub async fn helper_at(base: &str, path: &str) -> Value {
    use axum::body::Body;
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    let client: Client<HttpConnector, Body> =
        Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let uri = format!("{base}{path}").parse().expect("a helper's URI");
    let answer = client.get(uri).await.unwrap_or_else(|e| panic!("{base}{path}: {e}"));
    let body = axum::body::to_bytes(Body::new(answer.into_body()), 16 << 20).await.expect("an answer");
    serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{base}{path} is not JSON: {e}"))
}
