//! What every task shares: how it fails and what it says, where the project is, and running a
//! command there.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A failure, said in one line.
#[derive(Debug)]
pub struct Fail(pub(crate) String);

impl Fail {
    pub fn new(message: impl Into<String>) -> Fail {
        Fail(message.into())
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

/// `command`'s program and arguments as one line, for saying what runs and what failed.
pub fn command_line(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `command` in the project root, failing with its command line if it fails.
pub fn run(command: &mut Command) -> Result<(), Fail> {
    let shown = command_line(command);
    say(&format!("$ {shown}"));
    let status = command
        .current_dir(project_root())
        .status()
        .map_err(|e| Fail::new(format!("cannot start `{shown}`: {e}")))?;
    if status.success() { Ok(()) } else { Err(Fail::new(format!("`{shown}` failed ({status})"))) }
}
