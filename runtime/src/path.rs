//! Request paths: the templates an entity is reached at, and resolved paths — a template plus
//! parameter values, each encoded at run time as exactly one path segment, so that no id can
//! change the path it is sent to.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes left as they are in a segment: RFC 3986 "unreserved" (`A-Z a-z 0-9 - . _ ~`). Every
/// other byte is `%XX`-encoded, `/ ? # % \` and spaces included.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One `/`-separated piece of a [`PathTemplate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Sent as written, e.g. `deviceManagementScripts`.
    Literal(&'static str),
    /// A `{parameter}`: its Graph name and the snake_case name `graph_patch!` takes.
    Param {
        /// The name in the docs' template, e.g. `deviceManagementScriptId`.
        wire: &'static str,
        /// The Rust name, e.g. `device_management_script_id`.
        name: &'static str,
    },
}

/// A path template from the docs' HTTP request section, parsed at compile time.
///
/// ```
/// use graphpatch::path::{PathTemplate, Segment};
/// const T: PathTemplate = PathTemplate {
///     template: "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}",
///     segments: &[
///         Segment::Literal("deviceManagement"),
///         Segment::Literal("deviceManagementScripts"),
///         Segment::Param { wire: "deviceManagementScriptId", name: "device_management_script_id" },
///     ],
/// };
/// assert_eq!(T.params().collect::<Vec<_>>(), ["device_management_script_id"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    /// The template as the docs write it.
    pub template: &'static str,
    /// Its segments, without the leading `/`.
    pub segments: &'static [Segment],
}

impl PathTemplate {
    /// The snake_case parameter names, in template order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param { name, .. } => Some(*name),
            Segment::Literal(_) => None,
        })
    }

    /// How many parameters the template has.
    pub const fn param_count(&self) -> usize {
        let mut count = 0;
        let mut i = 0;
        while i < self.segments.len() {
            if let Segment::Param { .. } = self.segments[i] {
                count += 1;
            }
            i += 1;
        }
        count
    }
}

impl std::fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.template)
    }
}

/// A template with its parameter values, ready to render.
///
/// ```
/// use graphpatch::prelude::*;
/// # #[graph_entity(odata_type = "microsoft.graph.x", version = "beta",
/// #   path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}",
/// #   permissions(delegated_work = ["A.B"], delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceManagementScript { #[graph(read_only)] pub id: String }
/// let path = DeviceManagementScriptPath::DeviceManagementScripts {
///     device_management_script_id: "a/b?c#d".into(),
/// }
/// .resolve();
/// assert_eq!(path.render().unwrap(), "/deviceManagement/deviceManagementScripts/a%2Fb%3Fc%23d");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResolvedPath {
    template: &'static PathTemplate,
    values: Vec<String>,
}

/// Why a parameter value cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("path parameter `{name}` {problem}")]
pub struct PathError {
    /// The parameter's snake_case name.
    pub name: &'static str,
    /// What is wrong with its value.
    pub problem: &'static str,
}

impl ResolvedPath {
    /// Pairs a template with one value per parameter, in template order.
    ///
    /// Returns `None` when the number of values differs from the template's parameters.
    pub fn new(template: &'static PathTemplate, values: Vec<String>) -> Option<Self> {
        (template.param_count() == values.len()).then_some(ResolvedPath { template, values })
    }

    /// The template this path follows.
    pub fn template(&self) -> &'static PathTemplate {
        self.template
    }

    /// `(parameter name, value)` pairs in template order.
    pub fn params(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.template
            .params()
            .zip(self.values.iter().map(String::as_str))
    }

    /// The segments, literal text and parameter values as they are (not encoded).
    pub fn segments(&self) -> impl Iterator<Item = &str> + '_ {
        let mut values = self.values.iter();
        self.template
            .segments
            .iter()
            .map(move |segment| match segment {
                Segment::Literal(text) => *text,
                Segment::Param { .. } => values.next().map(String::as_str).unwrap_or_default(),
            })
    }

    /// The path with each value percent-encoded as one segment, starting with `/`.
    ///
    /// An empty value, `.` or `..` cannot be one segment (URL parsers drop or resolve them, even
    /// percent-encoded), so they are an error rather than a request to another path.
    pub fn render(&self) -> Result<String, PathError> {
        let mut out = String::with_capacity(self.template.template.len() + 64);
        self.render_into(&mut out)?;
        Ok(out)
    }

    /// Like [`ResolvedPath::render`], appending to `out`.
    pub fn render_into(&self, out: &mut String) -> Result<(), PathError> {
        let mut values = self.values.iter();
        for segment in self.template.segments {
            out.push('/');
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Param { name, .. } => {
                    let value = values.next().map(String::as_str).unwrap_or_default();
                    let problem = match value {
                        "" => Some("is empty"),
                        "." | ".." => Some("cannot be `.` or `..`"),
                        _ => None,
                    };
                    if let Some(problem) = problem {
                        return Err(PathError { name, problem });
                    }
                    // Most ids (GUIDs) need no encoding: copy them whole.
                    if value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
                    {
                        out.push_str(value);
                    } else {
                        out.extend(utf8_percent_encode(value, SEGMENT));
                    }
                }
            }
        }
        if self.template.segments.is_empty() {
            out.push('/');
        }
        Ok(())
    }
}
