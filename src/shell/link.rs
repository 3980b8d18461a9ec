//! Takes the reset link's token and e-mail out of the page's address, once per page load, and
//! keeps them for every reset form of the page.

use crate::domain::link::{ResetLink, read_reset_link, strip_link_fragment, strip_link_params};
use std::cell::RefCell;

thread_local! {
    /// The link this page was opened with, once read: a form moved into a dialog, mounted again,
    /// or a second reset form still has it after it left the address bar.
    static LINK: RefCell<Option<ResetLink>> = const { RefCell::new(None) };
}

/// The reset link of this page. Read from the address bar the first time one is there and, at
/// once, removed from it (`history.replaceState`, keeping `history.state` for the page's router,
/// so the address does not stay in history either); later calls give the same link.
pub fn reset_link() -> ResetLink {
    if let Some(link) = LINK.with(|kept| kept.borrow().clone()) {
        return link;
    }
    let link = take_from_address().unwrap_or_default();
    if link != ResetLink::default() {
        LINK.with(|kept| *kept.borrow_mut() = Some(link.clone()));
    }
    link
}

fn take_from_address() -> Option<ResetLink> {
    let window = web_sys::window()?;
    let location = window.location();
    let (query, fragment) = (location.search().ok()?, location.hash().ok()?);
    let link = read_reset_link(&query, &fragment);
    if link != ResetLink::default() {
        // Absolute, with the page's origin: a path starting with `//` would otherwise name
        // another host, and the browser would refuse to replace the address.
        let (origin, path) = (location.origin().ok()?, location.pathname().ok()?);
        let clean = format!("{origin}{path}{}{}", strip_link_params(&query), strip_link_fragment(&fragment));
        let replaced = window.history().and_then(|history| {
            let state = history.state()?;
            history.replace_state_with_url(&state, "", Some(&clean))
        });
        if replaced.is_err() {
            web_sys::console::error_1(
                &"wemasy: the reset link could not be removed from the address bar".into(),
            );
        }
    }
    Some(link)
}
