//! `microsoft.graph.windows10GeneralConfiguration`, from `intune-deviceconfig-windows10generalconfiguration-update.md`.

use super::prelude::*;

/// `microsoft.graph.windows10GeneralConfiguration`, from `intune-deviceconfig-windows10generalconfiguration-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.windows10GeneralConfiguration",
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
pub struct Windows10GeneralConfiguration {
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
    /// Specify whether non-administrators can use Task Manager to end tasks.
    pub task_manager_block_end_task: Option<bool>,
    /// This setting allows you to specify battery charge level at which Energy Saver is turned
    /// on. While on battery, Energy Saver is automatically turned on at (and below) the
    /// specified battery charge level. Valid input range (0-100). Valid values 0 to 100
    pub energy_saver_on_battery_threshold_percentage: Option<i32>,
    /// This setting allows you to specify battery charge level at which Energy Saver is turned
    /// on. While plugged in, Energy Saver is automatically turned on at (and below) the
    /// specified battery charge level. Valid input range (0-100). Valid values 0 to 100
    pub energy_saver_plugged_in_threshold_percentage: Option<i32>,
    /// This setting specifies the action that Windows takes when a user closes the lid on a
    /// mobile PC while on battery. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_lid_close_action_on_battery: Option<PowerActionType>,
    /// This setting specifies the action that Windows takes when a user closes the lid on a
    /// mobile PC while plugged in. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_lid_close_action_plugged_in: Option<PowerActionType>,
    /// This setting specifies the action that Windows takes when a user presses the Power
    /// button while on battery. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_button_action_on_battery: Option<PowerActionType>,
    /// This setting specifies the action that Windows takes when a user presses the Power
    /// button while plugged in. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_button_action_plugged_in: Option<PowerActionType>,
    /// This setting specifies the action that Windows takes when a user presses the Sleep
    /// button while on battery. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_sleep_button_action_on_battery: Option<PowerActionType>,
    /// This setting specifies the action that Windows takes when a user presses the Sleep
    /// button while plugged in. Possible values are: `notConfigured`, `noAction`, `sleep`,
    /// `hibernate`, `shutdown`.
    pub power_sleep_button_action_plugged_in: Option<PowerActionType>,
    /// This setting allows you to turn off hybrid sleep while on battery. If you set this
    /// setting to disable, a hiberfile is not generated when the system transitions to sleep
    /// (Stand By). If you set this setting to enable or do not configure this policy setting,
    /// users control this setting. Possible values are: `notConfigured`, `enabled`, `disabled`.
    pub power_hybrid_sleep_on_battery: Option<Enablement>,
    /// This setting allows you to turn off hybrid sleep while plugged in. If you set this
    /// setting to disable, a hiberfile is not generated when the system transitions to sleep
    /// (Stand By). If you set this setting to enable or do not configure this policy setting,
    /// users control this setting. Possible values are: `notConfigured`, `enabled`, `disabled`.
    pub power_hybrid_sleep_plugged_in: Option<Enablement>,
    /// Windows 10 force update schedule for Apps.
    pub windows10_apps_force_update_schedule: Option<Windows10AppsForceUpdateSchedule>,
    /// Allow users with administrative rights to delete all user data and settings using CTRL +
    /// Win + R at the device lock screen so that the device can be automatically re-configured
    /// and re-enrolled into management.
    pub enable_automatic_redeployment: Option<bool>,
    /// Controls the Microsoft Account Sign-In Assistant (wlidsvc) NT service. Possible values
    /// are: `notConfigured`, `disabled`.
    pub microsoft_account_sign_in_assistant_settings: Option<SignInAssistantOptions>,
    /// Allows secondary authentication devices to work with Windows.
    pub authentication_allow_secondary_device: Option<bool>,
    /// Indicates whether or not Web Credential Provider will be enabled. Possible values are:
    /// `notConfigured`, `enabled`, `disabled`.
    pub authentication_web_sign_in: Option<Enablement>,
    /// Specifies the preferred domain among available domains in the Azure AD tenant.
    #[graph(rename = "authenticationPreferredAzureADTenantDomainName")]
    pub authentication_preferred_azure_ad_tenant_domain_name: Option<String>,
    /// Specify whether to allow or disallow the Federal Information Processing Standard (FIPS)
    /// policy.
    pub cryptography_allow_fips_algorithm_policy: Option<bool>,
    /// List of legacy applications that have GDI DPI Scaling turned on.
    #[graph(rename = "displayAppListWithGdiDPIScalingTurnedOn")]
    pub display_app_list_with_gdi_dpi_scaling_turned_on: Option<Vec<String>>,
    /// List of legacy applications that have GDI DPI Scaling turned off.
    #[graph(rename = "displayAppListWithGdiDPIScalingTurnedOff")]
    pub display_app_list_with_gdi_dpi_scaling_turned_off: Option<Vec<String>>,
    /// Endpoint for discovering cloud printers.
    pub enterprise_cloud_print_discovery_end_point: Option<String>,
    /// Authentication endpoint for acquiring OAuth tokens.
    pub enterprise_cloud_print_o_auth_authority: Option<String>,
    /// GUID of a client application authorized to retrieve OAuth tokens from the OAuth
    /// Authority.
    pub enterprise_cloud_print_o_auth_client_identifier: Option<String>,
    /// OAuth resource URI for print service as configured in the Azure portal.
    pub enterprise_cloud_print_resource_identifier: Option<String>,
    /// Maximum number of printers that should be queried from a discovery endpoint. This is a
    /// mobile only setting. Valid values 1 to 65535
    pub enterprise_cloud_print_discovery_max_limit: Option<i32>,
    /// OAuth resource URI for printer discovery service as configured in Azure portal.
    pub enterprise_cloud_print_mopria_discovery_resource_identifier: Option<String>,
    /// Allow or prevent the syncing of Microsoft Edge Browser settings. Option for IT admins to
    /// prevent syncing across devices, but allow user override. Possible values are:
    /// `notConfigured`, `blockedWithUserOverride`, `blocked`.
    pub experience_do_not_sync_browser_settings: Option<BrowserSyncSetting>,
    /// Indicates whether or not to block text message back up and restore and Messaging
    /// Everywhere.
    pub messaging_block_sync: Option<bool>,
    /// Indicates whether or not to block the MMS send/receive functionality on the device.
    #[graph(rename = "messagingBlockMMS")]
    pub messaging_block_mms: Option<bool>,
    /// Indicates whether or not to block the RCS send/receive functionality on the device.
    pub messaging_block_rich_communication_services: Option<bool>,
    /// Automatically provision printers based on their names (network host names).
    pub printer_names: Option<Vec<String>>,
    /// Name (network host name) of an installed printer.
    pub printer_default_name: Option<String>,
    /// Prevent user installation of additional printers from printers settings.
    pub printer_block_addition: Option<bool>,
    /// Specifies if search can use diacritics.
    pub search_block_diacritics: Option<bool>,
    /// Specifies whether to use automatic language detection when indexing content and
    /// properties.
    pub search_disable_auto_language_detection: Option<bool>,
    /// Indicates whether or not to block indexing of WIP-protected items to prevent them from
    /// appearing in search results for Cortana or Explorer.
    pub search_disable_indexing_encrypted_items: Option<bool>,
    /// Indicates whether or not to block remote queries of this computer’s index.
    pub search_enable_remote_queries: Option<bool>,
    /// Specifies if search can use location information.
    pub search_disable_use_location: Option<bool>,
    /// Specifies if search can use location information.
    pub search_disable_location: Option<bool>,
    /// Indicates whether or not to disable the search indexer backoff feature.
    pub search_disable_indexer_backoff: Option<bool>,
    /// Indicates whether or not to allow users to add locations on removable drives to
    /// libraries and to be indexed.
    pub search_disable_indexing_removable_drive: Option<bool>,
    /// Specifies minimum amount of hard drive space on the same drive as the index location
    /// before indexing stops.
    pub search_enable_automatic_index_size_manangement: Option<bool>,
    /// Indicates whether or not to block the web search.
    pub search_block_web_results: Option<bool>,
    /// Controls if the user can configure search to Find My Files mode, which searches files in
    /// secondary hard drives and also outside of the user profile. Find My Files does not allow
    /// users to search files or locations to which they do not have access. Possible values
    /// are: `notConfigured`, `enabled`, `disabled`.
    pub find_my_files: Option<Enablement>,
    /// Specify whether to allow automatic device encryption during OOBE when the device is
    /// Azure AD joined (desktop only).
    #[graph(rename = "securityBlockAzureADJoinedDevicesAutoEncryption")]
    pub security_block_azure_ad_joined_devices_auto_encryption: Option<bool>,
    /// Gets or sets a value allowing the device to send diagnostic and usage telemetry data,
    /// such as Watson. Possible values are: `userDefined`, `none`, `basic`, `enhanced`, `full`.
    pub diagnostics_data_submission_mode: Option<DiagnosticDataSubmissionMode>,
    /// Gets or sets a value allowing IT admins to prevent apps and features from working with
    /// files on OneDrive.
    pub one_drive_disable_file_sync: Option<bool>,
    /// Gets or sets the fully qualified domain name (FQDN) or IP address of a proxy server to
    /// forward Connected User Experiences and Telemetry requests.
    pub system_telemetry_proxy_server: Option<String>,
    /// Specifies what type of telemetry data (none, intranet, internet, both) is sent to
    /// Microsoft 365 Analytics. Possible values are: `notConfigured`, `intranet`, `internet`,
    /// `intranetAndInternet`.
    pub edge_telemetry_for_microsoft365_analytics: Option<EdgeTelemetryMode>,
    /// Controls the user access to the ink workspace, from the desktop and from above the lock
    /// screen. Possible values are: `notConfigured`, `enabled`, `disabled`.
    pub ink_workspace_access: Option<InkAccessSetting>,
    /// Controls the user access to the ink workspace, from the desktop and from above the lock
    /// screen. Possible values are: `notConfigured`, `blocked`, `allowed`.
    pub ink_workspace_access_state: Option<StateManagementSetting>,
    /// Specify whether to show recommended app suggestions in the ink workspace.
    pub ink_workspace_block_suggested_apps: Option<bool>,
    /// This property will be deprecated in July 2019 and will be replaced by property
    /// SmartScreenAppInstallControl. Allows IT Admins to control whether users are allowed to
    /// install apps from places other than the Store.
    pub smart_screen_enable_app_install_control: Option<bool>,
    /// Added in Windows 10, version 1703. Allows IT Admins to control whether users are allowed
    /// to install apps from places other than the Store. Possible values are: `notConfigured`,
    /// `anywhere`, `storeOnly`, `recommendations`, `preferStore`.
    pub smart_screen_app_install_control: Option<AppInstallControlType>,
    /// A http or https Url to a jpg, jpeg or png image that needs to be downloaded and used as
    /// the Desktop Image or a file Url to a local image on the file system that needs to used
    /// as the Desktop Image.
    pub personalization_desktop_image_url: Option<String>,
    /// A http or https Url to a jpg, jpeg or png image that neeeds to be downloaded and used as
    /// the Lock Screen Image or a file Url to a local image on the file system that needs to be
    /// used as the Lock Screen Image.
    pub personalization_lock_screen_image_url: Option<String>,
    /// Specify a list of allowed Bluetooth services and profiles in hex formatted strings.
    pub bluetooth_allowed_services: Option<Vec<String>>,
    /// Whether or not to Block the user from using bluetooth advertising.
    pub bluetooth_block_advertising: Option<bool>,
    /// Whether or not to block the users from using Swift Pair and other proximity based
    /// scenarios.
    pub bluetooth_block_prompted_proximal_connections: Option<bool>,
    /// Whether or not to Block the user from using bluetooth discoverable mode.
    pub bluetooth_block_discoverable_mode: Option<bool>,
    /// Whether or not to block specific bundled Bluetooth peripherals to automatically pair
    /// with the host device.
    pub bluetooth_block_pre_pairing: Option<bool>,
    /// Indicates whether or not to block auto fill.
    pub edge_block_autofill: Option<bool>,
    /// Indicates whether or not to Block the user from using the Edge browser.
    pub edge_blocked: Option<bool>,
    /// Indicates which cookies to block in the Edge browser. Possible values are:
    /// `userDefined`, `allow`, `blockThirdParty`, `blockAll`.
    pub edge_cookie_policy: Option<EdgeCookiePolicy>,
    /// Indicates whether or not to block developer tools in the Edge browser.
    pub edge_block_developer_tools: Option<bool>,
    /// Indicates whether or not to Block the user from sending the do not track header.
    pub edge_block_sending_do_not_track_header: Option<bool>,
    /// Indicates whether or not to block extensions in the Edge browser.
    pub edge_block_extensions: Option<bool>,
    /// Indicates whether or not to block InPrivate browsing on corporate networks, in the Edge
    /// browser.
    pub edge_block_in_private_browsing: Option<bool>,
    /// Indicates whether or not to Block the user from using JavaScript.
    pub edge_block_java_script: Option<bool>,
    /// Indicates whether or not to Block password manager.
    pub edge_block_password_manager: Option<bool>,
    /// Block the address bar dropdown functionality in Microsoft Edge. Disable this settings to
    /// minimize network connections from Microsoft Edge to Microsoft services.
    pub edge_block_address_bar_dropdown: Option<bool>,
    /// Block Microsoft compatibility list in Microsoft Edge. This list from Microsoft helps
    /// Edge properly display sites with known compatibility issues.
    pub edge_block_compatibility_list: Option<bool>,
    /// Clear browsing data on exiting Microsoft Edge.
    pub edge_clear_browsing_data_on_exit: Option<bool>,
    /// Allow users to change Start pages on Edge. Use the EdgeHomepageUrls to specify the Start
    /// pages that the user would see by default when they open Edge.
    pub edge_allow_start_pages_modification: Option<bool>,
    /// Block the Microsoft web page that opens on the first use of Microsoft Edge. This policy
    /// allows enterprises, like those enrolled in zero emissions configurations, to block this
    /// page.
    pub edge_disable_first_run_page: Option<bool>,
    /// Block the collection of information by Microsoft for live tile creation when users pin a
    /// site to Start from Microsoft Edge.
    pub edge_block_live_tile_data_collection: Option<bool>,
    /// Enable favorites sync between Internet Explorer and Microsoft Edge. Additions,
    /// deletions, modifications and order changes to favorites are shared between browsers.
    pub edge_sync_favorites_with_internet_explorer: Option<bool>,
    /// The location of the favorites list to provision. Could be a local file, local network or
    /// http location.
    pub edge_favorites_list_location: Option<String>,
    /// Indicates whether or not to Block the user from making changes to Favorites.
    pub edge_block_edit_favorites: Option<bool>,
    /// Specify the page opened when new tabs are created.
    #[graph(rename = "edgeNewTabPageURL")]
    pub edge_new_tab_page_url: Option<String>,
    /// Causes the Home button to either hide, load the default Start page, load a New tab page,
    /// or a custom URL
    pub edge_home_button_configuration: Option<EdgeHomeButtonConfiguration>,
    /// Enable the Home button configuration.
    pub edge_home_button_configuration_enabled: Option<bool>,
    /// Specify what kind of pages are open at start. Possible values are: `notConfigured`,
    /// `startPage`, `newTabPage`, `previousPages`, `specificPages`.
    pub edge_opens_with: Option<EdgeOpenOptions>,
    /// Indicates whether the user can sideload extensions.
    pub edge_block_sideloading_extensions: Option<bool>,
    /// Specify the list of package family names of browser extensions that are required and
    /// cannot be turned off by the user.
    pub edge_required_extension_package_family_names: Option<Vec<String>>,
    /// Configure Edge to allow or block printing.
    pub edge_block_printing: Option<bool>,
    /// Get or set a value that specifies whether to set the favorites bar to always be visible
    /// or hidden on any page. Possible values are: `notConfigured`, `hide`, `show`.
    pub edge_favorites_bar_visibility: Option<VisibilitySetting>,
    /// Configure Edge to allow browsing history to be saved or to never save browsing history.
    pub edge_block_saving_history: Option<bool>,
    /// Allow or prevent Edge from entering the full screen mode.
    pub edge_block_full_screen_mode: Option<bool>,
    /// Configure to load a blank page in Edge instead of the default New tab page and prevent
    /// users from changing it.
    pub edge_block_web_content_on_new_tab_page: Option<bool>,
    /// Configure whether Edge preloads the new tab page at Windows startup.
    pub edge_block_tab_preloading: Option<bool>,
    /// Decide whether Microsoft Edge is prelaunched at Windows startup.
    pub edge_block_prelaunch: Option<bool>,
    /// Controls the message displayed by Edge before switching to Internet Explorer. Possible
    /// values are: `notConfigured`, `disabled`, `enabled`, `keepGoing`.
    pub edge_show_message_when_opening_internet_explorer_sites:
        Option<InternetExplorerMessageSetting>,
    /// Allow or prevent users from overriding certificate errors.
    pub edge_prevent_certificate_error_override: Option<bool>,
    /// Controls how the Microsoft Edge settings are restricted based on the configure kiosk
    /// mode. Possible values are: `notConfigured`, `digitalSignage`, `normalMode`,
    /// `publicBrowsingSingleApp`, `publicBrowsingMultiApp`.
    pub edge_kiosk_mode_restriction: Option<EdgeKioskModeRestrictionType>,
    /// Specifies the time in minutes from the last user activity before Microsoft Edge kiosk
    /// resets. Valid values are 0-1440. The default is 5. 0 indicates no reset. Valid values 0
    /// to 1440
    pub edge_kiosk_reset_after_idle_time_in_minutes: Option<i32>,
    /// Whether or not to Block the user from using data over cellular while roaming.
    pub cellular_block_data_when_roaming: Option<bool>,
    /// Whether or not to Block the user from using VPN over cellular.
    pub cellular_block_vpn: Option<bool>,
    /// Whether or not to Block the user from using VPN when roaming over cellular.
    pub cellular_block_vpn_when_roaming: Option<bool>,
    /// Whether or not to allow the cellular data channel on the device. If not configured, the
    /// cellular data channel is allowed and the user can turn it off. Possible values are:
    /// `blocked`, `required`, `allowed`, `notConfigured`.
    pub cellular_data: Option<ConfigurationUsage>,
    /// Indicates whether or not to require real time monitoring.
    pub defender_require_real_time_monitoring: Option<bool>,
    /// Indicates whether or not to require behavior monitoring.
    pub defender_require_behavior_monitoring: Option<bool>,
    /// Indicates whether or not to require network inspection system.
    pub defender_require_network_inspection_system: Option<bool>,
    /// Indicates whether or not to scan downloads.
    pub defender_scan_downloads: Option<bool>,
    /// When enabled, low CPU priority will be used during scheduled scans.
    pub defender_schedule_scan_enable_low_cpu_priority: Option<bool>,
    /// When blocked, catch-up scans for scheduled quick scans will be turned off.
    pub defender_disable_catchup_quick_scan: Option<bool>,
    /// When blocked, catch-up scans for scheduled full scans will be turned off.
    pub defender_disable_catchup_full_scan: Option<bool>,
    /// Indicates whether or not to scan scripts loaded in Internet Explorer browser.
    pub defender_scan_scripts_loaded_in_internet_explorer: Option<bool>,
    /// Whether or not to block end user access to Defender.
    pub defender_block_end_user_access: Option<bool>,
    /// The signature update interval in hours. Specify 0 not to check. Valid values 0 to 24
    pub defender_signature_update_interval_in_hours: Option<i32>,
    /// Value for monitoring file activity. Possible values are: `userDefined`, `disable`,
    /// `monitorAllFiles`, `monitorIncomingFilesOnly`, `monitorOutgoingFilesOnly`.
    pub defender_monitor_file_activity: Option<DefenderMonitorFileActivity>,
    /// Number of days before deleting quarantined malware. Valid values 0 to 90
    pub defender_days_before_deleting_quarantined_malware: Option<i32>,
    /// Max CPU usage percentage during scan. Valid values 0 to 100
    pub defender_scan_max_cpu: Option<i32>,
    /// Indicates whether or not to scan archive files.
    pub defender_scan_archive_files: Option<bool>,
    /// Indicates whether or not to scan incoming mail messages.
    pub defender_scan_incoming_mail: Option<bool>,
    /// Indicates whether or not to scan removable drives during full scan.
    pub defender_scan_removable_drives_during_full_scan: Option<bool>,
    /// Indicates whether or not to scan mapped network drives during full scan.
    pub defender_scan_mapped_network_drives_during_full_scan: Option<bool>,
    /// Indicates whether or not to scan files opened from a network folder.
    pub defender_scan_network_files: Option<bool>,
    /// Indicates whether or not to require cloud protection.
    pub defender_require_cloud_protection: Option<bool>,
    /// Specifies the level of cloud-delivered protection. Possible values are: `notConfigured`,
    /// `high`, `highPlus`, `zeroTolerance`.
    pub defender_cloud_block_level: Option<DefenderCloudBlockLevelType>,
    /// Timeout extension for file scanning by the cloud. Valid values 0 to 50
    pub defender_cloud_extended_timeout: Option<i32>,
    /// Timeout extension for file scanning by the cloud. Valid values 0 to 50
    pub defender_cloud_extended_timeout_in_seconds: Option<i32>,
    /// The configuration for how to prompt user for sample submission. Possible values are:
    /// `userDefined`, `alwaysPrompt`, `promptBeforeSendingPersonalData`, `neverSendData`,
    /// `sendAllDataWithoutPrompting`.
    pub defender_prompt_for_sample_submission: Option<DefenderPromptForSampleSubmission>,
    /// The time to perform a daily quick scan.
    pub defender_scheduled_quick_scan_time: Option<TimeOfDay>,
    /// The defender system scan type. Possible values are: `userDefined`, `disabled`, `quick`,
    /// `full`.
    pub defender_scan_type: Option<DefenderScanType>,
    /// Defender day of the week for the system scan. Possible values are: `userDefined`,
    /// `everyday`, `sunday`, `monday`, `tuesday`, `wednesday`, `thursday`, `friday`,
    /// `saturday`, `noScheduledScan`.
    pub defender_system_scan_schedule: Option<WeeklySchedule>,
    /// The defender time for the system scan.
    pub defender_scheduled_scan_time: Option<TimeOfDay>,
    /// Gets or sets Defender’s action to take on Potentially Unwanted Application (PUA), which
    /// includes software with behaviors of ad-injection, software bundling, persistent
    /// solicitation for payment or subscription, etc. Defender alerts user when PUA is being
    /// downloaded or attempts to install itself. Added in Windows 10 for desktop. Possible
    /// values are: `deviceDefault`, `block`, `audit`.
    pub defender_potentially_unwanted_app_action: Option<DefenderPotentiallyUnwantedAppAction>,
    /// Gets or sets Defender’s action to take on Potentially Unwanted Application (PUA), which
    /// includes software with behaviors of ad-injection, software bundling, persistent
    /// solicitation for payment or subscription, etc. Defender alerts user when PUA is being
    /// downloaded or attempts to install itself. Added in Windows 10 for desktop. Possible
    /// values are: `userDefined`, `enable`, `auditMode`, `warn`, `notConfigured`.
    pub defender_potentially_unwanted_app_action_setting: Option<DefenderProtectionType>,
    /// Checks for the user consent level in Windows Defender to send data. Possible values are:
    /// `sendSafeSamplesAutomatically`, `alwaysPrompt`, `neverSend`,
    /// `sendAllSamplesAutomatically`.
    pub defender_submit_samples_consent_type: Option<DefenderSubmitSamplesConsentType>,
    /// Allows or disallows Windows Defender On Access Protection functionality.
    pub defender_block_on_access_protection: Option<bool>,
    /// Gets or sets Defender’s actions to take on detected Malware per threat level.
    pub defender_detected_malware_actions: Option<DefenderDetectedMalwareActions>,
    /// File extensions to exclude from scans and real time protection.
    pub defender_file_extensions_to_exclude: Option<Vec<String>>,
    /// Files and folder to exclude from scans and real time protection.
    pub defender_files_and_folders_to_exclude: Option<Vec<String>>,
    /// Processes to exclude from scans and real time protection.
    pub defender_processes_to_exclude: Option<Vec<String>>,
    /// Specify whether to show a user-configurable setting to control the screen timeout while
    /// on the lock screen of Windows 10 Mobile devices. If this policy is set to Allow, the
    /// value set by lockScreenTimeoutInSeconds is ignored.
    pub lock_screen_allow_timeout_configuration: Option<bool>,
    /// Indicates whether or not to block action center notifications over lock screen.
    pub lock_screen_block_action_center_notifications: Option<bool>,
    /// Indicates whether or not the user can interact with Cortana using speech while the
    /// system is locked.
    pub lock_screen_block_cortana: Option<bool>,
    /// Indicates whether to allow toast notifications above the device lock screen.
    pub lock_screen_block_toast_notifications: Option<bool>,
    /// Set the duration (in seconds) from the screen locking to the screen turning off for
    /// Windows 10 Mobile devices. Supported values are 11-1800. Valid values 11 to 1800
    pub lock_screen_timeout_in_seconds: Option<i32>,
    /// This policy setting specifies whether Windows apps can be activated by voice while the
    /// system is locked. Possible values are: `notConfigured`, `enabled`, `disabled`.
    pub lock_screen_activate_apps_with_voice: Option<Enablement>,
    /// Specify whether PINs or passwords such as "1111" or "1234" are allowed. For Windows 10
    /// desktops, it also controls the use of picture passwords.
    pub password_block_simple: Option<bool>,
    /// The password expiration in days. Valid values 0 to 730
    pub password_expiration_days: Option<i32>,
    /// The minimum password length. Valid values 4 to 16
    pub password_minimum_length: Option<i32>,
    /// The minutes of inactivity before the screen times out.
    pub password_minutes_of_inactivity_before_screen_timeout: Option<i32>,
    /// The number of character sets required in the password.
    pub password_minimum_character_set_count: Option<i32>,
    /// The number of previous passwords to prevent reuse of. Valid values 0 to 50
    pub password_previous_password_block_count: Option<i32>,
    /// Indicates whether or not to require the user to have a password.
    pub password_required: Option<bool>,
    /// Indicates whether or not to require a password upon resuming from an idle state.
    pub password_require_when_resume_from_idle_state: Option<bool>,
    /// The required password type. Possible values are: `deviceDefault`, `alphanumeric`,
    /// `numeric`.
    pub password_required_type: Option<RequiredPasswordType>,
    /// The number of sign in failures before factory reset. Valid values 0 to 999
    pub password_sign_in_failure_count_before_factory_reset: Option<i32>,
    /// This security setting determines the period of time (in days) that a password must be
    /// used before the user can change it. Valid values 0 to 998
    pub password_minimum_age_in_days: Option<i32>,
    /// Enables or disables the use of advertising ID. Added in Windows 10, version 1607.
    /// Possible values are: `notConfigured`, `blocked`, `allowed`.
    pub privacy_advertising_id: Option<StateManagementSetting>,
    /// Indicates whether or not to allow the automatic acceptance of the pairing and privacy
    /// user consent dialog when launching apps.
    pub privacy_auto_accept_pairing_and_consent_prompts: Option<bool>,
    /// This policy prevents the privacy experience from launching during user logon for new and
    /// upgraded users.​
    pub privacy_disable_launch_experience: Option<bool>,
    /// Indicates whether or not to block the usage of cloud based speech services for Cortana,
    /// Dictation, or Store applications.
    pub privacy_block_input_personalization: Option<bool>,
    /// Blocks the shared experiences/discovery of recently used resources in task switcher etc.
    pub privacy_block_publish_user_activities: Option<bool>,
    /// Blocks the usage of cloud based speech services for Cortana, Dictation, or Store
    /// applications.
    pub privacy_block_activity_feed: Option<bool>,
    /// Specifies if Windows apps can be activated by voice. Possible values are:
    /// `notConfigured`, `enabled`, `disabled`.
    pub activate_apps_with_voice: Option<Enablement>,
    /// Indicates whether or not to block the user from unpinning apps from taskbar.
    pub start_block_unpinning_apps_from_taskbar: Option<bool>,
    /// Setting the value of this collapses the app list, removes the app list entirely, or
    /// disables the corresponding toggle in the Settings app. Possible values are:
    /// `userDefined`, `collapse`, `remove`, `disableSettingsApp`.
    pub start_menu_app_list_visibility: Option<Flags<WindowsStartMenuAppListVisibilityType>>,
    /// Enabling this policy hides the change account setting from appearing in the user tile in
    /// the start menu.
    pub start_menu_hide_change_account_settings: Option<bool>,
    /// Enabling this policy hides the most used apps from appearing on the start menu and
    /// disables the corresponding toggle in the Settings app.
    pub start_menu_hide_frequently_used_apps: Option<bool>,
    /// Enabling this policy hides hibernate from appearing in the power button in the start
    /// menu.
    pub start_menu_hide_hibernate: Option<bool>,
    /// Enabling this policy hides lock from appearing in the user tile in the start menu.
    pub start_menu_hide_lock: Option<bool>,
    /// Enabling this policy hides the power button from appearing in the start menu.
    pub start_menu_hide_power_button: Option<bool>,
    /// Enabling this policy hides recent jump lists from appearing on the start menu/taskbar
    /// and disables the corresponding toggle in the Settings app.
    pub start_menu_hide_recent_jump_lists: Option<bool>,
    /// Enabling this policy hides recently added apps from appearing on the start menu and
    /// disables the corresponding toggle in the Settings app.
    pub start_menu_hide_recently_added_apps: Option<bool>,
    /// Enabling this policy hides “Restart/Update and Restart” from appearing in the power
    /// button in the start menu.
    pub start_menu_hide_restart_options: Option<bool>,
    /// Enabling this policy hides shut down/update and shut down from appearing in the power
    /// button in the start menu.
    pub start_menu_hide_shut_down: Option<bool>,
    /// Enabling this policy hides sign out from appearing in the user tile in the start menu.
    pub start_menu_hide_sign_out: Option<bool>,
    /// Enabling this policy hides sleep from appearing in the power button in the start menu.
    pub start_menu_hide_sleep: Option<bool>,
    /// Enabling this policy hides switch account from appearing in the user tile in the start
    /// menu.
    pub start_menu_hide_switch_account: Option<bool>,
    /// Enabling this policy hides the user tile from appearing in the start menu.
    pub start_menu_hide_user_tile: Option<bool>,
    /// This policy setting allows you to import Edge assets to be used with startMenuLayoutXml
    /// policy. Start layout can contain secondary tile from Edge app which looks for Edge local
    /// asset file. Edge local asset would not exist and cause Edge secondary tile to appear
    /// empty in this case. This policy only gets applied when startMenuLayoutXml policy is
    /// modified. The value should be a UTF-8 Base64 encoded byte array.
    pub start_menu_layout_edge_assets_xml: Option<Binary>,
    /// Allows admins to override the default Start menu layout and prevents the user from
    /// changing it. The layout is modified by specifying an XML file based on a layout
    /// modification schema. XML needs to be in a UTF8 encoded byte array format.
    pub start_menu_layout_xml: Option<Binary>,
    /// Allows admins to decide how the Start menu is displayed. Possible values are:
    /// `userDefined`, `fullScreen`, `nonFullScreen`.
    pub start_menu_mode: Option<WindowsStartMenuModeType>,
    /// Enforces the visibility (Show/Hide) of the Documents folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_documents: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Downloads folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_downloads: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the FileExplorer shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_file_explorer: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the HomeGroup folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_home_group: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Music folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_music: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Network folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_network: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the PersonalFolder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_personal_folder: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Pictures folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_pictures: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Settings folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_settings: Option<VisibilitySetting>,
    /// Enforces the visibility (Show/Hide) of the Videos folder shortcut on the Start menu.
    /// Possible values are: `notConfigured`, `hide`, `show`.
    pub start_menu_pinned_folder_videos: Option<VisibilitySetting>,
    /// Indicates whether or not to block access to Settings app.
    pub settings_block_settings_app: Option<bool>,
    /// Indicates whether or not to block access to System in Settings app.
    pub settings_block_system_page: Option<bool>,
    /// Indicates whether or not to block access to Devices in Settings app.
    pub settings_block_devices_page: Option<bool>,
    /// Indicates whether or not to block access to Network & Internet in Settings app.
    pub settings_block_network_internet_page: Option<bool>,
    /// Indicates whether or not to block access to Personalization in Settings app.
    pub settings_block_personalization_page: Option<bool>,
    /// Indicates whether or not to block access to Accounts in Settings app.
    pub settings_block_accounts_page: Option<bool>,
    /// Indicates whether or not to block access to Time & Language in Settings app.
    pub settings_block_time_language_page: Option<bool>,
    /// Indicates whether or not to block access to Ease of Access in Settings app.
    pub settings_block_ease_of_access_page: Option<bool>,
    /// Indicates whether or not to block access to Privacy in Settings app.
    pub settings_block_privacy_page: Option<bool>,
    /// Indicates whether or not to block access to Update & Security in Settings app.
    pub settings_block_update_security_page: Option<bool>,
    /// Indicates whether or not to block access to Apps in Settings app.
    pub settings_block_apps_page: Option<bool>,
    /// Indicates whether or not to block access to Gaming in Settings app.
    pub settings_block_gaming_page: Option<bool>,
    /// Allows IT admins to block experiences that are typically for consumers only, such as
    /// Start suggestions, Membership notifications, Post-OOBE app install and redirect tiles.
    pub windows_spotlight_block_consumer_specific_features: Option<bool>,
    /// Allows IT admins to turn off all Windows Spotlight features
    pub windows_spotlight_blocked: Option<bool>,
    /// Block suggestions from Microsoft that show after each OS clean install, upgrade or in an
    /// on-going basis to introduce users to what is new or changed
    pub windows_spotlight_block_on_action_center: Option<bool>,
    /// Block personalized content in Windows spotlight based on user’s device usage.
    pub windows_spotlight_block_tailored_experiences: Option<bool>,
    /// Block third party content delivered via Windows Spotlight
    pub windows_spotlight_block_third_party_notifications: Option<bool>,
    /// Block Windows Spotlight Windows welcome experience
    pub windows_spotlight_block_welcome_experience: Option<bool>,
    /// Allows IT admins to turn off the popup of Windows Tips.
    pub windows_spotlight_block_windows_tips: Option<bool>,
    /// Specifies the type of Spotlight. Possible values are: `notConfigured`, `disabled`,
    /// `enabled`.
    pub windows_spotlight_configure_on_lock_screen: Option<WindowsSpotlightEnablementSettings>,
    /// If set, proxy settings will be applied to all processes and accounts in the device.
    /// Otherwise, it will be applied to the user account that’s enrolled into MDM.
    pub network_proxy_apply_settings_device_wide: Option<bool>,
    /// Disable automatic detection of settings. If enabled, the system will try to find the
    /// path to a proxy auto-config (PAC) script.
    pub network_proxy_disable_auto_detect: Option<bool>,
    /// Address to the proxy auto-config (PAC) script you want to use.
    pub network_proxy_automatic_configuration_url: Option<String>,
    /// Specifies manual proxy server settings.
    pub network_proxy_server: Option<Windows10NetworkProxyServer>,
    /// Indicates whether or not to Block the user from adding email accounts to the device that
    /// are not associated with a Microsoft account.
    pub accounts_block_adding_non_microsoft_account_email: Option<bool>,
    /// Indicates whether or not to block the user from selecting an AntiTheft mode preference
    /// (Windows 10 Mobile only).
    pub anti_theft_mode_blocked: Option<bool>,
    /// Whether or not to Block the user from using bluetooth.
    pub bluetooth_blocked: Option<bool>,
    /// Whether or not to Block the user from accessing the camera of the device.
    pub camera_blocked: Option<bool>,
    /// Whether or not to block Connected Devices Service which enables discovery and connection
    /// to other devices, remote messaging, remote app sessions and other cross-device
    /// experiences.
    pub connected_devices_service_blocked: Option<bool>,
    /// Whether or not to Block the user from doing manual root certificate installation.
    pub certificates_block_manual_root_certificate_installation: Option<bool>,
    /// Whether or not to Block the user from using copy paste.
    pub copy_paste_blocked: Option<bool>,
    /// Whether or not to Block the user from using Cortana.
    pub cortana_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from resetting their phone.
    pub device_management_block_factory_reset_on_mobile: Option<bool>,
    /// Indicates whether or not to Block the user from doing manual un-enrollment from device
    /// management.
    pub device_management_block_manual_unenroll: Option<bool>,
    /// Specifies what filter level of safe search is required. Possible values are:
    /// `userDefined`, `strict`, `moderate`.
    pub safe_search_filter: Option<SafeSearchFilterType>,
    /// Indicates whether or not to block popups.
    pub edge_block_popups: Option<bool>,
    /// Indicates whether or not to block the user from using the search suggestions in the
    /// address bar.
    pub edge_block_search_suggestions: Option<bool>,
    /// Indicates whether or not to block the user from adding new search engine or changing the
    /// default search engine.
    pub edge_block_search_engine_customization: Option<bool>,
    /// Indicates whether or not to switch the intranet traffic from Edge to Internet Explorer.
    /// Note: the name of this property is misleading; the property is obsolete, use
    /// EdgeSendIntranetTrafficToInternetExplorer instead.
    pub edge_block_sending_intranet_traffic_to_internet_explorer: Option<bool>,
    /// Indicates whether or not to switch the intranet traffic from Edge to Internet Explorer.
    pub edge_send_intranet_traffic_to_internet_explorer: Option<bool>,
    /// Indicates whether or not to Require the user to use the smart screen filter.
    pub edge_require_smart_screen: Option<bool>,
    /// Indicates the enterprise mode site list location. Could be a local file, local network
    /// or http location.
    pub edge_enterprise_mode_site_list_location: Option<String>,
    /// The first run URL for when Edge browser is opened for the first time.
    pub edge_first_run_url: Option<String>,
    /// Allows IT admins to set a default search engine for MDM-Controlled devices. Users can
    /// override this and change their default search engine provided the
    /// AllowSearchEngineCustomization policy is not set.
    pub edge_search_engine: Option<EdgeSearchEngineBase>,
    /// The list of URLs for homepages shodwn on MDM-enrolled devices on Edge browser.
    pub edge_homepage_urls: Option<Vec<String>>,
    /// Indicates whether or not to prevent access to about flags on Edge browser.
    pub edge_block_access_to_about_flags: Option<bool>,
    /// Indicates whether or not users can override SmartScreen Filter warnings about
    /// potentially malicious websites.
    pub smart_screen_block_prompt_override: Option<bool>,
    /// Indicates whether or not users can override the SmartScreen Filter warnings about
    /// downloading unverified files
    pub smart_screen_block_prompt_override_for_files: Option<bool>,
    /// Indicates whether or not user's localhost IP address is displayed while making phone
    /// calls using the WebRTC
    pub web_rtc_block_localhost_ip_address: Option<bool>,
    /// Indicates whether or not to Block the user from using internet sharing.
    pub internet_sharing_blocked: Option<bool>,
    /// Indicates whether or not to block the user from installing provisioning packages.
    pub settings_block_add_provisioning_package: Option<bool>,
    /// Indicates whether or not to block the runtime configuration agent from removing
    /// provisioning packages.
    pub settings_block_remove_provisioning_package: Option<bool>,
    /// Indicates whether or not to block the user from changing date and time settings.
    pub settings_block_change_system_time: Option<bool>,
    /// Indicates whether or not to block the user from editing the device name.
    pub settings_block_edit_device_name: Option<bool>,
    /// Indicates whether or not to block the user from changing the region settings.
    pub settings_block_change_region: Option<bool>,
    /// Indicates whether or not to block the user from changing the language settings.
    pub settings_block_change_language: Option<bool>,
    /// Indicates whether or not to block the user from changing power and sleep settings.
    pub settings_block_change_power_sleep: Option<bool>,
    /// Indicates whether or not to Block the user from location services.
    pub location_services_blocked: Option<bool>,
    /// Indicates whether or not to Block a Microsoft account.
    pub microsoft_account_blocked: Option<bool>,
    /// Indicates whether or not to Block Microsoft account settings sync.
    pub microsoft_account_block_settings_sync: Option<bool>,
    /// Indicates whether or not to Block the user from using near field communication.
    pub nfc_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from reset protection mode.
    pub reset_protection_mode_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from taking Screenshots.
    pub screen_capture_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from using removable storage.
    pub storage_block_removable_storage: Option<bool>,
    /// Indicating whether or not to require encryption on a mobile device.
    pub storage_require_mobile_device_encryption: Option<bool>,
    /// Indicates whether or not to Block the user from USB connection.
    pub usb_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from voice recording.
    pub voice_recording_blocked: Option<bool>,
    /// Indicating whether or not to block automatically connecting to Wi-Fi hotspots. Has no
    /// impact if Wi-Fi is blocked.
    pub wi_fi_block_automatic_connect_hotspots: Option<bool>,
    /// Indicates whether or not to Block the user from using Wi-Fi.
    pub wi_fi_blocked: Option<bool>,
    /// Indicates whether or not to Block the user from using Wi-Fi manual configuration.
    pub wi_fi_block_manual_configuration: Option<bool>,
    /// Specify how often devices scan for Wi-Fi networks. Supported values are 1-500, where 100
    /// = default, and 500 = low frequency. Valid values 1 to 500
    pub wi_fi_scan_interval: Option<i32>,
    /// Indicates whether or not to allow other devices from discovering this PC for projection.
    pub wireless_display_block_projection_to_this_device: Option<bool>,
    /// Indicates whether or not to allow user input from wireless display receiver.
    pub wireless_display_block_user_input_from_receiver: Option<bool>,
    /// Indicates whether or not to require a PIN for new devices to initiate pairing.
    pub wireless_display_require_pin_for_pairing: Option<bool>,
    /// Indicates whether or not to Block the user from using the Windows store.
    pub windows_store_blocked: Option<bool>,
    /// Indicates whether apps from AppX packages signed with a trusted certificate can be side
    /// loaded. Possible values are: `notConfigured`, `blocked`, `allowed`.
    pub apps_allow_trusted_apps_sideloading: Option<StateManagementSetting>,
    /// Indicates whether or not to block automatic update of apps from Windows Store.
    pub windows_store_block_auto_update: Option<bool>,
    /// Indicates whether or not to allow developer unlock. Possible values are:
    /// `notConfigured`, `blocked`, `allowed`.
    pub developer_unlock_setting: Option<StateManagementSetting>,
    /// Indicates whether or not to block multiple users of the same app to share data.
    pub shared_user_app_data_allowed: Option<bool>,
    /// Indicates whether or not to disable the launch of all apps from Windows Store that came
    /// pre-installed or were downloaded.
    pub apps_block_windows_store_originated_apps: Option<bool>,
    /// Indicates whether or not to enable Private Store Only.
    pub windows_store_enable_private_store_only: Option<bool>,
    /// Indicates whether application data is restricted to the system drive.
    pub storage_restrict_app_data_to_system_volume: Option<bool>,
    /// Indicates whether the installation of applications is restricted to the system drive.
    pub storage_restrict_app_install_to_system_volume: Option<bool>,
    /// Indicates whether or not to block DVR and broadcasting.
    pub game_dvr_blocked: Option<bool>,
    /// Indicates whether or not to enable device discovery UX.
    pub experience_block_device_discovery: Option<bool>,
    /// Indicates whether or not to allow the error dialog from displaying if no SIM card is
    /// detected.
    #[graph(rename = "experienceBlockErrorDialogWhenNoSIM")]
    pub experience_block_error_dialog_when_no_sim: Option<bool>,
    /// Indicates whether or not to enable task switching on the device.
    pub experience_block_task_switcher: Option<bool>,
    /// Disables the ability to quickly switch between users that are logged on simultaneously
    /// without logging off.
    pub logon_block_fast_user_switching: Option<bool>,
    /// Whether the device is required to connect to the network.
    pub tenant_lockdown_require_network_during_out_of_box_experience: Option<bool>,
    /// This policy setting permits users to change installation options that typically are
    /// available only to system administrators.
    #[graph(rename = "appManagementMSIAllowUserControlOverInstall")]
    pub app_management_msi_allow_user_control_over_install: Option<bool>,
    /// This policy setting directs Windows Installer to use elevated permissions when it
    /// installs any program on the system.
    #[graph(rename = "appManagementMSIAlwaysInstallWithElevatedPrivileges")]
    pub app_management_msi_always_install_with_elevated_privileges: Option<bool>,
    /// This policy setting allows you to block direct memory access (DMA) for all hot pluggable
    /// PCI downstream ports until a user logs into Windows.
    pub data_protection_block_direct_memory_access: Option<bool>,
    /// List of semi-colon delimited Package Family Names of Windows apps. Listed Windows apps
    /// are to be launched after logon.​
    pub app_management_package_family_names_to_launch_after_log_on: Option<Vec<String>>,
    /// Indicates whether or not to uninstall a fixed list of built-in Windows apps.
    pub uninstall_built_in_apps: Option<bool>,
    /// Specifies the time zone to be applied to the device. This is the standard Windows name
    /// for the target time zone.
    pub configure_time_zone: Option<String>,
}
