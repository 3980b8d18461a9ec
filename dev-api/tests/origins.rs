//! Who may use the `/api/__…` helpers, through a running dev-api: no `Origin` (curl, a test's own
//! client), dev-api's own origin, the browser's `Sec-Fetch-Site: same-origin` and the allow-list
//! may; any other origin gets 403 and no CORS headers, and what it asked for is not done. The
//! API itself answers every origin.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An origin a test adds to the default allow-list.
const ADDED: &str = "http://shop.localhost:3000";

/// A dev-api of its own, with [`ADDED`] allowed besides the default; its port.
async fn start() -> (u16, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut options = dev_api::Options::default();
    options.helper_origins.push(ADDED.to_owned());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(dev_api::serve(listener, options, async {
        let _ = stopped.await;
    }));
    (port, stop)
}

/// An answer: status, headers (names in lower case), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every `access-control-…` header.
    fn cors(&self) -> Vec<&(String, String)> {
        self.headers.iter().filter(|(n, _)| n.starts_with("access-control-")).collect()
    }
}

/// Sends `method path` to the dev-api on `port` with `headers` (`Host` among them, or
/// `127.0.0.1:port`) and `body`, over HTTP/1.1 as a browser would.
async fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("host")) {
        request.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .map(|line| line.split_once(": ").unwrap())
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
        .collect();
    Answer { status, headers, body: body.to_owned() }
}

/// Who asks, and whether the helpers answer them.
struct Row {
    who: &'static str,
    /// The request's headers; `{port}` stands for dev-api's port.
    headers: &'static [(&'static str, &'static str)],
    allowed: bool,
}

const ROWS: &[Row] = &[
    Row { who: "no Origin (curl, the harness's own client)", headers: &[], allowed: true },
    Row { who: "dev-api's own origin", headers: &[("Origin", "http://127.0.0.1:{port}")], allowed: true },
    Row {
        who: "its own origin by another loopback name",
        headers: &[("Host", "localhost:{port}"), ("Origin", "http://localhost:{port}")],
        allowed: true,
    },
    Row { who: "the demo under trunk serve", headers: &[("Origin", "http://127.0.0.1:8080")], allowed: true },
    Row {
        who: "the demo under trunk serve, as localhost",
        headers: &[
            ("Host", "127.0.0.1"),
            ("Origin", "http://localhost:8080"),
            ("X-Forwarded-Host", "localhost:8080"),
        ],
        allowed: true,
    },
    Row { who: "an origin the test added", headers: &[("Origin", ADDED)], allowed: true },
    Row {
        who: "a page behind a proxy that replaced the Host (the browser says same-origin)",
        headers: &[("Origin", "http://127.0.0.1:9"), ("Sec-Fetch-Site", "same-origin")],
        allowed: true,
    },
    Row {
        who: "a no-referrer page's own POST (Origin: null, but same-origin)",
        headers: &[("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
        allowed: true,
    },
    Row {
        who: "a site on the internet",
        headers: &[("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")],
        allowed: false,
    },
    Row {
        who: "a site, from an old browser",
        headers: &[("Origin", "https://evil.example")],
        allowed: false,
    },
    Row {
        who: "another port on this machine",
        headers: &[("Origin", "http://127.0.0.1:3000"), ("Sec-Fetch-Site", "same-site")],
        allowed: false,
    },
    Row {
        who: "the same server under another name",
        headers: &[("Origin", "http://localhost:{port}"), ("Sec-Fetch-Site", "cross-site")],
        allowed: false,
    },
    Row {
        who: "an opaque origin (sandboxed frame, data: page)",
        headers: &[("Origin", "null")],
        allowed: false,
    },
    Row {
        who: "an allowed origin but https",
        headers: &[("Origin", "https://127.0.0.1:8080")],
        allowed: false,
    },
    Row {
        who: "a rebinding page (its name points at 127.0.0.1)",
        headers: &[("Host", "evil.example:{port}"), ("Sec-Fetch-Site", "same-origin")],
        allowed: false,
    },
    Row {
        who: "a rebinding page's POST",
        headers: &[("Host", "evil.example:{port}"), ("Origin", "http://evil.example:{port}")],
        allowed: false,
    },
];

fn headers_of(row: &Row, port: u16) -> Vec<(&'static str, String)> {
    row.headers.iter().map(|(name, value)| (*name, value.replace("{port}", &port.to_string()))).collect()
}

fn borrowed<'a>(headers: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    headers.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

#[tokio::test]
async fn the_helpers_answer_only_their_own_origin_and_the_allow_list_and_the_api_answers_all() {
    let (port, _stop) = start().await;
    for row in ROWS {
        let owned = headers_of(row, port);
        let headers = borrowed(&owned);
        let origin = owned.iter().find(|(name, _)| *name == "Origin").map(|(_, value)| value.as_str());
        let who = row.who;

        // A helper that reads: the log of every token the API received.
        let read = send(port, "GET", "/api/__requests", &headers, "").await;
        if row.allowed {
            assert_eq!(read.status, 200, "{who}: {}", read.body);
            assert!(read.body.starts_with("{\"requests\":"), "{who}: {}", read.body);
            // By name, never `*`; none at all without an Origin.
            assert_eq!(read.header("access-control-allow-origin"), origin, "{who}");
        } else {
            assert_eq!(read.status, 403, "{who}: {}", read.body);
            assert!(read.body.contains("answer only the demo page's own origin"), "{who}: {}", read.body);
            assert!(!read.body.contains("requests\""), "{who}: {}", read.body);
            assert_eq!(read.cors(), Vec::<&(String, String)>::new(), "{who}");
        }

        // Its preflight.
        let mut preflight = headers.clone();
        preflight.extend([
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ]);
        let asked = send(port, "OPTIONS", "/api/__login", &preflight, "").await;
        if row.allowed && origin.is_some() {
            assert_eq!(asked.status, 200, "{who}: {}", asked.body);
            assert_eq!(asked.header("access-control-allow-origin"), origin, "{who}");
            assert!(
                asked.header("access-control-allow-methods").is_some_and(|m| m.contains("POST")),
                "{who}"
            );
        } else if !row.allowed {
            assert_eq!(asked.status, 403, "{who}");
            assert_eq!(asked.cors(), Vec::<&(String, String)>::new(), "{who}");
        }

        // A helper that acts, sent as a "simple" request (no preflight in a browser): refused
        // before it acts, so no token is issued.
        let login =
            r#"{"kind":"customer","email":"jane@example.com","password":"correct-horse-battery-staple"}"#;
        let mut simple = headers.clone();
        simple.push(("Content-Type", "text/plain;charset=UTF-8"));
        let signed_in = send(port, "POST", "/api/__login", &simple, login).await;
        assert_eq!(signed_in.status, if row.allowed { 200 } else { 403 }, "{who}: {}", signed_in.body);
        assert_eq!(signed_in.body.contains("\"token\""), row.allowed, "{who}: {}", signed_in.body);

        // The API: every origin, `*`, and the headers the widget reads exposed. (Its rules on
        // `Host` are not the helpers'.)
        let mut json = headers.clone();
        json.extend([("Content-Type", "application/json"), ("Accept", "application/json")]);
        let api = send(port, "POST", "/api/v1/reset-password", &json, "{}").await;
        assert_eq!(api.status, 422, "{who}: {}", api.body);
        let exposed = api.header("access-control-expose-headers").unwrap_or_default();
        if origin.is_some() {
            assert_eq!(api.header("access-control-allow-origin"), Some("*"), "{who}");
            assert!(
                exposed.contains("retry-after") && exposed.contains("x-ratelimit-remaining"),
                "{who}: {exposed}"
            );
            let asked = send(port, "OPTIONS", "/api/v1/reset-password", &preflight, "").await;
            assert_eq!(asked.status, 200, "{who}");
            assert_eq!(asked.header("access-control-allow-origin"), Some("*"), "{who}");
        }
    }

    // The refused logins issued no token: the next one is the seed's three plus one per
    // allowed row.
    let allowed = ROWS.iter().filter(|row| row.allowed).count();
    let login = r#"{"kind":"customer","email":"jane@example.com","password":"correct-horse-battery-staple"}"#;
    let next = send(port, "POST", "/api/__login", &[], login).await;
    let id = 4 + allowed;
    assert!(next.body.contains(&format!("\"token\":\"{id}|")), "{}", next.body);

    // Every refusal is on record (method, path, Origin), for the tests to see.
    let log = send(port, "GET", "/api/__requests", &[], "").await;
    let log: serde_json::Value = serde_json::from_str(&log.body).unwrap();
    let refused = log["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 3 * ROWS.iter().filter(|row| !row.allowed).count(), "{refused:?}");
    assert!(refused.contains(
        &serde_json::json!({ "method": "POST", "uri": "/__login", "origin": "https://evil.example" })
    ));
}

#[tokio::test]
async fn a_refused_origin_cannot_break_or_reset_the_api() {
    let (port, _stop) = start().await;
    let evil: &[(&str, &str)] = &[("Origin", "https://evil.example"), ("Content-Type", "text/plain")];
    let fault = r#"{"status": 503, "body": "broken by another site"}"#;
    assert_eq!(send(port, "POST", "/api/__fault", evil, fault).await.status, 403);
    // A fault the developer queued stays queued: another site cannot reset dev-api either.
    let own: &[(&str, &str)] = &[("Origin", &format!("http://127.0.0.1:{port}"))];
    assert_eq!(send(port, "POST", "/api/__fault", own, r#"{"status": 418}"#).await.status, 204);
    assert_eq!(send(port, "POST", "/api/__reset", evil, "").await.status, 403);
    let json = [("Content-Type", "application/json"), ("Accept", "application/json")];
    assert_eq!(send(port, "POST", "/api/v1/reset-password", &json, "{}").await.status, 418);
    assert_eq!(send(port, "POST", "/api/v1/reset-password", &json, "{}").await.status, 422);
}
