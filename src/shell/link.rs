//! Takes the reset link's token and e-mail out of the page's address.

use crate::domain::link::{ResetLink, read_reset_link, strip_link_fragment, strip_link_params};

/// Reads the reset link from the address bar and, at once, replaces the address with one
/// without `token` and `email` (`history.replaceState`, so the old address does not stay in
/// history either).
pub fn take_reset_link() -> ResetLink {
    let Some(window) = web_sys::window() else { return ResetLink::default() };
    let location = window.location();
    let (Ok(query), Ok(fragment), Ok(path)) = (location.search(), location.hash(), location.pathname())
    else {
        return ResetLink::default();
    };
    let link = read_reset_link(&query, &fragment);
    if link != ResetLink::default() {
        let clean = format!("{path}{}{}", strip_link_params(&query), strip_link_fragment(&fragment));
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
    }
    link
}
