//! The shop's server: renders the app's pages (leptos_axum), serves the browser's half from
//! `<site root>/pkg`, the stylesheets, and forwards `/api` to the Wemasy API, so the forms'
//! default same-origin `api-base` reaches it.
//!
//! Environment: `LEPTOS_SITE_ADDR` (default `127.0.0.1:3000`; port 0 for any free one),
//! `LEPTOS_SITE_ROOT` (default `target/leptos-ssr`, where `cargo xtask test` builds the browser's
//! half), `WEMASY_API_ORIGIN` (default `http://127.0.0.1:8787`, dev-api in `cargo xtask dev`).
//! Prints `listening on http://…` once it accepts connections.

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_ssr::{App, shell};
use std::process::ExitCode;
use tower_http::services::ServeDir;

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main]
async fn main() -> ExitCode {
    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("leptos-ssr: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let site_root = setting("LEPTOS_SITE_ROOT", "target/leptos-ssr");
    let api = setting("WEMASY_API_ORIGIN", "http://127.0.0.1:8787");
    let options = LeptosOptions::builder().output_name("leptos_ssr").site_root(site_root.as_str()).build();
    let client: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build_http();
    let routes = generate_route_list(App);
    let app = Router::new()
        .route("/api/{*rest}", any(move |request: Request| forward(client.clone(), api.clone(), request)))
        .route("/wemasy.css", get(|| async { css(wemasy_auth_widget::STYLESHEET) }))
        .route("/app.css", get(|| async { css(include_str!("../app.css")) }))
        .nest_service("/pkg", ServeDir::new(format!("{site_root}/pkg")))
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options);
    let address = setting("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
    let listener = tokio::net::TcpListener::bind(&address).await.map_err(|e| format!("{address}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{bound}");
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

fn css(text: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], text)
}

/// Sends `request` on to the API at `upstream` (same path and query) and hands back its answer.
async fn forward(client: Client<HttpConnector, Body>, upstream: String, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let Ok(uri) = format!("{upstream}{path}").parse() else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    parts.uri = uri;
    parts.headers.remove(header::HOST);
    match client.request(Request::from_parts(parts, body)).await {
        Ok(answer) => answer.map(Body::new).into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
