//! The OData query options the simulator serves on collections: `$filter` (the operators
//! `graph_filter!` writes: `eq ne gt ge lt le and or not`, `startswith`, `in`, with literals of
//! every Edm type), `$select`, `$orderby` on one property, `$top`, `$skiptoken`, `$count`.

use std::cmp::Ordering;

use serde_json::Value;

/// The query options of a request, decoded.
#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    pub select: Option<Vec<String>>,
    pub filter: Option<String>,
    pub order_by: Option<(String, bool)>,
    pub top: Option<usize>,
    pub skip_token: Option<usize>,
    pub count: bool,
    /// The options other than `$skiptoken`, as sent: what a next link repeats.
    pub rest: Vec<(String, String)>,
}

impl Query {
    /// Reads a raw query string; `Err` with Graph's kind of message for a malformed option.
    pub fn parse(raw: Option<&str>) -> Result<Query, String> {
        let mut query = Query::default();
        let Some(raw) = raw else {
            return Ok(query);
        };
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .map_err(|_| format!("The query option '{key}' is not valid UTF-8."))?
                .into_owned();
            let key = percent_encoding::percent_decode_str(key)
                .decode_utf8_lossy()
                .into_owned();
            match key.as_str() {
                "$select" => {
                    query.select = Some(decoded.split(',').map(|s| s.trim().to_owned()).collect())
                }
                "$filter" => query.filter = Some(decoded.clone()),
                "$orderby" => {
                    let mut words = decoded.split_whitespace();
                    let property = words.next().unwrap_or_default().to_owned();
                    let descending = match words.next() {
                        None | Some("asc") => false,
                        Some("desc") => true,
                        Some(other) => {
                            return Err(format!("Invalid $orderby direction '{other}'."))
                        }
                    };
                    query.order_by = Some((property, descending));
                }
                "$top" => {
                    query.top = Some(
                        decoded
                            .parse()
                            .map_err(|_| format!("Invalid value '{decoded}' for $top."))?,
                    )
                }
                "$skiptoken" => {
                    query.skip_token = Some(
                        decoded
                            .parse()
                            .map_err(|_| format!("Invalid $skiptoken '{decoded}'."))?,
                    );
                    continue;
                }
                "$count" => query.count = decoded == "true",
                _ => {}
            }
            query.rest.push((key.to_owned(), value.to_owned()));
        }
        Ok(query)
    }
}

/// Orders documents by one property: numbers as numbers, the rest as text, missing and `null`
/// first.
pub(crate) fn compare_by(a: &Value, b: &Value, property: &str) -> Ordering {
    match (a.get(property), b.get(property)) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        (None | Some(Value::Null), None | Some(Value::Null)) => Ordering::Equal,
        (None | Some(Value::Null), _) => Ordering::Less,
        (_, None | Some(Value::Null)) => Ordering::Greater,
        (x, y) => x.map(Value::to_string).cmp(&y.map(Value::to_string)),
    }
}

/// A parsed `$filter`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filter {
    Or(Box<Filter>, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Compare(String, Op, Literal),
    In(String, Vec<Literal>),
    StartsWith(String, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

/// A literal as OData writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Null,
    Bool(bool),
    Number(f64),
    /// `'text'`, quotes undoubled.
    Text(String),
    /// Unquoted: a Guid, DateTimeOffset, Date, TimeOfDay, or `NaN`/`INF`.
    Bare(String),
    /// `duration'…'`.
    Duration(String),
    /// `binary'…'`.
    Binary(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Prefixed(String, String),
    Open,
    Close,
    Comma,
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted = |i: &mut usize| -> Result<String, String> {
        // `chars[*i]` is the opening quote.
        let mut value = String::new();
        *i += 1;
        loop {
            match chars.get(*i) {
                None => return Err("Unterminated string literal in $filter.".into()),
                Some('\'') if chars.get(*i + 1) == Some(&'\'') => {
                    value.push('\'');
                    *i += 2;
                }
                Some('\'') => {
                    *i += 1;
                    return Ok(value);
                }
                Some(c) => {
                    value.push(*c);
                    *i += 1;
                }
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            ',' => {
                out.push(Token::Comma);
                i += 1;
            }
            '\'' => out.push(Token::Text(quoted(&mut i)?)),
            _ => {
                let start = i;
                while i < chars.len() && !" \t(),'".contains(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&'\'') && (word == "duration" || word == "binary") {
                    out.push(Token::Prefixed(word, quoted(&mut i)?));
                } else {
                    out.push(Token::Word(word));
                }
            }
        }
    }
    Ok(out)
}

/// Parses a `$filter` expression.
pub(crate) fn parse_filter(text: &str) -> Result<Filter, String> {
    let tokens = tokens(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let filter = parser.or()?;
    if parser.at != parser.tokens.len() {
        return Err(format!(
            "Syntax error at position {} in '{text}'.",
            parser.at
        ));
    }
    Ok(filter)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w == word)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, token: Token) -> Result<(), String> {
        match self.next() {
            Some(t) if t == token => Ok(()),
            other => Err(format!("Expected {token:?} in $filter, found {other:?}.")),
        }
    }

    fn or(&mut self) -> Result<Filter, String> {
        let mut left = self.and()?;
        while self.peek_word("or") {
            self.at += 1;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, String> {
        let mut left = self.unary()?;
        while self.peek_word("and") {
            self.at += 1;
            left = Filter::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, String> {
        match self.next() {
            Some(Token::Word(w)) if w == "not" => Ok(Filter::Not(Box::new(self.unary()?))),
            Some(Token::Open) => {
                let inner = self.or()?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Some(Token::Word(w)) if w == "startswith" => {
                self.expect(Token::Open)?;
                let Some(Token::Word(property)) = self.next() else {
                    return Err("startswith takes a property first.".into());
                };
                self.expect(Token::Comma)?;
                let Some(Token::Text(prefix)) = self.next() else {
                    return Err("startswith takes a string literal second.".into());
                };
                self.expect(Token::Close)?;
                Ok(Filter::StartsWith(property, prefix))
            }
            Some(Token::Word(property)) => {
                let op = match self.next() {
                    Some(Token::Word(w)) => w,
                    other => {
                        return Err(format!(
                            "Expected an operator after '{property}', found {other:?}."
                        ))
                    }
                };
                let op = match op.as_str() {
                    "eq" => Op::Eq,
                    "ne" => Op::Ne,
                    "gt" => Op::Gt,
                    "ge" => Op::Ge,
                    "lt" => Op::Lt,
                    "le" => Op::Le,
                    "in" => {
                        self.expect(Token::Open)?;
                        let mut values = vec![self.literal()?];
                        while let Some(Token::Comma) = self.tokens.get(self.at) {
                            self.at += 1;
                            values.push(self.literal()?);
                        }
                        self.expect(Token::Close)?;
                        return Ok(Filter::In(property, values));
                    }
                    other => return Err(format!("Unknown operator '{other}' in $filter.")),
                };
                Ok(Filter::Compare(property, op, self.literal()?))
            }
            other => Err(format!("Unexpected {other:?} in $filter.")),
        }
    }

    fn literal(&mut self) -> Result<Literal, String> {
        Ok(match self.next() {
            Some(Token::Text(text)) => Literal::Text(text),
            Some(Token::Prefixed(prefix, text)) if prefix == "duration" => Literal::Duration(text),
            Some(Token::Prefixed(_, text)) => Literal::Binary(text),
            Some(Token::Word(w)) => match w.as_str() {
                "null" => Literal::Null,
                "true" => Literal::Bool(true),
                "false" => Literal::Bool(false),
                _ => match w.parse::<f64>() {
                    Ok(n) if !w.contains([':', 'T']) && w.matches('-').count() <= 1 => {
                        Literal::Number(n)
                    }
                    _ => Literal::Bare(w),
                },
            },
            other => return Err(format!("Expected a literal in $filter, found {other:?}.")),
        })
    }
}

impl Filter {
    /// The property names the filter reads.
    pub fn properties(&self) -> Vec<&str> {
        match self {
            Filter::Or(a, b) | Filter::And(a, b) => {
                let mut names = a.properties();
                names.extend(b.properties());
                names
            }
            Filter::Not(inner) => inner.properties(),
            Filter::Compare(p, ..) | Filter::In(p, _) | Filter::StartsWith(p, _) => vec![p],
        }
    }

    /// Whether `document` matches.
    pub fn matches(&self, document: &Value) -> bool {
        match self {
            Filter::Or(a, b) => a.matches(document) || b.matches(document),
            Filter::And(a, b) => a.matches(document) && b.matches(document),
            Filter::Not(inner) => !inner.matches(document),
            Filter::Compare(property, op, literal) => {
                let value = document.get(property).unwrap_or(&Value::Null);
                compare(value, literal).is_some_and(|ordering| match op {
                    Op::Eq => ordering == Ordering::Equal,
                    Op::Ne => ordering != Ordering::Equal,
                    Op::Gt => ordering == Ordering::Greater,
                    Op::Ge => ordering != Ordering::Less,
                    Op::Lt => ordering == Ordering::Less,
                    Op::Le => ordering != Ordering::Greater,
                })
            }
            Filter::In(property, literals) => {
                let value = document.get(property).unwrap_or(&Value::Null);
                literals
                    .iter()
                    .any(|literal| compare(value, literal) == Some(Ordering::Equal))
            }
            Filter::StartsWith(property, prefix) => document
                .get(property)
                .and_then(Value::as_str)
                .is_some_and(|text| text.starts_with(prefix.as_str())),
        }
    }
}

/// How a stored value compares with a literal; `None` where they cannot be compared (which
/// matches no operator, as in OData where such a comparison is `null`). `null` equals only
/// `null`.
fn compare(value: &Value, literal: &Literal) -> Option<Ordering> {
    let unequal = |same: bool| {
        Some(if same {
            Ordering::Equal
        } else {
            Ordering::Less
        })
    };
    match (value, literal) {
        (Value::Null, Literal::Null) => Some(Ordering::Equal),
        (Value::Null, _) | (_, Literal::Null) => unequal(false),
        (Value::Bool(b), Literal::Bool(l)) => Some(b.cmp(l)),
        (Value::Number(n), Literal::Number(l)) => n.as_f64()?.partial_cmp(l),
        (Value::String(s), Literal::Text(l)) => Some(s.as_str().cmp(l.as_str())),
        (Value::String(s), Literal::Duration(l)) => {
            let nanos = |t: &str| {
                t.parse::<graphpatch::Duration>()
                    .ok()
                    .map(|d| d.total_nanos())
            };
            nanos(s)?.partial_cmp(&nanos(l)?)
        }
        (Value::String(s), Literal::Binary(l)) => unequal(s == l),
        (Value::String(s), Literal::Bare(l)) => {
            if let (Ok(a), Ok(b)) = (
                s.parse::<graphpatch::DateTimeOffset>(),
                l.parse::<graphpatch::DateTimeOffset>(),
            ) {
                return Some(a.as_chrono().cmp(&b.as_chrono()));
            }
            if let (Ok(a), Ok(b)) = (s.parse::<graphpatch::Guid>(), l.parse::<graphpatch::Guid>()) {
                return Some(a.cmp(&b));
            }
            Some(s.as_str().cmp(l.as_str()))
        }
        // NaN and the infinities are stored as strings.
        (Value::String(s), Literal::Number(_)) => unequal(false).filter(|_| !s.is_empty()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_parse_and_match() {
        let doc = json!({
            "runState": "fail",
            "resultMessage": "it's done – Zoë",
            "errorCode": 3,
            "lastStateUpdateDateTime": "2017-01-01T00:02:58.4418045-08:00",
            "id": "52effe71-fe71-52ef-71fe-ef5271feef52",
        });
        let yes = [
            "runState eq 'fail'",
            "runState in ('success', 'fail')",
            "resultMessage eq 'it''s done – Zoë'",
            "startswith(resultMessage, 'it''s')",
            "errorCode gt 2 and errorCode le 3",
            "not (errorCode eq 4)",
            "errorDescription eq null",
            "resultMessage ne null",
            "lastStateUpdateDateTime eq 2017-01-01T08:02:58.4418045Z",
            "lastStateUpdateDateTime lt 2018-01-01T00:00:00Z",
            "id eq 52EFFE71-FE71-52EF-71FE-EF5271FEEF52",
            "runState eq 'x' or errorCode eq -7 or errorCode eq 3",
        ];
        for filter in yes {
            assert!(parse_filter(filter).unwrap().matches(&doc), "{filter}");
        }
        let no = [
            "runState eq 'success'",
            "not runState eq 'fail'",
            "errorCode in (1, 2)",
            "resultMessage eq null",
        ];
        for filter in no {
            assert!(!parse_filter(filter).unwrap().matches(&doc), "{filter}");
        }
        assert!(parse_filter("runState eq").is_err());
        assert!(parse_filter("runState eq 'open").is_err());
    }
}
