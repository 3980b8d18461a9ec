//! `cargo xtask dev`: dev-api and `trunk serve` side by side until Ctrl-C or one of them stops.

use crate::process::{Fail, project_root, run, say};
use crate::tools;
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DEV_API_PORT: &str = "8787";

pub fn dev() -> Result<(), Fail> {
    tools::ensure_all()?;
    run(&mut tools::cargo_command(&["build", "--package", "dev-api"]))?;
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
        tools::trunk(&["serve"])?.spawn().map_err(|e| Fail::new(format!("cannot start trunk serve: {e}")))?;
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
