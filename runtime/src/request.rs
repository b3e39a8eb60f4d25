//! A PATCH request for one entity: where it is, what changes, and the optional headers.

use crate::error::{Error, RequestError};
use crate::metadata::{ChangeSet, EntityPath, GraphEntity};
use crate::path::ResolvedPath;

/// What the `Prefer` header asks Graph to answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prefer {
    /// `Prefer: return=representation`: the updated entity (`200 OK`).
    Representation,
    /// `Prefer: return=minimal`: no body (`204 No Content`).
    Minimal,
}

impl Prefer {
    /// The header value.
    pub const fn header_value(self) -> &'static str {
        match self {
            Prefer::Representation => "return=representation",
            Prefer::Minimal => "return=minimal",
        }
    }
}

/// A PATCH of one entity, built by [`graph_patch!`](crate::graph_patch) or by the entity's
/// generated `patch` function, and sent with [`GraphClient::send`](crate::GraphClient::send).
///
/// ```
/// use graphpatch::prelude::*;
/// # #[graph_entity(odata_type = "microsoft.graph.deviceCategory", version = "beta",
/// #   path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
/// #   permissions(delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
/// #     delegated_personal = unsupported, application = unsupported))]
/// # pub struct DeviceCategory { #[graph(read_only)] pub id: String, pub display_name: Option<String> }
/// let request = DeviceCategory::patch(
///     DeviceCategoryPath::DeviceCategories { device_category_id: "c1".into() },
///     DeviceCategoryPatch::new().display_name("Kiosks"),
/// )
/// .prefer(Prefer::Minimal);
/// assert_eq!(request.path().render().unwrap(), "/deviceManagement/deviceCategories/c1");
/// assert_eq!(
///     String::from_utf8(request.body().unwrap()).unwrap(),
///     r##"{"@odata.type":"#microsoft.graph.deviceCategory","displayName":"Kiosks"}"##
/// );
/// ```
pub struct PatchRequest<E: GraphEntity> {
    path: ResolvedPath,
    changes: E::Patch,
    prefer: Option<Prefer>,
    if_match: Option<String>,
}

// Written out rather than derived: a derive would require `E: Clone` / `E: Debug`, and the
// request holds no `E`, only its change set.
impl<E: GraphEntity> Clone for PatchRequest<E> {
    fn clone(&self) -> Self {
        PatchRequest {
            path: self.path.clone(),
            changes: self.changes.clone(),
            prefer: self.prefer,
            if_match: self.if_match.clone(),
        }
    }
}

impl<E: GraphEntity> std::fmt::Debug for PatchRequest<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatchRequest")
            .field("entity", &E::NAME)
            .field("path", &self.path)
            .field("changes", &self.changes)
            .field("prefer", &self.prefer)
            .field("if_match", &self.if_match)
            .finish()
    }
}

impl<E: GraphEntity> PatchRequest<E> {
    /// A request to apply `changes` to the entity at `path`.
    pub fn new(path: impl EntityPath<Entity = E>, changes: E::Patch) -> Self {
        Self::from_resolved(path.resolve(), changes)
    }

    pub(crate) fn from_resolved(path: ResolvedPath, changes: E::Patch) -> Self {
        PatchRequest {
            path,
            changes,
            prefer: None,
            if_match: None,
        }
    }

    /// Sends `Prefer: return=representation` or `return=minimal`.
    #[must_use]
    pub fn prefer(mut self, prefer: Prefer) -> Self {
        self.prefer = Some(prefer);
        self
    }

    /// Sends `If-Match: <etag>`, so the update applies only to that version of the entity.
    #[must_use]
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// Where the request goes.
    pub fn path(&self) -> &ResolvedPath {
        &self.path
    }

    /// What it changes.
    pub fn changes(&self) -> &E::Patch {
        &self.changes
    }

    /// The `Prefer` header, if any.
    pub fn preference(&self) -> Option<Prefer> {
        self.prefer
    }

    /// The `If-Match` header, if any.
    pub fn etag(&self) -> Option<&str> {
        self.if_match.as_deref()
    }

    /// The JSON body: only the set properties, straight to bytes.
    ///
    /// An empty change set is an error: it would send `{}`, which changes nothing.
    pub fn body(&self) -> Result<Vec<u8>, Error> {
        if self.changes.is_empty() {
            return Err(RequestError::EmptyChangeSet { entity: E::NAME }.into());
        }
        serde_json::to_vec(&self.changes).map_err(|err| RequestError::Serialize(err).into())
    }
}
