//! The state behind the API: accounts, Sanctum-style tokens, rate-limit windows.

use crate::limits::Limiter;

/// The seeded webshop customer.
pub const DEMO_CUSTOMER_EMAIL: &str = "jane@example.com";
pub const DEMO_CUSTOMER_PASSWORD: &str = "correct-horse-battery-staple";
pub const DEMO_PROJECT_ID: u64 = 1;
/// The seeded customer's token, so the demo page can sign in without a login form.
pub const DEMO_CUSTOMER_TOKEN: &str = "1|demoCustomerTokenForTheLocalDevApi0000000";

/// Who a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Customer(u64),
}

#[derive(Clone, Debug)]
pub struct Customer {
    pub id: u64,
    pub project_id: u64,
    pub email: String,
    pub password: String,
}

#[derive(Clone, Debug)]
struct Token {
    /// The full plain-text token, `<id>|<40 characters>`.
    plain: String,
    owner: Owner,
}

pub struct Store {
    pub customers: Vec<Customer>,
    tokens: Vec<Token>,
    next_token_id: u64,
    pub limiter: Limiter,
}

impl Store {
    /// The seed: one customer with one token.
    pub fn seeded() -> Store {
        Store {
            customers: vec![Customer {
                id: 1,
                project_id: DEMO_PROJECT_ID,
                email: DEMO_CUSTOMER_EMAIL.to_owned(),
                password: DEMO_CUSTOMER_PASSWORD.to_owned(),
            }],
            tokens: vec![Token { plain: DEMO_CUSTOMER_TOKEN.to_owned(), owner: Owner::Customer(1) }],
            next_token_id: 2,
            limiter: Limiter::default(),
        }
    }

    /// Issues a new token for `owner`, shaped like Sanctum's.
    pub fn issue_token(&mut self, owner: Owner) -> String {
        let plain = format!("{}|{}", self.next_token_id, random_secret());
        self.next_token_id += 1;
        self.tokens.push(Token { plain: plain.clone(), owner });
        plain
    }

    /// Who `Authorization: <header>` identifies, if anyone.
    pub fn authenticate(&self, header: Option<&str>) -> Option<Owner> {
        let token = header?.strip_prefix("Bearer ")?.trim();
        self.tokens.iter().find(|t| t.plain == token).map(|t| t.owner)
    }

    /// Revokes every token of `owner`, on every device.
    pub fn revoke_all(&mut self, owner: Owner) {
        self.tokens.retain(|t| t.owner != owner);
    }

    pub fn customer_mut(&mut self, id: u64) -> Option<&mut Customer> {
        self.customers.iter_mut().find(|c| c.id == id)
    }
}

/// 40 random letters and digits, as Sanctum's `Str::random(40)`.
fn random_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 40];
    // Without an OS random source the server could not work at all; a clock-based fallback
    // keeps the dev server usable and is never used for anything real.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (nanos >> (i % 16)) as u8 ^ (i as u8).wrapping_mul(31);
        }
    }
    bytes.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_look_like_sanctum_tokens_and_revocation_is_total() {
        let mut store = Store::seeded();
        let fresh = store.issue_token(Owner::Customer(1));
        let (id, secret) = fresh.split_once('|').unwrap();
        assert_eq!(id, "2");
        assert_eq!(secret.len(), 40);
        assert!(secret.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(store.authenticate(Some(&format!("Bearer {fresh}"))), Some(Owner::Customer(1)));
        store.revoke_all(Owner::Customer(1));
        assert_eq!(store.authenticate(Some(&format!("Bearer {fresh}"))), None);
        assert_eq!(store.authenticate(Some(&format!("Bearer {DEMO_CUSTOMER_TOKEN}"))), None);
    }
}
