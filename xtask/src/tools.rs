//! Makes sure every tool the build and the tests need is present, installing what is missing,
//! and says what it is doing. Versions come from the project's own files where they exist:
//! `wasm-bindgen` from Cargo.lock, `wasm-opt` from Trunk.toml.

use crate::process::{Fail, cargo, project_root, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The newest Trunk that installs with the project's Rust (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The accessibility engine the end-to-end tests inject into pages.
const AXE_CORE_VERSION: &str = "4.14.1";
/// The JavaScript minifier for wasm-bindgen's glue (Trunk's own fails on it).
pub const ESBUILD_VERSION: &str = "0.28.2";

/// Where tools that do not live in `~/.cargo/bin` are installed, outside the clone so that a
/// fresh clone on the same machine reuses them.
pub fn tools_dir() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(|| project_root().join("target"));
    cache.join("wemasy-auth-widget")
}

/// The directory of the npm-installed binaries (`wasm-opt`).
fn npm_bin() -> PathBuf {
    tools_dir().join("npm").join("node_modules").join(".bin")
}

/// The `PATH` every tool runs with: our wasm-opt and cargo's binaries first, so Trunk can never
/// pick up another `wasm-opt` (such as Debian's binaryen 108, which breaks the bundle).
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![npm_bin()];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command that sees [`path_env`].
pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", path_env());
    command
}

/// `cargo` with `args`, seeing [`path_env`].
pub fn cargo_command(args: &[&str]) -> Command {
    let mut command = command(&cargo());
    command.args(args);
    command
}

/// Trunk with the tool versions the project pins and no update check.
pub fn trunk(args: &[&str]) -> Result<Command, Fail> {
    let mut command = command("trunk");
    command
        .args(args)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_TOOLS_WASM_BINDGEN", wasm_bindgen_version()?)
        .current_dir(project_root());
    Ok(command)
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(program: &str) -> Option<String> {
    let output = command(program).arg("--version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).lines().next().map(str::to_owned)
}

fn on_path(program: &str) -> bool {
    std::env::split_paths(&path_env()).any(|dir| dir.join(program).is_file())
}

/// Installs everything; cheap when everything is already there.
pub fn ensure_all() -> Result<(), Fail> {
    ensure_wasm_target()?;
    ensure_debian_packages()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    ensure_axe_core()?;
    ensure_esbuild()?;
    ensure_typescript()?;
    Ok(())
}

/// The TypeScript compiler the package's declarations are checked with.
const TYPESCRIPT_VERSION: &str = "5.9.3";

/// The `tsc` program in the tools' npm prefix.
pub fn tsc() -> PathBuf {
    npm_bin().join("tsc")
}

fn ensure_typescript() -> Result<(), Fail> {
    let installed = Command::new(tsc()).arg("--version").output().is_ok_and(|out| {
        String::from_utf8_lossy(&out.stdout).trim() == format!("Version {TYPESCRIPT_VERSION}")
    });
    if installed {
        return Ok(());
    }
    npm_install(&format!("typescript@{TYPESCRIPT_VERSION}"))
}

/// The `esbuild` program in the tools' npm prefix.
pub fn esbuild() -> PathBuf {
    npm_bin().join("esbuild")
}

fn ensure_esbuild() -> Result<(), Fail> {
    let installed = Command::new(esbuild())
        .arg("--version")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == ESBUILD_VERSION);
    if installed {
        return Ok(());
    }
    npm_install(&format!("esbuild@{ESBUILD_VERSION}"))
}

/// Whether the embeddable bundle can be built on nightly Rust with `-Zbuild-std` and
/// `panic=immediate-abort` (about 12 % smaller). `WEMASY_DIST_STABLE=1` builds it on stable. Needs an installed nightly toolchain; adds its
/// `rust-src` and wasm32 target when missing. Without nightly the bundle is built on stable.
pub fn nightly_for_dist() -> bool {
    if std::env::var_os("WEMASY_DIST_STABLE").is_some() {
        say("WEMASY_DIST_STABLE is set: the embeddable bundle is built on stable");
        return false;
    }
    if !has_nightly() {
        say("no nightly Rust toolchain: the embeddable bundle is built on stable (about 12 % larger)");
        return false;
    }
    let installed = Command::new("rustup")
        .args(["component", "list", "--installed", "--toolchain", "nightly"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    let mut steps: Vec<&[&str]> = Vec::new();
    if !installed.lines().any(|l| l.starts_with("rust-src")) {
        steps.push(&["component", "add", "rust-src", "--toolchain", "nightly"]);
    }
    if !installed.lines().any(|l| l.trim() == format!("rust-std-{WASM_TARGET}")) {
        steps.push(&["target", "add", WASM_TARGET, "--toolchain", "nightly"]);
    }
    for args in steps {
        say(&format!("$ rustup {}", args.join(" ")));
        if run(Command::new("rustup").args(args)).is_err() {
            say("could not prepare nightly Rust: the embeddable bundle is built on stable");
            return false;
        }
    }
    true
}

/// Whether a nightly Rust toolchain is installed.
pub fn has_nightly() -> bool {
    let toolchains = Command::new("rustup").args(["toolchain", "list"]).output();
    toolchains.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).lines().any(|l| l.starts_with("nightly")))
}

/// The version of `cargo public-api` whose rustdoc JSON format (57) is the installed nightly's
/// (1.97, 2026-05-19); a newer nightly needs a newer release, which says so when it runs.
const CARGO_PUBLIC_API_VERSION: &str = "0.52.0";

/// Installs `cargo public-api` (from crates.io, with its own lock file) when it is missing.
pub fn ensure_public_api() -> Result<(), Fail> {
    if version_of("cargo-public-api").is_some_and(|v| v.ends_with(CARGO_PUBLIC_API_VERSION)) {
        return Ok(());
    }
    say(&format!(
        "installing cargo-public-api {CARGO_PUBLIC_API_VERSION} from crates.io (about 5 minutes on two cores)"
    ));
    run(command(&cargo()).args([
        "install",
        "cargo-public-api",
        "--version",
        CARGO_PUBLIC_API_VERSION,
        "--locked",
    ]))
}

/// `name --version`'s first line, or "not found".
pub fn version_line(program: &Path, arg: &str) -> String {
    Command::new(program)
        .arg(arg)
        .env("PATH", path_env())
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).lines().next().map(|l| l.trim().to_owned()))
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "not found".to_owned())
}

/// Where `axe.min.js` is once installed.
pub fn axe_script() -> PathBuf {
    tools_dir().join("npm").join("node_modules").join("axe-core").join("axe.min.js")
}

fn ensure_axe_core() -> Result<(), Fail> {
    let manifest = tools_dir().join("npm").join("node_modules").join("axe-core").join("package.json");
    let installed = std::fs::read_to_string(&manifest)
        .is_ok_and(|text| text.contains(&format!("\"version\": \"{AXE_CORE_VERSION}\"")));
    if installed && axe_script().is_file() {
        return Ok(());
    }
    npm_install(&format!("axe-core@{AXE_CORE_VERSION}"))
}

/// Installs `package` (name@version) into the tools' npm prefix, keeping what is there.
fn npm_install(package: &str) -> Result<(), Fail> {
    if !on_path("npm") {
        return Err(Fail::new("npm is missing: install Node.js with `sudo apt-get install nodejs npm`"));
    }
    say(&format!("installing {package} from the npm registry into {}", tools_dir().display()));
    let prefix = tools_dir().join("npm");
    std::fs::create_dir_all(&prefix)
        .map_err(|e| Fail::new(format!("cannot create {}: {e}", prefix.display())))?;
    run(command("npm")
        .args(["install", "--no-audit", "--no-fund", "--save-exact", "--prefix"])
        .arg(&prefix)
        .arg(package))
}

fn ensure_wasm_target() -> Result<(), Fail> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let installed = match installed {
        Ok(output) => String::from_utf8_lossy(&output.stdout).lines().any(|line| line.trim() == WASM_TARGET),
        Err(_) => return Err(Fail::new("rustup is missing: install Rust with rustup (https://rustup.rs)")),
    };
    if !installed {
        say(&format!("installing the Rust target {WASM_TARGET}"));
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// Chromium and its driver for the browser tests and the bench, brotli for size reports.
fn ensure_debian_packages() -> Result<(), Fail> {
    apt_install(&[("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("brotli", "brotli")])
}

/// geckodriver, built from crates.io: the version the browser tests were last run with.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// geckodriver from crates.io, of [`GECKODRIVER_VERSION`], for Firefox.
pub fn ensure_geckodriver() -> Result<(), Fail> {
    if version_of("geckodriver").is_some_and(|v| v == format!("geckodriver {GECKODRIVER_VERSION}")) {
        return Ok(());
    }
    say(&format!(
        "installing geckodriver {GECKODRIVER_VERSION} from crates.io (about 6 minutes on two cores)"
    ));
    run(command(&cargo()).args(["install", "geckodriver", "--version", GECKODRIVER_VERSION, "--locked"]))
}

/// Installs the Debian packages (program on the PATH, package) whose program is missing.
pub fn apt_install(wanted: &[(&str, &str)]) -> Result<(), Fail> {
    let missing: Vec<&str> =
        wanted.iter().filter(|(program, _)| !on_path(program)).map(|(_, package)| *package).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root =
        Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !is_root || !on_path("apt-get") {
        return Err(Fail::new(format!(
            "missing Debian packages: install them with `sudo apt-get install {}`",
            missing.join(" ")
        )));
    }
    say(&format!("installing Debian packages: {}", missing.join(" ")));
    run(command("apt-get").arg("update").arg("-qq"))?;
    run(command("apt-get")
        .args(["install", "-y", "-qq"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn ensure_trunk() -> Result<(), Fail> {
    if version_of("trunk").is_some_and(|v| v == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    say(&format!("installing Trunk {TRUNK_VERSION} from crates.io (about 10 minutes on two cores)"));
    run(command(&cargo()).args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must be exactly this one.
pub fn wasm_bindgen_version() -> Result<String, Fail> {
    let lock = read(&project_root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) =
                lines.next().and_then(|l| l.strip_prefix("version = \"")?.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err(Fail::new("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`"))
}

/// The value of `key = "…"` in Trunk.toml's `[tools]` table.
fn trunk_tool_pin(key: &str) -> Result<String, Fail> {
    let toml = read(&project_root().join("Trunk.toml"))?;
    toml.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .ok_or_else(|| Fail::new(format!("Trunk.toml must pin [tools] {key}")))
}

fn ensure_wasm_bindgen() -> Result<(), Fail> {
    let version = wasm_bindgen_version()?;
    let pinned = trunk_tool_pin("wasm_bindgen")?;
    if pinned != version {
        return Err(Fail::new(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {version}: set it to \"{version}\""
        )));
    }
    if version_of("wasm-bindgen").is_some_and(|v| v == format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    say(&format!("installing wasm-bindgen-cli {version} (the version in Cargo.lock) from crates.io"));
    // Not `--locked`: the CLI's own lock file pins a yanked webpki-roots that no longer installs.
    run(command(&cargo()).args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn ensure_wasm_opt() -> Result<(), Fail> {
    let pin = trunk_tool_pin("wasm_opt")?;
    let major = pin.strip_prefix("version_").ok_or_else(|| {
        Fail::new(format!("Trunk.toml's wasm_opt = \"{pin}\" should look like \"version_132\""))
    })?;
    let ours = npm_bin().join("wasm-opt");
    let works = Command::new(&ours)
        .arg("--version")
        .env("PATH", path_env())
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("({pin})")));
    if works {
        return Ok(());
    }
    if !on_path("npm") {
        return Err(Fail::new("npm is missing: install Node.js with `sudo apt-get install nodejs npm`"));
    }
    say(&format!(
        "installing wasm-opt (binaryen {major} from the npm registry) into {}",
        tools_dir().display()
    ));
    let prefix = tools_dir().join("npm");
    std::fs::create_dir_all(&prefix)
        .map_err(|e| Fail::new(format!("cannot create {}: {e}", prefix.display())))?;
    run(command("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("binaryen@{major}.0.0")))
}

fn read(path: &Path) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail::new(format!("cannot read {}: {e}", path.display())))
}
