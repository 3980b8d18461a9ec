//! `cargo xtask package`: `dist/` as an npm package tarball under `target/package/`, ready for
//! `npm publish` (which stays a maintainer's act). The declarations and the custom-elements
//! manifest are the ones the library's tests write from the Rust declarations (`npm/`).

use crate::dist::{self, DIST, EMBED_SCRIPT, HEAD_TAGS, STABLE_CSS};
use crate::files::{clear_dir, copy_tree, files_under};
use crate::process::{Fail, project_root, run, say};
use crate::tools;
use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha384};
use std::path::{Path, PathBuf};

/// The package's name on the npm registry.
pub const NAME: &str = "@wemasy/auth-widget";
/// Where the package is assembled and where its tarball is written.
const STAGING: &str = "target/package/npm";
const OUT: &str = "target/package";
/// What the package's subresource-integrity hashes are written to.
pub const INTEGRITY: &str = "integrity.json";

/// Packs `dist/` (built before) and returns the tarball's path.
pub fn package() -> Result<PathBuf, Fail> {
    let root = project_root();
    let dist = root.join(DIST);
    let staging = root.join(STAGING);
    clear_dir(&staging)?;
    // The compressed copies are for a server; a CDN or bundler compresses by itself. head.html is
    // for pasting: the package README says which tags to paste.
    copy_tree(&dist, &staging, &|name| {
        !name.ends_with(".br") && !name.ends_with(".gz") && name != HEAD_TAGS
    })?;
    for (from, to) in [
        ("npm/index.d.ts", "index.d.ts"),
        ("npm/custom-elements.json", "custom-elements.json"),
        ("npm/README.md", "README.md"),
        ("LICENSE", "LICENSE"),
        ("CHANGELOG.md", "CHANGELOG.md"),
    ] {
        std::fs::copy(root.join(from), staging.join(to))
            .map_err(|e| Fail::new(format!("cannot copy {from} into the package: {e}")))?;
    }
    let shipped = shipped_files(&staging)?;
    for stable in [EMBED_SCRIPT, STABLE_CSS] {
        if !shipped.iter().any(|name| name == stable) {
            return Err(Fail::new(format!("dist/ has no {stable}: run `cargo xtask dist`")));
        }
    }
    let integrity = integrity(&staging, &shipped)?;
    write(&staging.join(INTEGRITY), &pretty(&integrity)?)?;
    let mut files = shipped.clone();
    // npm 11 adds README and LICENSE by itself, no longer CHANGELOG.md.
    files.extend(["index.d.ts", "custom-elements.json", INTEGRITY, "CHANGELOG.md"].map(str::to_owned));
    let version = version(&root)?;
    let manifest = package_json(&version, &files);
    write(&staging.join("package.json"), &pretty(&manifest)?)?;
    let out = root.join(OUT);
    run(tools::command("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&out)
        .arg(&staging)
        .env("npm_config_update_notifier", "false"))?;
    let tarball = out.join(format!("wemasy-auth-widget-{version}.tgz"));
    if !tarball.is_file() {
        return Err(Fail::new(format!("npm pack wrote no {}", tarball.display())));
    }
    say("subresource integrity (also in the package's integrity.json):");
    if let Value::Object(hashes) = &integrity {
        for (file, hash) in hashes {
            say(&format!("  {file}: {}", hash.as_str().unwrap_or_default()));
        }
    }
    say(&format!("npm package: {} (publish it with `npm publish {}`)", tarball.display(), tarball.display()));
    Ok(tarball)
}

/// The files of the bundle (loader, glue, snippets, wasm, CSS), as paths with `/`.
fn shipped_files(staging: &Path) -> Result<Vec<String>, Fail> {
    let shipped = |name: &String| name.ends_with(".js") || name.ends_with(".wasm") || name.ends_with(".css");
    let mut names: Vec<String> = std::fs::read_dir(staging)
        .map_err(|e| Fail::new(format!("cannot read {}: {e}", staging.display())))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(shipped)
        .collect();
    names.sort();
    names.extend(files_under(staging, "snippets")?.into_iter().filter(shipped));
    Ok(names)
}

/// `sha384-<base64>` of each file, the form `integrity=` takes.
fn integrity(dir: &Path, files: &[String]) -> Result<Value, Fail> {
    let mut hashes = serde_json::Map::new();
    for file in files {
        let bytes =
            std::fs::read(dir.join(file)).map_err(|e| Fail::new(format!("cannot read {file}: {e}")))?;
        hashes.insert(file.clone(), Value::String(sri(&bytes)));
    }
    Ok(Value::Object(hashes))
}

/// The subresource-integrity value of `bytes`.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// The library crate's version: the package's, so both say the same release.
fn version(root: &Path) -> Result<String, Fail> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| Fail::new(format!("cannot read Cargo.toml: {e}")))?;
    package_version(&manifest).ok_or_else(|| Fail::new("Cargo.toml's [package] has no version"))
}

/// `version = "…"` in the `[package]` table of `manifest`.
fn package_version(manifest: &str) -> Option<String> {
    let package = manifest.split("\n[package]\n").nth(1)?;
    let table = package.split("\n[").next()?;
    let line = table.lines().find(|line| line.starts_with("version = \""))?;
    Some(line.strip_prefix("version = \"")?.strip_suffix('"')?.to_owned())
}

/// `package.json`.
fn package_json(version: &str, files: &[String]) -> Value {
    let mut manifest = json!({
        "name": NAME,
        "version": version,
        "description": "Drop-in WebAssembly forms to change and reset passwords and request an e-mail change against the Wemasy API: custom elements and mount(), with TypeScript types.",
        "license": "MIT",
        "keywords": ["password", "reset-password", "custom-elements", "web-components", "webassembly", "wemasy"],
        "type": "module",
        "main": "./wemasy-auth.js",
        "module": "./wemasy-auth.js",
        "types": "./index.d.ts",
        "exports": {
            ".": { "types": "./index.d.ts", "default": "./wemasy-auth.js" },
            // The stable name, which the loaders recognise as the widget's stylesheet. (The
            // embedding script is not exported: it is a page's <script>, never an import.)
            "./style.css": format!("./{}", STABLE_CSS),
            "./custom-elements.json": "./custom-elements.json",
            "./package.json": "./package.json",
        },
        "customElements": "./custom-elements.json",
        // The loader defines the elements when it is imported; the stylesheet styles them.
        "sideEffects": ["./wemasy-auth.js", "./*.css"],
        "files": files,
    });
    // The languages the bundle does not carry: `import "@wemasy/auth-widget/de"` adds German.
    for (file, tag) in files.iter().filter_map(|file| Some((file, dist::language_of_file(file)?))) {
        if let Some(exports) = manifest.get_mut("exports").and_then(Value::as_object_mut) {
            exports.insert(format!("./{tag}"), json!(format!("./{file}")));
        }
        if let Some(side_effects) = manifest.get_mut("sideEffects").and_then(Value::as_array_mut) {
            side_effects.push(json!(format!("./{file}")));
        }
    }
    manifest
}

fn pretty(value: &Value) -> Result<String, Fail> {
    serde_json::to_string_pretty(value).map(|text| text + "\n").map_err(|e| Fail::new(format!("JSON: {e}")))
}

fn write(path: &Path, text: &str) -> Result<(), Fail> {
    std::fs::write(path, text).map_err(|e| Fail::new(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_packages_own() {
        let manifest = "[workspace]\nversion = \"9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"1\"\n";
        assert_eq!(package_version(manifest).as_deref(), Some("0.3.1"));
        assert_eq!(package_version("[package]\nname = \"x\"\n"), None);
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // The value `openssl dgst -sha384 -binary | openssl base64 -A` gives for "abc".
        assert_eq!(sri(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
    }

    #[test]
    fn the_package_exports_the_loader_its_types_and_the_stylesheet() {
        let manifest = package_json("1.2.3", &["wemasy-auth.js".to_owned()]);
        assert_eq!(manifest["exports"]["."]["default"], "./wemasy-auth.js");
        assert_eq!(manifest["exports"]["."]["types"], "./index.d.ts");
        assert_eq!(manifest["exports"]["./style.css"], "./wemasy-auth.css");
        assert_eq!(manifest["version"], "1.2.3");
        assert_eq!(manifest["type"], "module");
    }

    #[test]
    fn each_language_file_is_exported_by_its_tag_and_nothing_else_is() {
        let files = ["wemasy-auth.js", "wemasy-auth-de.js", "wemasy-auth-1a2b3c.js", "wemasy-auth-fr.js"];
        let manifest = package_json("1.2.3", &files.map(str::to_owned));
        assert_eq!(manifest["exports"]["./de"], "./wemasy-auth-de.js");
        assert_eq!(manifest["exports"]["./fr"], "./wemasy-auth-fr.js");
        assert!(manifest["exports"].get("./1a2b3c").is_none());
        assert_eq!(manifest["sideEffects"][2], "./wemasy-auth-de.js");
    }
}
