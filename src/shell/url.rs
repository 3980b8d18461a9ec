//! The browser's own URL parser, for the core's checks of configured URLs
//! ([`crate::domain::config::ParsedUrl`]); on a server, a native parser of the same standard
//! (WHATWG URL), for what a form rendered there can judge before any browser has it.

use crate::domain::config::ParsedUrl;

/// The page's address and its origin.
pub fn page() -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    Some((location.href().ok()?, location.origin().ok()?))
}

/// `value` as the browser resolves it against `base` (the page's address); `None` when it is no
/// URL at all.
#[cfg(target_arch = "wasm32")]
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
#[cfg(target_arch = "wasm32")]
fn is_absolute(value: &str, resolved: &web_sys::Url) -> bool {
    web_sys::Url::new_with_base(value, ELSEWHERE).is_ok_and(|elsewhere| elsewhere.href() == resolved.href())
}

/// A base of a made-up scheme, against which only a whole URL resolves to itself.
const ELSEWHERE: &str = "wemasy-base://base.invalid/a/b";

/// `value` resolved against `base` as the browser would (the `url` crate implements the same
/// WHATWG standard); `None` when it is no URL at all.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(value: &str, base: &str) -> Option<ParsedUrl> {
    let join = |base: &str| url::Url::parse(base).and_then(|base| base.join(value)).ok();
    let resolved = join(base)?;
    let nonempty = |part: Option<&str>| part.is_some_and(|part| !part.is_empty());
    Some(ParsedUrl {
        href: resolved.as_str().to_owned(),
        protocol: format!("{}:", resolved.scheme()),
        hostname: resolved.host_str().unwrap_or_default().to_owned(),
        origin: resolved.origin().ascii_serialization(),
        credentials: !resolved.username().is_empty() || resolved.password().is_some(),
        query_or_fragment: nonempty(resolved.query()) || nonempty(resolved.fragment()),
        absolute: join(ELSEWHERE).is_some_and(|elsewhere| elsewhere == resolved),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::parse;
    use crate::domain::config::{Config, ConfigError, ParsedUrl, may_send_to};
    use crate::domain::testing::CHANGE;

    /// What a server can say of `api-base` before the page is known.
    fn api_base_without_page(value: &str) -> Result<(), ConfigError> {
        Config::default().api_base(value).check_without_page(&CHANGE, parse)
    }

    #[test]
    fn the_native_parser_reads_urls_as_the_browser_does() {
        let page = "https://shop.example/account/";
        let parsed = |value: &str| parse(value, page).unwrap();
        assert_eq!(
            parsed("/\\evil.example/api"),
            ParsedUrl {
                href: "https://evil.example/api".into(),
                protocol: "https:".into(),
                hostname: "evil.example".into(),
                origin: "https://evil.example".into(),
                credentials: false,
                query_or_fragment: false,
                absolute: false,
            }
        );
        assert_eq!(parsed("http://[::1]:8080/api").hostname, "[::1]");
        assert_eq!(parsed("http://evil.example\\.localhost/api").hostname, "evil.example");
        assert!(parsed("https://api@evil.example/").credentials);
        assert!(
            !parsed("https://api.example/api?").query_or_fragment,
            "an empty query is none, as `search` says"
        );
        assert!(parsed("https://api.example/api#x").query_or_fragment);
        assert!(parsed("HTTPS://API.example").absolute);
        assert!(!parsed("//evil.example/api").absolute);
        assert_eq!(parse("http://[", page), None);
        // The browser test `api_base_is_judged_by_the_browsers_url_parser_never_by_prefix` holds
        // the same values against the browser's parser on a real page.
        for (value, accepted) in
            [("/\\evil.example/api", false), ("api", true), ("http://localhost:8787/api", true)]
        {
            let on_page = parse(value, page).is_some_and(|url| may_send_to(&url, "https://shop.example"));
            assert_eq!(on_page, accepted, "{value}");
        }
    }

    #[test]
    fn a_server_refuses_what_is_wrong_on_every_page_and_leaves_the_rest_to_the_browser() {
        for wrong in [
            "ftp://x/",
            "javascript:alert(1)",
            "http://api.example/api",
            "http://localhost.evil.example/api",
            "https://api@evil.example/api",
            "https://api.example/api?x=1",
            "http://[",
            "//[",
        ] {
            assert!(
                matches!(api_base_without_page(wrong), Err(ConfigError::InsecureApiBase(_))),
                "{wrong:?} was not refused"
            );
        }
        // Right on some pages or wrong on some (`//evil.example` is another site on every page,
        // but which one it is depends on the page's scheme): the browser judges them.
        for depends in
            ["/api", "api", "//evil.example/api", "/\\evil.example", "http:api", "https://api.wemasy.nl/api"]
        {
            assert_eq!(api_base_without_page(depends), Ok(()), "{depends:?} was refused");
        }
        let link = |value: &str| Config::default().sign_in_url(value).check_without_page(&CHANGE, parse);
        assert_eq!(link("javascript:alert(1)"), Err(ConfigError::UnsafeUrl("sign-in-url")));
        assert_eq!(link(" JaVaScRiPt:alert(1)"), Err(ConfigError::UnsafeUrl("sign-in-url")));
        assert_eq!(link("data:text/html,x"), Err(ConfigError::UnsafeUrl("sign-in-url")));
        assert_eq!(link("/login"), Ok(()));
        assert_eq!(link("https://shop.example/login"), Ok(()));
    }
}
