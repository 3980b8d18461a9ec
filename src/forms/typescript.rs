//! The npm package's TypeScript declarations (`npm/index.d.ts`) and custom-elements manifest
//! (`npm/custom-elements.json`), written from the Rust declarations: the forms ([`super::ALL`]),
//! the options ([`ATTRIBUTE_DOCS`]), the strings ([`Text::ALL`]), the languages, the events
//! ([`EVENT_KINDS`]) and the stylesheet's custom properties. `generate.rs`'s test rewrites them
//! when they are out of date and fails, so nothing is typed twice.

// Test code throughout (compiled for native tests only).
#![allow(clippy::panic)]

use super::generate::title;
use crate::domain::config::{ATTRIBUTE_DOCS, OptionValue, option_name};
use crate::domain::events::{EVENT_KINDS, EventKind};
use crate::domain::spec::{Auth, FormSpec};
use crate::domain::text::{Lang, Text};
use serde_json::{Value, json};

const HEADER: &str = "// Generated from the widget's Rust declarations by its `cargo test`: do not edit.\n";

/// `"a" | "b"`.
fn union<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|name| format!("\"{name}\"")).collect::<Vec<_>>().join(" | ")
}

/// `wemasy-customer-password-change` → `WemasyCustomerPasswordChange`.
fn class_name(spec: &FormSpec) -> String {
    let mut name = option_name(&format!("wemasy-{}", spec.name));
    if let Some(first) = name.get(..1).map(str::to_ascii_uppercase) {
        name.replace_range(..1, &first);
    }
    name
}

/// The TypeScript type of an option in `mount()`'s options.
fn option_type(value: OptionValue) -> &'static str {
    match value {
        OptionValue::Text | OptionValue::Url => "string",
        OptionValue::WholeNumber => "number | string",
        OptionValue::Lang => "Lang | (string & {})",
        OptionValue::Strings => "Partial<Record<StringName, string>>",
    }
}

/// The TypeScript type of an event's `detail`.
fn detail_type(kind: &EventKind) -> String {
    let mut fields = vec!["form: FormKind".to_owned()];
    fields.extend(kind.detail.iter().map(|(name, ts, _)| format!("{name}: {ts}")));
    format!("{{ {} }}", fields.join("; "))
}

/// `/** text */` at `indent`, escaped for a comment.
fn doc(indent: &str, text: &str) -> String {
    format!("{indent}/** {} */\n", text.replace("*/", "*\\/"))
}

/// `npm/index.d.ts`.
pub fn typescript(forms: &[&FormSpec]) -> String {
    let mut ts = String::from(HEADER);
    ts.push_str("\n/** A form of the widget: its element is `<wemasy-${FormKind}>`. */\n");
    ts.push_str(&format!("export type FormKind = {};\n\n", union(forms.iter().map(|spec| spec.name))));
    ts.push_str("/** The name of one of the widget's strings, for the `strings` option. */\n");
    ts.push_str(&format!(
        "export type StringName =\n  | {};\n\n",
        Text::ALL.iter().map(|t| format!("\"{}\"", t.name())).collect::<Vec<_>>().join("\n  | ")
    ));
    ts.push_str(
        "/** A language the widget speaks (a tag such as `de-AT` is read as `de`). German and French\n \
         * come with their language files (`wemasy-auth-de.js`, `@wemasy/auth-widget/de`). Any other\n \
         * tag brings a language of the page's own, with every string in `strings`. */\n",
    );
    ts.push_str(&format!("export type Lang = {};\n\n", union(Lang::ALL.iter().map(|lang| lang.tag()))));
    ts.push_str("/** `mount()`'s options: the elements' attributes, in camelCase. */\nexport interface MountOptions {\n");
    for (attribute, value, about) in ATTRIBUTE_DOCS {
        ts.push_str(&doc("  ", about));
        ts.push_str(&format!("  {}?: {};\n", option_name(attribute), option_type(*value)));
    }
    ts.push_str("}\n\n");
    ts.push_str("/** A form mounted with `mount()`. */\nexport interface MountHandle {\n");
    ts.push_str("  /** Takes the form out of the page and frees what it held; calling it twice is harmless. */\n  unmount(): void;\n");
    ts.push_str("  /** Frees the handle itself (the form stays). */\n  free(): void;\n}\n\n");
    ts.push_str("/**\n * Mounts form `kind` into `element`, replacing what is in it. A bad kind or configuration\n * throws, and is also shown in place of the form.\n */\n");
    ts.push_str(
        "export function mount(element: HTMLElement, kind: FormKind, options?: MountOptions): MountHandle;\n",
    );
    ts.push_str("/** How many forms are mounted now. */\nexport function mountedCount(): number;\n");
    ts.push_str("/** The size of the widget's WebAssembly memory in bytes. */\nexport function memoryBytes(): number;\n\n");
    ts.push_str("/** Every event's `detail`, by event name. */\nexport interface WemasyEventDetailMap {\n");
    for kind in EVENT_KINDS {
        ts.push_str(&doc("  ", kind.about));
        ts.push_str(&format!("  \"{}\": {};\n", kind.name, detail_type(kind)));
    }
    ts.push_str("}\n\n/** An event of the widget: bubbles from the form's element (or fires on `document` once it has left). */\n");
    ts.push_str("export type WemasyEvent<K extends keyof WemasyEventDetailMap> = CustomEvent<WemasyEventDetailMap[K]>;\n\n");
    ts.push_str("/** One of the widget's elements; it is configured by its attributes. */\nexport interface WemasyFormElement extends HTMLElement {}\n\n");
    ts.push_str("declare global {\n  interface HTMLElementTagNameMap {\n");
    for spec in forms {
        ts.push_str(&format!("    \"wemasy-{}\": WemasyFormElement;\n", spec.name));
    }
    ts.push_str("  }\n  interface GlobalEventHandlersEventMap {\n");
    for kind in EVENT_KINDS {
        ts.push_str(&format!("    \"{0}\": WemasyEvent<\"{0}\">;\n", kind.name));
    }
    ts.push_str("  }\n}\n");
    ts
}

/// Whether `attribute` means something for `spec` (every form reads them all).
fn applies(spec: &FormSpec, attribute: &str) -> bool {
    match attribute {
        "token-key" | "username" => matches!(spec.auth, Auth::Bearer(_)),
        "project-id" => spec.needs_project_id(),
        "sign-in-url" | "request-reset-url" => spec.needs_reset_token(),
        _ => true,
    }
}

/// The attribute's type as text.
fn attribute_type(value: OptionValue) -> String {
    match value {
        OptionValue::Lang => format!("{} | string", union(Lang::ALL.iter().map(|lang| lang.tag()))),
        OptionValue::WholeNumber => "string (a whole number)".to_owned(),
        OptionValue::Strings => "string (a JSON object of string name → text)".to_owned(),
        OptionValue::Text | OptionValue::Url => "string".to_owned(),
    }
}

/// The stylesheet's custom properties, each with its first default, in order of first use.
fn css_properties(css: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for use_ in css.split("var(").skip(1) {
        let inside = use_.split(')').next().unwrap_or_default();
        let (name, default) = inside.split_once(',').unwrap_or((inside, ""));
        let name = name.trim();
        if name.starts_with("--wemasy-") && !found.iter().any(|(n, _)| n == name) {
            found.push((name.to_owned(), default.trim().to_owned()));
        }
    }
    found
}

/// `npm/custom-elements.json`, the manifest editors and Storybook read.
pub fn manifest(forms: &[&FormSpec], css: &str) -> String {
    let properties: Vec<Value> = css_properties(css)
        .into_iter()
        .map(|(name, default)| json!({ "name": name, "default": default }))
        .collect();
    let events: Vec<Value> = EVENT_KINDS
        .iter()
        .map(|kind| json!({ "name": kind.name, "type": { "text": format!("CustomEvent<{}>", detail_type(kind)) }, "description": kind.about }))
        .collect();
    let declarations: Vec<Value> = forms
        .iter()
        .map(|spec| {
            let attributes: Vec<Value> = ATTRIBUTE_DOCS
                .iter()
                .filter(|(attribute, _, _)| applies(spec, attribute))
                .map(|(attribute, value, about)| json!({ "name": attribute, "type": { "text": attribute_type(*value) }, "description": about }))
                .collect();
            json!({
                "kind": "class",
                "customElement": true,
                "name": class_name(spec),
                "tagName": format!("wemasy-{}", spec.name),
                "description": title(spec),
                "superclass": { "name": "HTMLElement", "package": "global:" },
                "attributes": attributes,
                "events": events,
                "cssProperties": properties,
            })
        })
        .collect();
    let mut exports: Vec<Value> = forms
        .iter()
        .map(|spec| json!({ "kind": "custom-element-definition", "name": format!("wemasy-{}", spec.name), "declaration": { "name": class_name(spec), "module": "wemasy-auth.js" } }))
        .collect();
    exports.extend(["mount", "mountedCount", "memoryBytes"].map(|name| json!({ "kind": "js", "name": name, "declaration": { "name": name, "module": "wemasy-auth.js" } })));
    let mut functions = vec![json!({
        "kind": "function",
        "name": "mount",
        "description": "Mounts a form into an element; a bad kind or configuration throws.",
        "parameters": [
            { "name": "element", "type": { "text": "HTMLElement" } },
            { "name": "kind", "type": { "text": "FormKind" } },
            { "name": "options", "optional": true, "type": { "text": "MountOptions" } },
        ],
        "return": { "type": { "text": "MountHandle" } },
    })];
    functions.extend(
        ["mountedCount", "memoryBytes"].map(
            |name| json!({ "kind": "function", "name": name, "return": { "type": { "text": "number" } } }),
        ),
    );
    let mut all = declarations;
    all.extend(functions);
    let manifest = json!({
        "schemaVersion": "1.0.0",
        "readme": "README.md",
        "modules": [{ "kind": "javascript-module", "path": "wemasy-auth.js", "declarations": all, "exports": exports }],
    });
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_else(|e| panic!("the manifest: {e}"));
    format!("{text}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_turned_the_javascript_way() {
        assert_eq!(class_name(&crate::forms::customer_password_change::SPEC), "WemasyCustomerPasswordChange");
    }

    #[test]
    fn custom_properties_are_read_with_their_first_default() {
        let css = ".a { color: var(--wemasy-color-text, #111); font: var(--wemasy-font-size, 1rem) var(--other); }\n\
                   .b { color: var(--wemasy-color-text, #eee); }";
        assert_eq!(
            css_properties(css),
            [("--wemasy-color-text".into(), "#111".into()), ("--wemasy-font-size".into(), "1rem".into())]
        );
    }

    #[test]
    fn each_element_lists_the_attributes_its_form_reads() {
        let reset = &crate::forms::customer_password_reset::SPEC;
        let change = &crate::forms::user_password_change::SPEC;
        assert!(
            applies(reset, "project-id") && applies(reset, "sign-in-url") && !applies(reset, "token-key")
        );
        assert!(!applies(change, "project-id") && applies(change, "username") && applies(change, "lang"));
    }
}
