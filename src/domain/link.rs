//! Reading a reset link: the token and e-mail address arrive in the page's address, in the query
//! string or (safer, never sent to servers) the `#fragment`. Once read they are removed from the
//! address, so they do not linger in history, bookmarks or screenshots.

/// What a reset link carried.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetLink {
    pub token: Option<String>,
    pub email: Option<String>,
}

/// The parameters a reset link uses.
const LINK_PARAMS: &[&str] = &["token", "email"];

/// Reads `token` and `email` from a query string (`?…`, leading `?` optional) and a fragment
/// (`#…`); the fragment wins where both have one. Blank values count as missing.
pub fn read_reset_link(query: &str, fragment: &str) -> ResetLink {
    let mut link = ResetLink::default();
    for part in [query.trim_start_matches('?'), fragment.trim_start_matches('#')] {
        for (name, value) in form_urlencoded::parse(part.as_bytes()) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name.as_ref() {
                "token" => link.token = Some(value.to_owned()),
                "email" => link.email = Some(value.to_owned()),
                _ => {}
            }
        }
    }
    link
}

/// `query` (`?…` or empty) without the link's parameters; everything else kept as it was.
pub fn strip_link_params(query: &str) -> String {
    strip(query.trim_start_matches('?'), '?')
}

/// `fragment` (`#…` or empty) without the link's parameters. A fragment that is not a parameter
/// list (an anchor such as `#top`) is kept.
pub fn strip_link_fragment(fragment: &str) -> String {
    let body = fragment.trim_start_matches('#');
    if !body.contains('=') {
        return if body.is_empty() { String::new() } else { format!("#{body}") };
    }
    strip(body, '#')
}

fn strip(body: &str, sigil: char) -> String {
    let kept: Vec<&str> = body
        .split('&')
        .filter(|pair| {
            // Compared decoded, as `read_reset_link` reads them: `tok%65n` is `token` too.
            let name = form_urlencoded::parse(pair.as_bytes()).next().map(|(name, _)| name);
            !pair.is_empty() && !name.is_some_and(|name| LINK_PARAMS.contains(&name.as_ref()))
        })
        .collect();
    if kept.is_empty() { String::new() } else { format!("{sigil}{}", kept.join("&")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query_string() {
        let link = read_reset_link("?token=abc123&email=jane%40example.com", "");
        assert_eq!(link, ResetLink { token: Some("abc123".into()), email: Some("jane@example.com".into()) });
    }

    #[test]
    fn the_fragment_wins_over_the_query() {
        let link = read_reset_link("?token=old", "#token=new&email=a%2Bb%40example.com");
        assert_eq!(link, ResetLink { token: Some("new".into()), email: Some("a+b@example.com".into()) });
    }

    #[test]
    fn blank_or_missing_values_are_missing() {
        assert_eq!(read_reset_link("?token=&email=%20", ""), ResetLink::default());
        assert_eq!(read_reset_link("", ""), ResetLink::default());
    }

    #[test]
    fn stripping_keeps_everything_else() {
        assert_eq!(strip_link_params("?view=reset&token=abc&email=x%40y"), "?view=reset");
        assert_eq!(strip_link_params("?token=abc"), "");
        assert_eq!(strip_link_fragment("#token=abc&email=x"), "");
        assert_eq!(strip_link_fragment("#top"), "#top");
        assert_eq!(strip_link_fragment("#a=1&token=2"), "#a=1");
    }

    #[test]
    fn encoded_names_are_stripped_too() {
        assert_eq!(read_reset_link("?tok%65n=abc", "").token.as_deref(), Some("abc"));
        assert_eq!(strip_link_params("?tok%65n=abc&e%6Dail=x&view=v"), "?view=v");
    }
}
