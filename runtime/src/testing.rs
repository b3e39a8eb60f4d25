//! Helpers for testing code that builds Graph requests: compare JSON documents as values, with
//! numbers compared exactly.
//!
//! `serde_json::Value` reads every non-integer as an `f64`, so two documents whose numbers differ
//! beyond 17 significant digits compare equal, and `6.0` equals `6`. [`json_diff`] reads numbers
//! as decimal text instead: `2.50` equals `2.5`, `6.0` does not equal `6` (a float written as an
//! integer is a different wire value for Graph), and no digit is lost. Object key order is
//! ignored, as JSON intends.
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
        let mut parser = Parser {
            bytes: text.as_bytes(),
            text,
            at: 0,
        };
        let value = parser.value(0)?;
        parser.whitespace();
        if parser.at != parser.bytes.len() {
            return Err(format!("trailing characters at byte {}", parser.at));
        }
        Ok(value)
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

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

/// Deeper nesting is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

impl Parser<'_> {
    fn whitespace(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn error<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.at))
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.whitespace();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<ExactJson, String> {
        if depth > MAX_DEPTH {
            return self.error("nesting too deep");
        }
        self.whitespace();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut map = BTreeMap::new();
                if self.eat(b'}') {
                    return Ok(ExactJson::Object(map));
                }
                loop {
                    self.whitespace();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return self.error("expected `:`");
                    }
                    let value = self.value(depth + 1)?;
                    if map.insert(key.clone(), value).is_some() {
                        return self.error(&format!("duplicate key {key:?}"));
                    }
                    if self.eat(b'}') {
                        return Ok(ExactJson::Object(map));
                    }
                    if !self.eat(b',') {
                        return self.error("expected `,` or `}`");
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(ExactJson::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(ExactJson::Array(items));
                    }
                    if !self.eat(b',') {
                        return self.error("expected `,` or `]`");
                    }
                }
            }
            Some(b'"') => self.string().map(ExactJson::String),
            Some(b't') => self.keyword("true", ExactJson::Bool(true)),
            Some(b'f') => self.keyword("false", ExactJson::Bool(false)),
            Some(b'n') => self.keyword("null", ExactJson::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(ExactJson::Number),
            _ => self.error("expected a JSON value"),
        }
    }

    fn keyword(&mut self, word: &str, value: ExactJson) -> Result<ExactJson, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            self.error("expected a JSON value")
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return self.error("expected a string");
        }
        let start = self.at;
        self.at += 1;
        loop {
            match self.bytes.get(self.at) {
                None => return self.error("unterminated string"),
                Some(b'\\') => self.at += 2,
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(_) => self.at += 1,
            }
        }
        let token = self.text.get(start..self.at).ok_or("unterminated string")?;
        serde_json::from_str(token).map_err(|err| format!("bad string at byte {start}: {err}"))
    }

    fn number(&mut self) -> Result<ExactNumber, String> {
        let start = self.at;
        let negative = self.bytes[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let digits_from = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            &p.text[from..p.at]
        };
        let integer = digits_from(self).to_owned();
        if integer.is_empty() || (integer.len() > 1 && integer.starts_with('0')) {
            return self.error("bad number");
        }
        let mut fraction = String::new();
        let mut float = false;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            fraction = digits_from(self).to_owned();
            if fraction.is_empty() {
                return self.error("bad number");
            }
            float = true;
        }
        let mut exponent: i64 = 0;
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            let sign = match self.bytes.get(self.at) {
                Some(b'-') => {
                    self.at += 1;
                    -1
                }
                Some(b'+') => {
                    self.at += 1;
                    1
                }
                _ => 1,
            };
            let digits = digits_from(self);
            exponent = sign
                * digits
                    .parse::<i64>()
                    .map_err(|_| format!("bad exponent at byte {}", self.at))?;
            float = true;
        }
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
            text: self.text[start..self.at].to_owned(),
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
