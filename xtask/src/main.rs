//! The project's task runner.
//!
//! - `cargo xtask dev`: installs missing tools, starts dev-api and `trunk serve`, prints the demo
//!   page's address. Ctrl-C stops both.
//! - `cargo xtask test`: formatting, clippy (native and wasm32), native unit tests, the release
//!   bundle, end-to-end tests in headless Chromium, and the browser component tests.
//!
//! It has one small dependency (`ctrlc`) so that it compiles in seconds.

mod tools;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where `cargo xtask test` puts the release bundle the end-to-end tests load.
const E2E_DIST: &str = "target/e2e-dist";
const DEV_API_PORT: &str = "8787";

/// A failure, said in one line.
#[derive(Debug)]
pub struct Fail(String);

impl Fail {
    pub fn new(message: impl Into<String>) -> Fail {
        Fail(message.into())
    }
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "dev" => dev(),
        "test" => test(),
        _ => Err(Fail::new("usage: cargo xtask dev | test")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(message)) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn say(message: &str) {
    eprintln!("xtask: {message}");
}

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The cargo that runs this xtask.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs `command` in the project root, failing with its command line if it fails.
pub fn run(command: &mut Command) -> Result<(), Fail> {
    let shown = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    say(&format!("$ {shown}"));
    let status = command
        .current_dir(project_root())
        .status()
        .map_err(|e| Fail::new(format!("cannot start `{shown}`: {e}")))?;
    if status.success() { Ok(()) } else { Err(Fail::new(format!("`{shown}` failed ({status})"))) }
}

fn cargo_command(args: &[&str]) -> Command {
    let mut command = tools::command(&cargo());
    command.args(args);
    command
}

/// Trunk with the tool versions the project pins and no update check.
fn trunk(args: &[&str]) -> Result<Command, Fail> {
    let mut command = tools::command("trunk");
    command
        .args(args)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_TOOLS_WASM_BINDGEN", tools::wasm_bindgen_version()?)
        .current_dir(project_root());
    Ok(command)
}

fn test() -> Result<(), Fail> {
    let started = Instant::now();
    tools::ensure_all()?;
    run(&mut cargo_command(&["fmt", "--all", "--check"]))?;
    run(&mut cargo_command(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(&mut cargo_command(&[
        "clippy",
        "--package",
        "wemasy-auth-widget",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The release bundle: what the end-to-end tests load, so they prove it actually runs.
    run(&mut trunk(&["build", "--release", "--dist", E2E_DIST])?)?;
    run(cargo_command(&["test", "--workspace"])
        .env("WEMASY_E2E_DIST", project_root().join(E2E_DIST))
        .env("CHROMEDRIVER", "chromedriver"))?;
    run(cargo_command(&["test", "--package", "wemasy-auth-widget", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", "chromedriver"))?;
    report_sizes(&project_root().join(E2E_DIST))?;
    say(&format!("all checks passed in {:.0?}", started.elapsed()));
    Ok(())
}

/// Prints the raw, gzip -9 and brotli -q 11 size of each wasm, js and css file in `dist`.
fn report_sizes(dist: &Path) -> Result<(), Fail> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| Fail::new(format!("cannot read {}: {e}", dist.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css"))
        .collect();
    files.sort();
    let compressed = |program: &str, args: &[&str], path: &Path| -> Result<usize, Fail> {
        let output = tools::command(program)
            .args(args)
            .arg(path)
            .output()
            .map_err(|e| Fail::new(format!("cannot run {program}: {e}")))?;
        Ok(output.stdout.len())
    };
    say("release bundle sizes (bytes): raw / gzip -9 / brotli -q 11");
    for path in files {
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gzip = compressed("gzip", &["-9", "-c"], &path)?;
        let brotli = compressed("brotli", &["-q", "11", "-c"], &path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        say(&format!("  {name}: {raw} / {gzip} / {brotli}"));
    }
    Ok(())
}

fn dev() -> Result<(), Fail> {
    tools::ensure_all()?;
    run(&mut cargo_command(&["build", "--package", "dev-api"]))?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| Fail::new(format!("cannot handle Ctrl-C: {e}")))?;
    let api_binary = project_root().join("target").join("debug").join("dev-api");
    let api = Command::new(api_binary)
        .args(["--port", DEV_API_PORT])
        .spawn()
        .map_err(|e| Fail::new(format!("cannot start dev-api: {e}")))?;
    let trunk =
        trunk(&["serve"])?.spawn().map_err(|e| Fail::new(format!("cannot start trunk serve: {e}")))?;
    say("demo page: http://127.0.0.1:8080/ (it appears once Trunk has built it); Ctrl-C stops everything");
    let mut children = [("dev-api", api), ("trunk serve", trunk)];
    let outcome = loop {
        if stop.load(Ordering::SeqCst) {
            break Ok(());
        }
        if let Some(ended) = children.iter_mut().find_map(|(name, child)| match child.try_wait() {
            Ok(Some(status)) => Some(format!("{name} stopped ({status})")),
            Ok(None) => None,
            Err(e) => Some(format!("{name}: {e}")),
        }) {
            break Err(Fail::new(ended));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    for (_, child) in &mut children {
        stop_child(child);
    }
    outcome
}

/// Asks a child to stop as Ctrl-C would, then insists.
fn stop_child(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}
