//! The redirect policy of graphpatch's own HTTP client: only redirects that keep the method and
//! body, never to plain `http` off the machine.

use reqwest::StatusCode;

use crate::http::is_loopback;

/// Redirects followed in a row at most.
const MAX_REDIRECTS: usize = 5;

/// Follows only 307 and 308 (which keep the method and body), at most 5 in a row, never from
/// `https` to `http` nor to plain `http` off the machine. reqwest drops `Authorization` itself when a redirect leaves the origin.
/// Anything else comes back as the 3xx answer, which `execute` reports as [`Error::Redirect`].
pub(super) fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let keeps_method = matches!(
            attempt.status(),
            StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
        );
        // Never from https to http, and plain http only between loopback addresses.
        let downgrade = attempt.url().scheme() != "https"
            && (attempt
                .previous()
                .last()
                .is_some_and(|from| from.scheme() == "https")
                || !is_loopback(attempt.url()));
        if !keeps_method || downgrade || attempt.previous().len() > MAX_REDIRECTS {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}
