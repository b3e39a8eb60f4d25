//! `microsoft.graph.iosVppEBookAssignment`, from `intune-books-iosvppebookassignment-update.md`.

use super::prelude::*;

/// `microsoft.graph.iosVppEBookAssignment`, from `intune-books-iosvppebookassignment-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.iosVppEBookAssignment",
    version = "beta",
    path = "/deviceAppManagement/managedEBooks/{managedEBookId}/assignments/{managedEBookAssignmentId}",
    permissions(
        delegated_work = ["DeviceManagementApps.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementApps.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct IosVppEBookAssignment {
    /// Key of the entity. Inherited from managedEBookAssignment
    #[graph(read_only)]
    pub id: String,
    /// The assignment target for eBook. Inherited from managedEBookAssignment
    pub target: Option<DeviceAndAppManagementAssignmentTarget>,
    /// The install intent for eBook. Inherited from managedEBookAssignment. Possible values
    /// are: `available`, `required`, `uninstall`, `availableWithoutEnrollment`.
    pub install_intent: Option<InstallIntent>,
}
