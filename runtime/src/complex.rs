//! Graph complex types: structured property values with an `@odata.type` and no identity.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A JSON object kept whole: what a polymorphic complex value is read into before its
/// `@odata.type` picks the Rust type.
pub type Object = serde_json::Map<String, serde_json::Value>;

/// The `@odata.type` of a buffered object, without its `#`.
pub fn object_type(object: &Object) -> Option<&str> {
    let value = object.get("@odata.type")?.as_str()?;
    Some(value.strip_prefix('#').unwrap_or(value))
}

/// A Graph complex type: what `#[graph_complex]` implements, on a struct (one type) or on an
/// enum (a polymorphic property: one variant per derived type, chosen by `@odata.type`).
///
/// A complex value is replaced whole by a PATCH, so a change set holds it like any value.
///
/// ```
/// use graphpatch::prelude::*;
///
/// #[graph_complex(odata_type = "microsoft.graph.groupAssignmentTarget")]
/// pub struct GroupAssignmentTarget {
///     pub group_id: Option<String>,
/// }
///
/// #[graph_complex(odata_type = "microsoft.graph.allDevicesAssignmentTarget")]
/// pub struct AllDevicesAssignmentTarget {}
///
/// #[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
/// pub enum AssignmentTarget {
///     Group(GroupAssignmentTarget),
///     AllDevices(AllDevicesAssignmentTarget),
/// }
///
/// let target: AssignmentTarget = serde_json::from_str(
///     r##"{"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"}"##,
/// ).unwrap();
/// assert!(matches!(&target, AssignmentTarget::Group(g) if g.group_id.as_deref() == Some("g1")));
/// assert_eq!(
///     serde_json::to_string(&target).unwrap(),
///     r#"{"@odata.type":"microsoft.graph.groupAssignmentTarget","groupId":"g1"}"#
/// );
///
/// // A derived type this definition does not list is kept as it came.
/// let other: AssignmentTarget = serde_json::from_str(
///     r#"{"@odata.type": "microsoft.graph.futureTarget", "x": 1}"#,
/// ).unwrap();
/// assert_eq!(other.odata_type(), "microsoft.graph.futureTarget");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Graph complex type",
    label = "not annotated with #[graph_complex]",
    note = "each variant of a polymorphic complex type wraps a `#[graph_complex(odata_type = …)]` struct"
)]
pub trait GraphComplex: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The OData type without `#`; for an enum, the base type its variants derive from.
    const ODATA_TYPE: &'static str;

    /// The OData type of this value: for an enum, its variant's.
    fn odata_type(&self) -> &str {
        Self::ODATA_TYPE
    }
}

/// A complex value of a derived type that a polymorphic `#[graph_complex]` enum does not list,
/// kept whole and written back as it came (key order aside).
#[derive(Clone, PartialEq, Default)]
pub struct UnknownObject(pub Object);

impl UnknownObject {
    /// Its `@odata.type`, without `#`, if it has one.
    pub fn odata_type(&self) -> Option<&str> {
        object_type(&self.0)
    }

    /// The properties, `@odata.type` included.
    pub fn properties(&self) -> &Object {
        &self.0
    }
}

impl fmt::Debug for UnknownObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UnknownObject({})",
            serde_json::Value::Object(self.0.clone())
        )
    }
}

impl Serialize for UnknownObject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for UnknownObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Object::deserialize(deserializer).map(UnknownObject)
    }
}
