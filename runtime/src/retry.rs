//! When and how long to wait before sending a PATCH again: Graph's throttling (429) and
//! overload (503, 504) answers, and connections that fail before a response.
//!
//! A PATCH of the same body is idempotent in effect, so sending it again after a failure cannot
//! apply an update twice; every attempt carries the same `client-request-id`.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// How the client retries. On by default: 3 retries, exponential backoff with full jitter from
/// 1 s, at most 180 s per wait and 5 minutes of waiting in all; `Retry-After` is obeyed when the
/// service sends it.
///
/// ```
/// use std::time::Duration;
/// use graphpatch::RetryPolicy;
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

    /// The wait before retry number `retry` (1-based), given the answer's headers if there was
    /// one: `Retry-After` when present, else full jitter. `None` when the service asks for a
    /// longer wait than the policy's longest: retrying earlier would only be refused again.
    pub(crate) fn delay(
        &self,
        retry: u32,
        headers: Option<&HeaderMap>,
        random: f64,
    ) -> Option<Duration> {
        if let Some(after) = headers.and_then(|h| retry_after(h, SystemTime::now())) {
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
}

/// The statuses worth another attempt: throttled, unavailable, gateway timeout.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3, all three date forms),
/// relative to `now`. A date in the past means "now"; anything unparsable is ignored.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    let now = i64::try_from(now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs()).ok()?;
    Some(Duration::from_secs(
        u64::try_from(at.saturating_sub(now)).unwrap_or(0),
    ))
}

/// Seconds since the Unix epoch of an HTTP date: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// or the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`) forms.
fn http_date(value: &str) -> Option<i64> {
    if let Ok(date) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(date.timestamp());
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc().timestamp())
}

/// A uniform number in `[0, 1)` for jitter, from the same source as request ids.
pub(crate) fn random_fraction() -> f64 {
    (uuid::Uuid::new_v4().as_u128() >> 75) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, RETRY_AFTER};

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(retry_after(&headers(" 0 "), now), Some(Duration::ZERO));
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:50:07 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&headers("-5"), now), None);
        assert_eq!(
            retry_after(&headers("Sunday, 06-Nov-94 08:50:37 GMT"), now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            retry_after(&headers("Sun Nov  6 08:49:47 1994"), now),
            Some(Duration::from_secs(10))
        );
        // A date far in the future is a very long wait (which no policy takes), not an overflow.
        assert!(
            retry_after(&headers("Fri, 31 Dec 199999 23:59:59 GMT"), now)
                .is_some_and(|wait| wait > Duration::from_secs(1 << 40))
        );
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

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
        assert_eq!(d(1, Some(&headers("3")), 0.1), Duration::from_secs(3));
        assert_eq!(
            policy.delay(1, Some(&headers("30")), 0.1),
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
        for _ in 0..1000 {
            let r = random_fraction();
            assert!((0.0..1.0).contains(&r), "{r}");
        }
    }
}
