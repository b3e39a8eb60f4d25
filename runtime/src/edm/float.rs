//! `Edm.Double` and `Edm.Single`, written the way OData JSON does: finite values as bare numbers
//! (`6.0` stays `6.0`), the others as the strings `"NaN"`, `"INF"` and `"-INF"`. serde_json alone
//! would write those as `null`, which Graph reads as "clear this property".

use std::fmt;

/// `Edm.Double`: an `f64` that keeps NaN and the infinities, as `"NaN"`, `"INF"` and `"-INF"`.
///
/// ```
/// use graphpatch::Double;
/// assert_eq!(serde_json::to_string(&Double(6.0)).unwrap(), "6.0");
/// assert_eq!(serde_json::to_string(&Double(f64::NAN)).unwrap(), r#""NaN""#);
/// let inf: Double = serde_json::from_str(r#""-INF""#).unwrap();
/// assert_eq!(inf, f64::NEG_INFINITY);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Double(pub f64);

impl Double {
    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        Double(value)
    }
}

impl From<i32> for Double {
    fn from(value: i32) -> Self {
        Double(value.into())
    }
}

impl From<Double> for f64 {
    fn from(value: Double) -> Self {
        value.0
    }
}

impl PartialEq<f64> for Double {
    fn eq(&self, other: &f64) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Double {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match special(self.0) {
            Some(text) => f.write_str(text),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

impl serde::Serialize for Double {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match special(self.0) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_f64(self.0),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Double {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(FloatVisitor("an Edm.Double"))
            .map(Double)
    }
}

/// `Edm.Single`: a 32-bit float, holding what Graph sends exactly.
///
/// A value built from an `f32` is written as that `f32` (`1.1`, not `1.100000023841858`). A value
/// read from JSON keeps the number as read, even where it has more digits than an `f32` holds
/// (the docs write `4.666666666666667` for a Single): the service narrows it, and the number read
/// is the number written back. [`Single::get`] gives the `f32`.
///
/// ```
/// use graphpatch::Single;
/// assert_eq!(serde_json::to_string(&Single::from(1.1f32)).unwrap(), "1.1");
/// let read: Single = serde_json::from_str("4.666666666666667").unwrap();
/// assert_eq!(serde_json::to_string(&read).unwrap(), "4.666666666666667");
/// assert_eq!(read.get(), 4.6666665f32);
/// assert_eq!(serde_json::to_string(&Single::from(f32::INFINITY)).unwrap(), r#""INF""#);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Single {
    value: f64,
    /// Built from an `f32`: written with an `f32`'s shortest digits.
    narrow: bool,
}

impl Single {
    /// The value as an `f32` (rounded when it was read with more precision).
    pub fn get(self) -> f32 {
        self.value as f32
    }

    /// The value as held: for a value read from JSON, the number as read.
    pub fn as_f64(self) -> f64 {
        self.value
    }
}

impl From<f32> for Single {
    fn from(value: f32) -> Self {
        Single {
            value: value.into(),
            narrow: true,
        }
    }
}

impl From<Single> for f32 {
    fn from(value: Single) -> Self {
        value.get()
    }
}

impl PartialEq for Single {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl PartialOrd for Single {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl PartialEq<f32> for Single {
    fn eq(&self, other: &f32) -> bool {
        self.get() == *other
    }
}

impl fmt::Display for Single {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match special(self.value) {
            Some(text) => f.write_str(text),
            None if self.narrow => fmt::Display::fmt(&self.get(), f),
            None => fmt::Display::fmt(&self.value, f),
        }
    }
}

impl serde::Serialize for Single {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match special(self.value) {
            Some(text) => serializer.serialize_str(text),
            // The service holds an `f32`: `1.1f32` and a `1.1` read from JSON are one value.
            None if self.narrow || !serializer.is_human_readable() => {
                serializer.serialize_f32(self.get())
            }
            None => serializer.serialize_f64(self.value),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Single {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = deserializer.deserialize_any(FloatVisitor("an Edm.Single"))?;
        Ok(Single {
            value,
            narrow: false,
        })
    }
}

/// The OData string for a value JSON has no number for.
fn special(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("INF")
    } else if value == f64::NEG_INFINITY {
        Some("-INF")
    } else {
        None
    }
}

/// Reads a number, or one of the OData strings for the values JSON has no number for.
struct FloatVisitor(&'static str);

impl serde::de::Visitor<'_> for FloatVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: a number, \"NaN\", \"INF\" or \"-INF\"", self.0)
    }
    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }
    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }
    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }
    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<f64, E> {
        match value {
            "NaN" => Ok(f64::NAN),
            "INF" | "Infinity" => Ok(f64::INFINITY),
            "-INF" | "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(serde::de::Unexpected::Str(value), &self)),
        }
    }
}
