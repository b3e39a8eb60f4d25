//! Helpers for testing code that builds Graph requests: compare JSON documents as values, with
//! numbers compared exactly.
//!
//! `serde_json::Value` reads every non-integer as an `f64`, so two documents whose numbers differ
//! beyond 17 significant digits compare equal, and `6.0` equals `6`. [`json_diff`] reads numbers
//! as decimal text instead: `2.50` equals `2.5`, `6.0` does not equal `6` (a float written as an
//! integer is a different wire value for Graph), and no digit is lost. Object key order is
//! ignored, as JSON intends. Documents are read by the reader the code generator reads the
//! reference pages' examples with (`graphpatch_naming::json`).
//!
//! ```
//! use graphpatch::testing::json_diff;
//! assert_eq!(json_diff(r#"{"a": 1, "b": [2.50]}"#, r#"{"b":[2.5],"a":1}"#), None);
//! assert_eq!(
//!     json_diff(r#"{"a": {"b": 6.0}}"#, r#"{"a": {"b": 6}}"#).unwrap(),
//!     "at /a/b: expected 6.0, found 6"
//! );
//! let exact = "12345678901234567890.123456789";
//! assert!(json_diff(exact, "12345678901234567890.123456788").is_some());
//! ```

use std::collections::BTreeMap;
use std::fmt;

use graphpatch_naming::json::{self, Json};

/// The first difference between two JSON documents, as `at /path: expected …, found …`, or
/// `None` when they are equal as values. A document that is not JSON is reported as such.
pub fn json_diff(expected: &str, actual: &str) -> Option<String> {
    let expected = match ExactJson::parse(expected) {
        Ok(value) => value,
        Err(err) => return Some(format!("expected document: {err}")),
    };
    let actual = match ExactJson::parse(actual) {
        Ok(value) => value,
        Err(err) => return Some(format!("actual document: {err}")),
    };
    let mut path = String::new();
    diff(&expected, &actual, &mut path)
}

fn diff(expected: &ExactJson, actual: &ExactJson, path: &mut String) -> Option<String> {
    let here = |path: &str| {
        if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        }
    };
    match (expected, actual) {
        (ExactJson::Object(e), ExactJson::Object(a)) => {
            for (key, value) in e {
                let len = path.len();
                path.push('/');
                path.push_str(key);
                let found = match a.get(key) {
                    Some(other) => diff(value, other, path),
                    None => Some(format!("at {path}: missing")),
                };
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            a.keys()
                .find(|k| !e.contains_key(*k))
                .map(|k| format!("at {}/{k}: unexpected property", path))
        }
        (ExactJson::Array(e), ExactJson::Array(a)) if e.len() == a.len() => {
            e.iter().zip(a).enumerate().find_map(|(i, (x, y))| {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                let found = diff(x, y, path);
                path.truncate(len);
                found
            })
        }
        _ if expected == actual => None,
        _ => Some(format!(
            "at {}: expected {expected}, found {actual}",
            here(path)
        )),
    }
}

/// A JSON value whose numbers keep their exact decimal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExactJson {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly.
    Number(ExactNumber),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<ExactJson>),
    /// An object; a key may appear once.
    Object(BTreeMap<String, ExactJson>),
}

/// A JSON number as an exact decimal, remembering whether it was written as an integer.
#[derive(Debug, Clone)]
pub struct ExactNumber {
    negative: bool,
    /// Significant digits without leading or trailing zeros; empty for zero.
    digits: String,
    /// The value is `0.digits × 10^exponent`.
    exponent: i64,
    /// Written with a fraction or an exponent.
    float: bool,
    /// As written.
    text: String,
}

impl ExactJson {
    /// Parses a document; trailing non-whitespace is an error.
    pub fn parse(text: &str) -> Result<ExactJson, String> {
        let value = json::parse(text).map_err(|err| err.to_string())?;
        ExactJson::exact(value)
    }

    fn exact(value: Json) -> Result<ExactJson, String> {
        Ok(match value {
            Json::Null => ExactJson::Null,
            Json::Bool(b) => ExactJson::Bool(b),
            Json::Number(text) => ExactJson::Number(ExactNumber::new(text)?),
            Json::String(s) => ExactJson::String(s),
            Json::Array(items) => ExactJson::Array(
                items
                    .into_iter()
                    .map(ExactJson::exact)
                    .collect::<Result<_, _>>()?,
            ),
            // The reader refuses a repeated key, so no entry is lost here.
            Json::Object(entries) => ExactJson::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| Ok((key, ExactJson::exact(value)?)))
                    .collect::<Result<_, String>>()?,
            ),
        })
    }
}

impl fmt::Display for ExactJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExactJson::Null => f.write_str("null"),
            ExactJson::Bool(b) => write!(f, "{b}"),
            ExactJson::Number(n) => f.write_str(&n.text),
            ExactJson::String(s) => write!(f, "{s:?}"),
            ExactJson::Array(items) => write!(f, "an array of {}", items.len()),
            ExactJson::Object(map) => write!(f, "an object of {} properties", map.len()),
        }
    }
}

impl ExactNumber {
    /// The exact value of `text`, a number as the JSON reader accepted it.
    fn new(text: String) -> Result<ExactNumber, String> {
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], Some(&text[at + 1..])),
            None => (text.as_str(), None),
        };
        let negative = mantissa.starts_with('-');
        let unsigned = mantissa.trim_start_matches('-');
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let float = unsigned.contains('.') || exponent.is_some();
        let exponent: i64 = match exponent {
            Some(digits) => digits
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("bad exponent in {text}"))?,
            None => 0,
        };
        let all = format!("{integer}{fraction}");
        let leading = all.len() - all.trim_start_matches('0').len();
        let digits = all.trim_matches('0').to_owned();
        let exponent = if digits.is_empty() {
            0
        } else {
            integer.len() as i64 - leading as i64 + exponent
        };
        Ok(ExactNumber {
            negative: negative && !digits.is_empty(),
            digits,
            exponent,
            float,
            text,
        })
    }
}

impl PartialEq for ExactNumber {
    /// Equal values written alike as integers or as floats; the spelling may differ.
    fn eq(&self, other: &Self) -> bool {
        (self.negative, &self.digits, self.exponent, self.float)
            == (other.negative, &other.digits, other.exponent, other.float)
    }
}

impl Eq for ExactNumber {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_as_exact_decimals() {
        assert_eq!(
            json_diff("[2.50, 1e3, -0, 0.0, 120.0]", "[2.5, 10.0e2, 0, 0e5, 12e1]"),
            None
        );
        assert!(json_diff("6.0", "6").is_some());
        assert!(json_diff("1", "-1").is_some());
        assert!(json_diff("1.5e-400", "1.5e-401").is_some());
        assert_eq!(
            json_diff("1e99999999999999999999", "1"),
            Some("expected document: bad exponent in 1e99999999999999999999".to_owned())
        );
    }

    #[test]
    fn documents_that_are_not_json_are_reported() {
        assert_eq!(
            json_diff("{\"a\" 1}", "{}"),
            Some("expected document: expected `:` at byte 5".to_owned())
        );
        assert_eq!(
            json_diff("{}", "{} x"),
            Some("actual document: trailing characters at byte 3".to_owned())
        );
        assert_eq!(
            json_diff(r#"{"a": [1, {"b": "x"}]}"#, r#"{"a": [1, {"b": "y"}]}"#),
            Some("at /a/1/b: expected \"x\", found \"y\"".to_owned())
        );
    }
}
