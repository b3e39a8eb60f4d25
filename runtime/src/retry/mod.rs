//! When and how long to wait before sending a request again: Graph's throttling (429) and
//! overload (503, 504) answers, and connections that fail before a response.
//!
//! Two pure parts, as in reqwest-retry: a classification says whether a failed attempt is worth
//! another, and one decision says when — from the failure, the call's progress so far
//! and its deadline, with the clock and the jitter passed in. Every caller (a single request,
//! the requests of a `$batch`, a bulk run) goes through the same decision, so every retry
//! respects the same count, per-wait cap, total waiting budget and deadline.
//!
//! A PATCH of the same body is idempotent in effect, so sending it again after a failure cannot
//! apply an update twice; every attempt carries the same `client-request-id`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub(crate) mod classify;
mod retry_after;

pub(crate) use retry_after::retry_after;

/// How the client retries. On by default: 3 retries, exponential backoff with full jitter from
/// 1 s, at most 180 s per wait and 5 minutes of waiting in all; `Retry-After` is obeyed when the
/// service sends it.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::retry::RetryPolicy;
/// let patient = RetryPolicy::default().max_retries(6).max_total_delay(Duration::from_secs(600));
/// assert_eq!(patient.retries(), 6);
/// assert_eq!(RetryPolicy::none().retries(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_total_delay: Duration,
}

/// The most retries a policy allows, as Microsoft's SDKs do.
pub const MAX_RETRIES: u32 = 10;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(180),
            max_total_delay: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Retries after the first attempt (capped at [`MAX_RETRIES`]).
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries.min(MAX_RETRIES);
        self
    }

    /// The first backoff's upper bound when the service gives no `Retry-After`; it doubles with
    /// each retry.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest single wait.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The most time spent waiting across all retries of one call. A wait that would pass it
    /// is not taken: the call fails with the last answer instead.
    #[must_use]
    pub fn max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }

    /// The configured number of retries.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before retry number `retry` (1-based): the service's `Retry-After` when it gave
    /// one, else full jitter (`random` in `[0, 1)`). `None` when the service asks for a longer
    /// wait than the policy's longest: retrying earlier would only be refused again.
    pub(crate) fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        random: f64,
    ) -> Option<Duration> {
        if let Some(after) = retry_after {
            return (after <= self.max_delay).then_some(after);
        }
        let exponent = retry.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        Some(ceiling.mul_f64(random.clamp(0.0, 1.0)))
    }

    /// Whether `total` waited so far plus `next` stays within the budget.
    pub(crate) fn within_budget(&self, total: Duration, next: Duration) -> bool {
        total.saturating_add(next) <= self.max_total_delay
    }

    /// The one retry decision: after a failed attempt, whether to try again and after how long.
    ///
    /// Gives up when the failure is not retryable, the retries are spent, the service asks for
    /// a longer wait than [`max_delay`](RetryPolicy::max_delay), the wait would pass
    /// [`max_total_delay`](RetryPolicy::max_total_delay), or the next attempt would start at or
    /// after the call's deadline. Pure: `now` and `random` (the jitter, in `[0, 1)`) come from
    /// the caller.
    pub(crate) fn decide(
        &self,
        failure: Failure,
        progress: &Progress,
        now: Instant,
        random: f64,
    ) -> Decision {
        if !failure.retryable {
            return Decision::GiveUp(GiveUp::NotRetryable);
        }
        if progress.retries >= self.max_retries {
            return Decision::GiveUp(GiveUp::OutOfRetries);
        }
        let Some(delay) = self.delay(progress.retries + 1, failure.retry_after, random) else {
            return Decision::GiveUp(GiveUp::WaitTooLong);
        };
        if !self.within_budget(progress.waited, delay) {
            return Decision::GiveUp(GiveUp::OverBudget);
        }
        if now.checked_add(delay).is_none_or(|at| at >= progress.ends) {
            return Decision::GiveUp(GiveUp::PastDeadline);
        }
        Decision::Retry(delay)
    }
}

/// A failed attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failure {
    /// Whether another attempt might get past it (see [`classify`]).
    pub retryable: bool,
    /// The wait the service asked for, if it did.
    pub retry_after: Option<Duration>,
}

/// Where one call (or one request of a batch) stands between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Retries made so far.
    pub retries: u32,
    /// Time waited so far.
    pub waited: Duration,
    /// The call's deadline.
    pub ends: Instant,
}

impl Progress {
    /// A call that has made no attempt yet and must end by `ends`.
    pub(crate) fn new(ends: Instant) -> Progress {
        Progress {
            retries: 0,
            waited: Duration::ZERO,
            ends,
        }
    }

    /// Counts a retry after `delay`.
    pub(crate) fn retried(&mut self, delay: Duration) {
        self.retries += 1;
        self.waited = self.waited.saturating_add(delay);
    }
}

/// What [`RetryPolicy::decide`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait this long, then send again.
    Retry(Duration),
    /// The failure is final.
    GiveUp(GiveUp),
}

/// Why a failure is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GiveUp {
    /// Another attempt would not help (a 400, say).
    NotRetryable,
    /// The policy's retries are spent.
    OutOfRetries,
    /// The service asked for a longer wait than the policy's longest.
    WaitTooLong,
    /// The wait would pass the policy's total waiting budget.
    OverBudget,
    /// The next attempt would start after the call's deadline.
    PastDeadline,
}

/// Told of each `429` an attempt meets and how long the client will wait before retrying
/// (`None`: it will not): how a bulk run paces itself to the service's real limit. A hook
/// here, so that the retry loop knows nothing of bulk runs.
pub(crate) trait ThrottleObserver: Sync {
    fn throttled(&self, wait: Option<Duration>);
}

/// The source of backoff jitter: a SplitMix64 sequence, lock-free, from a seed the client is
/// given (so a test's retries replay exactly) or draws.
#[derive(Debug)]
pub(crate) struct Jitter(AtomicU64);

impl Jitter {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

    /// The sequence from `seed`.
    pub(crate) fn seeded(seed: u64) -> Jitter {
        Jitter(AtomicU64::new(seed))
    }

    /// A sequence from a random seed, from the same source as request ids.
    pub(crate) fn random() -> Jitter {
        Jitter::seeded(crate::random::random_u128() as u64)
    }

    /// The next uniform number in `[0, 1)`.
    pub(crate) fn next_fraction(&self) -> f64 {
        let mut z = self
            .0
            .fetch_add(Self::GAMMA, Ordering::Relaxed)
            .wrapping_add(Self::GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::classify::retryable_status;
    use super::*;
    use reqwest::StatusCode;

    #[test]
    fn backoff_doubles_with_full_jitter_and_caps() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_secs(2))
            .max_delay(Duration::from_secs(10));
        let d = |retry, headers, random| policy.delay(retry, headers, random).unwrap();
        assert_eq!(
            d(1, None, 0.999_999),
            Duration::from_secs(2).mul_f64(0.999_999)
        );
        assert_eq!(d(2, None, 0.5), Duration::from_secs(2));
        assert_eq!(d(3, None, 1.0), Duration::from_secs(8));
        assert_eq!(d(9, None, 1.0), Duration::from_secs(10));
        assert_eq!(d(3, None, 0.0), Duration::ZERO);
        assert_eq!(
            d(1, Some(Duration::from_secs(3)), 0.1),
            Duration::from_secs(3)
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(30)), 0.1),
            None,
            "longer than the longest wait"
        );
    }

    #[test]
    fn budget_and_limits() {
        let policy = RetryPolicy::default().max_total_delay(Duration::from_secs(10));
        assert!(policy.within_budget(Duration::from_secs(4), Duration::from_secs(6)));
        assert!(!policy.within_budget(Duration::from_secs(4), Duration::from_secs(7)));
        assert_eq!(
            RetryPolicy::default().max_retries(50).retries(),
            MAX_RETRIES
        );
        assert!(retryable_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(retryable_status(StatusCode::GATEWAY_TIMEOUT));
        assert!(!retryable_status(StatusCode::BAD_REQUEST));
        assert!(!retryable_status(StatusCode::INTERNAL_SERVER_ERROR));
        let jitter = Jitter::random();
        for _ in 0..1000 {
            let r = jitter.next_fraction();
            assert!((0.0..1.0).contains(&r), "{r}");
        }
        // A seed replays its sequence.
        let (a, b) = (Jitter::seeded(42), Jitter::seeded(42));
        let draws = |j: &Jitter| (0..5).map(|_| j.next_fraction()).collect::<Vec<_>>();
        assert_eq!(draws(&a), draws(&b));
        assert_ne!(draws(&Jitter::seeded(42)), draws(&Jitter::seeded(43)));
    }

    fn progress(retries: u32, waited: u64, ends_in: u64, now: Instant) -> Progress {
        Progress {
            retries,
            waited: Duration::from_secs(waited),
            ends: now + Duration::from_secs(ends_in),
        }
    }

    fn after(seconds: u64) -> Failure {
        Failure {
            retryable: true,
            retry_after: Some(Duration::from_secs(seconds)),
        }
    }

    #[test]
    fn one_decision_for_every_bound() {
        let policy = RetryPolicy::default()
            .max_retries(3)
            .max_delay(Duration::from_secs(60))
            .max_total_delay(Duration::from_secs(100));
        let now = Instant::now();
        let decide = |failure, progress: Progress| policy.decide(failure, &progress, now, 0.5);
        assert_eq!(
            decide(after(5), progress(0, 0, 600, now)),
            Decision::Retry(Duration::from_secs(5))
        );
        assert_eq!(
            decide(
                Failure {
                    retryable: false,
                    retry_after: None
                },
                progress(0, 0, 600, now)
            ),
            Decision::GiveUp(GiveUp::NotRetryable)
        );
        assert_eq!(
            decide(after(5), progress(3, 0, 600, now)),
            Decision::GiveUp(GiveUp::OutOfRetries)
        );
        assert_eq!(
            decide(after(61), progress(0, 0, 600, now)),
            Decision::GiveUp(GiveUp::WaitTooLong)
        );
        assert_eq!(
            decide(after(30), progress(2, 71, 600, now)),
            Decision::GiveUp(GiveUp::OverBudget)
        );
        assert_eq!(
            decide(after(30), progress(2, 70, 600, now)),
            Decision::Retry(Duration::from_secs(30))
        );
        // The next attempt must start before the deadline, not at it.
        assert_eq!(
            decide(after(30), progress(0, 0, 30, now)),
            Decision::GiveUp(GiveUp::PastDeadline)
        );
        assert_eq!(
            decide(after(29), progress(0, 0, 30, now)),
            Decision::Retry(Duration::from_secs(29))
        );
        // Without Retry-After: full jitter of the doubling backoff, within the same bounds.
        assert_eq!(
            decide(
                Failure {
                    retryable: true,
                    retry_after: None
                },
                progress(1, 0, 600, now)
            ),
            Decision::Retry(Duration::from_secs(1))
        );
    }

    #[test]
    fn progress_counts_retries_and_waits() {
        let now = Instant::now();
        let mut progress = Progress::new(now + Duration::from_secs(10));
        progress.retried(Duration::from_millis(1500));
        progress.retried(Duration::from_millis(500));
        assert_eq!(progress.retries, 2);
        assert_eq!(progress.waited, Duration::from_secs(2));
    }
}
