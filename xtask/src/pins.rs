//! The tool pins the project commits in `tools/` (its README says how to change one), read and
//! held against each other and against the project's own pins: a disagreement fails before
//! anything is installed.
//!
//! - `tools/Cargo.toml` + `tools/Cargo.lock`: each Rust tool's crate, its version and checksum.
//! - `tools/locks/<crate>.lock`: the lock file that tool is built with (`--locked`).
//! - `tools/npm/package.json` + `package-lock.json`: the npm tools, by integrity hash (`npm ci`).

use crate::process::{Fail, project_root};
use std::path::Path;

/// The Rust tools `cargo xtask` builds: crate, and the program whose `--version` names it.
pub const CARGO_TOOLS: [(&str, &str); 4] = [
    ("trunk", "trunk"),
    ("wasm-bindgen-cli", "wasm-bindgen"),
    ("geckodriver", "geckodriver"),
    ("cargo-public-api", "cargo-public-api"),
];

/// Every pin file, as committed.
pub struct Pins {
    /// The project's Cargo.lock (the `wasm-bindgen` the CLI must equal).
    project_lock: String,
    /// Trunk.toml (its `[tools]` table names the wasm-bindgen and wasm-opt Trunk expects).
    trunk_toml: String,
    /// tools/Cargo.lock.
    tools_lock: String,
    /// tools/locks/<crate>.lock, in the order of [`CARGO_TOOLS`].
    tool_locks: Vec<String>,
    /// tools/npm/package-lock.json.
    pub npm_lock: String,
    /// tools/npm/package.json.
    pub npm_manifest: String,
}

/// One `[[package]]` of a Cargo.lock: name, version, and whether it comes from a registry (the
/// lock's root package has no `source`).
#[derive(Debug, PartialEq)]
struct Locked<'a> {
    name: &'a str,
    version: &'a str,
    from_registry: bool,
}

fn packages(lock: &str) -> impl Iterator<Item = Locked<'_>> {
    lock.split("[[package]]").skip(1).filter_map(|block| {
        let value = |key: &str| {
            block.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix(" = \"")?.strip_suffix('"'))
        };
        Some(Locked {
            name: value("name")?,
            version: value("version")?,
            from_registry: value("source").is_some(),
        })
    })
}

/// The version of registry package `name` in `lock` (the first, if several).
fn registry_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    packages(lock).find(|p| p.name == name && p.from_registry).map(|p| p.version)
}

/// The version of `lock`'s root package `name`, if it is the root.
fn root_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    packages(lock).find(|p| p.name == name && !p.from_registry).map(|p| p.version)
}

/// The value of `key = "…"` in a TOML text (Trunk.toml's `[tools]` keys are unique in the file).
fn toml_value<'a>(toml: &'a str, key: &str) -> Option<&'a str> {
    toml.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(name, _)| name.trim() == key)
        .map(|(_, value)| value.trim().trim_matches('"'))
}

fn read(path: &Path) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail::new(format!("cannot read {}: {e}", path.display())))
}

impl Pins {
    /// Reads every pin file and fails on the first disagreement between them.
    pub fn read() -> Result<Pins, Fail> {
        let root = project_root();
        let tools = root.join("tools");
        let pins = Pins {
            project_lock: read(&root.join("Cargo.lock"))?,
            trunk_toml: read(&root.join("Trunk.toml"))?,
            tools_lock: read(&tools.join("Cargo.lock"))?,
            tool_locks: CARGO_TOOLS
                .iter()
                .map(|(krate, _)| read(&tools.join("locks").join(format!("{krate}.lock"))))
                .collect::<Result<_, _>>()?,
            npm_lock: read(&tools.join("npm").join("package-lock.json"))?,
            npm_manifest: read(&tools.join("npm").join("package.json"))?,
        };
        match pins.disagreements().first() {
            Some(problem) => Err(Fail::new(format!("tool pins disagree: {problem} (tools/README.md)"))),
            None => Ok(pins),
        }
    }

    /// The pinned version of Rust tool `krate`, and the lock it is built with.
    pub fn cargo_tool(&self, krate: &str) -> Result<(&str, &str), Fail> {
        let index = CARGO_TOOLS.iter().position(|(name, _)| *name == krate);
        let lock = index.and_then(|i| self.tool_locks.get(i));
        match (registry_version(&self.tools_lock, krate), lock) {
            (Some(version), Some(lock)) => Ok((version, lock)),
            _ => Err(Fail::new(format!("tools/Cargo.toml does not pin {krate}"))),
        }
    }

    /// The version of npm package `name` in tools/npm/package-lock.json.
    pub fn npm_version(&self, name: &str) -> Option<String> {
        let lock: serde_json::Value = serde_json::from_str(&self.npm_lock).ok()?;
        let version = lock.get("packages")?.get(format!("node_modules/{name}"))?.get("version")?;
        version.as_str().map(str::to_owned)
    }

    /// The wasm-bindgen version every pin must agree on: the library's own, in Cargo.lock.
    pub fn wasm_bindgen(&self) -> Result<&str, Fail> {
        registry_version(&self.project_lock, "wasm-bindgen")
            .ok_or_else(|| Fail::new("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`"))
    }

    /// Every pair of pins that disagree, said as a fix.
    fn disagreements(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for ((krate, _), lock) in CARGO_TOOLS.iter().zip(&self.tool_locks) {
            let pinned = registry_version(&self.tools_lock, krate);
            let built = root_version(lock, krate);
            match (pinned, built) {
                (None, _) => problems.push(format!("tools/Cargo.lock has no {krate}")),
                (Some(pinned), built) if Some(pinned) != built => problems.push(format!(
                    "tools/Cargo.lock has {krate} {pinned}, but tools/locks/{krate}.lock is the lock of {krate} {}",
                    built.unwrap_or("(another crate)")
                )),
                _ => {}
            }
        }
        let library = registry_version(&self.project_lock, "wasm-bindgen");
        let cli = registry_version(&self.tools_lock, "wasm-bindgen-cli");
        let trunk = toml_value(&self.trunk_toml, "wasm_bindgen");
        if library.is_none() || library != cli || library != trunk {
            problems.push(format!(
                "wasm-bindgen is {} in Cargo.lock, the CLI {} in tools/Cargo.lock, {} in Trunk.toml: the three must be equal",
                library.unwrap_or("missing"),
                cli.unwrap_or("missing"),
                trunk.unwrap_or("missing")
            ));
        }
        let wasm_opt = toml_value(&self.trunk_toml, "wasm_opt").and_then(|pin| pin.strip_prefix("version_"));
        let binaryen = self.npm_version("binaryen");
        let binaryen_major = binaryen.as_deref().and_then(|v| v.split('.').next());
        if wasm_opt.is_none() || wasm_opt != binaryen_major {
            problems.push(format!(
                "Trunk.toml's wasm_opt is version_{} but tools/npm/package-lock.json has binaryen {}",
                wasm_opt.unwrap_or("?"),
                binaryen.as_deref().unwrap_or("missing")
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(packages: &[(&str, &str, bool)]) -> String {
        packages
            .iter()
            .map(|(name, version, registry)| {
                let source = if *registry {
                    "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
                } else {
                    ""
                };
                format!("[[package]]\nname = \"{name}\"\nversion = \"{version}\"\n{source}\n")
            })
            .collect::<Vec<_>>()
            .join("")
    }

    /// Pins that agree, with wasm-bindgen at `library`, the CLI at `cli`, Trunk.toml at `trunk`.
    fn pins(library: &str, cli: &str, trunk: &str, cli_lock_root: &str, binaryen: &str) -> Pins {
        let tools_lock = lock(
            &CARGO_TOOLS
                .iter()
                .map(|(krate, _)| (*krate, if *krate == "wasm-bindgen-cli" { cli } else { "1.0.0" }, true))
                .collect::<Vec<_>>(),
        );
        Pins {
            project_lock: lock(&[("wemasy", "0.1.0", false), ("wasm-bindgen", library, true)]),
            trunk_toml: format!("[tools]\nwasm_bindgen = \"{trunk}\"\nwasm_opt = \"version_132\"\n"),
            tools_lock,
            tool_locks: CARGO_TOOLS
                .iter()
                .map(|(krate, _)| {
                    let root = if *krate == "wasm-bindgen-cli" { cli_lock_root } else { "1.0.0" };
                    lock(&[(krate, root, false), ("wasm-bindgen", library, true)])
                })
                .collect(),
            npm_lock: format!(r#"{{"packages": {{"node_modules/binaryen": {{"version": "{binaryen}"}}}}}}"#),
            npm_manifest: String::new(),
        }
    }

    #[test]
    fn pins_agree_only_when_every_file_names_the_same_version() {
        let table = [
            (pins("0.2.130", "0.2.130", "0.2.130", "0.2.130", "132.0.0"), 0),
            // The library moved on, the tool did not.
            (pins("0.2.131", "0.2.130", "0.2.130", "0.2.130", "132.0.0"), 1),
            // Trunk.toml left behind.
            (pins("0.2.130", "0.2.130", "0.2.129", "0.2.130", "132.0.0"), 1),
            // The tool's crate was bumped, but it would be built with the old one's lock.
            (pins("0.2.131", "0.2.131", "0.2.131", "0.2.130", "132.0.0"), 1),
            // binaryen's major is not the wasm-opt Trunk expects.
            (pins("0.2.130", "0.2.130", "0.2.130", "0.2.130", "133.0.0"), 1),
            (pins("0.2.131", "0.2.130", "0.2.129", "0.2.128", "1.0.0"), 3),
        ];
        for (index, (pins, expected)) in table.iter().enumerate() {
            assert_eq!(pins.disagreements().len(), *expected, "row {index}: {:?}", pins.disagreements());
        }
    }

    #[test]
    fn a_version_is_read_from_the_right_package() {
        let text =
            lock(&[("trunk", "0.21.14", false), ("trunk", "0.20.0", true), ("trunk-x", "9.9.9", true)]);
        assert_eq!(root_version(&text, "trunk"), Some("0.21.14"));
        assert_eq!(registry_version(&text, "trunk"), Some("0.20.0"));
        assert_eq!(registry_version(&text, "trunk-"), None);
        assert_eq!(registry_version(&text, "geckodriver"), None);
    }

    /// The committed files: a pin changed in one place and not in the others fails here too.
    #[test]
    fn the_committed_pins_agree() {
        if let Err(fail) = Pins::read() {
            panic!("{}", fail.0);
        }
    }
}
