//! Helpers for the demo page and the tests, under `/api/__…`. They do not exist in the real API.
//!
//! They hand out the seeded accounts' passwords and tokens, sign in, reset and break the API, and
//! show every token the API received: a page on another origin must not use them. [`guard`]
//! answers only the demo page's own origin, an allow-list ([`crate::Options::helper_origins`])
//! and clients that are not a browser's page (no `Origin`: curl, a test's own HTTP client).

use crate::App;
use crate::laravel::Input;
use crate::store::{self, Owner, Store};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

/// The origins, besides dev-api's own, whose pages may use the helpers unless told otherwise:
/// the demo page under `trunk serve` (`cargo xtask dev`), whose proxy forwards the page's
/// `Origin` and replaces the `Host`.
pub const DEMO_ORIGINS: [&str; 2] = ["http://127.0.0.1:8080", "http://localhost:8080"];

/// Why a request with `headers` may not use the helpers, or `None` when it may:
///
/// - It must be addressed to a loopback name (`Host` 127.0.0.1, `localhost`, `[::1]`, any port):
///   a page whose own name was made to point at 127.0.0.1 (DNS rebinding) is refused even though
///   it is same-origin with what it reaches.
/// - The browser's own word that the request comes from the page's origin
///   (`Sec-Fetch-Site: same-origin`) is enough: that is dev-api's own page, or the page of a
///   proxy in front of it (which may replace the `Host`; and a form posted from a
///   `no-referrer` page says `Origin: null` even to its own origin).
/// - No `Origin` at all is not a page's cross-origin fetch or form (those always send one):
///   curl, a test's own client, a link the developer followed.
/// - Otherwise the `Origin` must be dev-api's own (`http://` and the `Host`) or one of
///   `allowed`. `null` (a sandboxed frame, a `data:` page, a form on a `no-referrer` page) never is.
///
/// CORS alone would not do: a cross-origin "simple" request (a `POST` of `text/plain`) reaches
/// the handler without a preflight, and only its answer would be hidden from the page.
pub fn refusal(headers: &HeaderMap, allowed: &[String]) -> Option<String> {
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("(not text)"));
    let host = text(header::HOST).map(str::to_ascii_lowercase);
    if let Some(host) = &host
        && !is_loopback(host)
    {
        return Some(format!("addressed to {host}, not to 127.0.0.1 or localhost"));
    }
    if text(header::HeaderName::from_static("sec-fetch-site")) == Some("same-origin") {
        return None;
    }
    let origin = text(header::ORIGIN)?;
    let own = host.is_some_and(|host| origin == format!("http://{host}"));
    if own || allowed.iter().any(|a| a == origin) { None } else { Some(format!("from {origin}")) }
}

/// Whether `host` (a `Host` header, lower case) names this machine's loopback interface.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        // `[::1]:8787`
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Answers 403, with no CORS headers, every request [`refusal`] refuses (a preflight too), and
/// remembers it for [`requests`]; passes the others on.
pub async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let Some(why) = refusal(request.headers(), &app.options.helper_origins) else {
        return next.run(request).await;
    };
    let (method, uri) = (request.method().as_str(), request.uri().path());
    eprintln!("dev-api: refused {method} /api{uri} {why} (see --helper-origin)");
    let origin = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok());
    app.store().refused.push(json!({ "method": method, "uri": uri, "origin": origin }));
    let message = format!(
        "dev-api's /api/__ helpers answer only the demo page's own origin and {}; this request came {why}.",
        app.options.helper_origins.join(", ")
    );
    (StatusCode::FORBIDDEN, axum::Json(json!({ "error": true, "message": message }))).into_response()
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/__seed", get(seed))
        .route("/__login", post(login))
        .route("/__outbox", get(outbox))
        .route("/__reset", post(reset))
        .route("/__fault", post(fault))
        .route("/__requests", get(requests))
        .route("/__csp", get(csp_reports).post(csp_report))
}

/// The seeded accounts, for the demo page.
async fn seed() -> impl IntoResponse {
    axum::Json(json!({
        "customers": [{
            "email": store::DEMO_CUSTOMER_EMAIL,
            "password": store::DEMO_CUSTOMER_PASSWORD,
            "project_id": store::DEMO_PROJECT_ID,
            "token": store::DEMO_CUSTOMER_TOKEN,
        }],
        "users": [
            { "email": store::DEMO_USER_EMAIL, "password": store::DEMO_USER_PASSWORD, "token": store::DEMO_USER_TOKEN, "read_only": false },
            { "email": store::DEMO_VIEWER_EMAIL, "password": store::DEMO_VIEWER_PASSWORD, "token": store::DEMO_VIEWER_TOKEN, "read_only": true },
        ],
    }))
}

/// Signs an account in with e-mail and password and returns a fresh token: what the shop's or
/// platform's own login does, so the demo can sign in again after a change.
/// Body: `{"kind": "customer" | "user", "email", "password"}`.
async fn login(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let input = Input::from_body(&body);
    let (email, password) =
        (input.str("email").unwrap_or_default(), input.str("password").unwrap_or_default());
    let mut store = app.store();
    let matches = |a: &store::Account| a.email.eq_ignore_ascii_case(email) && a.password == password;
    let owner = match input.str("kind") {
        Some("user") => store.users.iter().find(|a| matches(a)).map(|a| Owner::User(a.id)),
        _ => store.customers.iter().find(|a| matches(a)).map(|a| Owner::Customer(a.id)),
    };
    match owner {
        Some(owner) => {
            let token = store.issue_token(owner);
            (StatusCode::OK, axum::Json(json!({ "error": false, "data": { "token": token } })))
        }
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({ "error": true, "message": "These credentials do not match our records." })),
        ),
    }
}

/// Every mail "sent", newest first.
async fn outbox(State(app): State<App>) -> impl IntoResponse {
    let mails: Vec<store::Mail> = app.store().outbox.iter().rev().cloned().collect();
    axum::Json(json!({ "mails": mails }))
}

/// Queues a canned answer for the next API request:
/// `{"status": 500, "content_type": "text/html", "body": "<h1>…", "repeat": 1, "retry_after": "…",
/// "location": "…"}`.
async fn fault(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let input = Input::from_body(&body);
    let number = |name: &str| input.get(name).and_then(serde_json::Value::as_u64);
    let fault = store::Fault {
        status: number("status").and_then(|n| u16::try_from(n).ok()).unwrap_or(500),
        content_type: input.str("content_type").map(str::to_owned),
        body: input.get("body").and_then(|b| b.as_str()).unwrap_or_default().to_owned(),
        repeat: number("repeat").and_then(|n| usize::try_from(n).ok()).unwrap_or(1).clamp(1, 20_000_000),
        retry_after: input.str("retry_after").map(str::to_owned),
        location: input.str("location").map(str::to_owned),
    };
    app.store().faults.push_back(fault);
    StatusCode::NO_CONTENT
}

/// Every API request received since the seed, as the server saw it: method, path with query,
/// and which of the headers a widget must not send (cookies, referrer) were there; and under
/// `refused`, every request to a helper [`guard`] refused: method, path (both after `/api`, as
/// the router sees them), `Origin`.
async fn requests(State(app): State<App>) -> impl IntoResponse {
    let store = app.store();
    axum::Json(json!({ "requests": store.requests.clone(), "refused": store.refused.clone() }))
}

/// The Content-Security-Policy violations browsers reported (the `report-uri` of every page).
async fn csp_reports(State(app): State<App>) -> impl IntoResponse {
    axum::Json(json!({ "reports": app.store().csp_reports.clone() }))
}

async fn csp_report(State(app): State<App>, body: Bytes) -> impl IntoResponse {
    let report = serde_json::from_slice(&body)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&body).into_owned()));
    eprintln!("dev-api: Content-Security-Policy violation: {report}");
    app.store().csp_reports.push(report);
    StatusCode::NO_CONTENT
}

/// Restores the seed: accounts, tokens, reset links, outbox and rate limits.
async fn reset(State(app): State<App>) -> impl IntoResponse {
    *app.store() = Store::seeded();
    StatusCode::NO_CONTENT
}
