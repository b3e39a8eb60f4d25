//! `Edm.Duration`.

use std::fmt;
use std::str::FromStr;

use super::ParseEdmError;
use super::{fraction_digits, parse_digits, parse_fraction, string_serde, write_fraction};

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// `Edm.Duration`: an ISO 8601 day-time duration such as `P1DT2H`, `PT17.1357909S` or
/// `-PT17.1357909S`.
///
/// A value read from Graph remembers which parts it was written with and how many fractional
/// digits, so it is written back byte for byte (`PT1H0M` stays `PT1H0M`). Values built from a
/// [`std::time::Duration`] or a [`chrono::TimeDelta`] are written in the shortest form, as Graph
/// writes them: zero parts left out, `PT0S` for zero.
///
/// ```
/// use graphpatch::Duration;
/// let d: Duration = "-PT17.1357909S".parse().unwrap();
/// assert!(d.is_negative());
/// assert_eq!(d.total_nanos(), -17_135_790_900);
/// assert_eq!(d.to_string(), "-PT17.1357909S");
///
/// let d = Duration::from(std::time::Duration::from_secs(26 * 3600));
/// assert_eq!(d.to_string(), "P1DT2H");
/// assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(93_600)));
///
/// assert!("P1Y".parse::<Duration>().is_err(), "years have no fixed length");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    days: Option<u64>,
    hours: Option<u64>,
    minutes: Option<u64>,
    /// Whole seconds, nanoseconds and the fractional digits written.
    seconds: Option<(u64, u32, u8)>,
}

impl Duration {
    /// The zero duration, `PT0S`.
    pub const ZERO: Duration = Duration {
        negative: false,
        days: None,
        hours: None,
        minutes: None,
        seconds: Some((0, 0, 0)),
    };

    /// A duration of `nanos` nanoseconds (negative for a negative duration), in shortest form.
    /// `None` if the days would not fit in a `u64` (they always do for an `i64` input).
    pub fn from_nanos(nanos: i128) -> Option<Duration> {
        let negative = nanos < 0;
        let magnitude = nanos.unsigned_abs();
        let total_seconds = magnitude / NANOS_PER_SECOND as u128;
        let nanos = (magnitude % NANOS_PER_SECOND as u128) as u32;
        let days = u64::try_from(total_seconds / 86_400).ok()?;
        let rest = (total_seconds % 86_400) as u64;
        let (hours, minutes, seconds) = (rest / 3600, rest / 60 % 60, rest % 60);
        let nonzero = |n: u64| (n != 0).then_some(n);
        let mut duration = Duration {
            negative: negative && magnitude != 0,
            days: nonzero(days),
            hours: nonzero(hours),
            minutes: nonzero(minutes),
            seconds: (seconds != 0 || nanos != 0).then_some((
                seconds,
                nanos,
                fraction_digits(nanos),
            )),
        };
        if duration.days.is_none() && duration.hours.is_none() && duration.minutes.is_none() {
            duration.seconds.get_or_insert((0, 0, 0));
        }
        Some(duration)
    }

    /// Whether the duration is negative (written with a leading `-`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The length in nanoseconds, negative for a negative duration.
    pub fn total_nanos(&self) -> i128 {
        let part = |n: Option<u64>, scale: i128| i128::from(n.unwrap_or(0)) * scale;
        let (seconds, nanos) = self
            .seconds
            .map_or((0, 0), |(s, n, _)| (i128::from(s), i128::from(n)));
        let magnitude = part(self.days, 86_400 * NANOS_PER_SECOND)
            + part(self.hours, 3600 * NANOS_PER_SECOND)
            + part(self.minutes, 60 * NANOS_PER_SECOND)
            + seconds * NANOS_PER_SECOND
            + nanos;
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }

    /// As a [`std::time::Duration`]; `None` when negative or too long.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let nanos = u128::try_from(self.total_nanos()).ok()?;
        let seconds = u64::try_from(nanos / NANOS_PER_SECOND as u128).ok()?;
        Some(std::time::Duration::new(
            seconds,
            (nanos % NANOS_PER_SECOND as u128) as u32,
        ))
    }

    /// As a [`chrono::TimeDelta`]; `None` when out of its range.
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        let nanos = self.total_nanos();
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
        chrono::TimeDelta::new(seconds, nanos.rem_euclid(NANOS_PER_SECOND) as u32)
    }
}

impl Default for Duration {
    fn default() -> Self {
        Duration::ZERO
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Duration::from_nanos(value.as_nanos() as i128).expect("a std Duration's days fit in u64")
    }
}

impl From<chrono::TimeDelta> for Duration {
    fn from(value: chrono::TimeDelta) -> Self {
        let nanos =
            i128::from(value.num_seconds()) * NANOS_PER_SECOND + i128::from(value.subsec_nanos());
        Duration::from_nanos(nanos).expect("a TimeDelta's days fit in u64")
    }
}

impl FromStr for Duration {
    type Err = ParseEdmError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || {
            ParseEdmError::new(
                "Edm.Duration",
                input,
                "an ISO 8601 duration of days, hours, minutes and seconds, e.g. P1DT2H or -PT17.1357909S",
            )
        };
        let (negative, rest) = match input.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let rest = rest.strip_prefix('P').ok_or_else(err)?;
        let (date, time) = match rest.split_once('T') {
            Some((date, time)) if !time.is_empty() => (date, Some(time)),
            Some(_) => return Err(err()),
            None => (rest, None),
        };
        let mut duration = Duration {
            negative,
            days: None,
            hours: None,
            minutes: None,
            seconds: None,
        };
        if !date.is_empty() {
            let days = date.strip_suffix('D').ok_or_else(err)?;
            duration.days = Some(parse_digits(days).ok_or_else(err)?);
        }
        if let Some(mut time) = time {
            for (designator, slot) in [('H', &mut duration.hours), ('M', &mut duration.minutes)] {
                if let Some((number, after)) = time.split_once(designator) {
                    *slot = Some(parse_digits(number).ok_or_else(err)?);
                    time = after;
                }
            }
            if !time.is_empty() {
                let number = time.strip_suffix('S').ok_or_else(err)?;
                let (whole, fraction) = match number.split_once('.') {
                    Some((whole, fraction)) => (whole, parse_fraction(fraction).ok_or_else(err)?),
                    None => (number, (0, 0)),
                };
                let whole = parse_digits(whole).ok_or_else(err)?;
                duration.seconds = Some((whole, fraction.0, fraction.1));
            }
        }
        let any = duration.days.is_some()
            || duration.hours.is_some()
            || duration.minutes.is_some()
            || duration.seconds.is_some();
        // The parts must also add up to something an i128 of nanoseconds holds; each is below
        // 10^20, so they do.
        if !any {
            return Err(err());
        }
        Ok(duration)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        if let Some(days) = self.days {
            write!(f, "{days}D")?;
        }
        if self.hours.is_none() && self.minutes.is_none() && self.seconds.is_none() {
            return Ok(());
        }
        f.write_str("T")?;
        if let Some(hours) = self.hours {
            write!(f, "{hours}H")?;
        }
        if let Some(minutes) = self.minutes {
            write!(f, "{minutes}M")?;
        }
        if let Some((seconds, nanos, digits)) = self.seconds {
            write!(f, "{seconds}")?;
            write_fraction(f, nanos, digits)?;
            f.write_str("S")?;
        }
        Ok(())
    }
}

string_serde!(
    Duration,
    "an Edm.Duration string such as P1DT2H",
    canonical = |value, serializer| serializer.serialize_i128(value.total_nanos())
);
