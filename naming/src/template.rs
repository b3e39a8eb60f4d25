//! Graph path templates (`/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}`):
//! what `path = "…"` accepts, parsed into literal and parameter segments, and the rules for
//! parameter names that the code generator follows when it writes templates.

use std::fmt;

use crate::{lower_camel_to_snake, RESERVED};

/// One `/`-separated piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text sent as written.
    Literal(String),
    /// `{name}`: the Graph name and its snake_case form, which `graph_patch!` uses.
    Param {
        /// The name as the template writes it (`deviceManagementScriptId`).
        wire: String,
        /// Its snake_case form (`device_management_script_id`).
        snake: String,
    },
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The template as written.
    pub text: String,
    /// Its segments, in order.
    pub segments: Vec<Segment>,
}

impl Template {
    /// The parameters in order, each as `(wire, snake)`.
    ///
    /// ```
    /// let t = graphpatch_naming::template::parse("/users/{userId}/photo").unwrap();
    /// assert_eq!(t.params().collect::<Vec<_>>(), [("userId", "user_id")]);
    /// ```
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param { wire, snake } => Some((wire.as_str(), snake.as_str())),
            Segment::Literal(_) => None,
        })
    }
}

/// One segment before its parameter name is checked: what [`piece`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text without braces.
    Literal(&'a str),
    /// `{name}` filling the whole segment; the name is not checked yet (see [`param_name`]).
    Param(&'a str),
}

/// What is wrong with a template; its `Display` is the message the macros report on the
/// literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// `""`.
    Empty,
    /// Does not start with `/`.
    NoLeadingSlash(String),
    /// Holds `?` or `#`.
    QueryOrFragment(char),
    /// Ends with `/`.
    TrailingSlash,
    /// Holds whitespace.
    Whitespace(char),
    /// `//`.
    EmptySegment,
    /// A segment with braces that do not pair up, or more than one pair.
    Unbalanced(String),
    /// A segment that mixes text and a `{parameter}`.
    Mixed(String),
    /// `{}`.
    EmptyParam,
    /// A parameter name that is not an identifier.
    NotIdentifier(String),
    /// A parameter whose snake_case form cannot be a Rust name (`self`).
    Reserved(String),
    /// The same parameter twice.
    Repeated(String),
    /// Two parameters with the same snake_case form: `(first, second, snake)`.
    SameSnake(String, String, String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Empty => f.write_str("path template is empty"),
            TemplateError::NoLeadingSlash(text) => {
                write!(f, "path template must start with `/`: `{text}`")
            }
            TemplateError::QueryOrFragment(c) => write!(
                f,
                "path template cannot hold a query string or fragment (`{c}`); give the path only"
            ),
            TemplateError::TrailingSlash => f.write_str("path template must not end with `/`"),
            TemplateError::Whitespace(c) => {
                write!(f, "path template cannot contain whitespace ({c:?})")
            }
            TemplateError::EmptySegment => f.write_str("path template has an empty segment (`//`)"),
            TemplateError::Unbalanced(piece) => {
                write!(f, "unbalanced braces in path segment `{piece}`")
            }
            TemplateError::Mixed(piece) => write!(
                f,
                "a path parameter must fill its whole segment: `{piece}` mixes text and `{{…}}`"
            ),
            TemplateError::EmptyParam => f.write_str(
                "empty path parameter `{}`: name it, as in `{deviceManagementScriptId}`",
            ),
            TemplateError::NotIdentifier(name) => write!(
                f,
                "path parameter name `{name}` must be an identifier (letters, digits, `_`)"
            ),
            TemplateError::Reserved(name) => {
                write!(
                    f,
                    "path parameter name `{name}` is reserved in Rust; rename it"
                )
            }
            TemplateError::Repeated(wire) => write!(
                f,
                "path parameter `{{{wire}}}` appears twice in one template; give each segment \
                 its own name (for example `{{{wire}2}}`)"
            ),
            TemplateError::SameSnake(first, second, snake) => write!(
                f,
                "path parameters `{{{first}}}` and `{{{second}}}` both become `{snake}` in Rust; \
                 rename one"
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Parses a template as `path = "…"` takes it, or says what is wrong with it.
///
/// ```
/// use graphpatch_naming::template::{parse, Segment};
/// let t = parse("/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}").unwrap();
/// assert_eq!(
///     t.segments[2],
///     Segment::Param {
///         wire: "deviceManagementScriptId".into(),
///         snake: "device_management_script_id".into(),
///     }
/// );
/// assert_eq!(
///     parse("/a//b").unwrap_err().to_string(),
///     "path template has an empty segment (`//`)"
/// );
/// ```
pub fn parse(text: &str) -> Result<Template, TemplateError> {
    if text.is_empty() {
        return Err(TemplateError::Empty);
    }
    if !text.starts_with('/') {
        return Err(TemplateError::NoLeadingSlash(text.to_owned()));
    }
    if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
        return Err(TemplateError::QueryOrFragment(c));
    }
    if text.len() > 1 && text.ends_with('/') {
        return Err(TemplateError::TrailingSlash);
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace()) {
        return Err(TemplateError::Whitespace(c));
    }
    let mut segments = Vec::new();
    for segment in text[1..].split('/') {
        segments.push(match piece(segment)? {
            Piece::Literal(literal) => Segment::Literal(literal.to_owned()),
            Piece::Param(name) => Segment::Param {
                wire: name.to_owned(),
                snake: param_name(name)?,
            },
        });
    }
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (wire, snake) in segments.iter().filter_map(|s| match s {
        Segment::Param { wire, snake } => Some((wire.as_str(), snake.as_str())),
        Segment::Literal(_) => None,
    }) {
        if seen.iter().any(|(w, _)| *w == wire) {
            return Err(TemplateError::Repeated(wire.to_owned()));
        }
        if let Some((other, _)) = seen.iter().find(|(_, s)| *s == snake) {
            return Err(TemplateError::SameSnake(
                (*other).to_owned(),
                wire.to_owned(),
                snake.to_owned(),
            ));
        }
        seen.push((wire, snake));
    }
    Ok(Template {
        text: text.to_owned(),
        segments,
    })
}

/// Reads one segment (the text between two `/`): a literal, or a parameter filling it whole.
///
/// ```
/// use graphpatch_naming::template::{piece, Piece};
/// assert_eq!(piece("users").unwrap(), Piece::Literal("users"));
/// assert_eq!(piece("{userId}").unwrap(), Piece::Param("userId"));
/// assert!(piece("x({id})").is_err());
/// ```
pub fn piece(segment: &str) -> Result<Piece<'_>, TemplateError> {
    if segment.is_empty() {
        return Err(TemplateError::EmptySegment);
    }
    let opens = segment.matches('{').count();
    let closes = segment.matches('}').count();
    if opens == 0 && closes == 0 {
        return Ok(Piece::Literal(segment));
    }
    if opens != closes || opens > 1 {
        return Err(TemplateError::Unbalanced(segment.to_owned()));
    }
    match segment.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(name) => Ok(Piece::Param(name)),
        None => Err(TemplateError::Mixed(segment.to_owned())),
    }
}

/// Checks a parameter name (letters, digits, `_`, not starting with a digit, with a usable
/// snake_case form) and gives that snake_case form.
///
/// ```
/// use graphpatch_naming::template::param_name;
/// assert_eq!(param_name("deviceConfigurationId").unwrap(), "device_configuration_id");
/// assert!(param_name("device-id").is_err());
/// assert!(param_name("self").is_err());
/// ```
pub fn param_name(name: &str) -> Result<String, TemplateError> {
    if name.is_empty() {
        return Err(TemplateError::EmptyParam);
    }
    let valid_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !valid_start || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(TemplateError::NotIdentifier(name.to_owned()));
    }
    let snake = lower_camel_to_snake(name);
    if RESERVED.contains(&snake.as_str()) {
        return Err(TemplateError::Reserved(name.to_owned()));
    }
    Ok(snake)
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
            let err = parse(bad).unwrap_err().to_string();
            assert!(err.contains(needle), "{bad:?}: {err}");
        }
    }

    #[test]
    fn a_lone_slash_is_one_empty_segment() {
        assert_eq!(parse("/").unwrap_err(), TemplateError::EmptySegment);
    }
}
