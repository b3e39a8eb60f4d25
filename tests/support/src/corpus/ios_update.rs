//! `microsoft.graph.iosUpdateConfiguration`, from `intune-deviceconfig-iosupdateconfiguration-update.md`.

use super::prelude::*;

/// `microsoft.graph.iosUpdateConfiguration`, from `intune-deviceconfig-iosupdateconfiguration-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.iosUpdateConfiguration",
    version = "beta",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/groupAssignments/{deviceConfigurationGroupAssignmentId}/deviceConfiguration",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsDomainJoinConfiguration/networkAccessConfigurations/{networkAccessConfigurationId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementConfiguration.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct IosUpdateConfiguration {
    /// Key of the entity. Inherited from deviceConfiguration
    #[graph(read_only)]
    pub id: String,
    /// DateTime the object was last modified. Inherited from deviceConfiguration
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// List of Scope Tags for this Entity instance. Inherited from deviceConfiguration
    pub role_scope_tag_ids: Option<Vec<String>>,
    /// Indicates whether or not the underlying Device Configuration supports the assignment of
    /// scope tags. Assigning to the ScopeTags property is not allowed when this value is false
    /// and entities will not be visible to scoped users. This occurs for Legacy policies
    /// created in Silverlight and can be resolved by deleting and recreating the policy in the
    /// Azure Portal. This property is read-only. Inherited from deviceConfiguration
    pub supports_scope_tags: Option<bool>,
    /// The OS edition applicability for this Policy. Inherited from deviceConfiguration
    pub device_management_applicability_rule_os_edition:
        Option<DeviceManagementApplicabilityRuleOsEdition>,
    /// The OS version applicability rule for this Policy. Inherited from deviceConfiguration
    pub device_management_applicability_rule_os_version:
        Option<DeviceManagementApplicabilityRuleOsVersion>,
    /// The device mode applicability rule for this Policy. Inherited from deviceConfiguration
    pub device_management_applicability_rule_device_mode:
        Option<DeviceManagementApplicabilityRuleDeviceMode>,
    /// DateTime the object was created. Inherited from deviceConfiguration
    pub created_date_time: Option<DateTimeOffset>,
    /// Admin provided description of the Device Configuration. Inherited from
    /// deviceConfiguration
    pub description: Option<String>,
    /// Admin provided name of the device configuration. Inherited from deviceConfiguration
    pub display_name: Option<String>,
    /// Version of the device configuration. Inherited from deviceConfiguration
    pub version: Option<i32>,
    /// Is setting enabled in UI
    pub is_enabled: Option<bool>,
    /// Active Hours Start (active hours mean the time window when updates install should not
    /// happen)
    pub active_hours_start: Option<TimeOfDay>,
    /// Active Hours End (active hours mean the time window when updates install should not
    /// happen)
    pub active_hours_end: Option<TimeOfDay>,
    /// If left unspecified, devices will update to the latest version of the OS.
    pub desired_os_version: Option<String>,
    /// Days in week for which active hours are configured. This collection can contain a
    /// maximum of 7 elements. Possible values are: `sunday`, `monday`, `tuesday`, `wednesday`,
    /// `thursday`, `friday`, `saturday`.
    pub scheduled_install_days: Option<Vec<DayOfWeek>>,
    /// UTC Time Offset indicated in minutes
    pub utc_time_offset_in_minutes: Option<i32>,
    /// Days before software updates are visible to iOS devices ranging from 0 to 90 inclusive
    pub enforced_software_update_delay_in_days: Option<i32>,
    /// Update schedule type. Possible values are: `updateOutsideOfActiveHours`, `alwaysUpdate`,
    /// `updateDuringTimeWindows`, `updateOutsideOfTimeWindows`.
    pub update_schedule_type: Option<IosSoftwareUpdateScheduleType>,
    /// If update schedule type is set to use time window scheduling, custom time windows when
    /// updates will be scheduled. This collection can contain a maximum of 20 elements.
    pub custom_update_time_windows: Option<Vec<CustomUpdateTimeWindow>>,
}
