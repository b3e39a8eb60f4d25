//! Reading `Retry-After`: delta-seconds (whole or with a fraction) or an HTTP date.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// `Retry-After` as delta-seconds — whole (`7`) or, as Graph also sends, with a fraction
/// (`2.128`, `0.249`; rounded up to the millisecond) — or an HTTP date (RFC 9110 §10.2.3, all
/// three date forms), relative to `now`. A date in the past means "now"; anything else
/// (negative, empty, exponents, words) is ignored.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Some(delay) = delta_seconds(value) {
        return Some(delay);
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

/// `7` or `2.128`: digits, optionally a point and more digits; the fraction rounded up to the
/// millisecond, so the wait is never shorter than asked.
fn delta_seconds(value: &str) -> Option<Duration> {
    let (whole, fraction) = match value.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (value, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    let Some(fraction) = fraction else {
        return Some(Duration::from_secs(seconds));
    };
    let (millis, beyond) = fraction.split_at(fraction.len().min(3));
    let mut millis: u64 = format!("{millis:0<3}").parse().ok()?;
    if beyond.bytes().any(|b| b != b'0') {
        millis += 1;
    }
    Duration::from_secs(seconds).checked_add(Duration::from_millis(millis))
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
    fn retry_after_with_a_fraction_rounds_up_to_the_millisecond() {
        let now = SystemTime::UNIX_EPOCH;
        let ms = Duration::from_millis;
        assert_eq!(retry_after(&headers("1.5"), now), Some(ms(1500)));
        assert_eq!(retry_after(&headers("0.249"), now), Some(ms(249)));
        assert_eq!(retry_after(&headers("2.128"), now), Some(ms(2128)));
        assert_eq!(retry_after(&headers("2.1281"), now), Some(ms(2129)));
        assert_eq!(retry_after(&headers("2.1280000"), now), Some(ms(2128)));
        assert_eq!(retry_after(&headers("0.9999"), now), Some(ms(1000)));
        assert_eq!(retry_after(&headers("3.0"), now), Some(ms(3000)));
        for ignored in [
            "", "-1.5", ".5", "1.", "1.5.2", "1e3", "1,5", "+2", "NaN", "1.5s",
        ] {
            assert_eq!(retry_after(&headers(ignored), now), None, "{ignored:?}");
        }
    }
}
