//! `microsoft.graph.windowsUpdateForBusinessConfiguration`, from `intune-deviceconfig-windowsupdateforbusinessconfiguration-update.md`.

use super::prelude::*;

/// `microsoft.graph.windowsUpdateForBusinessConfiguration`, from `intune-deviceconfig-windowsupdateforbusinessconfiguration-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.windowsUpdateForBusinessConfiguration",
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
pub struct WindowsUpdateForBusinessConfiguration {
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
    /// Delivery Optimization Mode. Possible values are: `userDefined`, `httpOnly`,
    /// `httpWithPeeringNat`, `httpWithPeeringPrivateGroup`, `httpWithInternetPeering`,
    /// `simpleDownload`, `bypassMode`.
    pub delivery_optimization_mode: Option<WindowsDeliveryOptimizationMode>,
    /// The pre-release features. Possible values are: `userDefined`, `settingsOnly`,
    /// `settingsAndExperimentations`, `notAllowed`.
    pub prerelease_features: Option<PrereleaseFeatures>,
    /// Automatic update mode. Possible values are: `userDefined`, `notifyDownload`,
    /// `autoInstallAtMaintenanceTime`, `autoInstallAndRebootAtMaintenanceTime`,
    /// `autoInstallAndRebootAtScheduledTime`, `autoInstallAndRebootWithoutEndUserControl`,
    /// `windowsDefault`.
    pub automatic_update_mode: Option<AutomaticUpdateMode>,
    /// Allow Microsoft Update Service
    pub microsoft_update_service_allowed: Option<bool>,
    /// Exclude Windows update Drivers
    pub drivers_excluded: Option<bool>,
    /// Installation schedule
    pub installation_schedule: Option<WindowsUpdateInstallScheduleType>,
    /// Defer Quality Updates by these many days
    pub quality_updates_deferral_period_in_days: Option<i32>,
    /// Defer Feature Updates by these many days
    pub feature_updates_deferral_period_in_days: Option<i32>,
    /// Pause Quality Updates
    pub quality_updates_paused: Option<bool>,
    /// Pause Feature Updates
    pub feature_updates_paused: Option<bool>,
    /// Quality Updates Pause Expiry datetime
    pub quality_updates_pause_expiry_date_time: Option<DateTimeOffset>,
    /// Feature Updates Pause Expiry datetime
    pub feature_updates_pause_expiry_date_time: Option<DateTimeOffset>,
    /// Determines which branch devices will receive their updates from. Possible values are:
    /// `userDefined`, `all`, `businessReadyOnly`, `windowsInsiderBuildFast`,
    /// `windowsInsiderBuildSlow`, `windowsInsiderBuildRelease`.
    pub business_ready_updates_only: Option<WindowsUpdateType>,
    /// Set to skip all check before restart: Battery level = 40%, User presence, Display
    /// Needed, Presentation mode, Full screen mode, phone call state, game mode etc.
    pub skip_checks_before_restart: Option<bool>,
    /// Scheduled the update installation on the weeks of the month. Possible values are:
    /// `userDefined`, `firstWeek`, `secondWeek`, `thirdWeek`, `fourthWeek`, `everyWeek`.
    pub update_weeks: Option<Flags<WindowsUpdateForBusinessUpdateWeeks>>,
    /// Quality Updates Pause start date. This property is read-only.
    pub quality_updates_pause_start_date: Option<Date>,
    /// Feature Updates Pause start date. This property is read-only.
    pub feature_updates_pause_start_date: Option<Date>,
    /// The number of days after a Feature Update for which a rollback is valid
    pub feature_updates_rollback_window_in_days: Option<i32>,
    /// Specifies whether to rollback Quality Updates on the next device check in
    pub quality_updates_will_be_rolled_back: Option<bool>,
    /// Specifies whether to rollback Feature Updates on the next device check in
    pub feature_updates_will_be_rolled_back: Option<bool>,
    /// Quality Updates Rollback Start datetime
    pub quality_updates_rollback_start_date_time: Option<DateTimeOffset>,
    /// Feature Updates Rollback Start datetime
    pub feature_updates_rollback_start_date_time: Option<DateTimeOffset>,
    /// Deadline in days before automatically scheduling and executing a pending restart outside
    /// of active hours, with valid range from 2 to 30 days
    pub engaged_restart_deadline_in_days: Option<i32>,
    /// Number of days a user can snooze Engaged Restart reminder notifications with valid range
    /// from 1 to 3 days
    pub engaged_restart_snooze_schedule_in_days: Option<i32>,
    /// Number of days before transitioning from Auto Restarts scheduled outside of active hours
    /// to Engaged Restart, which requires the user to schedule, with valid range from 0 to 30
    /// days
    pub engaged_restart_transition_schedule_in_days: Option<i32>,
    /// Number of days before feature updates are installed automatically with valid range from
    /// 2 to 30 days
    pub deadline_for_feature_updates_in_days: Option<i32>,
    /// Number of days before quality updates are installed automatically with valid range from
    /// 2 to 30 days
    pub deadline_for_quality_updates_in_days: Option<i32>,
    /// Number of days after deadline until restarts occur automatically with valid range from 0
    /// to 7 days
    pub deadline_grace_period_in_days: Option<i32>,
    /// Specifies if the device should wait until deadline for rebooting outside of active hours
    pub postpone_reboot_until_after_deadline: Option<bool>,
    /// Specify the method by which the auto-restart required notification is dismissed.
    /// Possible values are: `notConfigured`, `automatic`, `user`.
    pub auto_restart_notification_dismissal: Option<AutoRestartNotificationDismissalMethod>,
    /// Specify the period for auto-restart warning reminder notifications. Supported values: 2,
    /// 4, 8, 12 or 24 (hours).
    pub schedule_restart_warning_in_hours: Option<i32>,
    /// Specify the period for auto-restart imminent warning notifications. Supported values:
    /// 15, 30 or 60 (minutes).
    pub schedule_imminent_restart_warning_in_minutes: Option<i32>,
    /// Specifies whether to enable end user’s access to pause software updates. Possible values
    /// are: `notConfigured`, `enabled`, `disabled`.
    pub user_pause_access: Option<Enablement>,
    /// Specifies whether to disable user’s access to scan Windows Update. Possible values are:
    /// `notConfigured`, `enabled`, `disabled`.
    pub user_windows_update_scan_access: Option<Enablement>,
    /// Specifies what Windows Update notifications users see. Possible values are:
    /// `notConfigured`, `defaultNotifications`, `restartWarningsOnly`,
    /// `disableAllNotifications`.
    pub update_notification_level: Option<WindowsUpdateNotificationDisplayOption>,
}
