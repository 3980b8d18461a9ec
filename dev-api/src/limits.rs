//! Fixed-window rate limits, keyed by whatever the caller chooses (client IP, e-mail address).

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// One limit: at most `max` hits per `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

/// The verdict on one hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Allowed; this many remain in the window.
    Allowed { remaining: u32 },
    /// Refused; the window resets in this many seconds (at least 1).
    Refused { retry_after: u64 },
}

#[derive(Default)]
pub struct Limiter {
    windows: HashMap<String, (Instant, u32)>,
}

impl Limiter {
    /// Counts a hit on `key` under `limit`. A refused hit is not counted, as in Laravel.
    pub fn hit(&mut self, key: &str, limit: Limit, now: Instant) -> Verdict {
        let entry = self.windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= limit.window {
            *entry = (now, 0);
        }
        if entry.1 >= limit.max {
            let left = limit.window.saturating_sub(now.duration_since(entry.0));
            return Verdict::Refused { retry_after: left.as_secs_f64().ceil().max(1.0) as u64 };
        }
        entry.1 += 1;
        Verdict::Allowed { remaining: limit.max - entry.1 }
    }

    /// What a hit on `key` would get, without counting it.
    pub fn peek(&self, key: &str, limit: Limit, now: Instant) -> Verdict {
        match self.windows.get(key) {
            Some((start, count)) if now.duration_since(*start) < limit.window && *count >= limit.max => {
                let left = limit.window.saturating_sub(now.duration_since(*start));
                Verdict::Refused { retry_after: left.as_secs_f64().ceil().max(1.0) as u64 }
            }
            Some((start, count)) if now.duration_since(*start) < limit.window => {
                Verdict::Allowed { remaining: limit.max - count }
            }
            _ => Verdict::Allowed { remaining: limit.max },
        }
    }

    pub fn clear(&mut self) {
        self.windows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_until_the_window_ends() {
        let limit = Limit { max: 2, window: Duration::from_secs(60) };
        let mut limiter = Limiter::default();
        let start = Instant::now();
        assert_eq!(limiter.hit("a", limit, start), Verdict::Allowed { remaining: 1 });
        assert_eq!(limiter.hit("a", limit, start), Verdict::Allowed { remaining: 0 });
        assert_eq!(
            limiter.hit("a", limit, start + Duration::from_secs(10)),
            Verdict::Refused { retry_after: 50 }
        );
        assert_eq!(limiter.hit("b", limit, start), Verdict::Allowed { remaining: 1 });
        assert_eq!(
            limiter.hit("a", limit, start + Duration::from_secs(60)),
            Verdict::Allowed { remaining: 1 }
        );
    }
}
