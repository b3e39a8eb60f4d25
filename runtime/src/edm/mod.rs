//! Rust types for the Edm primitives whose wire format plain Rust types would change (the
//! crate docs' "Types" table maps every Edm type). Each string-valued type keeps what it read —
//! fractional digits, `Z`, which duration parts were written — so a value read from Graph is
//! written back byte for byte.

mod binary;
mod date;
mod datetime;
mod duration;
mod flags;
mod float;

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

pub use binary::Binary;
pub use date::{Date, TimeOfDay};
pub use datetime::DateTimeOffset;
pub use duration::Duration;
pub use flags::{FlagEnum, Flags};
pub use float::{Double, Single};

/// `Edm.Guid`: [`uuid::Uuid`], written hyphenated in lower case.
pub type Guid = uuid::Uuid;

/// A string that is not a valid value of its Edm type.
///
/// ```
/// use graphpatch::Binary;
/// let err = "not base64!".parse::<Binary>().unwrap_err();
/// assert_eq!(err.edm_type(), "Edm.Binary");
/// assert!(err.to_string().starts_with("invalid Edm.Binary \"not base64!\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEdmError {
    edm: &'static str,
    input: String,
    expected: &'static str,
}

impl std::fmt::Display for ParseEdmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid {} {:?}: expected {}",
            self.edm, self.input, self.expected
        )
    }
}

impl std::error::Error for ParseEdmError {}

impl ParseEdmError {
    /// `input` is kept to its first 64 characters: it may be large, or hostile.
    pub(crate) fn new(edm: &'static str, input: &str, expected: &'static str) -> Self {
        ParseEdmError {
            edm,
            input: input.chars().take(64).collect(),
            expected,
        }
    }

    /// The Edm type that was expected, e.g. `"Edm.Duration"`.
    pub fn edm_type(&self) -> &'static str {
        self.edm
    }
}

/// Writes `value` as decimal digits filling `buf`, zero-padded on the left.
pub(crate) fn digits_into(buf: &mut [u8], mut value: u32) {
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// Parses exactly `text.len()` ASCII digits (no sign, no spaces); `None` for anything else or
/// on overflow.
pub(crate) fn parse_digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Splits `.fraction` digits (at most 9, so nanoseconds hold them exactly) into nanoseconds and
/// the digit count; `None` when there are none, too many, or non-digits.
pub(crate) fn parse_fraction(text: &str) -> Option<(u32, u8)> {
    let count = text.len();
    if count == 0 || count > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = text.parse().ok()?;
    Some((value * 10u32.pow(9 - count as u32), count as u8))
}

/// Writes the first `digits` digits of a nanosecond count after a `.`; nothing for 0 digits.
pub(crate) fn write_fraction(f: &mut fmt::Formatter<'_>, nanos: u32, digits: u8) -> fmt::Result {
    if digits == 0 {
        return Ok(());
    }
    let mut buf = [0u8; 9];
    digits_into(&mut buf, nanos);
    let text = std::str::from_utf8(&buf[..usize::from(digits)]).map_err(|_| fmt::Error)?;
    write!(f, ".{text}")
}

/// The fewest fractional digits (0 to 9) that write `nanos` exactly.
pub(crate) fn fraction_digits(nanos: u32) -> u8 {
    if nanos == 0 {
        return 0;
    }
    let mut digits = 9u8;
    let mut rest = nanos;
    while rest % 10 == 0 {
        rest /= 10;
        digits -= 1;
    }
    digits
}

/// Deserializes a string-valued Edm type through its `FromStr`.
pub(crate) fn deserialize_parsed<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromStr<Err = ParseEdmError>,
{
    struct Visitor<T>(&'static str, PhantomData<T>);
    impl<T: FromStr<Err = ParseEdmError>> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            value.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Visitor(expecting, PhantomData))
}

/// `Serialize` through `Display` and `Deserialize` through `FromStr`, for a string-valued type.
///
/// With `canonical = |value, serializer| …`, a serializer that is not human-readable gets the
/// value itself instead of its spelling: what [`diff`](crate::diff) compares, so two spellings of
/// one value (`PT1H` and `PT60M`) are the same value.
macro_rules! string_serde {
    ($ty:ty, $expecting:literal) => {
        crate::edm::string_serde!(
            $ty,
            $expecting,
            canonical = |value, serializer| serializer.collect_str(value)
        );
    };
    ($ty:ty, $expecting:literal, canonical = |$value:ident, $serializer:ident| $canonical:expr) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    return serializer.collect_str(self);
                }
                let ($value, $serializer) = (self, serializer);
                $canonical
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::edm::deserialize_parsed(deserializer, $expecting)
            }
        }
    };
}
pub(crate) use string_serde;
