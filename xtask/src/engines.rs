//! The browser engines `cargo xtask test` runs the browser tests in (Chromium, Firefox, WebKit),
//! one run of a suite per engine, and the count of what passed in each.

use crate::process::{Fail, command_line, project_root, say};
use crate::tools;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

/// A browser engine, named as `WEMASY_BROWSER` names it (the end-to-end harness reads the same
/// variable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// The engines to test in: the one `WEMASY_BROWSER` names (for quick work on one engine),
    /// else all.
    pub fn chosen() -> Result<Vec<Engine>, Fail> {
        match std::env::var("WEMASY_BROWSER") {
            Err(_) => Ok(Engine::ALL.to_vec()),
            Ok(name) => {
                Engine::ALL.into_iter().find(|e| e.name() == name).map(|e| vec![e]).ok_or_else(|| {
                    Fail::new(format!("WEMASY_BROWSER={name}: expected chromium, firefox or webkit"))
                })
            }
        }
    }

    /// The environment variable wasm-bindgen-test-runner reads its WebDriver server from (it
    /// drives WebKitWebDriver as it would Safari's driver; `webdriver.json` names MiniBrowser).
    fn runner_variable(self) -> &'static str {
        match self {
            Engine::Chromium => "CHROMEDRIVER",
            Engine::Firefox => "GECKODRIVER",
            Engine::Webkit => "SAFARIDRIVER",
        }
    }

    /// The WebDriver server's program.
    pub fn driver(self) -> &'static str {
        match self {
            Engine::Chromium => "chromedriver",
            Engine::Firefox => "geckodriver",
            Engine::Webkit => "WebKitWebDriver",
        }
    }

    /// Points `command` (a test run) at this engine: for the end-to-end harness and for
    /// wasm-bindgen-test-runner, which takes the first driver variable it finds, so the others
    /// are removed.
    pub fn select(self, command: &mut Command, display: Option<&str>) {
        command.env("WEMASY_BROWSER", self.name());
        for other in Engine::ALL {
            command.env_remove(other.runner_variable());
        }
        // By name: the test commands run with `tools::path_env`, which has the tools' own binaries first.
        command.env(self.runner_variable(), self.driver());
        if let (Engine::Webkit, Some(display)) = (self, display) {
            command.env("DISPLAY", display);
        }
    }
}

/// The other engines the browser tests run in (`engines`; Chromium is always there): Debian's
/// Firefox ESR with geckodriver from crates.io, Debian's WebKitGTK driver (with its MiniBrowser)
/// and Xvfb for the display it needs.
pub fn ensure_installed(engines: &[Engine]) -> Result<(), Fail> {
    if engines.contains(&Engine::Webkit) {
        tools::apt_install(&[("WebKitWebDriver", "webkit2gtk-driver"), ("Xvfb", "xvfb")])?;
    }
    if !engines.contains(&Engine::Firefox) {
        return Ok(());
    }
    tools::apt_install(&[("firefox-esr", "firefox-esr")])?;
    tools::ensure_geckodriver()
}

/// What one run of a suite in one engine came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

/// The sum of the `test result:` lines libtest and wasm-bindgen-test print, one per test binary.
pub fn counts(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines().filter_map(|l| l.trim().strip_prefix("test result: ")) {
        for part in line.split([';', '.']) {
            let mut words = part.split_whitespace();
            match (words.next().map(str::parse::<u64>), words.next()) {
                (Some(Ok(n)), Some("passed")) => total.passed += n,
                (Some(Ok(n)), Some("failed")) => total.failed += n,
                _ => {}
            }
        }
    }
    total
}

/// Runs `command` (a `cargo test`), passing its output through, and counts its results. A run
/// that failed without a failing test (it did not build, the browser did not start) counts as
/// one failure.
pub fn run_counted(command: &mut Command) -> Result<Counts, Fail> {
    let shown = command_line(command);
    say(&format!("$ {shown}"));
    let mut child = command
        .current_dir(project_root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Fail::new(format!("cannot start `{shown}`: {e}")))?;
    let mut output = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = writeln!(out, "{line}");
            output.push_str(&line);
            output.push('\n');
        }
    }
    let status = child.wait().map_err(|e| Fail::new(format!("`{shown}`: {e}")))?;
    let mut found = counts(&output);
    if !status.success() && found.failed == 0 {
        found.failed = 1;
    }
    Ok(found)
}

/// An X display of our own for WebKit (MiniBrowser needs one, even unseen): Xvfb, stopped when
/// this is dropped.
pub struct Display {
    server: Child,
    pub name: String,
}

impl Display {
    pub fn start() -> Result<Display, Fail> {
        // `-displayfd 1`: Xvfb picks a free display and writes its number once it is ready, so
        // nothing races another X server on the machine.
        let mut server = tools::command("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Fail::new(format!("cannot start Xvfb: {e}")))?;
        let mut number = String::new();
        if let Some(stdout) = server.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut number);
        }
        let number = number.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = server.kill();
            let _ = server.wait();
            return Err(Fail::new("Xvfb started but named no display"));
        }
        let name = format!(":{number}");
        say(&format!("X display {name} (Xvfb) for WebKit"));
        Ok(Display { server, name })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// One line per suite: each engine's counts, as `cargo xtask test` ends with them.
pub fn summary(suite: &str, results: &[(Engine, Counts)]) -> String {
    let parts: Vec<String> = results
        .iter()
        .map(|(engine, c)| match c.failed {
            0 => format!("{} {} passed", engine.name(), c.passed),
            failed => format!("{} {} passed, {failed} FAILED", engine.name(), c.passed),
        })
        .collect();
    format!("{suite}: {}", parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_summed_over_the_test_binaries() {
        let output = "running 66 tests\n\
            test result: ok. 66 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 349.77s\n\
            test result: FAILED. 64 passed; 2 failed; 0 ignored; 0 measured; 1 filtered out; finished in 146.62s\n\
            test result: ok. 9 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.32s\n\
            test ok passed: 3 passed\n";
        assert_eq!(counts(output), Counts { passed: 139, failed: 2 });
        assert_eq!(counts("error: could not compile\n"), Counts::default());
    }

    #[test]
    fn the_summary_names_each_engine_and_its_failures() {
        let results = [
            (Engine::Chromium, Counts { passed: 67, failed: 0 }),
            (Engine::Webkit, Counts { passed: 65, failed: 2 }),
        ];
        assert_eq!(
            summary("end-to-end", &results),
            "end-to-end: chromium 67 passed · webkit 65 passed, 2 FAILED"
        );
    }
}
