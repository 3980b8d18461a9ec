//! Servers and a browser for one test: a dev-api of its own (fresh seed, own port) serving the
//! release bundle, and a chromedriver-driven headless Chromium.

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

/// How long any awaited condition may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);

pub struct Harness {
    pub base: String,
    pub browser: Client,
    _driver: Child,
    _stop_api: oneshot::Sender<()>,
}

fn dist_dir() -> PathBuf {
    match std::env::var_os("WEMASY_E2E_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => panic!("WEMASY_E2E_DIST is not set: run the end-to-end tests through `cargo xtask test`"),
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::start_with(dev_api::Options::default()).await
    }

    pub async fn start_with(mut options: dev_api::Options) -> Harness {
        let dist = dist_dir();
        assert!(dist.join("index.html").is_file(), "no release bundle in {}", dist.display());
        options.static_dir = Some(dist);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for dev-api");
        let base = format!("http://{}", listener.local_addr().expect("dev-api's address"));
        let (stop_api, stopped) = oneshot::channel::<()>();
        tokio::spawn(dev_api::serve(listener, options, async {
            let _ = stopped.await;
        }));

        let port = free_port();
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts (cargo xtask test installs it)");
        let browser = connect(port).await;
        Harness { base, browser, _driver: driver, _stop_api: stop_api }
    }

    /// Opens `path` on the test server.
    pub async fn open(&self, path: &str) {
        self.browser.goto(&format!("{}{path}", self.base)).await.expect("page opens");
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
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
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

    pub async fn local_storage(&self, key: &str) -> Option<String> {
        self.js("return localStorage.getItem(arguments[0]);", vec![json!(key)])
            .await
            .as_str()
            .map(str::to_owned)
    }

    pub async fn set_local_storage(&self, key: &str, value: &str) {
        self.js("localStorage.setItem(arguments[0], arguments[1]);", vec![json!(key), json!(value)]).await;
    }

    pub async fn finish(self) {
        let _ = self.browser.close().await;
    }
}

async fn connect(port: u16) -> Client {
    let args = [
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
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
    let deadline = Instant::now() + PATIENCE;
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let attempt = ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return client,
            Err(e) if Instant::now() > deadline => panic!("no browser session from chromedriver: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}
