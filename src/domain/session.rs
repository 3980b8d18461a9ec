//! The Bearer token of a signed-in session: which token a request carries, which of two tokens
//! is the newer, and which tokens a password change has revoked. Plain values in, plain values
//! out; the shell reads and writes `localStorage` as told.

use super::text::Text;

/// What `localStorage` holds under the token key, read just now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// A token that can be sent.
    Token(String),
    /// No token, or a value that cannot be one (blank, a line break, `Ł`): not signed in.
    Nothing,
    /// Storage threw: the browser blocks it for this site.
    Blocked,
}

impl Stored {
    /// What a read of storage gave: `Ok(None)` for a missing key, `Err` when storage threw.
    pub fn from_read(read: Result<Option<String>, ()>) -> Stored {
        match read {
            Err(()) => Stored::Blocked,
            Ok(value) => {
                value.as_deref().and_then(usable).map_or(Stored::Nothing, |t| Stored::Token(t.to_owned()))
            }
        }
    }

    pub fn token(&self) -> Option<&str> {
        match self {
            Stored::Token(token) => Some(token),
            Stored::Nothing | Stored::Blocked => None,
        }
    }
}

/// A fresh token that storage refused to keep. It serves this page for as long as storage still
/// holds what it held then: a sign-out, a sign-in or a newer token written since, by this page
/// or another tab, takes over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub token: String,
    pub storage_held: Stored,
}

impl Kept {
    fn serves(&self, stored: &Stored) -> bool {
        self.storage_held == *stored
    }
}

/// `raw` as a token that can go into an `Authorization` header: visible ASCII only, once
/// surrounding whitespace is gone. Anything else (a line break inside, `Ł`, an emoji) is not a
/// token this API issues, and a browser refuses it as a header value.
pub fn usable(raw: &str) -> Option<&str> {
    let token = raw.trim_ascii();
    (!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())).then_some(token)
}

/// The id of a token of the documented shape `<id>|<secret>`; the server hands out increasing ids.
fn id(token: &str) -> Option<u64> {
    token.split_once('|')?.0.parse().ok()
}

/// Whether `a` was issued after `b`: only tokens of the documented shape can tell.
pub fn newer_than(a: &str, b: &str) -> bool {
    matches!((id(a), id(b)), (Some(a), Some(b)) if a > b)
}

/// Whether a password change sent with `sent` has revoked `token`: the server revokes every
/// token that existed when it made the change, and every token with an id up to `sent`'s did.
/// A token with a higher id, or of another shape, may have been issued afterwards: it stays.
pub fn revoked_by_change(token: &str, sent: &str) -> bool {
    token == sent || matches!((id(token), id(sent)), (Some(t), Some(s)) if t <= s)
}

/// The token a request carries now, or why there is none.
pub fn to_send(stored: &Stored, kept: Option<&Kept>) -> Result<String, Text> {
    match (kept.filter(|kept| kept.serves(stored)), stored) {
        (Some(kept), _) => Ok(kept.token.clone()),
        (None, Stored::Token(token)) => Ok(token.clone()),
        (None, Stored::Nothing) => Err(Text::NotSignedIn),
        (None, Stored::Blocked) => Err(Text::StorageBlocked),
    }
}

/// After a 401 to `sent`: the other token the page holds now, if any (another tab changed the
/// password, or the user signed in again meanwhile): the page is still signed in with it. Never
/// the token a refused kept token had replaced: that one was revoked by the change that made it.
pub fn other_token(sent: &str, stored: &Stored, kept: Option<&Kept>) -> Option<String> {
    if kept.is_some_and(|kept| kept.token == sent && kept.serves(stored)) {
        return None;
    }
    to_send(stored, kept).ok().filter(|token| token != sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(t: &str) -> Stored {
        Stored::Token(t.to_owned())
    }

    #[test]
    fn only_visible_ascii_is_a_token() {
        assert_eq!(usable(" 5|abc\n"), Some("5|abc"));
        for bad in ["", "   ", "5|ab\ncd", "5|ab cd", "5|Łabc", "5|😀", "5|a\u{0}b", "\u{a0}5|abc"] {
            assert_eq!(usable(bad), None, "{bad:?}");
        }
        assert_eq!(Stored::from_read(Ok(Some("7|Łx".into()))), Stored::Nothing);
        assert_eq!(Stored::from_read(Ok(None)), Stored::Nothing);
        assert_eq!(Stored::from_read(Err(())), Stored::Blocked);
        assert_eq!(Stored::from_read(Ok(Some("7|x".into()))), token("7|x"));
    }

    #[test]
    fn ids_order_tokens_of_the_documented_shape_only() {
        assert!(newer_than("10|a", "9|b"));
        assert!(!newer_than("9|a", "10|b"));
        assert!(!newer_than("9|a", "9|b"));
        assert!(!newer_than("opaque", "9|b") && !newer_than("9|b", "opaque"));
        assert!(!newer_than("x9|a", "1|b"));
    }

    #[test]
    fn a_change_revokes_what_existed_when_it_was_made() {
        assert!(revoked_by_change("5|a", "5|a"));
        assert!(revoked_by_change("4|old", "5|a"));
        assert!(!revoked_by_change("6|later", "5|a"));
        assert!(revoked_by_change("opaque", "opaque"));
        assert!(!revoked_by_change("other", "opaque"));
        assert!(!revoked_by_change("4|a", "opaque"));
    }

    #[test]
    fn which_token_is_sent() {
        let kept = Kept { token: "9|fresh".into(), storage_held: token("5|old") };
        // Storage unchanged since it refused the fresh token: the fresh one from memory.
        assert_eq!(to_send(&token("5|old"), Some(&kept)), Ok("9|fresh".into()));
        // Storage changed since (a sign-in or a newer change, here or in another tab).
        assert_eq!(to_send(&token("12|newer"), Some(&kept)), Ok("12|newer".into()));
        // Removed since (signed out in this document): nobody is signed in.
        assert_eq!(to_send(&Stored::Nothing, Some(&kept)), Err(Text::NotSignedIn));
        assert_eq!(to_send(&token("5|old"), None), Ok("5|old".into()));
        assert_eq!(to_send(&Stored::Nothing, None), Err(Text::NotSignedIn));
        assert_eq!(to_send(&Stored::Blocked, None), Err(Text::StorageBlocked));
        let kept_while_blocked = Kept { token: "9|fresh".into(), storage_held: Stored::Blocked };
        assert_eq!(to_send(&Stored::Blocked, Some(&kept_while_blocked)), Ok("9|fresh".into()));
    }

    #[test]
    fn a_401_is_retried_only_with_a_different_token() {
        assert_eq!(other_token("5|a", &token("5|a"), None), None);
        assert_eq!(other_token("5|a", &token("8|other-tab"), None), Some("8|other-tab".into()));
        assert_eq!(other_token("99|a", &token("8|signed-in"), None), Some("8|signed-in".into()));
        assert_eq!(other_token("5|a", &token("opaque"), None), Some("opaque".into()));
        assert_eq!(other_token("5|a", &Stored::Nothing, None), None);
        // The kept token was refused; storage still holds the one its change revoked.
        let kept = Kept { token: "9|fresh".into(), storage_held: token("5|old") };
        assert_eq!(other_token("9|fresh", &token("5|old"), Some(&kept)), None);
        // ... or storage has changed since: that token is new.
        assert_eq!(other_token("9|fresh", &token("12|new"), Some(&kept)), Some("12|new".into()));
        // The stored token was refused, the kept one (still serving) is another.
        assert_eq!(other_token("5|old", &token("5|old"), Some(&kept)), Some("9|fresh".into()));
    }
}
