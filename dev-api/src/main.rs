//! `dev-api [--port N] [--static-dir DIR] [--mount PATH=DIR]… [--requests-per-minute N]
//! [--helper-origin ORIGIN]…`: serves the API contract on 127.0.0.1 until Ctrl-C. Each
//! `--helper-origin` (`http://host:port`) is one more origin whose pages may use the `/api/__…`
//! helpers, besides dev-api's own and the demo page's under `trunk serve`.

use dev_api::{
    DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_PROJECT_ID, DEMO_USER_EMAIL, DEMO_USER_PASSWORD,
    DEMO_VIEWER_EMAIL, Options,
};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("dev-api: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut options = Options::default();
    let mut port: u16 = 8787;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => port = value("--port")?.parse().map_err(|_| "--port needs a number".to_owned())?,
            "--static-dir" => options.static_dir = Some(value("--static-dir")?.into()),
            "--answer-delay-ms" => {
                let ms: u64 =
                    value("--answer-delay-ms")?.parse().map_err(|_| "--answer-delay-ms needs a number")?;
                options.answer_delay = std::time::Duration::from_millis(ms);
            }
            "--mount" => {
                let spec = value("--mount")?;
                let (path, dir) = spec.split_once('=').ok_or("--mount needs PATH=DIR")?;
                options.mounted_dirs.push((path.to_owned(), dir.into()));
            }
            "--requests-per-minute" => {
                options.requests_per_minute = value("--requests-per-minute")?
                    .parse()
                    .map_err(|_| "--requests-per-minute needs a number")?
            }
            "--helper-origin" => {
                let origin = value("--helper-origin")?;
                options.helper_origins.push(origin.trim_end_matches('/').to_owned());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("dev-api: the Wemasy API contract on http://127.0.0.1:{port}/api");
    println!(
        "dev-api: webshop customer {DEMO_CUSTOMER_EMAIL} / {DEMO_CUSTOMER_PASSWORD} (project {DEMO_PROJECT_ID})"
    );
    println!(
        "dev-api: platform user {DEMO_USER_EMAIL} / {DEMO_USER_PASSWORD}; read-only user {DEMO_VIEWER_EMAIL}"
    );
    println!("dev-api: the demo page signs in with one click; mails dev-api sends are at /api/__outbox");
    println!(
        "dev-api: the /api/__… helpers answer only pages on dev-api's own origin and {} (and curl)",
        options.helper_origins.join(", ")
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    dev_api::serve(listener, options, shutdown).await.map_err(|e| e.to_string())
}
