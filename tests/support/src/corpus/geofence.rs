//! `microsoft.graph.circularGeofenceManagementCondition`, from `intune-fencing-circulargeofencemanagementcondition-update.md`.

use super::prelude::*;

/// `microsoft.graph.circularGeofenceManagementCondition`, from `intune-fencing-circulargeofencemanagementcondition-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.circularGeofenceManagementCondition",
    version = "beta",
    path = "/deviceManagement/managementConditions/{managementConditionId}",
    path = "/deviceManagement/managementConditions/{managementConditionId}/managementConditionStatements/{managementConditionStatementId}/managementConditions/{nestedManagementConditionId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementConfiguration.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct CircularGeofenceManagementCondition {
    /// Unique identifier for the management condition. System generated value assigned when
    /// created. Inherited from managementCondition
    #[graph(read_only)]
    pub id: String,
    /// Unique name for the management condition. Used in management condition expressions.
    /// Inherited from managementCondition
    pub unique_name: Option<String>,
    /// The admin defined name of the management condition. Inherited from managementCondition
    pub display_name: Option<String>,
    /// The admin defined description of the management condition. Inherited from
    /// managementCondition
    pub description: Option<String>,
    /// The time the management condition was created. Generated service side. Inherited from
    /// managementCondition
    pub created_date_time: Option<DateTimeOffset>,
    /// The time the management condition was last modified. Updated service side. Inherited
    /// from managementCondition
    pub modified_date_time: Option<DateTimeOffset>,
    /// ETag of the management condition. Updated service side. Inherited from
    /// managementCondition
    pub e_tag: Option<String>,
    /// The applicable platforms for this management condition. Inherited from
    /// managementCondition. Possible values are: `android`, `androidForWork`, `iOS`, `macOS`,
    /// `windowsPhone81`, `windows81AndLater`, `windows10AndLater`, `androidWorkProfile`,
    /// `unknown`.
    pub applicable_platforms: Option<Vec<DevicePlatformType>>,
    /// Latitude in degrees, between -90 and +90 inclusive.
    pub latitude: Option<Double>,
    /// Longitude in degrees, between -180 and +180 inclusive.
    pub longitude: Option<Double>,
    /// Radius in meters.
    pub radius_in_meters: Option<Single>,
}
