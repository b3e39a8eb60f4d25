//! A small JSON reader that keeps what a generic one loses: key order, numbers exactly as
//! written, and where the value ends (the reference pages have stray text after their JSON). The
//! code generator reads the pages' examples with it; `graphpatch::testing::json_diff` compares
//! documents with it, numbers as exact decimals. serde_json could keep order and numbers only
//! with crate features that would change how the rest of a workspace reads JSON.
//!
//! ```
//! use graphpatch_naming::json::{parse, parse_prefix, Json};
//! let (value, end) = parse_prefix("{\"b\": 2.50, \"a\": 1}\nstray text").unwrap();
//! assert_eq!(end, 19);
//! assert_eq!(value.get("b"), Some(&Json::Number("2.50".into())));
//! assert_eq!(value.to_compact(), r#"{"b":2.50,"a":1}"#);
//! assert_eq!(parse("[1] x").unwrap_err().to_string(), "trailing characters at byte 4");
//! ```

use std::fmt;
use std::fmt::Write as _;

/// A JSON value; numbers keep their text, objects their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in document order.
    Object(Vec<(String, Json)>),
}

/// Where a document could not be read: the byte offset and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset into the text given to [`parse_prefix`].
    pub offset: usize,
    /// What was expected.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// How deep arrays and objects may nest: deeper documents are refused rather than risking the
/// stack.
pub const MAX_DEPTH: usize = 128;

/// Reads the JSON value at the start of `text` (after whitespace); returns it and the byte offset
/// where it ends. Text after the value is not looked at.
pub fn parse_prefix(text: &str) -> Result<(Json, usize), JsonError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let value = reader.value(0)?;
    Ok((value, reader.at))
}

/// Reads a whole document: only whitespace may follow the value.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let (value, end) = parse_prefix(text)?;
    let rest = text[end..].trim_start_matches([' ', '\t', '\n', '\r']);
    if rest.is_empty() {
        Ok(value)
    } else {
        Err(JsonError {
            offset: text.len() - rest.len(),
            message: "trailing characters".to_owned(),
        })
    }
}

impl Json {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether any object inside this value (itself excluded when `skip_self`) has a `null`
    /// property.
    pub fn has_nested_null(&self, skip_self: bool) -> bool {
        match self {
            Json::Object(entries) => entries
                .iter()
                .any(|(_, v)| (!skip_self && *v == Json::Null) || v.has_nested_null(false)),
            Json::Array(items) => items.iter().any(|v| v.has_nested_null(false)),
            _ => false,
        }
    }

    /// This value without `null` properties in the objects it holds (its own kept when
    /// `keep_own` is set): what a graphpatch type writes back, since it reads `null` and an
    /// absent property alike.
    pub fn without_nested_nulls(&self, keep_own: bool) -> Json {
        match self {
            Json::Object(entries) => Json::Object(
                entries
                    .iter()
                    .filter(|(_, v)| keep_own || *v != Json::Null)
                    .map(|(k, v)| (k.clone(), v.without_nested_nulls(false)))
                    .collect(),
            ),
            Json::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|v| v.without_nested_nulls(false))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The value as compact JSON text, numbers as they were written.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write_compact(&mut out);
        out
    }

    fn write_compact(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_compact(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write_compact(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn error<T>(&self, message: &str) -> Result<T, JsonError> {
        Err(JsonError {
            offset: self.at,
            message: message.to_owned(),
        })
    }

    fn whitespace(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
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

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return self.error("nesting too deep");
        }
        self.whitespace();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut entries: Vec<(String, Json)> = Vec::new();
                if self.eat(b'}') {
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.whitespace();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return self.error("expected `:`");
                    }
                    let value = self.value(depth + 1)?;
                    if entries.iter().any(|(k, _)| *k == key) {
                        return self.error(&format!("duplicate key {key:?}"));
                    }
                    entries.push((key, value));
                    if self.eat(b'}') {
                        return Ok(Json::Object(entries));
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
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return self.error("expected `,` or `]`");
                    }
                }
            }
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.keyword("true", Json::Bool(true)),
            Some(b'f') => self.keyword("false", Json::Bool(false)),
            Some(b'n') => self.keyword("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => self.error("expected a JSON value, found the end"),
            _ => self.error("expected a JSON value"),
        }
    }

    fn keyword(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            self.error("expected a JSON value")
        }
    }

    /// A string at `self.at`, unescaped; control characters must be escaped and `\\u`
    /// escapes must name whole characters, as RFC 8259 says.
    fn string(&mut self) -> Result<String, JsonError> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return self.error("expected a string");
        }
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|b| !matches!(b, b'"' | b'\\' | 0x00..=0x1f))
            {
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                None => {
                    self.at = start;
                    return self.error("unterminated string");
                }
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        None => {
                            self.at = start;
                            return self.error("unterminated string");
                        }
                        Some(_) => return self.error("invalid escape"),
                    };
                    self.at += 1;
                    out.push(escaped);
                    continue;
                }
                Some(_) => return self.error("control character in a string"),
            }
        }
    }

    /// The character of a `\\uXXXX` escape whose `XXXX` starts at `self.at`; a surrogate
    /// pair is two escapes, and half of one is an error.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xd800..=0xdbff => {
                if !self.bytes[self.at..].starts_with(b"\\u") {
                    return self.error("lone leading surrogate in a \\u escape");
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return self.error("lone leading surrogate in a \\u escape");
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            0xdc00..=0xdfff => return self.error("lone trailing surrogate in a \\u escape"),
            code => code,
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.error("invalid \\u escape"),
        }
    }

    /// Four hex digits at `self.at`.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else {
            return self.error("invalid \\u escape");
        };
        self.at += 4;
        u32::from_str_radix(digits, 16).or_else(|_| self.error("invalid \\u escape"))
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.bytes[self.at] == b'-' {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at - from
        };
        let integer_start = self.at;
        let integer = digits(self);
        if integer == 0 || (integer > 1 && self.bytes[integer_start] == b'0') {
            return self.error("bad number");
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return self.error("bad number");
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return self.error("bad number");
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_numbers_and_end() {
        let text = "{\"b\": 2.50, \"a\": [1e3, -0.0, \"x\\\"y\"]}\n\nPATCH /stray\n";
        let (value, end) = parse_prefix(text).unwrap();
        assert_eq!(
            &text[..end],
            "{\"b\": 2.50, \"a\": [1e3, -0.0, \"x\\\"y\"]}"
        );
        assert_eq!(value.to_compact(), r#"{"b":2.50,"a":[1e3,-0.0,"x\"y"]}"#);
    }

    #[test]
    fn strips_nested_nulls_only() {
        let (value, _) =
            parse_prefix(r#"{"a": null, "b": {"c": null, "d": [{"e": null}]}}"#).unwrap();
        assert!(value.has_nested_null(true));
        assert_eq!(
            value.without_nested_nulls(true).to_compact(),
            r#"{"a":null,"b":{"d":[{}]}}"#
        );
        assert_eq!(
            value.without_nested_nulls(false).to_compact(),
            r#"{"b":{"d":[{}]}}"#
        );
        let (flat, _) = parse_prefix(r#"{"a": null}"#).unwrap();
        assert!(!flat.has_nested_null(true));
    }

    #[test]
    fn reports_where() {
        let err = parse_prefix("{\n  \"a\": 1,\n  b\n}").unwrap_err();
        assert_eq!(err.offset, 14);
        assert!(parse_prefix("{\"a\": 01}").is_err());
        assert!(parse_prefix("{\"a\": 1, \"a\": 2}").is_err());
        assert!(parse_prefix("").is_err());
    }

    #[test]
    fn unescapes_strings() {
        let (value, _) = parse_prefix(r#""a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 ü""#).unwrap();
        assert_eq!(
            value,
            Json::String("a\"b\\c/d\u{8}\u{c}\n\r\t é 😀 ü".to_owned())
        );
        for bad in [
            r#""\q""#,
            r#""\u12""#,
            r#""\ud83d""#,
            r#""\ud83d\u0041""#,
            r#""\ude00""#,
            "\"a\u{1}b\"",
            r#""open"#,
            r#""\"#,
        ] {
            assert!(parse_prefix(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_prefix(r#""open"#).unwrap_err().offset, 0);
    }

    #[test]
    fn a_whole_document_has_nothing_after_it() {
        assert_eq!(parse(" [1, {}] \n").unwrap().to_compact(), "[1,{}]");
        let err = parse("{} {}").unwrap_err();
        assert_eq!(err.to_string(), "trailing characters at byte 3");
        let deep = "[".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).unwrap_err().message.contains("too deep"));
    }
}
