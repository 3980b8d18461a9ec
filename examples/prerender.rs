//! Renders every form's markup at build time, through the same component and server rendering a
//! Leptos server uses, for the embedding script to paint before the wasm runs. `cargo xtask dist`
//! runs it (`--no-default-features --features ssr`) and puts what it prints, JSON, into
//! `wemasy-auth-embed.js`.
//!
//! The words are not in the markup: each form is rendered once with every string replaced by a
//! slot, so the script fills in the page's language and the page's own `strings`. The printed
//! JSON: `embed`, what the script holds: `forms`, each form's markup as alternating literal HTML
//! and slot names (`#` the id prefix, `lang` the language tag, any other a string's name);
//! `words`, for each language the bundle carries, the strings those slots name; `filed`, the
//! languages that come in language files; `names` and
//! `attributes`, the elements and the attributes they observe. And `languages`: every string of
//! each language the bundle does not carry, for its language file (`wemasy-auth-de.js`).

use leptos::prelude::*;
use serde_json::{Map, Value, json};
use std::process::ExitCode;
use wemasy_auth_widget::domain::config::ATTRIBUTES;
use wemasy_auth_widget::domain::spec::ELEMENT_PREFIX;
use wemasy_auth_widget::forms;
use wemasy_auth_widget::{AuthWidget, Config, Lang, Text};

/// Brackets a slot in the rendered markup: characters no string, id or attribute of a form holds.
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

fn main() -> ExitCode {
    match prerendered() {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        // A markup this does not know: the build stops rather than paint something else.
        Err(problem) => {
            eprintln!("prerender: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn prerendered() -> Result<Value, String> {
    let slot = |name: &str| format!("{OPEN}{name}{CLOSE}");
    // Every string a slot of its name.
    let slotted =
        || Text::ALL.iter().fold(Config::default(), |config, text| config.string(*text, slot(text.name())));
    let mut used: Vec<Text> = Vec::new();
    let mut rendered = Map::new();
    for spec in forms::ALL {
        // A project id, as the customer reset needs one: it is sent, never shown.
        let config = slotted().lang(Lang::En).project_id(1);
        let html = Owner::new().with(|| view! { <AuthWidget form=spec config=config /> }.to_html());
        // Hydration markers: nothing hydrates this markup (the wasm takes its values over).
        let html = html.replace("<!>", "");
        let html = with_slot(&html, " lang=\"en\"", &format!(" lang=\"{}\"", slot("lang")))?;
        let html = with_id_slot(&html, &slot("#"))?;
        let mut parts = Vec::new();
        for (index, piece) in html.split([OPEN, CLOSE]).enumerate() {
            if index % 2 == 1 && !["#", "lang"].contains(&piece) {
                let text = Text::from_name(piece).ok_or_else(|| format!("unknown slot {piece:?}"))?;
                if !used.contains(&text) {
                    used.push(text);
                }
            }
            parts.push(json!(piece));
        }
        rendered.insert(spec.name().to_owned(), Value::Array(parts));
    }
    // Words of `lang` for `texts` (natively, every language is built in).
    let words_of = |lang: Lang, texts: &[Text]| -> Result<Value, String> {
        let words = texts.iter().map(|text| {
            let words =
                text.in_lang(lang).ok_or_else(|| format!("no {} for {}", lang.name(), text.name()))?;
            Ok((text.name().to_owned(), json!(words)))
        });
        Ok(Value::Object(words.collect::<Result<_, String>>()?))
    };
    let mut words = Map::new();
    let mut languages = Map::new();
    for lang in Lang::ALL {
        if lang.in_bundle() {
            words.insert(lang.tag().to_owned(), words_of(*lang, &used)?);
        } else {
            languages.insert(lang.tag().to_owned(), words_of(*lang, Text::ALL)?);
        }
    }
    let names: Vec<String> =
        forms::ALL.iter().map(|spec| format!("{ELEMENT_PREFIX}{}", spec.name())).collect();
    let filed: Vec<&str> = languages.keys().map(String::as_str).collect();
    let embed = json!({ "forms": rendered, "words": words, "filed": filed, "names": names, "attributes": ATTRIBUTES });
    Ok(json!({ "embed": embed, "languages": languages }))
}

/// `html` with its one `from` replaced by `to`.
fn with_slot(html: &str, from: &str, to: &str) -> Result<String, String> {
    match html.matches(from).count() {
        1 => Ok(html.replacen(from, to, 1)),
        n => Err(format!("{from:?} {n} times in {html}")),
    }
}

/// The server's form ids (`wemasy-u<n>-<field>`) with their `wemasy-u<n>-` as the slot `#`: each
/// painted form gets a prefix of its own.
fn with_id_slot(html: &str, slot: &str) -> Result<String, String> {
    const SERVER_ID: &str = "wemasy-u";
    let prefix = html
        .split_once(SERVER_ID)
        .and_then(|(_, after)| after.split_once('-'))
        .map(|(number, _)| format!("{SERVER_ID}{number}-"))
        .ok_or_else(|| format!("no form id in {html}"))?;
    Ok(html.replace(&prefix, slot))
}
