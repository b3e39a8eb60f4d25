//! Which failed attempts are worth another: the statuses Graph uses for throttling and
//! overload, and transport failures that may not have reached the service.

use reqwest::StatusCode;

/// The statuses worth another attempt: throttled, unavailable, gateway timeout.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// A failed attempt that another attempt might get past.
pub(crate) trait Retryable: std::fmt::Display + Sync {
    fn retryable(&self) -> bool;
}

impl Retryable for StatusCode {
    fn retryable(&self) -> bool {
        retryable_status(*self)
    }
}

impl Retryable for reqwest::Error {
    /// Connections refused, reset or dropped, and attempts that timed out: the PATCH may not have
    /// arrived, and sending it again cannot apply it twice. Not redirect-policy or builder errors.
    fn retryable(&self) -> bool {
        self.is_connect() || self.is_timeout() || self.is_request() || self.is_body()
    }
}
