//! Graph path templates (`/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}`),
//! parsed once in the macro into literal and parameter segments.

use crate::case;

/// One `/`-separated piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text sent as written.
    Literal(String),
    /// `{name}`: the Graph name and its snake_case form, which `graph_patch!` uses.
    Param { wire: String, snake: String },
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    pub segments: Vec<Segment>,
}

impl Template {
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param { wire, snake } => Some((wire.as_str(), snake.as_str())),
            Segment::Literal(_) => None,
        })
    }
}

/// Parses a template, or says what is wrong with it.
pub fn parse(text: &str) -> Result<Template, String> {
    if text.is_empty() {
        return Err("path template is empty".into());
    }
    if !text.starts_with('/') {
        return Err(format!("path template must start with `/`: `{text}`"));
    }
    if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
        return Err(format!(
            "path template cannot hold a query string or fragment (`{c}`); give the path only"
        ));
    }
    if text.len() > 1 && text.ends_with('/') {
        return Err("path template must not end with `/`".into());
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace()) {
        return Err(format!("path template cannot contain whitespace ({c:?})"));
    }
    let mut segments = Vec::new();
    for piece in text[1..].split('/') {
        if piece.is_empty() {
            return Err("path template has an empty segment (`//`)".into());
        }
        segments.push(parse_segment(piece)?);
    }
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for seg in &segments {
        if let Segment::Param { wire, snake } = seg {
            if seen.iter().any(|(w, _)| w == wire) {
                return Err(format!(
                    "path parameter `{{{wire}}}` appears twice in one template; give each \
                     segment its own name (for example `{{{wire}2}}`)"
                ));
            }
            if let Some((other, _)) = seen.iter().find(|(_, s)| s == snake) {
                return Err(format!(
                    "path parameters `{{{other}}}` and `{{{wire}}}` both become `{snake}` in Rust; \
                     rename one"
                ));
            }
            seen.push((wire, snake));
        }
    }
    Ok(Template {
        text: text.to_owned(),
        segments,
    })
}

fn parse_segment(piece: &str) -> Result<Segment, String> {
    let opens = piece.matches('{').count();
    let closes = piece.matches('}').count();
    if opens == 0 && closes == 0 {
        return Ok(Segment::Literal(piece.to_owned()));
    }
    if opens != closes || opens > 1 {
        return Err(format!("unbalanced braces in path segment `{piece}`"));
    }
    let Some(name) = piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')) else {
        return Err(format!(
            "a path parameter must fill its whole segment: `{piece}` mixes text and `{{…}}`"
        ));
    };
    if name.is_empty() {
        return Err(
            "empty path parameter `{}`: name it, as in `{deviceManagementScriptId}`".into(),
        );
    }
    let valid_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !valid_start || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "path parameter name `{name}` must be an identifier (letters, digits, `_`)"
        ));
    }
    let snake = case::lower_camel_to_snake(name);
    if case::RESERVED.contains(&snake.as_str()) {
        return Err(format!(
            "path parameter name `{name}` is reserved in Rust; rename it"
        ));
    }
    Ok(Segment::Param {
        wire: name.to_owned(),
        snake,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_seed_template() {
        let t = parse("/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/runStates/{deviceManagementScriptStateId}").unwrap();
        assert_eq!(t.segments.len(), 5);
        let params: Vec<_> = t.params().map(|(_, s)| s).collect();
        assert_eq!(
            params,
            [
                "device_management_script_id",
                "device_management_script_state_id"
            ]
        );
    }

    #[test]
    fn rejects_malformed_templates() {
        for (bad, needle) in [
            ("", "empty"),
            ("deviceManagement/x", "start with `/`"),
            ("/a/{}", "empty path parameter"),
            ("/a/{b", "unbalanced"),
            ("/a/b}", "unbalanced"),
            ("/a/{b}{c}", "unbalanced"),
            ("/a/x{b}", "whole segment"),
            ("/a//b", "empty segment"),
            ("/a/", "end with"),
            ("/a?x=1", "query"),
            ("/a/{b}/c/{b}", "twice"),
            ("/a/{b-c}", "identifier"),
            ("/a/{userId}/b/{userID}", "both become `user_id`"),
            ("/a/{self}", "reserved"),
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains(needle), "{bad:?}: {err}");
        }
    }
}
