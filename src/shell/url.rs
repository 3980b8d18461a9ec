//! The browser's own URL parser, for the core's checks of configured URLs
//! ([`crate::domain::config::ParsedUrl`]).

use crate::domain::config::ParsedUrl;

/// The page's address and its origin.
pub fn page() -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    Some((location.href().ok()?, location.origin().ok()?))
}

/// `value` as the browser resolves it against `base` (the page's address); `None` when it is no
/// URL at all.
pub fn parse(value: &str, base: &str) -> Option<ParsedUrl> {
    let url = web_sys::Url::new_with_base(value, base).ok()?;
    Some(ParsedUrl {
        href: url.href(),
        protocol: url.protocol(),
        hostname: url.hostname(),
        origin: url.origin(),
        credentials: !url.username().is_empty() || !url.password().is_empty(),
        query_or_fragment: !url.search().is_empty() || !url.hash().is_empty(),
        absolute: is_absolute(value, &url),
    })
}

/// Whether `value` is a whole URL: it resolves to the same place against a base of another,
/// made-up scheme (so that `//host` on an `https:` page is not taken for a whole URL). Not by
/// `new URL(value)` failing: an exception costs milliseconds once wasm frames are on the stack,
/// and relative values are the common case.
fn is_absolute(value: &str, resolved: &web_sys::Url) -> bool {
    web_sys::Url::new_with_base(value, "wemasy-base://base.invalid/a/b")
        .is_ok_and(|elsewhere| elsewhere.href() == resolved.href())
}
