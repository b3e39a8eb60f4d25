//! `microsoft.graph.auditEvent`, from `intune-auditing-auditevent-update.md`.

use super::prelude::*;

/// `microsoft.graph.auditEvent`, from `intune-auditing-auditevent-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.auditEvent",
    version = "beta",
    path = "/deviceManagement/auditEvents/{auditEventId}",
    permissions(
        delegated_work = ["DeviceManagementApps.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementApps.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// Key of the entity.
    #[graph(read_only)]
    pub id: String,
    /// Event display name.
    pub display_name: Option<String>,
    /// Component name.
    pub component_name: Option<String>,
    /// AAD user and application that are associated with the audit event.
    pub actor: Option<AuditActor>,
    /// Friendly name of the activity.
    pub activity: Option<String>,
    /// The date time in UTC when the activity was performed.
    pub activity_date_time: Option<DateTimeOffset>,
    /// The type of activity that was being performed.
    pub activity_type: Option<String>,
    /// The HTTP operation type of the activity.
    pub activity_operation_type: Option<String>,
    /// The result of the activity.
    pub activity_result: Option<String>,
    /// The client request Id that is used to correlate activity within the system.
    pub correlation_id: Option<Guid>,
    /// Resources being modified.
    pub resources: Option<Vec<AuditResource>>,
    /// Audit category.
    pub category: Option<String>,
}
