//! Fault injection: the misbehaviour of a real service under load — latency, throttling,
//! outages, connections that drop, bodies that stop or trickle — on demand.

use std::collections::VecDeque;
use std::time::{Duration, Instant, SystemTime};

use graphpatch::throttle::ThrottleFamily;

/// What the simulator does instead of (or on top of) answering normally.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Waits this long, then answers normally.
    Latency(Duration),
    /// `429 Too Many Requests` with Graph's error body, with or without `Retry-After`. The
    /// update is not applied.
    Throttle(Option<RetryAfter>),
    /// `503 Service Unavailable`; the update is not applied.
    Unavailable,
    /// `504 Gateway Timeout`; the update is not applied.
    GatewayTimeout,
    /// Closes the connection without answering; the update is not applied.
    DropBeforeHeaders,
    /// Applies the update, sends the status and headers, then closes the connection before
    /// the body.
    DropAfterHeaders,
    /// Applies the update and sends half of the body under the full `Content-Length`, then
    /// closes the connection.
    TruncatedBody,
    /// Applies the update and sends the body in 8 pieces, this long apart.
    SlowBody(Duration),
    /// Answers `200 OK` with a body that is not UTF-8; the update is not applied.
    InvalidUtf8,
    /// Answers `502 Bad Gateway` with an HTML page, as a proxy would; the update is not applied.
    HtmlErrorPage,
    /// `401 Unauthorized` with a claims challenge, as Graph answers under Conditional Access or
    /// continuous access evaluation: `WWW-Authenticate: Bearer …, error="insufficient_claims",
    /// claims="<base64 of this JSON>"`. The update is not applied.
    ClaimsChallenge(String),
}

/// A `Retry-After` header value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// Delta-seconds: `Retry-After: 2`.
    Seconds(u64),
    /// Delta-seconds with a fraction, as Graph also sends: `Retry-After: 2.128` (written to the
    /// millisecond, trailing zeros dropped: 1500 ms is `1.5`).
    Fraction(Duration),
    /// An HTTP date this far in the future: `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`.
    Date(Duration),
}

impl RetryAfter {
    /// The header value, dates relative to now.
    pub fn header_value(&self) -> String {
        match self {
            RetryAfter::Seconds(seconds) => seconds.to_string(),
            RetryAfter::Fraction(after) => {
                let millis = after.as_millis();
                let text = format!("{}.{:03}", millis / 1000, millis % 1000);
                text.trim_end_matches('0').trim_end_matches('.').to_owned()
            }
            RetryAfter::Date(after) => {
                let at: chrono::DateTime<chrono::Utc> = (SystemTime::now() + *after).into();
                at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
            }
        }
    }
}

/// When a fault applies.
#[derive(Debug, Clone)]
pub(crate) struct FaultRule {
    pub fault: Fault,
    /// How many more requests it applies to.
    pub remaining: usize,
    /// Only requests whose path contains this.
    pub path_contains: Option<String>,
    /// The chance that a matching request gets it (1.0 = always).
    pub probability: f64,
}

impl FaultRule {
    /// Whether this rule applies to a request on `path`, given a uniform `random` in [0, 1).
    pub fn fires(&self, path: &str, random: f64) -> bool {
        self.remaining > 0
            && self
                .path_contains
                .as_deref()
                .is_none_or(|fragment| path.contains(fragment))
            && random < self.probability
    }
}

/// Intune-style write throttling: at most `writes` PATCHes per `window`; past it, 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleBudget {
    /// Writes allowed per window.
    pub writes: usize,
    /// The sliding window.
    pub window: Duration,
    /// Whether refusals carry `Retry-After` (Intune's sometimes do not).
    pub retry_after: bool,
}

impl ThrottleBudget {
    /// An Intune throttling family's per-app write budget, on a window scaled to `window`
    /// (20 s in the service) so a test need not wait out real windows.
    ///
    /// ```
    /// use std::time::Duration;
    /// use graphpatch::throttle::families;
    /// use graphpatch_simulator::ThrottleBudget;
    /// let budget = ThrottleBudget::per_app(&families::DEVICE_CONFIGURATION, Duration::from_secs(2));
    /// assert_eq!((budget.writes, budget.window), (100, Duration::from_secs(2)));
    /// ```
    pub fn per_app(family: &ThrottleFamily, window: Duration) -> ThrottleBudget {
        ThrottleBudget {
            writes: family.writes_per_app_per_tenant as usize,
            window,
            retry_after: true,
        }
    }

    /// An Intune throttling family's per-tenant write budget (all apps together), on a window
    /// scaled to `window`.
    pub fn per_tenant(family: &ThrottleFamily, window: Duration) -> ThrottleBudget {
        ThrottleBudget {
            writes: family.writes_per_tenant as usize,
            window,
            retry_after: true,
        }
    }
}

/// The writes a budget has seen in its window.
#[derive(Debug)]
pub(crate) struct Throttle {
    pub budget: ThrottleBudget,
    pub recent: VecDeque<Instant>,
}

impl Throttle {
    pub fn new(budget: ThrottleBudget) -> Throttle {
        Throttle {
            budget,
            recent: VecDeque::new(),
        }
    }

    /// Counts a write at `now`: `None` if allowed, else how long until one would be.
    #[cfg(test)]
    pub fn admit(&mut self, now: Instant) -> Option<Duration> {
        let wait = self.wait(now);
        if wait.is_none() {
            self.record(now);
        }
        wait
    }

    /// `None` if a write at `now` is within the budget, else how long until one would be.
    pub fn wait(&mut self, now: Instant) -> Option<Duration> {
        while self
            .recent
            .front()
            .is_some_and(|&at| now.duration_since(at) >= self.budget.window)
        {
            self.recent.pop_front();
        }
        if self.recent.len() < self.budget.writes {
            return None;
        }
        // A budget of zero writes refuses for a whole window.
        let waited = self
            .recent
            .front()
            .map_or(Duration::ZERO, |&oldest| now.duration_since(oldest));
        Some(self.budget.window.saturating_sub(waited))
    }

    /// Counts a write at `now`.
    pub fn record(&mut self, now: Instant) {
        self.recent.push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_refuses_past_the_limit_and_recovers() {
        let mut throttle = Throttle {
            budget: ThrottleBudget {
                writes: 2,
                window: Duration::from_secs(10),
                retry_after: true,
            },
            recent: VecDeque::new(),
        };
        let t0 = Instant::now();
        assert_eq!(throttle.admit(t0), None);
        assert_eq!(throttle.admit(t0 + Duration::from_secs(1)), None);
        assert_eq!(
            throttle.admit(t0 + Duration::from_secs(2)),
            Some(Duration::from_secs(8))
        );
        assert_eq!(
            throttle.admit(t0 + Duration::from_secs(10)),
            None,
            "the first write left the window"
        );
        let mut closed = Throttle {
            budget: ThrottleBudget {
                writes: 0,
                window: Duration::from_secs(3),
                retry_after: false,
            },
            recent: VecDeque::new(),
        };
        assert_eq!(closed.admit(t0), Some(Duration::from_secs(3)));
    }

    #[test]
    fn rules_match_path_and_count() {
        let rule = FaultRule {
            fault: Fault::Unavailable,
            remaining: 1,
            path_contains: Some("/runStates/".into()),
            probability: 0.5,
        };
        assert!(rule.fires("/beta/x/runStates/1", 0.2));
        assert!(!rule.fires("/beta/x/runStates/1", 0.7));
        assert!(!rule.fires("/beta/x/other/1", 0.2));
        assert!(!FaultRule {
            remaining: 0,
            ..rule
        }
        .fires("/beta/x/runStates/1", 0.2));
    }

    #[test]
    fn http_dates() {
        let value = RetryAfter::Date(Duration::from_secs(30)).header_value();
        assert!(value.ends_with(" GMT"), "{value}");
        assert!(
            chrono::DateTime::parse_from_rfc2822(&value).is_ok(),
            "{value}"
        );
        assert_eq!(RetryAfter::Seconds(3).header_value(), "3");
    }

    #[test]
    fn fractions_of_seconds() {
        let ms = Duration::from_millis;
        assert_eq!(RetryAfter::Fraction(ms(1500)).header_value(), "1.5");
        assert_eq!(RetryAfter::Fraction(ms(2128)).header_value(), "2.128");
        assert_eq!(RetryAfter::Fraction(ms(249)).header_value(), "0.249");
        assert_eq!(RetryAfter::Fraction(ms(3000)).header_value(), "3");
    }
}
