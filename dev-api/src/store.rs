//! The state behind the API: accounts, Sanctum-style tokens, password-reset tokens, the mail
//! outbox and rate-limit windows.

use crate::limits::Limiter;
use std::time::{Duration, Instant};

/// The seeded webshop customer.
pub const DEMO_CUSTOMER_EMAIL: &str = "jane@example.com";
pub const DEMO_CUSTOMER_PASSWORD: &str = "correct-horse-battery-staple";
pub const DEMO_PROJECT_ID: u64 = 1;
/// The seeded customer's token, so the demo page can sign in without a login form.
pub const DEMO_CUSTOMER_TOKEN: &str = "1|demoCustomerTokenForTheLocalDevApi0000000";
/// The seeded platform user, allowed to change their password and e-mail address.
pub const DEMO_USER_EMAIL: &str = "alex@example.com";
pub const DEMO_USER_PASSWORD: &str = "platform-horse-battery-staple";
pub const DEMO_USER_TOKEN: &str = "2|demoPlatformUserTokenForTheLocalDevApi000";
/// The seeded read-only platform user, who gets 403 on both platform endpoints.
pub const DEMO_VIEWER_EMAIL: &str = "viewer@example.com";
pub const DEMO_VIEWER_PASSWORD: &str = "read-only-horse-battery-staple";
pub const DEMO_VIEWER_TOKEN: &str = "3|demoReadOnlyViewerTokenForTheLocalDevApi0";

/// How long a reset token lasts (Laravel's default).
pub const RESET_TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Who a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Customer(u64),
    User(u64),
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: u64,
    pub email: String,
    pub password: String,
    /// Customers only: the shop the customer belongs to.
    pub project_id: u64,
    /// Platform users only: may look but not change anything (403).
    pub read_only: bool,
}

#[derive(Clone, Debug)]
struct Token {
    /// The full plain-text token, `<id>|<40 characters>`.
    plain: String,
    owner: Owner,
}

#[derive(Clone, Debug)]
struct ResetToken {
    owner: Owner,
    token: String,
    expires: Instant,
}

/// A mail dev-api "sent".
#[derive(Clone, Debug, serde::Serialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    /// A link to the demo page (reset mails), relative to it.
    pub link: Option<String>,
    /// The token the mail carries.
    pub token: String,
    /// Whether the token had already expired when seeded (for trying the expired case).
    pub expired: bool,
}

/// A canned answer the next API request gets instead of a real one (`POST /api/__fault`), for
/// testing how clients survive broken servers.
#[derive(Clone, Debug, Default)]
pub struct Fault {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
    /// Repeat `body` this many times (a 10 MB body without a 10 MB request).
    pub repeat: usize,
    pub retry_after: Option<String>,
    /// A `Location` header, for a redirect (`status` 3xx).
    pub location: Option<String>,
}

pub struct Store {
    /// Answers to give instead of the real ones, first in first out.
    pub faults: std::collections::VecDeque<Fault>,
    /// What reached the API (helpers left out), for tests: see `helper_routes::requests`.
    pub requests: Vec<serde_json::Value>,
    /// The requests to a helper refused for where they came from: see `helper_routes::guard`.
    pub refused: Vec<serde_json::Value>,
    /// Content-Security-Policy violations the browser reported.
    pub csp_reports: Vec<serde_json::Value>,
    pub customers: Vec<Account>,
    pub users: Vec<Account>,
    tokens: Vec<Token>,
    reset_tokens: Vec<ResetToken>,
    pub outbox: Vec<Mail>,
    next_token_id: u64,
    pub limiter: Limiter,
}

impl Store {
    /// The seed: one customer, two platform users, each with a token; for the customer and the
    /// allowed user a valid and an expired reset link already "sent".
    pub fn seeded() -> Store {
        let account = |id, email: &str, password: &str, read_only| Account {
            id,
            email: email.to_owned(),
            password: password.to_owned(),
            project_id: DEMO_PROJECT_ID,
            read_only,
        };
        let mut store = Store {
            faults: std::collections::VecDeque::new(),
            requests: Vec::new(),
            refused: Vec::new(),
            csp_reports: Vec::new(),
            customers: vec![account(1, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, false)],
            users: vec![
                account(1, DEMO_USER_EMAIL, DEMO_USER_PASSWORD, false),
                account(2, DEMO_VIEWER_EMAIL, DEMO_VIEWER_PASSWORD, true),
            ],
            tokens: vec![
                Token { plain: DEMO_CUSTOMER_TOKEN.to_owned(), owner: Owner::Customer(1) },
                Token { plain: DEMO_USER_TOKEN.to_owned(), owner: Owner::User(1) },
                Token { plain: DEMO_VIEWER_TOKEN.to_owned(), owner: Owner::User(2) },
            ],
            reset_tokens: Vec::new(),
            outbox: Vec::new(),
            next_token_id: 4,
            limiter: Limiter::default(),
        };
        let now = Instant::now();
        for owner in [Owner::Customer(1), Owner::User(1)] {
            // Expired first, so the outbox (newest first) lists the valid link on top.
            store.send_reset_mail(owner, now.checked_sub(Duration::from_secs(60)).unwrap_or(now), true);
            store.send_reset_mail(owner, now + RESET_TOKEN_LIFETIME, false);
        }
        store
    }

    fn account(&self, owner: Owner) -> Option<&Account> {
        match owner {
            Owner::Customer(id) => self.customers.iter().find(|a| a.id == id),
            Owner::User(id) => self.users.iter().find(|a| a.id == id),
        }
    }

    pub fn account_mut(&mut self, owner: Owner) -> Option<&mut Account> {
        match owner {
            Owner::Customer(id) => self.customers.iter_mut().find(|a| a.id == id),
            Owner::User(id) => self.users.iter_mut().find(|a| a.id == id),
        }
    }

    /// Issues a new token for `owner`, shaped like Sanctum's.
    pub fn issue_token(&mut self, owner: Owner) -> String {
        let plain = format!("{}|{}", self.next_token_id, random_secret(40));
        self.next_token_id += 1;
        self.tokens.push(Token { plain: plain.clone(), owner });
        plain
    }

    /// Who `Authorization: <header>` identifies, with their account.
    pub fn authenticate(&self, header: Option<&str>) -> Option<(Owner, &Account)> {
        let token = header?.strip_prefix("Bearer ")?.trim();
        let owner = self.tokens.iter().find(|t| t.plain == token)?.owner;
        Some((owner, self.account(owner)?))
    }

    /// Revokes every token of `owner`, on every device.
    pub fn revoke_all(&mut self, owner: Owner) {
        self.tokens.retain(|t| t.owner != owner);
    }

    /// Creates a reset token for `owner` and "mails" its link.
    fn send_reset_mail(&mut self, owner: Owner, expires: Instant, expired: bool) {
        let Some(email) = self.account(owner).map(|a| a.email.clone()) else { return };
        let token = random_secret(30);
        let view = match owner {
            // The demo page's section of the form the link is for.
            Owner::Customer(_) => "customer-password-reset",
            Owner::User(_) => "user-password-reset",
        };
        let link =
            format!("/?view={view}#token={token}&email={}", email.replace('+', "%2B").replace('@', "%40"));
        self.reset_tokens.push(ResetToken { owner, token: token.clone(), expires });
        self.outbox.push(Mail {
            to: email,
            subject: if expired {
                "Reset your password (expired link)".into()
            } else {
                "Reset your password".into()
            },
            link: Some(link),
            token,
            expired,
        });
    }

    /// Uses up a reset token: true when `token` was a live token of `owner`. Every reset token of
    /// the owner is gone afterwards, as with Laravel's password broker.
    pub fn consume_reset_token(&mut self, owner: Owner, token: &str, now: Instant) -> bool {
        let valid = self.reset_tokens.iter().any(|t| t.owner == owner && t.token == token && t.expires > now);
        if valid {
            self.reset_tokens.retain(|t| t.owner != owner);
        }
        valid
    }

    /// Sets `owner`'s password to `password` if `token` is a live reset token of theirs, using the
    /// token up. Whether it was.
    pub fn reset_password(&mut self, owner: Owner, token: &str, password: &str, now: Instant) -> bool {
        if !self.consume_reset_token(owner, token, now) {
            return false;
        }
        if let Some(account) = self.account_mut(owner) {
            account.password = password.to_owned();
        }
        true
    }

    /// "Mails" an e-mail change confirmation to `to`.
    pub fn send_email_change_mail(&mut self, to: &str) {
        self.outbox.push(Mail {
            to: to.to_owned(),
            subject: "Confirm your new e-mail address".into(),
            link: None,
            token: random_secret(6).to_uppercase(),
            expired: false,
        });
    }
}

/// `length` random letters and digits, as Laravel's `Str::random`.
fn random_secret(length: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = vec![0u8; length];
    // Without an OS random source the server could not work at all; a clock-based fallback
    // keeps the dev server usable and is never used for anything real.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (nanos >> (i % 16)) as u8 ^ (i as u8).wrapping_mul(31);
        }
    }
    bytes
        .iter()
        .filter_map(|b| ALPHABET.get(usize::from(*b) % ALPHABET.len()))
        .map(|&b| char::from(b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_look_like_sanctum_tokens_and_revocation_is_total() {
        let mut store = Store::seeded();
        let fresh = store.issue_token(Owner::Customer(1));
        let (id, secret) = fresh.split_once('|').unwrap();
        assert_eq!(id, "4");
        assert_eq!(secret.len(), 40);
        assert!(secret.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(store.authenticate(Some(&format!("Bearer {fresh}"))).is_some());
        store.revoke_all(Owner::Customer(1));
        assert!(store.authenticate(Some(&format!("Bearer {fresh}"))).is_none());
        assert!(store.authenticate(Some(&format!("Bearer {DEMO_CUSTOMER_TOKEN}"))).is_none());
        assert!(store.authenticate(Some(&format!("Bearer {DEMO_USER_TOKEN}"))).is_some());
    }

    #[test]
    fn reset_tokens_expire_and_work_once() {
        let mut store = Store::seeded();
        let now = Instant::now();
        let token_of = |store: &Store, expired: bool| {
            store
                .outbox
                .iter()
                .find(|m| m.to == DEMO_CUSTOMER_EMAIL && m.expired == expired)
                .unwrap()
                .token
                .clone()
        };
        let (valid, expired) = (token_of(&store, false), token_of(&store, true));
        assert!(!store.consume_reset_token(Owner::Customer(1), &expired, now));
        assert!(!store.consume_reset_token(Owner::User(1), &valid, now), "a token belongs to its owner");
        assert!(store.consume_reset_token(Owner::Customer(1), &valid, now));
        assert!(!store.consume_reset_token(Owner::Customer(1), &valid, now), "used up");
    }
}
