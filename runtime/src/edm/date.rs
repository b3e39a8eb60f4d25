//! `Edm.Date` and `Edm.TimeOfDay`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::ParseEdmError;
use super::{fraction_digits, parse_digits, parse_fraction, string_serde, write_fraction};

/// `Edm.Date`: a calendar date, written `2016-12-31`.
///
/// ```
/// use graphpatch::Date;
/// let date: Date = "2016-12-31".parse().unwrap();
/// assert_eq!(date.as_chrono(), chrono::NaiveDate::from_ymd_opt(2016, 12, 31).unwrap());
/// assert_eq!(date.to_string(), "2016-12-31");
/// assert!("2016-2-31".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// The smallest date Graph can write (`0001-01-01`; year 0 is not an Edm.Date).
    pub const MIN: Date = Date(NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date"));
    /// The largest (`9999-12-31`).
    pub const MAX: Date = Date(NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date"));

    /// The date with this year, month and day, if it exists and lies within 0001–9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day)
            .filter(|_| (1..=9999).contains(&year))
            .map(Date)
    }

    /// The chrono value.
    pub fn as_chrono(&self) -> NaiveDate {
        self.0
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = ParseEdmError;

    /// Fails for years outside 0001–9999, which Edm.Date cannot write.
    fn try_from(date: NaiveDate) -> Result<Self, Self::Error> {
        Date::from_ymd(date.year(), date.month(), date.day()).ok_or_else(|| {
            ParseEdmError::new("Edm.Date", &date.to_string(), "a year from 0001 to 9999")
        })
    }
}

impl FromStr for Date {
    type Err = ParseEdmError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || ParseEdmError::new("Edm.Date", input, "YYYY-MM-DD, e.g. 2016-12-31");
        let b = input.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let number = |range: std::ops::Range<usize>| {
            parse_digits(&input[range]).and_then(|n| u32::try_from(n).ok())
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(err());
        };
        Date::from_ymd(year as i32, month, day).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

string_serde!(Date, "an Edm.Date string such as 2016-12-31");

/// `Edm.TimeOfDay`: a time of day, written `12:00:05.5020000`.
///
/// Remembers how it was written — with or without seconds, and how many fractional digits —
/// so that Graph's seven digits come back as seven.
///
/// ```
/// use graphpatch::TimeOfDay;
/// let t: TimeOfDay = "12:00:05.5020000".parse().unwrap();
/// assert_eq!(t.to_string(), "12:00:05.5020000");
/// assert_eq!(t.as_chrono(), chrono::NaiveTime::from_hms_milli_opt(12, 0, 5, 502).unwrap());
/// assert_eq!(TimeOfDay::from(chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap()).to_string(), "08:30:00");
/// assert!("24:00:00".parse::<TimeOfDay>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    value: NaiveTime,
    /// Fractional digits written (0 to 9).
    digits: u8,
    /// Written with seconds (`HH:MM:SS`) rather than `HH:MM`.
    seconds: bool,
}

impl TimeOfDay {
    /// The chrono value.
    pub fn as_chrono(&self) -> NaiveTime {
        self.value
    }

    /// How many fractional digits the value is written with.
    pub fn fractional_digits(&self) -> u8 {
        self.digits
    }

    /// The same time, written with exactly `digits` fractional digits (at most 9; more digits
    /// than the value needs are zeros, fewer truncate it).
    #[must_use]
    pub fn with_fractional_digits(self, digits: u8) -> Self {
        let digits = digits.min(9);
        let unit = 10u32.pow(9 - u32::from(digits));
        let nanos = self.value.nanosecond() / unit * unit;
        TimeOfDay {
            value: self.value.with_nanosecond(nanos).unwrap_or(self.value),
            digits,
            seconds: true,
        }
    }
}

impl From<NaiveTime> for TimeOfDay {
    /// Written with seconds and the fewest fractional digits that keep it exact (a leap second
    /// is written as second 59).
    fn from(value: NaiveTime) -> Self {
        let nanos = value.nanosecond() % 1_000_000_000;
        let value = value.with_nanosecond(nanos).unwrap_or(value);
        TimeOfDay {
            value,
            digits: fraction_digits(nanos),
            seconds: true,
        }
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseEdmError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || {
            ParseEdmError::new(
                "Edm.TimeOfDay",
                input,
                "HH:MM:SS[.fffffff], e.g. 12:00:05.5020000",
            )
        };
        let (clock, fraction) = match input.split_once('.') {
            Some((clock, fraction)) => (clock, Some(fraction)),
            None => (input, None),
        };
        let parts: Vec<&str> = clock.split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
            return Err(err());
        }
        if fraction.is_some() && parts.len() != 3 {
            return Err(err());
        }
        let mut numbers = [0u32; 3];
        for (slot, part) in numbers.iter_mut().zip(&parts) {
            *slot = parse_digits(part)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(err)?;
        }
        let (nanos, digits) = match fraction {
            Some(fraction) => parse_fraction(fraction).ok_or_else(err)?,
            None => (0, 0),
        };
        // `from_hms_nano_opt` takes second 59 with 1e9+ nanoseconds as a leap second, and
        // hour 24 nowhere; seconds must be below 60 here.
        if numbers[2] > 59 {
            return Err(err());
        }
        let value = NaiveTime::from_hms_nano_opt(numbers[0], numbers[1], numbers[2], nanos)
            .ok_or_else(err)?;
        Ok(TimeOfDay {
            value,
            digits,
            seconds: parts.len() == 3,
        })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        write!(f, "{:02}:{:02}", v.hour(), v.minute())?;
        if self.seconds {
            write!(f, ":{:02}", v.second())?;
            write_fraction(f, v.nanosecond(), self.digits)?;
        }
        Ok(())
    }
}

string_serde!(
    TimeOfDay,
    "an Edm.TimeOfDay string such as 12:00:05.5020000",
    canonical = |value, serializer| serializer.serialize_u64(
        u64::from(value.value.num_seconds_from_midnight()) * 1_000_000_000
            + u64::from(value.value.nanosecond())
    )
);
