//! What a host page configures, read from plain strings so it can be checked without a DOM.

use super::json::Json;
use super::spec::{Auth, FormSpec, Realm};
use super::text::{Lang, Text};

/// Where the customer's token lives unless the page says otherwise.
pub const DEFAULT_CUSTOMER_TOKEN_KEY: &str = "wemasy.customer_token";
/// Where the platform user's token lives unless the page says otherwise.
pub const DEFAULT_USER_TOKEN_KEY: &str = "wemasy.user_token";
/// The API's base URL unless the page says otherwise: same origin, so a proxy or the shop's own
/// server can route it.
pub const DEFAULT_API_BASE: &str = "/api";

/// Every attribute a form reads (the `mount()` options are the same in camelCase): a change to
/// any of them after the element is in the page mounts its form again.
pub const ATTRIBUTES: &[&str] = &[
    "api-base",
    "token-key",
    "username",
    "project-id",
    "sign-in-url",
    "request-reset-url",
    "lang",
    "timeout",
    "strings",
];

/// What kind of value an option takes, for the package's TypeScript declarations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg(any(test, feature = "internals"))]
pub enum OptionValue {
    Text,
    /// A URL, resolved against the page's address.
    Url,
    /// A whole number (an attribute's text, or a number in `mount()`'s options).
    WholeNumber,
    /// A language tag: one the widget speaks ([`Lang`]), or any other with the page's own
    /// `strings`.
    Lang,
    /// Overrides of the widget's strings by name: a JSON object in the attribute, an object in
    /// `mount()`'s options.
    Strings,
}

/// Every attribute in [`ATTRIBUTES`]' order, with its kind of value and what it is: what the
/// package's declarations and custom-elements manifest say (a test holds the two lists together;
/// this one is never linked into the bundle).
#[cfg(any(test, feature = "internals"))]
pub const ATTRIBUTE_DOCS: &[(&str, OptionValue, &str)] = &[
    (
        "api-base",
        OptionValue::Url,
        "The API's base URL: https://, http:// only to this machine, or a path on this site. Default `/api`.",
    ),
    (
        "token-key",
        OptionValue::Text,
        "The `localStorage` key of the Bearer token. Default `wemasy.customer_token` or `wemasy.user_token`.",
    ),
    ("username", OptionValue::Text, "The signed-in account's name, offered to password managers."),
    ("project-id", OptionValue::WholeNumber, "The shop's project id (the webshop reset form needs it)."),
    ("sign-in-url", OptionValue::Url, "Where \"go to sign in\" leads after a reset."),
    (
        "request-reset-url",
        OptionValue::Url,
        "Where \"request a new link\" leads when a reset link is incomplete or expired.",
    ),
    (
        "lang",
        OptionValue::Lang,
        "The language tag; default the page's `<html lang>`. One the widget does not speak needs every string in `strings` (English for those missing, named in the console).",
    ),
    (
        "timeout",
        OptionValue::WholeNumber,
        "How long a request may take, in seconds from 1 to 300. Default 15.",
    ),
    ("strings", OptionValue::Strings, "The page's own wording for the widget's strings, by name."),
];

/// The `mount()` option (and TypeScript property) an attribute is: `api-base` → `apiBase`.
pub fn option_name(attribute: &str) -> String {
    let mut out = String::with_capacity(attribute.len());
    let mut upper = false;
    for c in attribute.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The largest whole number a JSON body carries exactly (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The configuration of one form: what a custom element's attributes say, or what a Leptos app
/// builds from [`Config::default`] with the methods below. The form checks it before it shows
/// anything (URLs as the browser's own parser reads them) and refuses to run with a bad one.
///
/// ```
/// use wemasy_auth_widget::{Config, Lang};
///
/// let config = Config::default()
///     .api_base("https://api.wemasy.nl/api")
///     .lang(Lang::Nl)
///     .sign_in_url("/login")
///     .string(wemasy_auth_widget::Text::ChangePassword, "Opslaan");
/// # let _ = config;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL without a trailing slash.
    pub(crate) api_base: String,
    /// The `localStorage` key of the Bearer token; `None` for the realm's default.
    pub(crate) token_key: Option<String>,
    /// The account name, offered to password managers in a hidden `autocomplete="username"` field.
    pub(crate) username: Option<String>,
    /// The shop's project id (webshop reset).
    pub(crate) project_id: Option<u64>,
    /// Where "go to sign in" leads after a reset.
    pub(crate) sign_in_url: Option<String>,
    /// Where "request a new link" leads when a reset link is incomplete or expired.
    pub(crate) request_reset_url: Option<String>,
    /// The language tag the page asked for, as written; `None` to follow the page's
    /// `<html lang>`. Judged with the `strings` when the form's words are chosen
    /// ([`crate::domain::text::choose_words`]).
    pub(crate) lang: Option<String>,
    /// How long a request may take before the form gives up on it: 1 to 300 seconds.
    pub(crate) timeout_seconds: u32,
    /// The page's own wording for some of the widget's strings.
    pub(crate) strings: Vec<(Text, String)>,
}

impl Default for Config {
    /// Same-origin `/api`, the realm's default token key, the page's language, 15 seconds.
    fn default() -> Config {
        Config {
            api_base: DEFAULT_API_BASE.to_owned(),
            token_key: None,
            username: None,
            project_id: None,
            sign_in_url: None,
            request_reset_url: None,
            lang: None,
            timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
            strings: Vec::new(),
        }
    }
}

/// The builder methods a Leptos app configures a form with; each sets one field.
impl Config {
    /// The API's base URL: `https://`, `http://` to this machine only, or a path on the page's
    /// own site. Default `/api`.
    pub fn api_base(mut self, url: impl Into<String>) -> Config {
        self.api_base = url.into();
        self
    }

    /// The `localStorage` key of the Bearer token, instead of the realm's default.
    pub fn token_key(mut self, key: impl Into<String>) -> Config {
        self.token_key = Some(key.into());
        self
    }

    /// The signed-in account's name, for password managers.
    pub fn username(mut self, name: impl Into<String>) -> Config {
        self.username = Some(name.into());
        self
    }

    /// The shop's project id, which the webshop reset form needs.
    pub fn project_id(mut self, id: u64) -> Config {
        self.project_id = Some(id);
        self
    }

    /// Where "go to sign in" leads after a reset.
    pub fn sign_in_url(mut self, url: impl Into<String>) -> Config {
        self.sign_in_url = Some(url.into());
        self
    }

    /// Where "request a new link" leads when a reset link is incomplete or expired.
    pub fn request_reset_url(mut self, url: impl Into<String>) -> Config {
        self.request_reset_url = Some(url.into());
        self
    }

    /// The language, instead of the page's `<html lang>`.
    pub fn lang(mut self, lang: Lang) -> Config {
        self.lang = Some(lang.tag().to_owned());
        self
    }

    /// The language as a BCP 47 tag (`de-AT`, `pl`), instead of the page's `<html lang>`: one the
    /// widget speaks picks its words; for any other, give every string with
    /// [`Config::string`] (the console names those missing, shown in English).
    pub fn lang_tag(mut self, tag: impl Into<String>) -> Config {
        self.lang = Some(tag.into());
        self
    }

    /// How long a request may take, in whole seconds from 1 to 300.
    pub fn timeout_seconds(mut self, seconds: u32) -> Config {
        self.timeout_seconds = seconds;
        self
    }

    /// The page's own text for `key`, in place of the widget's.
    pub fn string(mut self, key: Text, text: impl Into<String>) -> Config {
        self.strings.push((key, text.into()));
        self
    }

    /// Where `form` finds the signed-in user's token under this configuration: the
    /// `localStorage` key it reads at the moment it sends, and where it stores the fresh token a
    /// password change returns (`None` for a form that needs none, a reset). An app that signs
    /// users in stores its token there, or points [`Config::token_key`] at where it already does.
    pub fn token_key_for(&self, form: &FormSpec) -> Option<&str> {
        match form.auth {
            Auth::Bearer(realm) => Some(self.token_key_of(realm)),
            Auth::Public => None,
        }
    }
}

/// How long a request may take unless the page says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// Why a form does not run on a page: what the page's developer should fix. Shown in place of
/// the form and in the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The page asked for a form the widget does not have; `known` lists those it has.
    UnknownForm { name: String, known: String },
    /// The form's configuration cannot work.
    Config { form: &'static str, problem: ConfigError },
}

impl Refusal {
    /// What stands in place of the form: the reason, with the form's name, in one line.
    pub fn describe(&self) -> String {
        match self {
            Refusal::UnknownForm { name, known } => {
                format!("wemasy: unknown form \"{name}\"; expected one of {known}")
            }
            Refusal::Config { form, problem } => format!("wemasy: {form}: {}", problem.describe()),
        }
    }
}

/// A configuration the widget refuses to run with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    ProjectIdNotInteger(String),
    /// Beyond what a JSON number carries exactly in the browser.
    ProjectIdTooLarge(u64),
    ProjectIdMissing,
    /// A link attribute with a scheme that would run code (`javascript:`, `data:`, …).
    UnsafeUrl(&'static str),
    /// `api-base` that would send passwords unencrypted to another machine, to another site by a
    /// relative path, or with credentials.
    InsecureApiBase(String),
    /// `strings` that is not a JSON object of texts, or names a string that does not exist.
    BadStrings(String),
    BadTimeout(String),
}

impl ConfigError {
    /// What the developer of the page should fix, in one sentence.
    pub fn describe(&self) -> String {
        match self {
            ConfigError::ProjectIdNotInteger(value) => {
                format!("project-id must be a whole number, not \"{value}\"")
            }
            ConfigError::ProjectIdTooLarge(id) => {
                format!("project-id {id} is larger than {MAX_SAFE_INTEGER}")
            }
            ConfigError::ProjectIdMissing => "this form needs the shop's project-id".to_owned(),
            ConfigError::UnsafeUrl(name) => format!("{name} must be an http(s) or relative URL"),
            ConfigError::InsecureApiBase(base) => {
                format!(
                    "api-base \"{base}\" must be https:// (http:// only to localhost, 127.0.0.1 or [::1]) \
                     or a path on this page's own site, without a user name, password, query or fragment"
                )
            }
            ConfigError::BadStrings(problem) => format!("strings: {problem}"),
            ConfigError::BadTimeout(value) => {
                format!("timeout must be whole seconds from 1 to 300, not \"{value}\"")
            }
        }
    }
}

/// A URL as the browser's own URL parser reads it, against the page's address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The whole resolved URL.
    pub href: String,
    /// `https:`, `http:`, `javascript:` …
    pub protocol: String,
    /// The host without port; IPv6 in brackets (`[::1]`).
    pub hostname: String,
    pub origin: String,
    /// It carries a user name or password (`https://user@host`).
    pub credentials: bool,
    /// It carries a query or a fragment.
    pub query_or_fragment: bool,
    /// It was a whole URL, not one relative to the page.
    pub absolute: bool,
}

/// The hosts plain `http:` may send passwords to: this machine.
const LOOPBACK: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

/// Whether passwords and the token may be sent to `url` from a page at `page_origin`: a relative
/// value must stay on the page's origin; a whole URL must be `https:`, or `http:` to this machine;
/// never with a user name or password, a query or a fragment.
pub fn may_send_to(url: &ParsedUrl, page_origin: &str) -> bool {
    let allowed = if url.absolute {
        url.protocol == "https:" || (url.protocol == "http:" && LOOPBACK.contains(&url.hostname.as_str()))
    } else {
        url.origin == page_origin
    };
    allowed && !url.credentials && !url.query_or_fragment
}

/// Whether `url` is safe as a link's `href`: http(s) once resolved. Another scheme
/// (`javascript:`, `data:`) could run code when clicked.
pub fn may_link_to(url: &ParsedUrl) -> bool {
    url.protocol == "https:" || url.protocol == "http:"
}

/// Two made-up pages, one of each scheme a page is served with: a value that resolves to the same
/// URL on both resolves to it on every http(s) page, and one that is no URL on either is none on
/// any. What the browser makes of anything else depends on the page it is on.
pub const ANY_HTTPS_PAGE: &str = "https://page.invalid/a/b";
pub const ANY_HTTP_PAGE: &str = "http://page.invalid/a/b";

/// A configured URL as every http(s) page resolves it, from what it resolves to on
/// [`ANY_HTTPS_PAGE`] and [`ANY_HTTP_PAGE`]: `Some(Some(url))` the same whole URL everywhere,
/// `Some(None)` no URL anywhere, `None` it depends on the page.
pub fn on_any_page(on_https: Option<ParsedUrl>, on_http: Option<ParsedUrl>) -> Option<Option<ParsedUrl>> {
    match (on_https, on_http) {
        (Some(url), Some(other)) if url.href == other.href => Some(Some(ParsedUrl { absolute: true, ..url })),
        (None, None) => Some(None),
        _ => None,
    }
}

/// The page's string overrides from a `strings` JSON object of name → text; an unknown name is
/// refused, so a typo does not silently leave a string untranslated.
pub fn strings_from_json(value: &Json) -> Result<Vec<(Text, String)>, ConfigError> {
    let Json::Object(members) = value else {
        return Err(ConfigError::BadStrings("expected a JSON object of name → text".into()));
    };
    members
        .iter()
        .map(|(name, text)| match (Text::from_name(name), text.as_str()) {
            (Some(key), Some(text)) => Ok((key, text.to_owned())),
            (None, _) => Err(ConfigError::BadStrings(format!("there is no string called \"{name}\""))),
            (_, None) => Err(ConfigError::BadStrings(format!("\"{name}\" must be a text"))),
        })
        .collect()
}

impl Config {
    /// Reads the configuration through `attribute` (given a name such as `api-base`); blank
    /// values mean "not given". `strings` is JSON, which the shell reads. What is read is
    /// checked like any other configuration ([`Config::check`]).
    pub(crate) fn read(attribute: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let given = |name: &str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let project_id = match given("project-id") {
            Some(text) => Some(text.parse::<u64>().map_err(|_| ConfigError::ProjectIdNotInteger(text))?),
            None => None,
        };
        let timeout_seconds = match given("timeout") {
            Some(text) => text.parse().map_err(|_| ConfigError::BadTimeout(text))?,
            None => DEFAULT_TIMEOUT_SECONDS,
        };
        Ok(Config {
            api_base: given("api-base").unwrap_or_else(|| DEFAULT_API_BASE.to_owned()),
            token_key: given("token-key"),
            username: given("username"),
            project_id,
            sign_in_url: given("sign-in-url"),
            request_reset_url: given("request-reset-url"),
            lang: given("lang"),
            timeout_seconds,
            strings: Vec::new(),
        })
    }

    /// Checks `api-base` and the links as the browser reads them (`parse` resolves a value
    /// against the page's address, `None` when it is no URL at all), and keeps what was checked:
    /// the resolved URLs. Never by prefix: `/\evil.example` and `http://evil.example\.localhost`
    /// look local and are not.
    pub(crate) fn resolve_urls(
        mut self,
        parse: impl Fn(&str) -> Option<ParsedUrl>,
        page_origin: &str,
    ) -> Result<Config, ConfigError> {
        let base = parse(&self.api_base).filter(|url| may_send_to(url, page_origin));
        let Some(base) = base else { return Err(ConfigError::InsecureApiBase(self.api_base)) };
        self.api_base = base.href.trim_end_matches('/').to_owned();
        for (name, link) in
            [("sign-in-url", &mut self.sign_in_url), ("request-reset-url", &mut self.request_reset_url)]
        {
            if let Some(value) = link {
                let url = parse(value).filter(may_link_to).ok_or(ConfigError::UnsafeUrl(name))?;
                *value = url.href;
            }
        }
        Ok(self)
    }

    /// What can be judged without the page's address, where a form is rendered before any
    /// browser has it (on a server): the values ([`Config::check`]) and every URL that is the
    /// same whole URL on any page (`https://…`, `ftp://…`, `javascript:…`), in the order
    /// [`Config::resolve_urls`] and then [`Config::check`] judge them. A URL that depends on the
    /// page (`/api`, `//host`, `/\host`, `http:api`) waits for the browser, which judges the
    /// whole configuration again (and may then name that URL before a value refused here).
    /// `parse` is a WHATWG URL parser (`value` against `base`): the browser's, or a native one.
    pub(crate) fn check_without_page(
        &self,
        spec: &FormSpec,
        parse: impl Fn(&str, &str) -> Option<ParsedUrl>,
    ) -> Result<(), ConfigError> {
        let on_any_page =
            |value: &str| on_any_page(parse(value, ANY_HTTPS_PAGE), parse(value, ANY_HTTP_PAGE));
        if let Some(base) = on_any_page(&self.api_base)
            && !base.is_some_and(|url| may_send_to(&url, ""))
        {
            return Err(ConfigError::InsecureApiBase(self.api_base.clone()));
        }
        for (name, link) in
            [("sign-in-url", &self.sign_in_url), ("request-reset-url", &self.request_reset_url)]
        {
            if let Some(url) = link.as_deref().and_then(on_any_page)
                && !url.is_some_and(|url| may_link_to(&url))
            {
                return Err(ConfigError::UnsafeUrl(name));
            }
        }
        self.check(spec)
    }

    /// Checks that the values are within reason and that `spec` has what it needs.
    pub(crate) fn check(&self, spec: &FormSpec) -> Result<(), ConfigError> {
        if !(1..=300).contains(&self.timeout_seconds) {
            return Err(ConfigError::BadTimeout(self.timeout_seconds.to_string()));
        }
        match self.project_id {
            Some(id) if id > MAX_SAFE_INTEGER => Err(ConfigError::ProjectIdTooLarge(id)),
            None if spec.needs_project_id() => Err(ConfigError::ProjectIdMissing),
            _ => Ok(()),
        }
    }

    /// The `localStorage` key of `realm`'s token.
    pub(crate) fn token_key_of(&self, realm: Realm) -> &str {
        match (&self.token_key, realm) {
            (Some(key), _) => key,
            (None, Realm::Customer) => DEFAULT_CUSTOMER_TOKEN_KEY,
            (None, Realm::User) => DEFAULT_USER_TOKEN_KEY,
        }
    }

    /// The full URL of `endpoint` (a path starting with `/`).
    pub(crate) fn url(&self, endpoint: &str) -> String {
        format!("{}{}", self.api_base, endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::spec::Extra;

    fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::read(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn defaults_apply_when_nothing_is_given() {
        let config = read(&[("token-key", "  ")]).unwrap();
        assert_eq!(config.api_base, "/api");
        assert_eq!(config.token_key_of(Realm::Customer), DEFAULT_CUSTOMER_TOKEN_KEY);
        assert_eq!(config.token_key_of(Realm::User), DEFAULT_USER_TOKEN_KEY);
        assert_eq!(config.username, None);
    }

    const PAGE: &str = "https://shop.example";

    /// What the browser's parser makes of a URL, written out (the browser test in
    /// `tests/web.rs` runs the same inputs through the real parser).
    fn url(href: &str, absolute: bool) -> ParsedUrl {
        let (protocol, rest) = href.split_once("//").unwrap_or((href, ""));
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let hostname =
            if host.starts_with('[') { host.split_inclusive(']').next() } else { host.split(':').next() };
        ParsedUrl {
            href: href.to_owned(),
            protocol: protocol.to_owned(),
            hostname: hostname.unwrap_or_default().to_owned(),
            origin: format!("{protocol}//{host}"),
            credentials: authority.contains('@'),
            query_or_fragment: rest.contains(['?', '#']),
            absolute,
        }
    }

    #[test]
    fn passwords_go_to_https_this_machine_or_the_page_itself() {
        for (fine, absolute) in [
            ("https://shop.example/api", false),
            ("https://api.wemasy.nl/api", true),
            ("http://localhost:8787/api", true),
            ("http://127.0.0.1/api", true),
            ("http://[::1]:80/", true),
        ] {
            assert!(may_send_to(&url(fine, absolute), PAGE), "{fine}");
        }
        for (bad, absolute) in [
            // `/\evil.example/api`, `//evil.example`, `/<TAB>/evil.example` as the browser resolves them.
            ("https://evil.example/api", false),
            ("http://api.wemasy.nl/api", true),
            // `http://evil.example\.localhost/api`: the host is evil.example.
            ("http://evil.example/.localhost/api", true),
            ("http://localhost.evil.com/api", true),
            ("https://api@evil.example/", true),
            ("https://api.wemasy.nl/api?x=1", true),
            ("ftp://x/", true),
        ] {
            assert!(!may_send_to(&url(bad, absolute), PAGE), "{bad}");
        }
    }

    #[test]
    fn links_must_not_run_code() {
        assert!(may_link_to(&url("https://shop.example/login", false)));
        assert!(may_link_to(&url("http://localhost/login", true)));
        assert!(!may_link_to(&url("javascript:alert(1)", true)));
        assert!(!may_link_to(&url("data:text/html,x", true)));
    }

    #[test]
    fn resolved_urls_are_what_is_kept_and_used() {
        let parse = |value: &str| match value {
            "/api/" => Some(url("https://shop.example/api/", false)),
            "/login" => Some(url("https://shop.example/login", false)),
            "javascript:x" => Some(url("javascript:x", true)),
            _ => None,
        };
        let config = read(&[("sign-in-url", "/login")]).unwrap();
        let config = Config { api_base: "/api/".into(), ..config }.resolve_urls(parse, PAGE).unwrap();
        assert_eq!(config.api_base, "https://shop.example/api");
        assert_eq!(
            config.url("/services/webshop/v1/customer/password/change"),
            "https://shop.example/api/services/webshop/v1/customer/password/change"
        );
        assert_eq!(config.sign_in_url.as_deref(), Some("https://shop.example/login"));
        let unsafe_link = read(&[("request-reset-url", "javascript:x"), ("api-base", "/api/")]).unwrap();
        assert_eq!(unsafe_link.resolve_urls(parse, PAGE), Err(ConfigError::UnsafeUrl("request-reset-url")));
        let no_url = read(&[("api-base", "http://[")]).unwrap();
        assert_eq!(no_url.resolve_urls(parse, PAGE), Err(ConfigError::InsecureApiBase("http://[".into())));
    }

    #[test]
    fn every_attribute_read_is_one_that_is_watched() {
        let asked = std::cell::RefCell::new(Vec::new());
        let _ = Config::read(|name| {
            asked.borrow_mut().push(name.to_owned());
            None
        });
        for name in asked.into_inner() {
            assert!(ATTRIBUTES.contains(&name.as_str()), "{name} is read but not watched");
        }
    }

    /// A form that needs the shop's project id.
    static SHOP_RESET: FormSpec = FormSpec {
        extras: &[Extra::ResetToken("token"), Extra::ProjectId("project_id")],
        ..crate::domain::testing::RESET
    };

    /// Reads and checks, as every form does before it runs.
    fn read_checked(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let config = read(pairs)?;
        config.check(&SHOP_RESET).map(|()| config)
    }

    #[test]
    fn options_are_the_attributes_in_camel_case() {
        assert_eq!(option_name("request-reset-url"), "requestResetUrl");
        assert_eq!(option_name("lang"), "lang");
    }

    #[test]
    fn every_attribute_is_documented_in_order() {
        let documented: Vec<&str> = ATTRIBUTE_DOCS.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(documented, ATTRIBUTES);
    }

    #[test]
    fn timeout_is_whole_seconds_within_reason() {
        assert_eq!(read_checked(&[("project-id", "1")]).unwrap().timeout_seconds, 15);
        assert_eq!(read_checked(&[("timeout", "3"), ("project-id", "1")]).unwrap().timeout_seconds, 3);
        for bad in ["0", "301", "1.5", "soon"] {
            assert_eq!(read_checked(&[("timeout", bad)]), Err(ConfigError::BadTimeout(bad.into())));
        }
        // The same check for a configuration built in Rust.
        let built = Config::default().project_id(1).timeout_seconds(0);
        assert_eq!(built.check(&SHOP_RESET), Err(ConfigError::BadTimeout("0".into())));
    }

    #[test]
    fn lang_is_read_as_written_and_never_refused() {
        // Which words follow is `text::choose_words`'s to say; an unknown language is no reason
        // to lose a password change.
        assert_eq!(read(&[("lang", " nl-NL ")]).unwrap().lang.as_deref(), Some("nl-NL"));
        assert_eq!(read(&[("lang", "pl")]).unwrap().lang.as_deref(), Some("pl"));
        assert_eq!(read(&[]).unwrap().lang, None);
        assert_eq!(Config::default().lang(Lang::De).lang.as_deref(), Some("de"));
    }

    #[test]
    fn strings_must_be_an_object_of_texts() {
        let parse = |text: &str| strings_from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(
            parse(r#"{"change-password":"Opslaan"}"#),
            Ok(vec![(Text::ChangePassword, "Opslaan".into())])
        );
        assert!(parse(r#"["x"]"#).is_err());
        assert!(parse(r#"{"change-password":1}"#).is_err());
        assert_eq!(
            parse(r#"{"chnage-password":"x"}"#),
            Err(ConfigError::BadStrings("there is no string called \"chnage-password\"".into()))
        );
    }

    #[test]
    fn project_id_must_be_a_whole_number_a_browser_carries_exactly() {
        assert_eq!(read_checked(&[("project-id", " 42 ")]).unwrap().project_id, Some(42));
        assert_eq!(read(&[("project-id", "4.2")]), Err(ConfigError::ProjectIdNotInteger("4.2".into())));
        assert_eq!(read(&[("project-id", "-1")]), Err(ConfigError::ProjectIdNotInteger("-1".into())));
        assert_eq!(read_checked(&[]), Err(ConfigError::ProjectIdMissing));
        // Beyond 2^53 a JSON number in the browser is no longer exact.
        let max = read_checked(&[("project-id", "9007199254740991")]);
        assert_eq!(max.unwrap().project_id, Some(MAX_SAFE_INTEGER));
        assert_eq!(
            read_checked(&[("project-id", "9007199254740992")]),
            Err(ConfigError::ProjectIdTooLarge(MAX_SAFE_INTEGER + 1))
        );
    }

    #[test]
    fn built_and_read_configurations_are_the_same_thing() {
        let from_attributes = read(&[
            ("api-base", "https://api.example/api"),
            ("token-key", "k"),
            ("username", "jane@example.com"),
            ("project-id", "7"),
            ("sign-in-url", "/in"),
            ("request-reset-url", "/again"),
            ("lang", "nl"),
            ("timeout", "20"),
        ]);
        let built = Config::default()
            .api_base("https://api.example/api")
            .token_key("k")
            .username("jane@example.com")
            .project_id(7)
            .sign_in_url("/in")
            .request_reset_url("/again")
            .lang(Lang::Nl)
            .timeout_seconds(20);
        assert_eq!(from_attributes, Ok(built));
        assert_eq!(read(&[]), Ok(Config::default()));
    }
}
