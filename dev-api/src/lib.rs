//! A local implementation of the Wemasy API contract (the endpoints the widget's forms use, with the
//! answers its documentation describes), for the demo page and the end-to-end tests: a real HTTP
//! server with real state, Laravel-shaped answers, Sanctum-style tokens and real rate limits.
//!
//! - `store`: accounts, tokens and the seed.
//! - `laravel`: input trimming, validation rules and the 422 body.
//! - `limits`: fixed-window rate limits.
//! - `customer`: the webshop customer endpoints.
//! - `platform`: the platform user endpoints.
//! - `helper_routes`: helpers for the demo and the tests under `/api/__…` (seed, sign-in,
//!   outbox, reset, faults), for the demo page's own origin only.

mod customer;
mod helper_routes;
pub mod laravel;
pub mod limits;
mod platform;
pub mod store;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use limits::{Limit, Verdict};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use store::Store;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::services::ServeDir;

pub use helper_routes::DEMO_ORIGINS;
pub use store::{
    DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_PROJECT_ID, DEMO_USER_EMAIL,
    DEMO_USER_PASSWORD, DEMO_USER_TOKEN, DEMO_VIEWER_EMAIL, DEMO_VIEWER_TOKEN,
};

/// How the server behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Requests a client may make per minute before getting 429 (the API's is 60).
    pub requests_per_minute: u32,
    /// A directory served at `/` (the built demo page), if any.
    pub static_dir: Option<PathBuf>,
    /// More directories, each served under its path (`/dist`, `/examples`).
    pub mounted_dirs: Vec<(String, PathBuf)>,
    /// How long every API answer is held back (to see a form while its request is pending).
    pub answer_delay: Duration,
    /// More origins the pages' Content-Security-Policy lets them connect to (`connect-src`).
    pub connect_src: Vec<String>,
    /// The origins besides dev-api's own whose pages may use the `/api/__…` helpers (exactly as
    /// the browser sends them, `http://host:port`); by default [`DEMO_ORIGINS`], the demo page
    /// under `trunk serve`. The API itself answers every origin.
    pub helper_origins: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            requests_per_minute: 60,
            static_dir: None,
            mounted_dirs: Vec::new(),
            answer_delay: Duration::ZERO,
            connect_src: Vec::new(),
            helper_origins: DEMO_ORIGINS.map(str::to_owned).to_vec(),
        }
    }
}

/// Shared state of a running server.
#[derive(Clone)]
pub struct App {
    store: Arc<Mutex<Store>>,
    options: Arc<Options>,
}

impl App {
    pub fn new(options: Options) -> App {
        App { store: Arc::new(Mutex::new(Store::seeded())), options: Arc::new(options) }
    }

    /// The store, even if a handler panicked while holding it (the data stays usable).
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The rate-limit headers every answer carries.
#[derive(Clone, Copy, Debug)]
struct RateHeaders {
    limit: u32,
    remaining: u32,
}

/// A JSON answer with the rate-limit headers.
fn reply(status: StatusCode, body: Value, rate: RateHeaders) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-limit", HeaderValue::from(rate.limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(rate.remaining));
    response
}

/// Applies the general limit to the client at `peer`: the rate headers, or the 429 answer.
fn throttle(app: &App, peer: SocketAddr) -> Result<RateHeaders, Box<Response>> {
    let limit = Limit { max: app.options.requests_per_minute, window: Duration::from_secs(60) };
    let verdict = app.store().limiter.hit(&format!("ip:{}", peer.ip()), limit, Instant::now());
    match verdict {
        Verdict::Allowed { remaining } => Ok(RateHeaders { limit: limit.max, remaining }),
        Verdict::Refused { retry_after } => {
            let mut response = reply(
                StatusCode::TOO_MANY_REQUESTS,
                json!({ "error": true, "message": "Too Many Attempts." }),
                RateHeaders { limit: limit.max, remaining: 0 },
            );
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            Err(Box::new(response))
        }
    }
}

/// Which accounts an endpoint serves: [`Customers`] or [`Users`], as the type parameter of
/// [`Authorized`].
trait Audience {
    fn serves(owner: store::Owner) -> bool;
}

/// The webshop's customers.
struct Customers;
/// The platform's users.
struct Users;

impl Audience for Customers {
    fn serves(owner: store::Owner) -> bool {
        matches!(owner, store::Owner::Customer(_))
    }
}

impl Audience for Users {
    fn serves(owner: store::Owner) -> bool {
        matches!(owner, store::Owner::User(_))
    }
}

/// What every public endpoint starts with, as an extractor: the rate limit (429 when it is
/// reached, as the whole answer). Holds the rate-limit headers every answer carries.
struct Limited(RateHeaders);

impl axum::extract::FromRequestParts<App> for Limited {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, app: &App) -> Result<Self, Response> {
        // The rate limit is per client address, which `serve` always provides.
        let Some(axum::extract::ConnectInfo(peer)) =
            parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().copied()
        else {
            return Err((StatusCode::INTERNAL_SERVER_ERROR, "no client address").into_response());
        };
        throttle(app, peer).map(Limited).map_err(|refused| *refused)
    }
}

/// What every authenticated endpoint starts with, as an extractor: the rate limit ([`Limited`]); then the
/// Bearer token, which must be one of `A`'s accounts (401 otherwise); then permission (403 for a
/// read-only account). Each refusal is the whole answer.
struct Authorized<A> {
    /// The rate-limit headers every answer carries.
    rate: RateHeaders,
    /// Who is asking.
    owner: store::Owner,
    /// Their current password.
    password: String,
    audience: std::marker::PhantomData<A>,
}

impl<A: Audience> axum::extract::FromRequestParts<App> for Authorized<A> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, app: &App) -> Result<Self, Response> {
        let Limited(rate) = Limited::from_request_parts(parts, app).await?;
        let store = app.store();
        let found = store.authenticate(bearer(&parts.headers)).filter(|(owner, _)| A::serves(*owner));
        let Some((owner, account)) = found else {
            return Err(reply(
                StatusCode::UNAUTHORIZED,
                json!({ "error": true, "message": "Unauthenticated." }),
                rate,
            ));
        };
        if account.read_only {
            let refusal = json!({ "error": true, "message": "This action is unauthorized." });
            return Err(reply(StatusCode::FORBIDDEN, refusal, rate));
        }
        let password = account.password.clone();
        Ok(Authorized { rate, owner, password, audience: std::marker::PhantomData })
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok())
}

/// The whole application: the API under `/api`, and the demo page at `/` when configured.
pub fn router(app: App) -> Router {
    // The API answers pages on any origin, as the real one must for the shops that embed the
    // widget: no credentials, and the headers the widget reads exposed.
    let api_cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
        ])
        .max_age(Duration::from_secs(600));
    // The helpers answer only the origins `helper_routes::guard` lets through, by name (and
    // `Vary: Origin`), never `*`.
    let helper_cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        .max_age(Duration::from_secs(600));
    let delay = app.options.answer_delay;
    let api =
        customer::routes()
            .merge(platform::routes())
            .fallback(|| async { (StatusCode::NOT_FOUND, axum::Json(json!({ "message": "Not Found" }))) })
            // A slow server has usually done the work before its answer is late: the delay comes
            // after the handler, so a client that gives up does not undo anything.
            .layer(axum::middleware::from_fn_with_state(
                app.clone(),
                move |State(app): State<App>,
                      request: axum::extract::Request,
                      next: axum::middleware::Next| async move {
                    // An `/api/__…` that is no helper ends up here, answered 404 as it was.
                    let helper = request.uri().path().contains("/__");
                    if !helper {
                        let seen = seen_request(&request);
                        app.store().requests.push(seen);
                    }
                    let fault = if helper { None } else { app.store().faults.pop_front() };
                    let response = match fault {
                        Some(fault) => fault_response(fault),
                        None => next.run(request).await,
                    };
                    if !delay.is_zero() && !helper {
                        tokio::time::sleep(delay).await;
                    }
                    response
                },
            ))
            .layer(api_cors);
    // The guard outside the CORS layer: a refused preflight gets no allow headers either.
    let helpers = helper_routes::routes()
        .layer(helper_cors)
        .layer(axum::middleware::from_fn_with_state(app.clone(), helper_routes::guard));
    let mut pages = Router::new();
    for (path, dir) in &app.options.mounted_dirs {
        // The `.br` and `.gz` beside each file of `dist/`, as a shop's server would send them.
        pages = pages.nest_service(path, ServeDir::new(dir).precompressed_br().precompressed_gzip());
    }
    if let Some(dir) = &app.options.static_dir {
        pages = pages.fallback_service(ServeDir::new(dir));
    }
    let connect_src: String = app.options.connect_src.iter().map(|origin| format!(" {origin}")).collect();
    let pages = pages
        .layer(axum::middleware::map_response(move |response| strict_csp(response, connect_src.clone())));
    Router::new().nest("/api", api.merge(helpers)).merge(pages).with_state(app)
}

/// What a test needs to know about a request the API received.
fn seen_request(request: &axum::extract::Request) -> Value {
    let headers = request.headers();
    json!({
        "method": request.method().as_str(),
        "uri": request.uri().to_string(),
        "authorization": bearer(headers),
        "cookie": headers.contains_key(header::COOKIE),
        "referer": headers.get(header::REFERER).and_then(|v| v.to_str().ok()),
    })
}

/// Serves every HTML page under a strict Content-Security-Policy: no inline script or style
/// except the page's own inline scripts, allowed by their SHA-256 (Trunk's start-up script);
/// `'wasm-unsafe-eval'` for WebAssembly; violations reported to `/api/__csp`.
async fn strict_csp(response: Response, connect_src: String) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 4 << 20).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response();
    };
    let hashes: String = inline_scripts(&String::from_utf8_lossy(&bytes))
        .iter()
        .map(|script| format!(" 'sha256-{}'", script_hash(script)))
        .collect();
    let policy = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'{connect_src}; font-src 'self'; form-action 'none'; \
         base-uri 'none'; frame-ancestors 'none'; report-uri /api/__csp"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The text of every inline `<script>` (one without `src`) in `html`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = rest.get(start..).unwrap_or_default();
        let (Some(tag_end), Some(close)) = (after.find('>'), after.find("</script>")) else { break };
        let tag = after.get(..tag_end).unwrap_or_default();
        if !tag.contains(" src=") && tag_end < close {
            found.push(after.get(tag_end + 1..close).unwrap_or_default());
        }
        rest = after.get(close + "</script>".len()..).unwrap_or_default();
    }
    found
}

fn script_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
}

/// The answer a queued [`store::Fault`] describes.
fn fault_response(fault: store::Fault) -> Response {
    let status = StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, fault.body.repeat(fault.repeat)).into_response();
    let headers = response.headers_mut();
    if let Some(value) = fault.content_type.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Some(value) = fault.retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::RETRY_AFTER, value);
    }
    if let Some(value) = fault.location.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::LOCATION, value);
    }
    response
}

/// Serves on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    options: Options,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let app = router(App::new(options));
    // Without TCP_NODELAY a response whose body follows its headers in a second write waits for
    // the client's delayed ACK (~40 ms on Linux); production servers set it, and so does this one.
    let listener = listener.tap_io(|stream| {
        let _ = stream.set_nodelay(true);
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = r#"<head><script type="module">import init from '/a.js';</script>
            <script src="/b.js" type="module"></script><script>
</script></head>"#;
        assert_eq!(inline_scripts(html), vec!["import init from '/a.js';", "\n"]);
        assert_eq!(script_hash(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}
