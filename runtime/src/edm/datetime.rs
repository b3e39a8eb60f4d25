//! `Edm.DateTimeOffset`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

use super::{digits_into, fraction_digits, ParseEdmError};

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

impl DateTimeOffset {
    /// From a chrono value, written with the fewest fractional digits that keep it exact.
    pub fn new(value: DateTime<FixedOffset>) -> Self {
        DateTimeOffset {
            value,
            digits: fraction_digits(value.nanosecond() % 1_000_000_000),
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
    type Err = ParseEdmError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || ParseEdmError::new("Edm.DateTimeOffset", input, EXPECTED);
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

impl DateTimeOffset {
    /// Writes the wire form into `buf` and returns its length. Hand-rolled rather than
    /// `chrono::format`, which parses its format string on every call: this runs once per
    /// timestamp in every request body.
    fn encode(&self, buf: &mut [u8; 40]) -> usize {
        let digits = digits_into;
        // The local date and time, computed once: each accessor on `DateTime<FixedOffset>`
        // would apply the offset again.
        let v = self.value.naive_local();
        // Years outside 0000–9999 cannot be written in ISO 8601's basic form; chrono handles them.
        let year = u32::try_from(v.year()).unwrap_or(0).min(9999);
        digits(&mut buf[0..4], year);
        buf[4] = b'-';
        digits(&mut buf[5..7], v.month());
        buf[7] = b'-';
        digits(&mut buf[8..10], v.day());
        buf[10] = b'T';
        digits(&mut buf[11..13], v.hour());
        buf[13] = b':';
        digits(&mut buf[14..16], v.minute());
        buf[16] = b':';
        digits(&mut buf[17..19], v.second());
        let mut len = 19;
        if self.digits > 0 {
            buf[len] = b'.';
            let mut nanos = [0u8; 9];
            digits(&mut nanos, v.nanosecond() % 1_000_000_000);
            let n = usize::from(self.digits);
            buf[len + 1..len + 1 + n].copy_from_slice(&nanos[..n]);
            len += 1 + n;
        }
        let offset = self.value.offset().local_minus_utc();
        if self.zulu && offset == 0 {
            buf[len] = b'Z';
            return len + 1;
        }
        buf[len] = if offset < 0 { b'-' } else { b'+' };
        let minutes = offset.unsigned_abs() / 60;
        digits(&mut buf[len + 1..len + 3], minutes / 60);
        buf[len + 3] = b':';
        digits(&mut buf[len + 4..len + 6], minutes % 60);
        len + 6
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !(0..=9999).contains(&self.value.year()) {
            return write!(f, "{}", self.value.to_rfc3339());
        }
        let mut buf = [0u8; 40];
        let len = self.encode(&mut buf);
        f.write_str(std::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTimeOffset({self})")
    }
}

impl serde::Serialize for DateTimeOffset {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            // The instant, whatever its offset and digits: what `diff` compares.
            let nanos = i128::from(self.value.timestamp()) * 1_000_000_000
                + i128::from(self.value.timestamp_subsec_nanos());
            return serializer.serialize_i128(nanos);
        }
        if !(0..=9999).contains(&self.value.year()) {
            return serializer.collect_str(self);
        }
        let mut buf = [0u8; 40];
        let len = self.encode(&mut buf);
        serializer
            .serialize_str(std::str::from_utf8(&buf[..len]).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> serde::Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::deserialize_parsed(deserializer, "an Edm.DateTimeOffset string")
    }
}

const EXPECTED: &str = "e.g. 2017-01-01T00:02:58.4418045-08:00";

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
            "0001-01-01T00:00:00-00:30",
            "9999-12-31T23:59:59.9999999+14:00",
            "2017-01-01T00:02:58.0000001-12:00",
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
