//! What `#[graph_entity]` records about a Graph resource: its OData type, API version, path
//! templates, permissions and properties, as constants that programs and tools can read.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::path::{PathTemplate, ResolvedPath};
use crate::throttle::ThrottleFamily;

/// A Microsoft Graph API version: the first segment of every request path.
///
/// ```
/// assert_eq!(graphpatch::metadata::ApiVersion::Beta.as_str(), "beta");
/// assert_eq!(graphpatch::metadata::ApiVersion::V1.as_str(), "v1.0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `/beta`: preview APIs, where most of Intune lives.
    Beta,
    /// `/v1.0`: the generally available APIs.
    V1,
}

impl ApiVersion {
    /// The path segment: `"beta"` or `"v1.0"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::Beta => "beta",
            ApiVersion::V1 => "v1.0",
        }
    }
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The permissions one kind of caller needs: none work, any one of a list, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scopes {
    /// The docs say "Not supported.": no permission of this kind allows the call.
    Unsupported,
    /// Any one of these allows the call; listed from least to most privileged.
    AnyOf(&'static [&'static str]),
    /// No source (reference page, permissions map) says: the preflight sends such calls
    /// unchecked. Written `permissions = unknown` in `#[graph_entity]`.
    Unknown,
}

impl Scopes {
    /// The scopes, empty when unsupported.
    pub const fn as_slice(&self) -> &'static [&'static str] {
        match self {
            Scopes::Unsupported | Scopes::Unknown => &[],
            Scopes::AnyOf(scopes) => scopes,
        }
    }

    /// Whether any permission of this kind allows the call.
    pub const fn is_supported(&self) -> bool {
        matches!(self, Scopes::AnyOf(_))
    }
}

impl std::fmt::Display for Scopes {
    /// As the docs' table cell: `A, B` or `Not supported.`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scopes::Unsupported => f.write_str("Not supported."),
            Scopes::AnyOf(scopes) => f.write_str(&scopes.join(", ")),
            Scopes::Unknown => f.write_str("Not known."),
        }
    }
}

/// The permissions table of a Graph reference page.
///
/// ```
/// use graphpatch::metadata::{Permissions, Scopes};
/// let p = Permissions {
///     delegated_work: Scopes::AnyOf(&["DeviceManagementManagedDevices.ReadWrite.All"]),
///     delegated_personal: Scopes::Unsupported,
///     application: Scopes::Unsupported,
/// };
/// assert!(p.to_string().contains("|Application|Not supported.|"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: Scopes,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Scopes,
    /// Application.
    pub application: Scopes,
}

impl Permissions {
    /// A table no source knows (`permissions = unknown`): every kind [`Scopes::Unknown`].
    pub const UNKNOWN: Permissions = Permissions {
        delegated_work: Scopes::Unknown,
        delegated_personal: Scopes::Unknown,
        application: Scopes::Unknown,
    };
}

impl std::fmt::Display for Permissions {
    /// The docs' table, in Markdown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "|Permission type|Permissions (from least to most privileged)|"
        )?;
        writeln!(f, "|:---|:---|")?;
        writeln!(
            f,
            "|Delegated (work or school account)|{}|",
            self.delegated_work
        )?;
        writeln!(
            f,
            "|Delegated (personal Microsoft account)|{}|",
            self.delegated_personal
        )?;
        write!(f, "|Application|{}|", self.application)
    }
}

/// One property of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Property {
    /// The Rust field name, which `graph_patch!` takes.
    pub name: &'static str,
    /// The JSON name on the wire.
    pub wire: &'static str,
    /// Graph computes it; a change set cannot hold it.
    pub read_only: bool,
    /// The field is an `Option`: it may be `null`, and a change set may clear it.
    pub nullable: bool,
}

/// A Graph entity type: what `#[graph_entity]` implements for an annotated struct.
///
/// ```
/// use graphpatch::prelude::*;
///
/// #[graph_entity(
///     odata_type = "microsoft.graph.deviceCategory",
///     version = "beta",
///     path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
///     permissions(
///         delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
///         delegated_personal = unsupported,
///         application = ["DeviceManagementManagedDevices.ReadWrite.All"],
///     ),
/// )]
/// pub struct DeviceCategory {
///     #[graph(read_only)]
///     pub id: String,
///     pub display_name: Option<String>,
/// }
///
/// assert_eq!(DeviceCategory::ODATA_TYPE, "microsoft.graph.deviceCategory");
/// assert_eq!(DeviceCategory::PATHS[0].params().collect::<Vec<_>>(), ["device_category_id"]);
/// assert_eq!(DeviceCategory::PROPERTIES[1].wire, "displayName");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Graph entity",
    label = "not annotated with #[graph_entity]",
    note = "annotate the struct with `#[graph_entity(odata_type = …, version = …, path = …, permissions(…))]`"
)]
pub trait GraphEntity: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The Rust type name, for messages.
    const NAME: &'static str;
    /// The OData type without the leading `#`, e.g. `microsoft.graph.deviceManagementScriptState`.
    const ODATA_TYPE: &'static str;
    /// The API version the resource is documented under.
    const VERSION: ApiVersion;
    /// Every PATCH template of the resource, in the docs' order.
    const PATHS: &'static [PathTemplate];
    /// The docs' permissions table for a PATCH ([`Permissions::UNKNOWN`] where no source
    /// knows it).
    const PERMISSIONS: Permissions;
    /// The permissions a GET needs (`read_permissions(…)` in `#[graph_entity]`); where they are
    /// not given, the PATCH table's, whose scopes allow reading too.
    const READ_PERMISSIONS: Permissions = Self::PERMISSIONS;
    /// Every property, in field order.
    const PROPERTIES: &'static [Property];
    /// Whether a change set's JSON starts with `"@odata.type"` (the newer pages' examples do).
    const PATCH_ODATA_TYPE: bool;
    /// The change set type (`…Patch`).
    type Patch: ChangeSet<Entity = Self>;
    /// The path type (`…Path`): one variant per template.
    type Path: EntityPath<Entity = Self>;

    /// The property with this Rust or wire name.
    fn property(name: &str) -> Option<&'static Property> {
        Self::PROPERTIES
            .iter()
            .find(|p| p.name == name || p.wire == name)
    }

    /// The Intune throttling family the entity's paths fall in, with its write and request
    /// budgets (see [`ThrottleFamily::for_entity`]); `None` outside Intune. A bulk run paces at
    /// its write budget unless told otherwise.
    fn throttle_family() -> Option<&'static ThrottleFamily> {
        ThrottleFamily::for_entity(Self::ODATA_TYPE, Self::PATHS)
    }
}

/// A change set: the properties a PATCH sends. Generated as `…Patch` by `#[graph_entity]`;
/// its `Serialize` impl writes only the set slots, and its `Deserialize` impl reads a PATCH body
/// strictly (unknown and read-only properties, a wrong `@odata.type`, `null` for a non-`Option`
/// property and repeated keys are errors).
pub trait ChangeSet:
    Serialize + DeserializeOwned + Clone + Default + Send + Sync + std::fmt::Debug + 'static
{
    /// The entity the changes apply to.
    type Entity: GraphEntity<Patch = Self>;

    /// How many properties are set (to a value or to `null`).
    fn len(&self) -> usize;

    /// Whether nothing is set.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A typed location of one entity: generated as `…Path` by `#[graph_entity]`.
pub trait EntityPath: Send + Sync + 'static {
    /// The entity found there.
    type Entity: GraphEntity;
    /// The template and parameter values.
    fn resolve(self) -> ResolvedPath;
}

/// A Graph string enum: what `#[graph_enum]` implements. Values the enum does not list are kept
/// in its `Unrecognized` variant and written back unchanged.
///
/// ```
/// use graphpatch::prelude::*;
///
/// #[graph_enum]
/// pub enum RunState { Unknown, Success, Fail, ScriptError, Pending, NotApplicable }
///
/// assert_eq!(RunState::ScriptError.as_str(), "scriptError");
/// assert_eq!(RunState::from_wire("success"), RunState::Success);
/// let future = RunState::from_wire("unknownFutureValue");
/// assert_eq!(future, RunState::Unrecognized("unknownFutureValue".into()));
/// assert_eq!(future.to_string(), "unknownFutureValue");
/// ```
pub trait GraphEnum: Sized {
    /// The wire names of the listed members, in declaration order.
    const MEMBERS: &'static [&'static str];
    /// The wire name.
    fn as_str(&self) -> &str;
    /// The member with this wire name, or `Unrecognized`.
    fn from_wire(value: &str) -> Self;
    /// Like [`GraphEnum::from_wire`], keeping the allocation for an unrecognized value.
    fn from_wire_owned(value: String) -> Self;
}
