//! Rust types for the Edm primitives whose wire format plain Rust types would change.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Timelike, Utc};

/// `Edm.DateTimeOffset`: an instant with its UTC offset, written back exactly as Graph wrote it.
///
/// Graph writes up to 7 fractional digits (`2017-01-01T00:02:58.4418045-08:00`); chrono alone
/// would re-serialize that with 9 digits or 3, and `Z` as `+00:00`. This type remembers the number
/// of fractional digits and the `Z`, so a value read from Graph is sent back byte for byte.
///
/// ```
/// use graphpatch::DateTimeOffset;
/// let t: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2017-01-01T00:02:58.4418045-08:00");
/// assert_eq!(t.as_chrono().timestamp(), 1483257778);
/// assert!("2017-01-01 00:02:58".parse::<DateTimeOffset>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    /// Fractional digits written (0 to 9).
    digits: u8,
    /// Written with `Z` rather than `+00:00`.
    zulu: bool,
}

/// A string that is not an ISO 8601 / RFC 3339 date-time with offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Edm.DateTimeOffset {input:?}: expected e.g. 2017-01-01T00:02:58.4418045-08:00")]
pub struct ParseDateTimeOffsetError {
    input: String,
}

impl DateTimeOffset {
    /// From a chrono value, written with the fewest fractional digits that keep it exact.
    pub fn new(value: DateTime<FixedOffset>) -> Self {
        let nanos = value.nanosecond() % 1_000_000_000;
        let mut digits = 9u8;
        let mut rest = nanos;
        while digits > 0 && rest % 10 == 0 {
            rest /= 10;
            digits -= 1;
        }
        DateTimeOffset {
            value,
            digits,
            zulu: false,
        }
    }

    /// The current time in UTC, with Graph's 7 fractional digits.
    pub fn now_utc() -> Self {
        DateTimeOffset {
            value: Utc::now().fixed_offset(),
            digits: 7,
            zulu: true,
        }
    }

    /// The chrono value.
    pub fn as_chrono(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// How many fractional digits the value is written with.
    pub fn fractional_digits(&self) -> u8 {
        self.digits
    }
}

impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> Self {
        DateTimeOffset::new(value)
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        DateTimeOffset {
            zulu: true,
            ..DateTimeOffset::new(value.fixed_offset())
        }
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseDateTimeOffsetError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateTimeOffsetError {
            input: input.chars().take(64).collect(),
        };
        let value = DateTime::parse_from_rfc3339(input).map_err(|_| err())?;
        // RFC 3339 allows a space or lower-case `t`/`z`; Graph never writes them, and accepting
        // them would make the value re-serialize differently.
        let bytes = input.as_bytes();
        if bytes.get(10) != Some(&b'T') || input.ends_with('z') {
            return Err(err());
        }
        let digits = match input[19..].strip_prefix('.') {
            Some(rest) => rest.bytes().take_while(u8::is_ascii_digit).count(),
            None => 0,
        };
        if digits > 9 {
            return Err(err());
        }
        Ok(DateTimeOffset {
            value,
            digits: digits as u8,
            zulu: input.ends_with('Z'),
        })
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value.format("%Y-%m-%dT%H:%M:%S"))?;
        if self.digits > 0 {
            let nanos = format!("{:09}", self.value.nanosecond() % 1_000_000_000);
            write!(f, ".{}", &nanos[..usize::from(self.digits)])?;
        }
        if self.zulu && self.value.offset().local_minus_utc() == 0 {
            f.write_str("Z")
        } else {
            write!(f, "{}", self.value.format("%:z"))
        }
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTimeOffset({self})")
    }
}

impl serde::Serialize for DateTimeOffset {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateTimeOffset;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an Edm.DateTimeOffset string such as 2017-01-01T00:02:58.4418045-08:00",
                )
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<DateTimeOffset, E> {
                value.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        for text in [
            "2017-01-01T00:02:58.4418045-08:00",
            "2017-01-01T00:02:58Z",
            "2017-01-01T00:02:58.1Z",
            "2017-01-01T00:02:58.000+00:00",
            "2016-12-31T23:59:59.123456789+05:30",
        ] {
            let parsed: DateTimeOffset = text.parse().unwrap();
            assert_eq!(parsed.to_string(), text);
            let json = serde_json::to_string(&parsed).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(
                serde_json::from_str::<DateTimeOffset>(&json).unwrap(),
                parsed
            );
        }
    }

    #[test]
    fn rejects_what_graph_never_writes() {
        for text in [
            "",
            "2017-01-01",
            "2017-01-01 00:02:58Z",
            "2017-01-01T00:02:58.1234567890Z",
            "2017-01-01T00:02:58z",
            "2017-13-01T00:02:58Z",
        ] {
            assert!(text.parse::<DateTimeOffset>().is_err(), "{text}");
        }
    }

    #[test]
    fn from_chrono_keeps_exact_digits() {
        let t = DateTime::parse_from_rfc3339("2017-01-01T00:02:58.4418045-08:00").unwrap();
        assert_eq!(
            DateTimeOffset::from(t).to_string(),
            "2017-01-01T00:02:58.4418045-08:00"
        );
        let utc = t.with_timezone(&Utc);
        assert_eq!(
            DateTimeOffset::from(utc).to_string(),
            "2017-01-01T08:02:58.4418045Z"
        );
    }
}
