//! The words of the languages the embeddable bundle does not carry (German, French, see
//! `domain::text`): a page loads one with its language file (`wemasy-auth-de.js`), which leaves
//! them under a global symbol; a form in that language reads them here when it mounts.

use crate::domain::text::{Lang, Text};

/// The words of `lang` a language file left for the widget, if the page loaded it.
#[cfg(all(feature = "embed", target_arch = "wasm32"))]
pub fn loaded(lang: Lang) -> Option<Vec<(Text, String)>> {
    use js_sys::{Object, Reflect, Symbol};
    use wasm_bindgen::JsCast;
    // The same symbol as the files' `Symbol.for("wemasy-auth-words")`.
    let registry = Reflect::get(&js_sys::global(), &Symbol::for_("wemasy-auth-words")).ok()?;
    let registry = registry.dyn_into::<Object>().ok()?;
    // The registry's own entry only, never one inherited from a tampered `Object.prototype`
    // (by its descriptor: `Object.hasOwn` needs Safari 15.4, the floor is 15).
    if Reflect::get_own_property_descriptor(&registry, &lang.tag().into()).ok()?.is_undefined() {
        return None;
    }
    let words = Reflect::get(&registry, &lang.tag().into()).ok()?;
    crate::domain::config::strings_from_json(&super::http::json_of(&words)).ok()
}

/// Every language is built in where there is no bundle to keep small.
#[cfg(not(all(feature = "embed", target_arch = "wasm32")))]
pub fn loaded(_: Lang) -> Option<Vec<(Text, String)>> {
    None
}
