//! Reads a Graph reference page (the format of `graph-docs/api/*.md`): its permissions table,
//! PATCH templates, and example request and response.

use serde_json::Value;

/// The parts of an update page the tests compare against.
#[derive(Debug, Clone)]
pub struct Page {
    /// `(permission type, cell)` rows of the permissions table, e.g.
    /// `("Application", "Not supported.")`.
    pub permissions: Vec<(String, String)>,
    /// The templates of the HTTP request section, without the method.
    pub templates: Vec<String>,
    /// The example request.
    pub request: ExampleRequest,
    /// The example response.
    pub response: ExampleResponse,
}

/// A page's example request.
#[derive(Debug, Clone)]
pub struct ExampleRequest {
    /// `PATCH`.
    pub method: String,
    /// The URL as written, placeholders included.
    pub url: String,
    /// The headers as written.
    pub headers: Vec<(String, String)>,
    /// The JSON body.
    pub body: Value,
    /// The JSON body's text as written (pretty-printed in the docs).
    pub body_text: String,
}

impl ExampleRequest {
    /// The URL's path, e.g. `/beta/deviceManagement/…/{deviceManagementScriptStateId}`.
    pub fn path(&self) -> &str {
        let after_scheme = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// A header's value (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A page's example response.
#[derive(Debug, Clone)]
pub struct ExampleResponse {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The JSON body (`Value::Null` when there is none).
    pub body: Value,
    /// The JSON body's text as written.
    pub body_text: String,
}

/// Where the Graph docs corpus is: `$GRAPHPATCH_DOCS`, else the copy vendored in the repository
/// (`tests/fixtures/graph-docs`, with the Graph metadata beside it in `graph-metadata`).
pub fn docs_root() -> std::path::PathBuf {
    match std::env::var_os("GRAPHPATCH_DOCS") {
        Some(root) => root.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the support crate sits in tests/")
            .join("fixtures/graph-docs"),
    }
}

/// Reads and parses a page of the docs corpus, e.g. `api/intune-auditing-auditevent-update.md`;
/// panics with the path and the reason when it cannot.
pub fn corpus_page(relative: &str) -> Page {
    let path = docs_root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (set GRAPHPATCH_DOCS to the graph-docs folder)",
            path.display()
        )
    });
    parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The text of the JSON value at the start of `text`: some pages have stray lines after it.
pub fn json_text(text: &str) -> &str {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => text[..stream.byte_offset()].trim(),
        _ => text.trim(),
    }
}

/// Parses a page, or says what it lacks.
pub fn parse(text: &str) -> Result<Page, String> {
    let text = text.trim_start_matches('\u{feff}');
    let blocks = http_blocks(text);
    let [templates, request, response, ..] = blocks.as_slice() else {
        return Err(format!("expected 3 http blocks, found {}", blocks.len()));
    };
    let templates = templates
        .lines()
        .filter_map(|l| l.trim().split_once(' '))
        .filter(|(method, _)| matches!(*method, "PATCH" | "POST" | "PUT"))
        .map(|(_, path)| path.trim().to_owned())
        .collect();
    Ok(Page {
        permissions: permissions(text),
        templates,
        request: parse_request(request)?,
        response: parse_response(response)?,
    })
}

fn http_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        match &mut current {
            None if trimmed.starts_with("```")
                && trimmed.trim_start_matches('`').trim() == "http" =>
            {
                current = Some(String::new());
            }
            Some(block) if trimmed.starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn permissions(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            match cells.as_slice() {
                [kind, scopes] if kind.starts_with("Delegated") || *kind == "Application" => {
                    Some(((*kind).to_owned(), (*scopes).to_owned()))
                }
                _ => None,
            }
        })
        .collect()
}

/// Splits a block into its first line, header lines and body.
fn split_message(block: &str) -> (String, Vec<(String, String)>, String) {
    let mut lines = block.lines();
    let first = lines.next().unwrap_or_default().trim().to_owned();
    let mut headers = Vec::new();
    let mut body = String::new();
    let mut in_body = false;
    for line in lines {
        if in_body {
            body.push_str(line);
            body.push('\n');
        } else if line.trim().is_empty() {
            in_body = true;
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    (first, headers, body)
}

fn parse_request(block: &str) -> Result<ExampleRequest, String> {
    let (first, headers, body) = split_message(block);
    let (method, url) = first.split_once(' ').ok_or("request line without a URL")?;
    Ok(ExampleRequest {
        method: method.to_owned(),
        url: url.trim().to_owned(),
        headers,
        body: json_prefix(&body)?,
        body_text: body,
    })
}

fn parse_response(block: &str) -> Result<ExampleResponse, String> {
    let (first, _, body) = split_message(block);
    let status = first
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {first:?}"))?;
    let value = if body.trim().is_empty() {
        Value::Null
    } else {
        json_prefix(&body)?
    };
    Ok(ExampleResponse {
        status,
        body: value,
        body_text: body,
    })
}

/// The JSON value at the start of `text`: some pages have stray lines after it.
fn json_prefix(text: &str) -> Result<Value, String> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => Ok(value),
        Some(Err(err)) => Err(format!("invalid JSON body: {err}")),
        None => Err("no JSON body".into()),
    }
}

/// `text` without the whitespace between JSON tokens, key order and number spelling kept: the
/// docs' pretty-printed body in the compact form a client sends, for byte comparison.
pub fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for ch in text.trim().chars() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if ch == '"' {
            in_string = true;
            out.push(ch);
        } else if !ch.is_whitespace() {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_strings_and_order() {
        let text = "{\n  \"b\": \"x y \\\" z\",\n  \"a\": [1, 2.50]\n}\n";
        assert_eq!(minify_json(text), r#"{"b":"x y \" z","a":[1,2.50]}"#);
    }
}
