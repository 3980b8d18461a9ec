//! Makes sure every tool the build and the tests need is present, installing what is missing,
//! and says what it is doing. Every tool comes from a pin the project commits (`tools/`, read by
//! [`crate::pins`]): the Rust tools are built with `--locked` from their committed lock files,
//! the npm tools installed by `npm ci` from a committed package-lock.json. They go into
//! [`tools_dir`], never into `~/.cargo/bin`, so nothing else installed on the machine stands in
//! for them.

use crate::files::{clear_dir, copy_tree};
use crate::pins::{CARGO_TOOLS, Pins};
use crate::process::{Fail, cargo, project_root, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the tools are installed, outside the clone so that a fresh clone on the same machine
/// reuses them.
pub fn tools_dir() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(|| project_root().join("target"));
    cache.join("wemasy-auth-widget")
}

/// The programs the build prefers to any of the same name on the machine: the Rust tools
/// (`cargo install --root`) and a link to the npm-installed `wasm-opt`. Nothing else is here.
fn bin_dir() -> PathBuf {
    tools_dir().join("bin")
}

/// The npm prefix the npm tools are installed into.
fn npm_dir() -> PathBuf {
    tools_dir().join("npm")
}

/// An npm-installed package's file.
fn npm_file(package: &str, file: &str) -> PathBuf {
    npm_dir().join("node_modules").join(package).join(file)
}

/// The `PATH` every tool runs with: [`bin_dir`] first, so Trunk can never pick up another
/// `wasm-opt` (such as Debian's binaryen 108, which breaks the bundle) or another wasm-bindgen;
/// cargo's own binaries last, for a shell that does not have them.
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command that sees [`path_env`].
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", path_env());
    command
}

/// `cargo` with `args`, seeing [`path_env`].
pub fn cargo_command(args: &[&str]) -> Command {
    let mut command = command(cargo());
    command.args(args);
    command
}

/// Trunk with the tool versions the project pins and no update check.
pub fn trunk(args: &[&str]) -> Result<Command, Fail> {
    let pins = Pins::read()?;
    let mut command = command(bin_dir().join("trunk"));
    command
        .args(args)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_TOOLS_WASM_BINDGEN", pins.wasm_bindgen()?)
        .current_dir(project_root());
    Ok(command)
}

/// `cargo public-api`, the installed one (cargo itself would look in `~/.cargo/bin` first).
pub fn public_api() -> Command {
    let mut command = command(bin_dir().join("cargo-public-api"));
    command.arg("public-api").env("CARGO", cargo());
    command
}

/// The first line `program --version` prints, if it runs at all.
fn version_of(program: &Path) -> Option<String> {
    let output = Command::new(program).arg("--version").env("PATH", path_env()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).lines().next().map(|line| line.trim().to_owned())
}

fn on_path(program: &str) -> bool {
    std::env::split_paths(&path_env()).any(|dir| dir.join(program).is_file())
}

/// Installs everything the build needs; cheap when everything is already there. (geckodriver
/// and cargo-public-api come when a step needs them.)
pub fn ensure_all() -> Result<(), Fail> {
    let pins = Pins::read()?;
    ensure_wasm_target()?;
    ensure_debian_packages()?;
    ensure_npm_tools(&pins)?;
    ensure_cargo_tool(&pins, "trunk")?;
    ensure_cargo_tool(&pins, "wasm-bindgen-cli")
}

/// The TypeScript compiler the package's declarations are checked with.
pub fn tsc() -> PathBuf {
    npm_file("typescript", "bin/tsc")
}

/// esbuild: the JavaScript minifier for wasm-bindgen's glue (Trunk's own fails on it).
pub fn esbuild() -> PathBuf {
    npm_file("esbuild", "bin/esbuild")
}

/// The accessibility engine the end-to-end tests inject into pages.
pub fn axe_script() -> PathBuf {
    npm_file("axe-core", "axe.min.js")
}

/// binaryen's wasm-opt, which Trunk finds on the `PATH` through [`bin_dir`].
fn wasm_opt() -> PathBuf {
    binaryen("wasm-opt")
}

/// One of binaryen's programs (`wasm-opt`, `wasm-metadce`), by its path in the npm tools.
pub fn binaryen(program: &str) -> PathBuf {
    npm_file("binaryen", &format!("bin/{program}"))
}

/// The npm tools, exactly as tools/npm/package-lock.json pins them (names, versions, sha512
/// hashes), by `npm ci` with no install scripts; again whenever the committed lock changes.
fn ensure_npm_tools(pins: &Pins) -> Result<(), Fail> {
    let prefix = npm_dir();
    let installed_lock = std::fs::read_to_string(prefix.join("package-lock.json")).unwrap_or_default();
    let complete = [tsc(), esbuild(), axe_script(), wasm_opt()].iter().all(|file| file.is_file());
    if installed_lock != pins.npm_lock || !complete {
        if !on_path("npm") {
            return Err(Fail::new("npm is missing: install Node.js with `sudo apt-get install nodejs npm`"));
        }
        say(&format!("installing the npm tools of tools/npm/package-lock.json into {}", prefix.display()));
        clear_dir(&prefix)?;
        std::fs::create_dir_all(&prefix).map_err(|e| cannot("create", &prefix, e))?;
        for (name, text) in [("package.json", &pins.npm_manifest), ("package-lock.json", &pins.npm_lock)] {
            std::fs::write(prefix.join(name), text).map_err(|e| cannot("write", &prefix.join(name), e))?;
        }
        // `--ignore-scripts`: no package runs code at install (esbuild's postinstall only
        // speeds up its start).
        run(command("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix))?;
    }
    // Trunk looks for wasm-opt on the PATH: [`bin_dir`] links to this one.
    let link = bin_dir().join("wasm-opt");
    if std::fs::read_link(&link).ok() != Some(wasm_opt()) {
        std::fs::create_dir_all(bin_dir()).map_err(|e| cannot("create", &bin_dir(), e))?;
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(wasm_opt(), &link).map_err(|e| cannot("link", &link, e))?;
    }
    let wanted = pins.npm_version("binaryen").unwrap_or_default();
    let major = wanted.split('.').next().unwrap_or_default();
    match version_of(&link) {
        Some(line) if line.contains(&format!("(version_{major})")) => Ok(()),
        found => Err(Fail::new(format!(
            "{} answers {:?}, not binaryen {wanted}: remove {} and run again",
            link.display(),
            found.unwrap_or_default(),
            prefix.display()
        ))),
    }
}

/// geckodriver, for Firefox.
pub fn ensure_geckodriver() -> Result<(), Fail> {
    ensure_cargo_tool(&Pins::read()?, "geckodriver")
}

/// `cargo public-api`, for the public API check.
pub fn ensure_public_api() -> Result<(), Fail> {
    ensure_cargo_tool(&Pins::read()?, "cargo-public-api")
}

/// Rust tool `krate` at its pinned version, built from its crate (checksum in tools/Cargo.lock)
/// with `--locked` against tools/locks/<krate>.lock, into [`bin_dir`]. Built again when the
/// committed lock changes (a stamp beside the binaries holds the lock it was built with).
fn ensure_cargo_tool(pins: &Pins, krate: &str) -> Result<(), Fail> {
    let (version, lock) = pins.cargo_tool(krate)?;
    let program = CARGO_TOOLS.iter().find(|(name, _)| *name == krate).map_or(krate, |(_, program)| program);
    let stamp = tools_dir().join("locks").join(format!("{krate}.lock"));
    let built =
        version_of(&bin_dir().join(program)).is_some_and(|line| line == format!("{program} {version}"));
    if built && std::fs::read_to_string(&stamp).is_ok_and(|text| text == lock) {
        return Ok(());
    }
    say(&format!(
        "building {krate} {version} from tools/locks/{krate}.lock into {} (minutes on two cores)",
        bin_dir().display()
    ));
    let source = crate_source(krate, version)?;
    let build = tools_dir().join("src").join(format!("{krate}-{version}"));
    clear_dir(&build)?;
    copy_tree(&source, &build, &|name| name != "target")?;
    std::fs::write(build.join("Cargo.lock"), lock)
        .map_err(|e| cannot("write", &build.join("Cargo.lock"), e))?;
    run(command(cargo())
        .args(["install", "--locked", "--force", "--path"])
        .arg(&build)
        .arg("--root")
        .arg(tools_dir())
        // One target folder for every tool: the crates they share are built once.
        .env("CARGO_TARGET_DIR", tools_dir().join("target")))?;
    std::fs::create_dir_all(tools_dir().join("locks")).map_err(|e| cannot("create", &stamp, e))?;
    std::fs::write(&stamp, lock).map_err(|e| cannot("write", &stamp, e))
}

/// The unpacked source of crate `krate` at `version`, as `cargo fetch --locked` of
/// tools/Cargo.toml leaves it in cargo's registry (after checking the crate's checksum against
/// tools/Cargo.lock). `cargo metadata` cannot say where: it leaves out dependencies that have
/// no library, which is what tools are.
fn crate_source(krate: &str, version: &str) -> Result<PathBuf, Fail> {
    let manifest = project_root().join("tools").join("Cargo.toml");
    run(command(cargo()).args(["fetch", "--locked", "--manifest-path"]).arg(&manifest))?;
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .ok_or_else(|| Fail::new("neither CARGO_HOME nor HOME is set"))?;
    let registries = home.join("registry").join("src");
    let found = std::fs::read_dir(&registries)
        .map_err(|e| cannot("read", &registries, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path().join(format!("{krate}-{version}"))))
        .find(|dir| dir.join("Cargo.toml").is_file());
    found.ok_or_else(|| {
        Fail::new(format!("cargo fetch left no {krate}-{version} in {}", registries.display()))
    })
}

fn cannot(what: &str, path: &Path, e: std::io::Error) -> Fail {
    Fail::new(format!("cannot {what} {}: {e}", path.display()))
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
