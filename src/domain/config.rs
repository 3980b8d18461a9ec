//! What a host page configures, read from plain strings so it can be checked without a DOM.

/// Where the customer's token lives unless the page says otherwise.
pub const DEFAULT_CUSTOMER_TOKEN_KEY: &str = "wemasy.customer_token";
/// The API's base URL unless the page says otherwise: same origin, so a proxy or the shop's own
/// server can route it.
pub const DEFAULT_API_BASE: &str = "/api";

/// The configuration of one mounted form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL without a trailing slash.
    pub api_base: String,
    /// The `localStorage` key of the Bearer token.
    pub token_key: String,
    /// The account name, offered to password managers in a hidden `autocomplete="username"` field.
    pub username: Option<String>,
}

impl Config {
    /// The configuration from optional attribute values; blank values mean "not given".
    pub fn from_attributes(
        api_base: Option<&str>,
        token_key: Option<&str>,
        username: Option<&str>,
    ) -> Config {
        let given = |value: Option<&str>| value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        Config {
            api_base: given(api_base)
                .map_or_else(|| DEFAULT_API_BASE.to_owned(), |base| base.trim_end_matches('/').to_owned()),
            token_key: given(token_key).unwrap_or_else(|| DEFAULT_CUSTOMER_TOKEN_KEY.to_owned()),
            username: given(username),
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

    #[test]
    fn defaults_apply_when_nothing_is_given() {
        let config = Config::from_attributes(None, Some("  "), None);
        assert_eq!(config.api_base, "/api");
        assert_eq!(config.token_key, DEFAULT_CUSTOMER_TOKEN_KEY);
        assert_eq!(config.username, None);
    }

    #[test]
    fn urls_join_without_a_double_slash() {
        let config = Config::from_attributes(Some("https://api.wemasy.nl/api/"), None, None);
        assert_eq!(
            config.url("/services/webshop/v1/customer/password/change"),
            "https://api.wemasy.nl/api/services/webshop/v1/customer/password/change"
        );
    }
}
