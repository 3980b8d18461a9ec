//! The library's public API, as `cargo public-api` lists it from nightly rustdoc JSON, held to
//! the committed `public-api.txt`: every change of the surface a Leptos app depends on is a
//! visible diff in review.

use crate::process::{Fail, project_root, say};
use crate::tools;

/// The committed list, at the repository's root.
const FILE: &str = "public-api.txt";

/// Lists the public API and compares it with [`FILE`]; when they differ, writes the new list and
/// fails, so that the change is committed (or undone).
pub fn check() -> Result<(), Fail> {
    if !tools::has_nightly() {
        say(
            "no nightly Rust toolchain: the public API is not checked (cargo public-api reads nightly rustdoc JSON)",
        );
        return Ok(());
    }
    tools::ensure_public_api()?;
    let mut list = tools::public_api();
    // `-ss`: without blanket and auto-trait impls, which follow the dependencies, not this crate.
    list.args(["--package", "wemasy-auth-widget", "-ss", "--color", "never"])
        .current_dir(project_root())
        .stderr(std::process::Stdio::inherit());
    say(&format!("$ {}", crate::process::command_line(&list)));
    let out = list.output().map_err(|e| Fail::new(format!("cannot run cargo public-api: {e}")))?;
    if !out.status.success() {
        return Err(Fail::new(format!("cargo public-api failed ({})", out.status)));
    }
    let listed = String::from_utf8(out.stdout).map_err(|_| Fail::new("cargo public-api printed no UTF-8"))?;
    let path = project_root().join(FILE);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == listed {
        return Ok(());
    }
    std::fs::write(&path, &listed).map_err(|e| Fail::new(format!("cannot write {FILE}: {e}")))?;
    Err(Fail::new(format!(
        "the library's public API changed: {FILE} now lists it (`git diff {FILE}`); commit it if the change is meant"
    )))
}
