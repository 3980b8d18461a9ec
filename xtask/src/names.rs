//! Short names for everything the wasm imports from its glue and exports to it.
//!
//! wasm-bindgen names each import `__wbg_<method>_<16 hex digits>` and closure exports after their
//! full Rust types, under a module named after the glue file. Those names are written twice, in the
//! wasm and in the glue, and the hex digits do not compress: renaming them to one or two letters
//! takes about 4 KB off the brotli transfer. binaryen's `--minify-imports-and-exports-and-modules`
//! renames them in the wasm (every import moves to module `a`) and prints the mapping; this module
//! applies the same mapping to wasm-bindgen's (unminified) glue. When the glue does not look as
//! expected (a wasm-bindgen update changed its layout), it renames nothing, in the glue or the wasm,
//! and warns: the bundle still works, and the size ceiling says what it cost.
//!
//! The tests run on a glue and a mapping captured from a real build (`xtask/fixtures/`), for the
//! wasm-bindgen version in `Cargo.lock`; `WEMASY_CAPTURE_GLUE=1 cargo xtask dist` captures them anew.

use crate::process::{Fail, say};
use crate::tools;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The module binaryen moves every import to.
const MODULE: &str = "a";

/// The WebAssembly features the bundle may use: what Rust's wasm32 target emits, and nothing
/// newer (`--all-features` would let binaryen write imports in an encoding browsers do not accept
/// yet, "compact imports").
pub const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Runs the binaryen tool `program` (with [`FEATURES`] and `args`) to `doing` something; returns
/// what it printed.
pub fn binaryen(program: &str, doing: &str, args: &[&std::ffi::OsStr]) -> Result<String, Fail> {
    let output = tools::command(tools::binaryen(program))
        .args(FEATURES)
        .args(args)
        .output()
        .map_err(|e| Fail::new(format!("cannot run {program}: {e}")))?;
    if !output.status.success() {
        return Err(Fail::new(format!(
            "{program} could not {doing}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// What binaryen renamed: imports as (module, name) → new name; exports as name → new name.
/// Empty, with `unchanged`, when nothing was renamed.
#[derive(Debug, Default)]
pub struct Renames {
    imports: Vec<(String, String, String)>,
    exports: HashMap<String, String>,
    unchanged: bool,
    /// The mapping as binaryen printed it.
    pub printed: String,
}

/// Renames in place: the wasm through binaryen, then its glue. Returns what was renamed; when the
/// glue cannot be rewritten, renames nothing and says so.
pub fn shorten(wasm: &Path, glue: &Path) -> Result<Renames, Fail> {
    let shortened = wasm.with_extension("short.wasm");
    let minify = "--minify-imports-and-exports-and-modules".as_ref();
    let printed = binaryen(
        "wasm-opt",
        "shorten the names",
        &[minify, wasm.as_os_str(), "-o".as_ref(), shortened.as_os_str()],
    )?;
    let js = std::fs::read_to_string(glue)
        .map_err(|e| Fail::new(format!("cannot read {}: {e}", glue.display())))?;
    let renamed =
        parse_renames(&printed).and_then(|renames| rewrite_glue(&js, &renames).map(|js| (renames, js)));
    let (renames, js) = match renamed {
        Ok(renamed) => renamed,
        Err(why) => {
            let _ = std::fs::remove_file(&shortened);
            say(&format!("warning: the wasm's import and export names are kept, about 4 KB larger: {why}"));
            return Ok(Renames { unchanged: true, ..Renames::default() });
        }
    };
    std::fs::rename(&shortened, wasm)
        .map_err(|e| Fail::new(format!("cannot write {}: {e}", wasm.display())))?;
    std::fs::write(glue, js).map_err(|e| Fail::new(format!("cannot write {}: {e}", glue.display())))?;
    Ok(renames)
}

/// Where the tests' glue and mapping for the wasm-bindgen version in `Cargo.lock` are kept.
pub fn fixture_dir(root: &Path) -> std::path::PathBuf {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let version = lock
        .split("[[package]]")
        .find(|package| package.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|package| package.lines().find_map(|line| line.strip_prefix("version = ")))
        .map_or("unknown", |version| version.trim_matches('"'));
    root.join("xtask").join("fixtures").join(format!("wasm-bindgen-{version}"))
}

impl Renames {
    /// The new name of the wasm export `name` (the loader reads `memory`).
    pub fn export<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.exports.get(name).map(String::as_str).or(self.unchanged.then_some(name))
    }
}

/// Reads the JSON binaryen prints: `{"imports": [[module, name, new]…], "exports": [[name, new]…]}`.
pub fn parse_renames(printed: &str) -> Result<Renames, String> {
    let (_, json) = printed.split_at(printed.find('{').ok_or("wasm-opt printed no name mapping")?);
    let value: Value = serde_json::from_str(json).map_err(|e| format!("unreadable name mapping: {e}"))?;
    let mut renames = Renames { printed: json.to_owned(), ..Renames::default() };
    let strings = |entry: &Value| -> Option<Vec<String>> {
        entry.as_array()?.iter().map(|s| s.as_str().map(str::to_owned)).collect()
    };
    for entry in value.get("imports").and_then(Value::as_array).ok_or("no imports in the name mapping")? {
        match strings(entry).as_deref() {
            Some([module, name, new]) => renames.imports.push((module.clone(), name.clone(), new.clone())),
            _ => return Err(format!("unexpected import entry {entry}")),
        }
    }
    for entry in value.get("exports").and_then(Value::as_array).ok_or("no exports in the name mapping")? {
        match strings(entry).as_deref() {
            Some([name, new]) => {
                renames.exports.insert(name.clone(), new.clone());
            }
            _ => return Err(format!("unexpected export entry {entry}")),
        }
    }
    Ok(renames)
}

pub fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// wasm-bindgen's glue with the new names:
/// - the import object of the glue's own module (`const importN = { __proto__: null, name: … }`)
///   has its keys renamed, gains one entry per import from a snippet module
///   (`new: importM.name`), and is returned as module `a`;
/// - every `wasm.<export>` reads the renamed export.
pub fn rewrite_glue(js: &str, renames: &Renames) -> Result<String, String> {
    let modules: HashMap<&str, &str> = js.lines().filter_map(module_line).collect();
    let opening_of = |object: &str| format!("const {object} = {{\n        __proto__: null,\n");
    // The glue's own module is the one whose object is a literal in the glue.
    let (own_module, own_object) = modules
        .iter()
        .find(|(_, object)| js.contains(&opening_of(object)))
        .map(|(module, object)| (*module, *object))
        .ok_or("no import object found (has the wasm-bindgen glue changed?)")?;
    let mut own_keys: HashMap<&str, &str> = HashMap::new();
    let mut from_snippets = String::new();
    for (module, name, new) in &renames.imports {
        if module == own_module {
            own_keys.insert(name, new);
        } else {
            let object = modules.get(module.as_str()).ok_or(format!("no import object for {module}"))?;
            from_snippets.push_str(&format!("        {new}: {object}.{name},\n"));
        }
    }

    let opening = opening_of(own_object);
    let mut out = String::with_capacity(js.len());
    let mut renamed_keys = 0;
    let mut in_own_object = false;
    let mut skipping_entry = false;
    for line in js.split_inclusive('\n') {
        if let Some((module, _)) = module_line(line) {
            // The module lines of the returned object: only the own object remains, as `a`.
            if module == own_module {
                out.push_str(&format!("        {MODULE}: {own_object},\n"));
            }
            continue;
        }
        if line == "    };\n" {
            in_own_object = false;
        }
        if skipping_entry {
            // The entry ends at its closing brace, back at the keys' indentation.
            skipping_entry = !line.starts_with("        }");
            continue;
        }
        // A key of the import object: eight spaces, the name, a colon.
        if in_own_object
            && let Some(rest) = line.strip_prefix("        ")
            && let Some((key, value)) = rest.split_once(':')
            && !key.is_empty()
            && key.chars().all(is_identifier_char)
        {
            match own_keys.get(key) {
                Some(new) => {
                    out.push_str(&format!("        {new}:{value}"));
                    renamed_keys += 1;
                }
                // wasm-opt removed the import after wasm-bindgen wrote the glue: the entry goes.
                None if value.starts_with(" function(") => skipping_entry = !value.trim_end().ends_with("},"),
                None => return Err(format!("unexpected import object entry `{}`", line.trim())),
            }
            continue;
        }
        out.push_str(line);
        if out.ends_with(&opening) {
            in_own_object = true;
            out.push_str(&from_snippets);
        }
    }
    if renamed_keys != own_keys.len() {
        return Err(format!("renamed {renamed_keys} of {} imports (has the glue changed?)", own_keys.len()));
    }
    rename_exports(&out, &renames.exports)
}

/// A line of the object `__wbg_get_imports` returns, `"module": importN,`, as (module, object).
fn module_line(line: &str) -> Option<(&str, &str)> {
    let (module, object) = line.trim().strip_suffix(',')?.split_once(": ")?;
    let module = module.strip_prefix('"')?.strip_suffix('"')?;
    let number = object.strip_prefix("import")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some((module, object))
}

/// Every `wasm.<name>` with a renamed `name` reads the new name instead; in one pass, so a new
/// name is never renamed again.
fn rename_exports(js: &str, exports: &HashMap<String, String>) -> Result<String, String> {
    map_export_reads(js, |name| {
        exports
            .get(name)
            .cloned()
            .ok_or_else(|| format!("the glue reads `wasm.{name}`, which the wasm does not export"))
    })
}

/// The wasm exports the glue reads (every `wasm.<name>`).
pub fn exports_read(js: &str) -> BTreeSet<String> {
    let mut read = BTreeSet::new();
    // The closure never fails, so neither does the scan.
    let _ = map_export_reads(js, |name| {
        read.insert(name.to_owned());
        Ok(name.to_owned())
    });
    read
}

/// The glue with every `wasm.<name>` replaced by `wasm.<each(name)>`.
fn map_export_reads(
    js: &str,
    mut each: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    const OBJECT: &str = "wasm.";
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(at) = rest.find(OBJECT) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        // `notwasm.x` is another object.
        let standalone = !out.ends_with(is_identifier_char);
        out.push_str(OBJECT);
        let after = after.strip_prefix(OBJECT).unwrap_or(after);
        let (name, after) =
            after.split_at(after.find(|c: char| !is_identifier_char(c)).unwrap_or(after.len()));
        if standalone && !name.is_empty() {
            out.push_str(&each(name)?);
        } else {
            out.push_str(name);
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = r#"import * as import1 from "./snippets/x/inline0.js"

export function mount(a) {
    const ret = wasm.mount(a);
    return wasm.mountedCount() + ret + wasm.memory.buffer.byteLength;
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
        },
    };
    return {
        __proto__: null,
        "./widget_bg.js": import0,
        "./snippets/x/inline0.js": import1,
    };
}
const notwasm.mount = 1;
"#;

    fn renames() -> Renames {
        parse_renames(
            r#"{
 "imports": [
  ["./widget_bg.js", "__wbg_Error_208446807d0d1e30", "a"],
  ["./widget_bg.js", "__wbindgen_init_externref_table", "b"],
  ["./snippets/x/inline0.js", "define_elements", "c"]
 ],
"exports": [
  ["mount", "d"], ["mountedCount", "e"], ["memory", "f"], ["__wbindgen_externrefs", "g"]
]
}"#,
        )
        .unwrap()
    }

    #[test]
    fn renames_imports_snippets_modules_and_exports() {
        let js = rewrite_glue(GLUE, &renames()).unwrap();
        assert!(
            js.contains("    const ret = wasm.d(a);\n    return wasm.e() + ret + wasm.f.buffer.byteLength;")
        );
        assert!(js.contains(
            "    const import0 = {\n        __proto__: null,\n        c: import1.define_elements,\n        a: function(arg0, arg1) {"
        ));
        assert!(js.contains("        b: function() {\n            const table = wasm.g;"));
        assert!(js.contains("    return {\n        __proto__: null,\n        a: import0,\n    };"));
        assert!(!js.contains("inline0.js\": import1"));
        // Only the exports object is renamed, and the function the glue exports keeps its name.
        assert!(js.contains("const notwasm.mount = 1;"));
        assert!(js.contains("export function mount(a)"));
    }

    #[test]
    fn drops_imports_the_wasm_no_longer_has() {
        let unused = concat!(
            "        __wbg_unused_0123456789abcdef: function(arg0) {\n",
            "            arg0.x();\n",
            "        },\n",
            "        __wbg_unused_handled_0123456789abcdef: function() { return handleError(function (arg0) {\n",
            "            arg0.y();\n",
            "        }, arguments); },\n",
        );
        let glue = GLUE.replace(
            "        __wbindgen_init_externref_table",
            &format!("{unused}        __wbindgen_init_externref_table"),
        );
        let js = rewrite_glue(&glue, &renames()).unwrap();
        assert!(!js.contains("unused") && !js.contains("arg0.x()") && !js.contains("arg0.y()"));
        assert!(js.contains("            return ret;\n        },\n        b: function() {"));
    }

    /// A glue and the mapping binaryen printed for its wasm, from a real build of the version of
    /// wasm-bindgen in Cargo.lock.
    fn captured() -> (String, String) {
        let dir = fixture_dir(&crate::process::project_root());
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}: run `WEMASY_CAPTURE_GLUE=1 cargo xtask dist` after a wasm-bindgen update",
                    dir.display()
                )
            })
        };
        (read("glue.js"), read("renames.json"))
    }

    #[test]
    fn renames_everything_in_a_real_glue() {
        let (glue, printed) = captured();
        let glue = crate::trim::drop_classes(&glue, &crate::trim::UNREACHABLE_CLASSES).unwrap();
        let renames = parse_renames(&printed).unwrap();
        let js = rewrite_glue(&glue, &renames).unwrap();
        // Every import the wasm still has is a key of the one import object, under its new name.
        let own: Vec<_> =
            renames.imports.iter().filter(|(module, _, _)| !module.contains("snippets/")).collect();
        assert!(own.len() > 50, "{} imports", own.len());
        for (_, name, new) in &own {
            assert!(js.contains(&format!("\n        {new}:")), "{name} is not renamed to {new}");
            assert!(!js.contains(&format!("{name}:")), "{name} is still a key");
        }
        // Every export the glue reads is a new name, and the wasm's module is `a`.
        let new_names: BTreeSet<&str> = renames.exports.values().map(String::as_str).collect();
        for read in exports_read(&js) {
            assert!(new_names.contains(read.as_str()), "the glue reads wasm.{read}, which is not a new name");
        }
        assert!(
            js.contains(&format!("\n        {MODULE}: import0,\n")),
            "the import object is not module `a`"
        );
        assert!(!js.contains("__wbindgen_placeholder__") && !js.contains("_bg.js\": import"));
    }

    #[test]
    fn keeps_the_names_of_a_glue_whose_layout_changed() {
        let (glue, printed) = captured();
        let renames = parse_renames(&printed).unwrap();
        // The import object written another way, as a future wasm-bindgen might.
        let changed =
            glue.replace("const import0 = {", "const import0 = Object.assign(Object.create(null), {");
        assert!(rewrite_glue(&changed, &renames).is_err());
        let unchanged = Renames { unchanged: true, ..Renames::default() };
        assert_eq!(unchanged.export("memory"), Some("memory"));
        assert_eq!(renames.export("memory").map(|name| name == "memory"), Some(false));
    }

    #[test]
    fn refuses_a_glue_it_does_not_understand() {
        let unknown_entry =
            GLUE.replace("__wbindgen_init_externref_table: function", "__wbg_other: 1 + function");
        assert!(rewrite_glue(&unknown_entry, &renames()).is_err());
        let unknown_export = GLUE.replace("wasm.mountedCount()", "wasm.unmount()");
        assert!(rewrite_glue(&unknown_export, &renames()).is_err());
        let no_object = GLUE.replace("const import0 = {", "let import0 = {");
        assert!(rewrite_glue(&no_object, &renames()).is_err());
        assert!(parse_renames("nothing").is_err());
        assert!(parse_renames(r#"{"imports": [["a"]], "exports": []}"#).is_err());
    }
}
