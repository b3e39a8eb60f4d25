//! Request paths: the templates an entity is reached at, and resolved paths — a template plus
//! parameter values, each encoded at run time as exactly one path segment, so that no id can
//! change the path it is sent to.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes left as they are in a segment: RFC 3986 "unreserved" (`A-Z a-z 0-9 - . _ ~`). Every
/// other byte is `%XX`-encoded, `/ ? # % \` and spaces included.
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The bytes `SEGMENT` leaves as they are (RFC 3986's unreserved characters), as a table
/// indexed by byte: the scan that finds most ids need no encoding costs one load a byte.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        byte += 1;
    }
    table
};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The parameter's snake_case name.
    pub name: &'static str,
    /// What is wrong with its value.
    pub problem: &'static str,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "path parameter `{}` {}", self.name, self.problem)
    }
}

impl std::error::Error for PathError {}

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
        render_segments(self.template.segments, &self.values, out)
    }
}

/// Writes `segments` with `values` in place of their parameters, each value encoded as one
/// segment: the one rendering of items and collections alike.
fn render_segments(
    segments: &[Segment],
    values: &[String],
    out: &mut String,
) -> Result<(), PathError> {
    let mut values = values.iter();
    for segment in segments {
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
                if value.bytes().all(|b| UNRESERVED[usize::from(b)]) {
                    out.push_str(value);
                } else {
                    out.extend(utf8_percent_encode(value, SEGMENT));
                }
            }
        }
    }
    if segments.is_empty() {
        out.push('/');
    }
    Ok(())
}

/// The collection an item template's entities are listed from: the item template without its
/// final `{key}` segment, with values for the parameters before it.
///
/// `/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}`
/// is listed at `/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates`.
///
/// ```
/// use graphpatch::prelude::*;
/// use graphpatch::path::CollectionPath;
/// # #[graph_entity(odata_type = "microsoft.graph.x", version = "beta",
/// #   path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/deviceRunStates/{deviceManagementScriptDeviceStateId}",
/// #   permissions(delegated_work = ["A.B"], delegated_personal = unsupported, application = unsupported))]
/// # pub struct State { #[graph(read_only)] pub id: String }
/// let runs = CollectionPath::find(State::PATHS, &[("device_management_script_id", "s/1")]).unwrap();
/// assert_eq!(runs.render().unwrap(), "/deviceManagement/deviceManagementScripts/s%2F1/deviceRunStates");
/// assert_eq!(
///     runs.item("d1").render().unwrap(),
///     "/deviceManagement/deviceManagementScripts/s%2F1/deviceRunStates/d1"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CollectionPath {
    item: &'static PathTemplate,
    values: Vec<String>,
}

impl PathTemplate {
    /// The collection template of an item template: the same without its final `{key}`
    /// segment, or `None` when the template does not end in a parameter (a singleton).
    ///
    /// ```
    /// use graphpatch::path::{PathTemplate, Segment};
    /// const T: PathTemplate = PathTemplate {
    ///     template: "/deviceManagement/deviceCategories/{deviceCategoryId}",
    ///     segments: &[
    ///         Segment::Literal("deviceManagement"),
    ///         Segment::Literal("deviceCategories"),
    ///         Segment::Param { wire: "deviceCategoryId", name: "device_category_id" },
    ///     ],
    /// };
    /// assert_eq!(T.collection().unwrap().template, "/deviceManagement/deviceCategories");
    /// ```
    pub fn collection(&self) -> Option<PathTemplate> {
        let (last, rest) = self.segments.split_last()?;
        if !matches!(last, Segment::Param { .. }) || rest.is_empty() {
            return None;
        }
        let cut = self.template.rfind('/')?;
        Some(PathTemplate {
            template: &self.template[..cut],
            segments: rest,
        })
    }
}

/// Why no collection of an entity's templates takes the parameters given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionError {
    /// The parameter names given.
    pub given: String,
    /// Each collection template with its parameters.
    pub choices: String,
}

impl std::fmt::Display for CollectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no collection of the entity takes exactly the parameters [{}]; its collections take: {}",
            self.given, self.choices
        )
    }
}

impl std::error::Error for CollectionError {}

impl CollectionPath {
    /// The collection of `item` (a template ending in its key) with one value per parameter
    /// before the key, in template order; `None` when the counts differ or the template does
    /// not end in a key.
    pub fn new(item: &'static PathTemplate, values: Vec<String>) -> Option<Self> {
        item.collection()?;
        (item.param_count() == values.len() + 1).then_some(CollectionPath { item, values })
    }

    /// The collection among an entity's templates (`E::PATHS`) whose parameters are exactly the
    /// names given (snake_case, any order), the first such in the docs' order; the same choice
    /// `graph_patch!` makes for an item, made at run time.
    pub fn find(
        paths: &'static [PathTemplate],
        params: &[(&str, impl AsRef<str>)],
    ) -> Result<Self, CollectionError> {
        for item in paths {
            let Some(collection) = item.collection() else {
                continue;
            };
            let names: Vec<&str> = collection.params().collect();
            if names.len() != params.len() || !params.iter().all(|(n, _)| names.contains(n)) {
                continue;
            }
            let values = names
                .iter()
                .map(|name| {
                    let (_, value) = params.iter().find(|(n, _)| n == name).expect("checked");
                    value.as_ref().to_owned()
                })
                .collect();
            return Ok(CollectionPath { item, values });
        }
        let choices = paths
            .iter()
            .filter_map(PathTemplate::collection)
            .map(|c| {
                format!(
                    "{} ({})",
                    c.template,
                    c.params().collect::<Vec<_>>().join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        Err(CollectionError {
            given: params
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
            choices,
        })
    }

    /// The item template whose collection this is.
    pub fn item_template(&self) -> &'static PathTemplate {
        self.item
    }

    /// The collection template.
    pub fn template(&self) -> PathTemplate {
        self.item.collection().expect("checked when built")
    }

    /// The path, each value percent-encoded as one segment, starting with `/`.
    pub fn render(&self) -> Result<String, PathError> {
        let mut out = String::with_capacity(96);
        self.render_into(&mut out)?;
        Ok(out)
    }

    /// Like [`CollectionPath::render`], appending to `out`.
    pub fn render_into(&self, out: &mut String) -> Result<(), PathError> {
        render_segments(self.template().segments, &self.values, out)
    }

    /// The path of the collection's item with this key.
    pub fn item(&self, key: impl Into<String>) -> ResolvedPath {
        let mut values = self.values.clone();
        values.push(key.into());
        ResolvedPath {
            template: self.item,
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unreserved_table_is_what_the_encoder_leaves_alone() {
        for byte in 0..=u8::MAX {
            let text = char::from(byte).to_string();
            let encoded = utf8_percent_encode(&text, SEGMENT).to_string();
            assert_eq!(
                UNRESERVED[usize::from(byte)],
                encoded == text,
                "byte {byte:#04x}"
            );
        }
    }
}
