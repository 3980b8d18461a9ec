//! What no page can ever call, taken out of the glue and the wasm.
//!
//! wasm-bindgen exports every `#[wasm_bindgen]` class of every dependency, and an export is a
//! root no optimiser may remove. Leptos links server_fn's browser support, and with it
//! wasm-streams' stream adapters (`IntoUnderlying*`): three classes in the glue, fifteen exports
//! and their code in the wasm, for streaming server functions a widget never has. This step drops
//! those classes from the glue, then lets binaryen's `wasm-metadce` drop every export the glue no
//! longer reads (and the code only they reached): about 1.1 KB brotli.
//!
//! It never breaks the build: when the glue does not look as expected (a wasm-bindgen or
//! wasm-streams update), it warns and leaves both files alone; the size ceiling then says what
//! that cost.

use crate::names;
use crate::process::{Fail, say};
use std::path::Path;

/// Classes of dependencies that the widget's pages cannot reach: the loader imports `mount`,
/// `mountedCount` and the start function, and `mount` returns a `MountHandle`.
pub const UNREACHABLE_CLASSES: [&str; 3] =
    ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// Exports read from outside the glue: the loader reads the memory's size.
const READ_BY_LOADER: [&str; 1] = ["memory"];

/// Drops the unreachable classes from `glue`, then the exports nothing reads from `wasm`.
pub fn drop_unreachable(wasm: &Path, glue: &Path) -> Result<(), Fail> {
    let js = std::fs::read_to_string(glue)
        .map_err(|e| Fail::new(format!("cannot read {}: {e}", glue.display())))?;
    let js = match drop_classes(&js, &UNREACHABLE_CLASSES) {
        Ok(js) => js,
        Err(why) => {
            say(&format!("warning: unreachable exports kept, the bundle is about 1 KB larger: {why}"));
            return Ok(());
        }
    };
    let mut kept = names::exports_read(&js);
    kept.extend(READ_BY_LOADER.map(str::to_owned));
    let graph = wasm.with_extension("metadce.json");
    std::fs::write(&graph, metadce_graph(kept.iter().map(String::as_str)))
        .map_err(|e| Fail::new(format!("cannot write {}: {e}", graph.display())))?;
    let args =
        ["--graph-file".as_ref(), graph.as_os_str(), wasm.as_os_str(), "-o".as_ref(), wasm.as_os_str()];
    let dropped = names::binaryen("wasm-metadce", "drop the unreachable exports", &args);
    let _ = std::fs::remove_file(&graph);
    dropped?;
    std::fs::write(glue, js).map_err(|e| Fail::new(format!("cannot write {}: {e}", glue.display())))
}

/// The reachability graph `wasm-metadce` reads: one root, the glue, reaching the exports it
/// keeps. An export the graph does not name is removed, with whatever only it reached.
fn metadce_graph<'a>(kept: impl Iterator<Item = &'a str>) -> String {
    let nodes: Vec<(String, &str)> = kept.map(|name| (format!("export:{name}"), name)).collect();
    let mut graph = vec![serde_json::json!({
        "name": "glue",
        "root": true,
        "reaches": nodes.iter().map(|(node, _)| node.as_str()).collect::<Vec<_>>(),
    })];
    graph.extend(nodes.iter().map(|(node, name)| serde_json::json!({ "name": node, "export": name })));
    serde_json::Value::Array(graph).to_string()
}

/// wasm-bindgen's glue without the given classes: for each, its `export class` block, its
/// `Symbol.dispose` line and its `FinalizationRegistry`. Refuses when a class is missing or is
/// still named afterwards.
pub fn drop_classes(js: &str, classes: &[&str]) -> Result<String, String> {
    let mut out = String::with_capacity(js.len());
    let mut lines = js.split_inclusive('\n');
    let mut dropped = Vec::new();
    while let Some(line) = lines.next() {
        let class = classes.iter().find(|class| {
            line == format!("export class {class} {{\n")
                || line.starts_with(&format!("if (Symbol.dispose) {class}.prototype"))
                || line.starts_with(&format!("const {class}Finalization = "))
        });
        let Some(class) = class else {
            out.push_str(line);
            continue;
        };
        if line.starts_with("export class") {
            // The class body is indented and ends at a closing brace in the first column.
            loop {
                match lines.next() {
                    Some("}\n") => break,
                    Some(inner) if inner.starts_with(' ') || inner == "\n" => {}
                    _ => return Err(format!("class {class} does not end where expected")),
                }
            }
            dropped.push(*class);
        } else if line.starts_with("const") && !line.trim_end().ends_with(';') {
            lines
                .by_ref()
                .find(|line| line.trim_end().ends_with(';'))
                .ok_or(format!("{class}Finalization never ends"))?;
        }
    }
    for class in classes {
        if !dropped.contains(class) {
            return Err(format!("the glue has no class {class}"));
        }
        let still_named = out.match_indices(class).any(|(at, _)| {
            let before = out.get(..at).and_then(|s| s.chars().next_back());
            let after = out.get(at + class.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(names::is_identifier_char) && !after.is_some_and(names::is_identifier_char)
        });
        if still_named || out.contains(&format!("{class}Finalization")) {
            return Err(format!("the glue still uses {class} after it was dropped"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape wasm-bindgen 0.2.130 writes (cut down).
    const GLUE: &str = r#"export class IntoUnderlyingSink {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        IntoUnderlyingSinkFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export class MountHandle {
    unmount() {
        wasm.mounthandle_unmount(this.__wbg_ptr);
    }
}
export function mount(a) {
    return wasm.mount(a);
}
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
const MountHandleFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_mounthandle_free(ptr, 1));
"#;

    #[test]
    fn drops_a_class_and_keeps_the_rest() {
        let js = drop_classes(GLUE, &["IntoUnderlyingSink"]).unwrap();
        assert!(!js.contains("IntoUnderlying") && !js.contains("intounderlying"), "{js}");
        assert!(js.starts_with("\nexport class MountHandle {\n"), "{js}");
        assert!(js.contains("wasm.mount(a)") && js.contains("const MountHandleFinalization = "));
        let read = names::exports_read(&js);
        assert_eq!(
            read.into_iter().collect::<Vec<_>>(),
            ["__wbg_mounthandle_free", "mount", "mounthandle_unmount"]
        );
    }

    #[test]
    fn refuses_a_glue_it_does_not_understand() {
        // Not there at all.
        assert!(drop_classes(GLUE, &["IntoUnderlyingSource"]).is_err());
        // Used outside its own block.
        let used = GLUE.replace("return wasm.mount(a);", "return new IntoUnderlyingSink(a);");
        assert!(drop_classes(&used, &["IntoUnderlyingSink"]).is_err());
        // A block whose end is not where the glue puts it.
        let unended = GLUE.replace("    }\n}\nif (Symbol", "    }\n  }\nif (Symbol");
        assert!(drop_classes(&unended, &["IntoUnderlyingSink"]).is_err());
    }

    #[test]
    fn the_graph_roots_exactly_the_kept_exports() {
        let graph: serde_json::Value =
            serde_json::from_str(&metadce_graph(["mount", "memory"].into_iter())).unwrap();
        assert_eq!(
            graph,
            serde_json::json!([
                { "name": "glue", "root": true, "reaches": ["export:mount", "export:memory"] },
                { "name": "export:mount", "export": "mount" },
                { "name": "export:memory", "export": "memory" },
            ])
        );
    }
}
