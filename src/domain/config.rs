//! What a host page configures, read from plain strings so it can be checked without a DOM.

use super::json::Json;
use super::spec::{FormSpec, Realm};
use super::text::Lang;

/// Where the customer's token lives unless the page says otherwise.
pub const DEFAULT_CUSTOMER_TOKEN_KEY: &str = "wemasy.customer_token";
/// Where the platform user's token lives unless the page says otherwise.
pub const DEFAULT_USER_TOKEN_KEY: &str = "wemasy.user_token";
/// The API's base URL unless the page says otherwise: same origin, so a proxy or the shop's own
/// server can route it.
pub const DEFAULT_API_BASE: &str = "/api";

/// The largest whole number a JSON body carries exactly (JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The configuration of one mounted form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Base URL without a trailing slash.
    pub api_base: String,
    /// The `localStorage` key of the Bearer token; `None` for the realm's default.
    pub token_key: Option<String>,
    /// The account name, offered to password managers in a hidden `autocomplete="username"` field.
    pub username: Option<String>,
    /// The shop's project id (webshop reset).
    pub project_id: Option<u64>,
    /// Where "go to sign in" leads after a reset.
    pub sign_in_url: Option<String>,
    /// Where "request a new link" leads when a reset link is incomplete or expired.
    pub request_reset_url: Option<String>,
    /// The language the page asked for; `None` to follow the page's `<html lang>`.
    pub lang: Option<Lang>,
    /// How long a request may take before the form gives up on it.
    pub timeout_seconds: u32,
}

/// How long a request may take unless the page says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// A configuration the widget refuses to run with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    ProjectIdNotInteger(String),
    ProjectIdMissing,
    /// A link attribute with a scheme that would run code (`javascript:`, `data:`, …).
    UnsafeUrl(&'static str),
    /// `api-base` that would send passwords unencrypted to another machine.
    InsecureApiBase(String),
    UnknownLang(String),
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
            ConfigError::ProjectIdMissing => "this form needs the shop's project-id".to_owned(),
            ConfigError::UnsafeUrl(name) => format!("{name} must be an http(s) or relative URL"),
            ConfigError::InsecureApiBase(base) => {
                format!("api-base \"{base}\" must use https:// (plain http:// only for localhost)")
            }
            ConfigError::UnknownLang(lang) => {
                format!("lang \"{lang}\" is not supported; use \"en\" or \"nl\"")
            }
            ConfigError::BadStrings(problem) => format!("strings: {problem}"),
            ConfigError::BadTimeout(value) => {
                format!("timeout must be whole seconds from 1 to 300, not \"{value}\"")
            }
        }
    }
}

/// Whether `url` is safe as a link's `href`: relative, or http(s). Anything with another scheme
/// (`javascript:`, `data:`) could run code when clicked.
fn is_safe_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        // A colon after the first `/`, `?` or `#` is part of a path, not a scheme.
        Some(colon) if lower.get(..colon).is_some_and(|scheme| scheme.contains(['/', '?', '#'])) => true,
        Some(_) => lower.starts_with("https://") || lower.starts_with("http://"),
    }
}

/// Whether passwords may be sent to `base`: same origin (a path), https, or plain http to this
/// machine only.
fn is_acceptable_api_base(base: &str) -> bool {
    let lower = base.to_ascii_lowercase();
    if lower.starts_with('/') && !lower.starts_with("//") {
        return true;
    }
    if lower.starts_with("https://") {
        return true;
    }
    let Some(rest) = lower.strip_prefix("http://") else { return false };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default().to_owned()
    };
    matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost")
}

/// The page's string overrides from a `strings` JSON object of name → text.
pub fn strings_from_json(value: &Json) -> Result<Vec<(String, String)>, ConfigError> {
    let Json::Object(members) = value else {
        return Err(ConfigError::BadStrings("expected a JSON object of name → text".into()));
    };
    members
        .iter()
        .map(|(name, text)| match text.as_str() {
            Some(text) => Ok((name.clone(), text.to_owned())),
            None => Err(ConfigError::BadStrings(format!("\"{name}\" must be a text"))),
        })
        .collect()
}

impl Config {
    /// Reads the configuration through `attribute` (given a name such as `api-base`); blank
    /// values mean "not given".
    pub fn read(attribute: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let given = |name: &str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let project_id = match given("project-id") {
            Some(text) => Some(
                text.parse::<u64>()
                    .ok()
                    .filter(|id| *id <= MAX_SAFE_INTEGER)
                    .ok_or_else(|| ConfigError::ProjectIdNotInteger(text.clone()))?,
            ),
            None => None,
        };
        let lang = match given("lang") {
            Some(tag) => Some(Lang::from_tag(&tag).ok_or(ConfigError::UnknownLang(tag))?),
            None => None,
        };
        let timeout_seconds = match given("timeout") {
            Some(text) => {
                text.parse().ok().filter(|s| (1..=300).contains(s)).ok_or(ConfigError::BadTimeout(text))?
            }
            None => DEFAULT_TIMEOUT_SECONDS,
        };
        let api_base = given("api-base")
            .map_or_else(|| DEFAULT_API_BASE.to_owned(), |b| b.trim_end_matches('/').to_owned());
        if !is_acceptable_api_base(&api_base) {
            return Err(ConfigError::InsecureApiBase(api_base));
        }
        let link = |name: &'static str| match given(name) {
            Some(url) if !is_safe_link(&url) => Err(ConfigError::UnsafeUrl(name)),
            other => Ok(other),
        };
        Ok(Config {
            api_base,
            token_key: given("token-key"),
            username: given("username"),
            project_id,
            sign_in_url: link("sign-in-url")?,
            request_reset_url: link("request-reset-url")?,
            lang,
            timeout_seconds,
        })
    }

    /// Checks that `spec` has what it needs.
    pub fn check_for(&self, spec: &FormSpec) -> Result<(), ConfigError> {
        if spec.needs_project_id() && self.project_id.is_none() {
            return Err(ConfigError::ProjectIdMissing);
        }
        Ok(())
    }

    /// The `localStorage` key of `realm`'s token.
    pub fn token_key(&self, realm: Realm) -> &str {
        match (&self.token_key, realm) {
            (Some(key), _) => key,
            (None, Realm::Customer) => DEFAULT_CUSTOMER_TOKEN_KEY,
            (None, Realm::User) => DEFAULT_USER_TOKEN_KEY,
        }
    }

    /// The full URL of `endpoint` (a path starting with `/`).
    pub fn url(&self, endpoint: &str) -> String {
        format!("{}{}", self.api_base, endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::read(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn defaults_apply_when_nothing_is_given() {
        let config = read(&[("token-key", "  ")]).unwrap();
        assert_eq!(config.api_base, "/api");
        assert_eq!(config.token_key(Realm::Customer), DEFAULT_CUSTOMER_TOKEN_KEY);
        assert_eq!(config.token_key(Realm::User), DEFAULT_USER_TOKEN_KEY);
        assert_eq!(config.username, None);
    }

    #[test]
    fn urls_join_without_a_double_slash() {
        let config = read(&[("api-base", "https://api.wemasy.nl/api/")]).unwrap();
        assert_eq!(
            config.url("/services/webshop/v1/customer/password/change"),
            "https://api.wemasy.nl/api/services/webshop/v1/customer/password/change"
        );
    }

    #[test]
    fn links_must_not_run_code() {
        assert_eq!(
            read(&[("sign-in-url", "javascript:alert(1)")]),
            Err(ConfigError::UnsafeUrl("sign-in-url"))
        );
        assert_eq!(
            read(&[("request-reset-url", " DATA:text/html,x")]),
            Err(ConfigError::UnsafeUrl("request-reset-url"))
        );
        for fine in ["/login", "https://shop.example/login", "login?next=/a:b", "#sign-in"] {
            assert_eq!(read(&[("sign-in-url", fine)]).unwrap().sign_in_url.as_deref(), Some(fine));
        }
    }

    #[test]
    fn passwords_go_to_https_or_this_machine_only() {
        for fine in [
            "/api",
            "https://api.wemasy.nl/api",
            "http://localhost:8787/api",
            "http://127.0.0.1/api",
            "http://[::1]:80",
            "http://shop.localhost/api",
        ] {
            assert!(read(&[("api-base", fine)]).is_ok(), "{fine}");
        }
        for bad in
            ["http://api.wemasy.nl/api", "//api.wemasy.nl", "ftp://x", "http://localhost.evil.com/api", "api"]
        {
            assert!(matches!(read(&[("api-base", bad)]), Err(ConfigError::InsecureApiBase(_))), "{bad}");
        }
    }

    #[test]
    fn timeout_is_whole_seconds_within_reason() {
        assert_eq!(read(&[]).unwrap().timeout_seconds, 15);
        assert_eq!(read(&[("timeout", "3")]).unwrap().timeout_seconds, 3);
        for bad in ["0", "301", "1.5", "soon"] {
            assert_eq!(read(&[("timeout", bad)]), Err(ConfigError::BadTimeout(bad.into())));
        }
    }

    #[test]
    fn lang_must_be_one_the_widget_speaks() {
        assert_eq!(read(&[("lang", "nl-NL")]).unwrap().lang, Some(Lang::Nl));
        assert_eq!(read(&[]).unwrap().lang, None);
        assert_eq!(read(&[("lang", "de")]), Err(ConfigError::UnknownLang("de".into())));
    }

    #[test]
    fn strings_must_be_an_object_of_texts() {
        let parse = |text: &str| strings_from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(
            parse(r#"{"change-password":"Opslaan"}"#),
            Ok(vec![("change-password".into(), "Opslaan".into())])
        );
        assert!(parse(r#"["x"]"#).is_err());
        assert!(parse(r#"{"change-password":1}"#).is_err());
    }

    #[test]
    fn project_id_must_be_a_whole_number() {
        assert_eq!(read(&[("project-id", " 42 ")]).unwrap().project_id, Some(42));
        assert_eq!(read(&[("project-id", "4.2")]), Err(ConfigError::ProjectIdNotInteger("4.2".into())));
        assert_eq!(read(&[("project-id", "-1")]), Err(ConfigError::ProjectIdNotInteger("-1".into())));
        // Beyond 2^53 a JSON number in the browser is no longer exact.
        assert_eq!(read(&[("project-id", "9007199254740991")]).unwrap().project_id, Some(MAX_SAFE_INTEGER));
        assert_eq!(
            read(&[("project-id", "9007199254740992")]),
            Err(ConfigError::ProjectIdNotInteger("9007199254740992".into()))
        );
    }
}
