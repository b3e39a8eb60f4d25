//! `microsoft.graph.iosManagedAppProtection`, from `intune-shared-iosmanagedappprotection-update.md`.

use super::prelude::*;

/// `microsoft.graph.iosManagedAppProtection`, from `intune-shared-iosmanagedappprotection-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.iosManagedAppProtection",
    version = "beta",
    path = "/deviceAppManagement/iosManagedAppProtections/{iosManagedAppProtectionId}",
    // The page gives one table row per workflow (mobile app management, policy sets); both
    // name the same scope.
    permissions(
        delegated_work = ["DeviceManagementApps.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementApps.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct IosManagedAppProtection {
    /// Policy display name. Inherited from managedAppPolicy
    pub display_name: Option<String>,
    /// The policy's description. Inherited from managedAppPolicy
    pub description: Option<String>,
    /// The date and time the policy was created. Inherited from managedAppPolicy
    pub created_date_time: Option<DateTimeOffset>,
    /// Last time the policy was modified. Inherited from managedAppPolicy
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// List of Scope Tags for this Entity instance. Inherited from managedAppPolicy
    pub role_scope_tag_ids: Option<Vec<String>>,
    /// Key of the entity. Inherited from managedAppPolicy
    #[graph(read_only)]
    pub id: String,
    /// Version of the entity. Inherited from managedAppPolicy
    pub version: Option<String>,
    /// The period after which access is checked when the device is not connected to the
    /// internet. Inherited from managedAppProtection
    pub period_offline_before_access_check: Option<Duration>,
    /// The period after which access is checked when the device is connected to the internet.
    /// Inherited from managedAppProtection
    pub period_online_before_access_check: Option<Duration>,
    /// Sources from which data is allowed to be transferred. Inherited from
    /// managedAppProtection. Possible values are: `allApps`, `managedApps`, `none`.
    pub allowed_inbound_data_transfer_sources: Option<ManagedAppDataTransferLevel>,
    /// Destinations to which data is allowed to be transferred. Inherited from
    /// managedAppProtection. Possible values are: `allApps`, `managedApps`, `none`.
    pub allowed_outbound_data_transfer_destinations: Option<ManagedAppDataTransferLevel>,
    /// Indicates whether organizational credentials are required for app use. Inherited from
    /// managedAppProtection
    pub organizational_credentials_required: Option<bool>,
    /// The level to which the clipboard may be shared between apps on the managed device.
    /// Inherited from managedAppProtection. Possible values are: `allApps`,
    /// `managedAppsWithPasteIn`, `managedApps`, `blocked`.
    pub allowed_outbound_clipboard_sharing_level: Option<ManagedAppClipboardSharingLevel>,
    /// Indicates whether the backup of a managed app's data is blocked. Inherited from
    /// managedAppProtection
    pub data_backup_blocked: Option<bool>,
    /// Indicates whether device compliance is required. Inherited from managedAppProtection
    pub device_compliance_required: Option<bool>,
    /// Indicates whether internet links should be opened in the managed browser app. Inherited
    /// from managedAppProtection
    pub managed_browser_to_open_links_required: Option<bool>,
    /// Indicates whether users may use the "Save As" menu item to save a copy of protected
    /// files. Inherited from managedAppProtection
    pub save_as_blocked: Option<bool>,
    /// The amount of time an app is allowed to remain disconnected from the internet before all
    /// managed data it is wiped. Inherited from managedAppProtection
    pub period_offline_before_wipe_is_enforced: Option<Duration>,
    /// Indicates whether an app-level pin is required. Inherited from managedAppProtection
    pub pin_required: Option<bool>,
    /// Maximum number of incorrect pin retry attempts before the managed app is either blocked
    /// or wiped. Inherited from managedAppProtection
    pub maximum_pin_retries: Option<i32>,
    /// Indicates whether simplePin is blocked. Inherited from managedAppProtection
    pub simple_pin_blocked: Option<bool>,
    /// Minimum pin length required for an app-level pin if PinRequired is set to True Inherited
    /// from managedAppProtection
    pub minimum_pin_length: Option<i32>,
    /// Character set which may be used for an app-level pin if PinRequired is set to True.
    /// Inherited from managedAppProtection. Possible values are: `numeric`,
    /// `alphanumericAndSymbol`.
    pub pin_character_set: Option<ManagedAppPinCharacterSet>,
    /// TimePeriod before the all-level pin must be reset if PinRequired is set to True.
    /// Inherited from managedAppProtection
    pub period_before_pin_reset: Option<Duration>,
    /// Data storage locations where a user may store managed data. Inherited from
    /// managedAppProtection. Possible values are: `oneDriveForBusiness`, `sharePoint`,
    /// `localStorage`.
    pub allowed_data_storage_locations: Option<Vec<ManagedAppDataStorageLocation>>,
    /// Indicates whether contacts can be synced to the user's device. Inherited from
    /// managedAppProtection
    pub contact_sync_blocked: Option<bool>,
    /// Indicates whether printing is allowed from managed apps. Inherited from
    /// managedAppProtection
    pub print_blocked: Option<bool>,
    /// Indicates whether use of the fingerprint reader is allowed in place of a pin if
    /// PinRequired is set to True. Inherited from managedAppProtection
    pub fingerprint_blocked: Option<bool>,
    /// Indicates whether use of the app pin is required if the device pin is set. Inherited
    /// from managedAppProtection
    pub disable_app_pin_if_device_pin_is_set: Option<bool>,
    /// Versions less than the specified version will block the managed app from accessing
    /// company data. Inherited from managedAppProtection
    pub minimum_required_os_version: Option<String>,
    /// Versions less than the specified version will result in warning message on the managed
    /// app from accessing company data. Inherited from managedAppProtection
    pub minimum_warning_os_version: Option<String>,
    /// Versions less than the specified version will block the managed app from accessing
    /// company data. Inherited from managedAppProtection
    pub minimum_required_app_version: Option<String>,
    /// Versions less than the specified version will result in warning message on the managed
    /// app. Inherited from managedAppProtection
    pub minimum_warning_app_version: Option<String>,
    /// Versions less than or equal to the specified version will wipe the managed app and the
    /// associated company data. Inherited from managedAppProtection
    pub minimum_wipe_os_version: Option<String>,
    /// Versions less than or equal to the specified version will wipe the managed app and the
    /// associated company data. Inherited from managedAppProtection
    pub minimum_wipe_app_version: Option<String>,
    /// Defines a managed app behavior, either block or wipe, when the device is either rooted
    /// or jailbroken, if DeviceComplianceRequired is set to true. Inherited from
    /// managedAppProtection. Possible values are: `block`, `wipe`, `warn`.
    pub app_action_if_device_compliance_required: Option<ManagedAppRemediationAction>,
    /// Defines a managed app behavior, either block or wipe, based on maximum number of
    /// incorrect pin retry attempts. Inherited from managedAppProtection. Possible values are:
    /// `block`, `wipe`, `warn`.
    pub app_action_if_maximum_pin_retries_exceeded: Option<ManagedAppRemediationAction>,
    /// Timeout in minutes for an app pin instead of non biometrics passcode Inherited from
    /// managedAppProtection
    pub pin_required_instead_of_biometric_timeout: Option<Duration>,
    /// Specify the number of characters that may be cut or copied from Org data and accounts to
    /// any application. This setting overrides the AllowedOutboundClipboardSharingLevel
    /// restriction. Default value of '0' means no exception is allowed. Inherited from
    /// managedAppProtection
    pub allowed_outbound_clipboard_sharing_exception_length: Option<i32>,
    /// Specify app notification restriction Inherited from managedAppProtection. Possible
    /// values are: `allow`, `blockOrganizationalData`, `block`.
    pub notification_restriction: Option<ManagedAppNotificationRestriction>,
    /// Indicates if the policy is deployed to any inclusion groups or not. Inherited from
    /// targetedManagedAppProtection
    pub is_assigned: Option<bool>,
    /// The intended app management levels for this policy Inherited from
    /// targetedManagedAppProtection. Possible values are: `unspecified`, `unmanaged`, `mdm`,
    /// `androidEnterprise`.
    pub targeted_app_management_levels: Option<Flags<AppManagementLevel>>,
    /// Type of encryption which should be used for data in a managed app. Possible values are:
    /// `useDeviceSettings`, `afterDeviceRestart`, `whenDeviceLockedExceptOpenFiles`,
    /// `whenDeviceLocked`.
    pub app_data_encryption_type: Option<ManagedAppDataEncryptionType>,
    /// Versions less than the specified version will block the managed app from accessing
    /// company data.
    pub minimum_required_sdk_version: Option<String>,
    /// Count of apps to which the current policy is deployed.
    pub deployed_app_count: Option<i32>,
    /// Indicates whether use of the FaceID is allowed in place of a pin if PinRequired is set
    /// to True.
    pub face_id_blocked: Option<bool>,
    /// Apps in this list will be exempt from the policy and will be able to receive data from
    /// managed apps.
    pub exempted_app_protocols: Option<Vec<KeyValuePair>>,
    /// Versions less than the specified version will block the managed app from accessing
    /// company data.
    pub minimum_wipe_sdk_version: Option<String>,
    /// Semicolon seperated list of device models allowed, as a string, for the managed app to
    /// work.
    pub allowed_ios_device_models: Option<String>,
    /// Defines a managed app behavior, either block or wipe, if the specified device model is
    /// not allowed. Possible values are: `block`, `wipe`, `warn`.
    pub app_action_if_ios_device_model_not_allowed: Option<ManagedAppRemediationAction>,
    /// Defines if open-in operation is supported from the managed app to the filesharing
    /// locations selected. This setting only applies when
    /// AllowedOutboundDataTransferDestinations is set to ManagedApps and
    /// DisableProtectionOfManagedOutboundOpenInData is set to False.
    pub filter_open_in_to_only_managed_apps: Option<bool>,
    /// Disable protection of data transferred to other apps through IOS OpenIn option. This
    /// setting is only allowed to be True when AllowedOutboundDataTransferDestinations is set
    /// to ManagedApps.
    pub disable_protection_of_managed_outbound_open_in_data: Option<bool>,
    /// Protect incoming data from unknown source. This setting is only allowed to be True when
    /// AllowedInboundDataTransferSources is set to AllApps.
    pub protect_inbound_data_from_unknown_sources: Option<bool>,
    /// A custom browser protocol to open weblink on iOS.
    pub custom_browser_protocol: Option<String>,
}
