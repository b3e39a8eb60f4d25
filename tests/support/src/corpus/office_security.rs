//! `microsoft.graph.windowsOfficeClientSecurityConfiguration`, from `intune-cirrus-windowsofficeclientsecurityconfiguration-update.md`.

use super::prelude::*;

/// `microsoft.graph.windowsOfficeClientSecurityConfiguration`, from `intune-cirrus-windowsofficeclientsecurityconfiguration-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.windowsOfficeClientSecurityConfiguration",
    version = "beta",
    patch_odata_type = false,
    path = "/officeConfiguration/clientConfigurations/{officeClientConfigurationId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementConfiguration.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct WindowsOfficeClientSecurityConfiguration {
    /// Id of the office client configuration policy. Inherited from officeClientConfiguration
    #[graph(read_only)]
    pub id: String,
    /// Preference settings JSON string in binary format, these values can be overridden by the
    /// user. Inherited from officeClientConfiguration
    pub user_preference_payload: Option<String>,
    /// Policy settings JSON string in binary format, these values cannot be changed by the
    /// user. Inherited from officeClientConfiguration
    pub policy_payload: Option<String>,
    /// Admin provided description of the office client configuration policy. Inherited from
    /// officeClientConfiguration
    pub description: Option<String>,
    /// Admin provided name of the office client configuration policy. Inherited from
    /// officeClientConfiguration
    pub display_name: Option<String>,
    /// Priority value should be unique value for each policy under a tenant and will be used
    /// for conflict resolution, lower values mean priority is high. Inherited from
    /// officeClientConfiguration
    pub priority: Option<i32>,
    /// Last modified datetime stamp of the policy. Inherited from officeClientConfiguration
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// User check-in summary for the policy. Inherited from officeClientConfiguration
    pub user_checkin_summary: Option<OfficeUserCheckinSummary>,
    /// List of office Client check-in status. Inherited from officeClientConfiguration
    pub checkin_statuses: Option<Vec<OfficeClientCheckinStatus>>,
}
