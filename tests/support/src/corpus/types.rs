//! The enums and complex types the corpus entities use, from the Graph beta metadata.

use super::prelude::*;

/// `microsoft.graph.appInstallControlType`.
#[graph_enum]
pub enum AppInstallControlType {
    NotConfigured,
    Anywhere,
    StoreOnly,
    Recommendations,
    PreferStore,
}

/// `microsoft.graph.appManagementLevel`.
#[graph_enum(flags)]
pub enum AppManagementLevel {
    Unspecified,
    Unmanaged,
    Mdm,
    AndroidEnterprise,
}

/// `microsoft.graph.autoRestartNotificationDismissalMethod`.
#[graph_enum]
pub enum AutoRestartNotificationDismissalMethod {
    NotConfigured,
    Automatic,
    User,
}

/// `microsoft.graph.automaticUpdateMode`.
#[graph_enum]
pub enum AutomaticUpdateMode {
    UserDefined,
    NotifyDownload,
    AutoInstallAtMaintenanceTime,
    AutoInstallAndRebootAtMaintenanceTime,
    AutoInstallAndRebootAtScheduledTime,
    AutoInstallAndRebootWithoutEndUserControl,
    WindowsDefault,
}

/// `microsoft.graph.browserSyncSetting`.
#[graph_enum]
pub enum BrowserSyncSetting {
    NotConfigured,
    BlockedWithUserOverride,
    Blocked,
}

/// `microsoft.graph.certificateIssuanceStates`.
#[graph_enum]
pub enum CertificateIssuanceStates {
    Unknown,
    ChallengeIssued,
    ChallengeIssueFailed,
    RequestCreationFailed,
    RequestSubmitFailed,
    ChallengeValidationSucceeded,
    ChallengeValidationFailed,
    IssueFailed,
    IssuePending,
    Issued,
    ResponseProcessingFailed,
    ResponsePending,
    EnrollmentSucceeded,
    EnrollmentNotNeeded,
    Revoked,
    RemovedFromCollection,
    RenewVerified,
    InstallFailed,
    Installed,
    DeleteFailed,
    Deleted,
    RenewalRequested,
    Requested,
}

/// `microsoft.graph.certificateRevocationStatus`.
#[graph_enum]
pub enum CertificateRevocationStatus {
    None,
    Pending,
    Issued,
    Failed,
    Revoked,
}

/// `microsoft.graph.certificateValidityPeriodScale`.
#[graph_enum]
pub enum CertificateValidityPeriodScale {
    Days,
    Months,
    Years,
}

/// `microsoft.graph.configurationUsage`.
#[graph_enum]
pub enum ConfigurationUsage {
    Blocked,
    Required,
    Allowed,
    NotConfigured,
}

/// `microsoft.graph.dayOfWeek`.
#[graph_enum]
pub enum DayOfWeek {
    Sunday,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
}

/// `microsoft.graph.defenderCloudBlockLevelType`.
#[graph_enum]
pub enum DefenderCloudBlockLevelType {
    NotConfigured,
    High,
    HighPlus,
    ZeroTolerance,
}

/// `microsoft.graph.defenderMonitorFileActivity`.
#[graph_enum]
pub enum DefenderMonitorFileActivity {
    UserDefined,
    Disable,
    MonitorAllFiles,
    MonitorIncomingFilesOnly,
    MonitorOutgoingFilesOnly,
}

/// `microsoft.graph.defenderPotentiallyUnwantedAppAction`.
#[graph_enum]
pub enum DefenderPotentiallyUnwantedAppAction {
    DeviceDefault,
    Block,
    Audit,
}

/// `microsoft.graph.defenderPromptForSampleSubmission`.
#[graph_enum]
pub enum DefenderPromptForSampleSubmission {
    UserDefined,
    AlwaysPrompt,
    PromptBeforeSendingPersonalData,
    NeverSendData,
    SendAllDataWithoutPrompting,
}

/// `microsoft.graph.defenderProtectionType`.
#[graph_enum]
pub enum DefenderProtectionType {
    UserDefined,
    Enable,
    AuditMode,
    Warn,
    NotConfigured,
}

/// `microsoft.graph.defenderScanType`.
#[graph_enum]
pub enum DefenderScanType {
    UserDefined,
    Disabled,
    Quick,
    Full,
}

/// `microsoft.graph.defenderSubmitSamplesConsentType`.
#[graph_enum]
pub enum DefenderSubmitSamplesConsentType {
    SendSafeSamplesAutomatically,
    AlwaysPrompt,
    NeverSend,
    SendAllSamplesAutomatically,
}

/// `microsoft.graph.defenderThreatAction`.
#[graph_enum]
pub enum DefenderThreatAction {
    DeviceDefault,
    Clean,
    Quarantine,
    Remove,
    Allow,
    UserDefined,
    Block,
}

/// `microsoft.graph.deviceAndAppManagementAssignmentFilterType`.
#[graph_enum]
pub enum DeviceAndAppManagementAssignmentFilterType {
    None,
    Include,
    Exclude,
}

/// `microsoft.graph.deviceManagementApplicabilityRuleType`.
#[graph_enum]
pub enum DeviceManagementApplicabilityRuleType {
    Include,
    Exclude,
}

/// `microsoft.graph.devicePlatformType`.
#[graph_enum]
pub enum DevicePlatformType {
    Android,
    AndroidForWork,
    IOS,
    MacOS,
    WindowsPhone81,
    Windows81AndLater,
    Windows10AndLater,
    AndroidWorkProfile,
    Unknown,
    AndroidAOSP,
}

/// `microsoft.graph.diagnosticDataSubmissionMode`.
#[graph_enum]
pub enum DiagnosticDataSubmissionMode {
    UserDefined,
    None,
    Basic,
    Enhanced,
    Full,
}

/// `microsoft.graph.edgeCookiePolicy`.
#[graph_enum]
pub enum EdgeCookiePolicy {
    UserDefined,
    Allow,
    BlockThirdParty,
    BlockAll,
}

/// `microsoft.graph.edgeKioskModeRestrictionType`.
#[graph_enum]
pub enum EdgeKioskModeRestrictionType {
    NotConfigured,
    DigitalSignage,
    NormalMode,
    PublicBrowsingSingleApp,
    PublicBrowsingMultiApp,
}

/// `microsoft.graph.edgeOpenOptions`.
#[graph_enum]
pub enum EdgeOpenOptions {
    NotConfigured,
    StartPage,
    NewTabPage,
    PreviousPages,
    SpecificPages,
}

/// `microsoft.graph.edgeTelemetryMode`.
#[graph_enum]
pub enum EdgeTelemetryMode {
    NotConfigured,
    Intranet,
    Internet,
    IntranetAndInternet,
}

/// `microsoft.graph.enablement`.
#[graph_enum]
pub enum Enablement {
    NotConfigured,
    Enabled,
    Disabled,
}

/// `microsoft.graph.inkAccessSetting`.
#[graph_enum]
pub enum InkAccessSetting {
    NotConfigured,
    Enabled,
    Disabled,
}

/// `microsoft.graph.installIntent`.
#[graph_enum]
pub enum InstallIntent {
    Available,
    Required,
    Uninstall,
    AvailableWithoutEnrollment,
}

/// `microsoft.graph.internetExplorerMessageSetting`.
#[graph_enum]
pub enum InternetExplorerMessageSetting {
    NotConfigured,
    Disabled,
    Enabled,
    KeepGoing,
}

/// `microsoft.graph.iosSoftwareUpdateScheduleType`.
#[graph_enum]
pub enum IosSoftwareUpdateScheduleType {
    UpdateOutsideOfActiveHours,
    AlwaysUpdate,
    UpdateDuringTimeWindows,
    UpdateOutsideOfTimeWindows,
}

/// `microsoft.graph.keyStorageProviderOption`.
#[graph_enum]
pub enum KeyStorageProviderOption {
    UseTpmKspOtherwiseUseSoftwareKsp,
    UseTpmKspOtherwiseFail,
    UsePassportForWorkKspOtherwiseFail,
    UseSoftwareKsp,
}

/// `microsoft.graph.keyUsages`.
#[graph_enum(flags)]
pub enum KeyUsages {
    KeyEncipherment,
    DigitalSignature,
}

/// `microsoft.graph.managedAppClipboardSharingLevel`.
#[graph_enum]
pub enum ManagedAppClipboardSharingLevel {
    AllApps,
    ManagedAppsWithPasteIn,
    ManagedApps,
    Blocked,
}

/// `microsoft.graph.managedAppDataEncryptionType`.
#[graph_enum]
pub enum ManagedAppDataEncryptionType {
    UseDeviceSettings,
    AfterDeviceRestart,
    WhenDeviceLockedExceptOpenFiles,
    WhenDeviceLocked,
}

/// `microsoft.graph.managedAppDataStorageLocation`.
#[graph_enum]
pub enum ManagedAppDataStorageLocation {
    OneDriveForBusiness,
    SharePoint,
    Box,
    LocalStorage,
}

/// `microsoft.graph.managedAppDataTransferLevel`.
#[graph_enum]
pub enum ManagedAppDataTransferLevel {
    AllApps,
    ManagedApps,
    None,
}

/// `microsoft.graph.managedAppNotificationRestriction`.
#[graph_enum]
pub enum ManagedAppNotificationRestriction {
    Allow,
    BlockOrganizationalData,
    Block,
}

/// `microsoft.graph.managedAppPinCharacterSet`.
#[graph_enum]
pub enum ManagedAppPinCharacterSet {
    Numeric,
    AlphanumericAndSymbol,
}

/// `microsoft.graph.managedAppRemediationAction`.
#[graph_enum]
pub enum ManagedAppRemediationAction {
    Block,
    Wipe,
    Warn,
}

/// `microsoft.graph.mdmAppConfigKeyType`.
#[graph_enum]
pub enum MdmAppConfigKeyType {
    StringType,
    IntegerType,
    RealType,
    BooleanType,
    TokenType,
}

/// `microsoft.graph.powerActionType`.
#[graph_enum]
pub enum PowerActionType {
    NotConfigured,
    NoAction,
    Sleep,
    Hibernate,
    Shutdown,
}

/// `microsoft.graph.prereleaseFeatures`.
#[graph_enum]
pub enum PrereleaseFeatures {
    UserDefined,
    SettingsOnly,
    SettingsAndExperimentations,
    NotAllowed,
}

/// `microsoft.graph.requiredPasswordType`.
#[graph_enum]
pub enum RequiredPasswordType {
    DeviceDefault,
    Alphanumeric,
    Numeric,
}

/// `microsoft.graph.runAsAccountType`.
#[graph_enum]
pub enum RunAsAccountType {
    System,
    User,
}

/// `microsoft.graph.safeSearchFilterType`.
#[graph_enum]
pub enum SafeSearchFilterType {
    UserDefined,
    Strict,
    Moderate,
}

/// `microsoft.graph.signInAssistantOptions`.
#[graph_enum]
pub enum SignInAssistantOptions {
    NotConfigured,
    Disabled,
}

/// `microsoft.graph.stateManagementSetting`.
#[graph_enum]
pub enum StateManagementSetting {
    NotConfigured,
    Blocked,
    Allowed,
}

/// `microsoft.graph.subjectAlternativeNameType`.
#[graph_enum(flags)]
pub enum SubjectAlternativeNameType {
    None,
    EmailAddress,
    UserPrincipalName,
    CustomAzureADAttribute,
    DomainNameService,
    UniversalResourceIdentifier,
}

/// `microsoft.graph.subjectNameFormat`.
#[graph_enum]
pub enum SubjectNameFormat {
    CommonName,
    CommonNameIncludingEmail,
    CommonNameAsEmail,
    Custom,
    CommonNameAsIMEI,
    CommonNameAsSerialNumber,
    CommonNameAsAadDeviceId,
    CommonNameAsIntuneDeviceId,
    CommonNameAsDurableDeviceId,
}

/// `microsoft.graph.visibilitySetting`.
#[graph_enum]
pub enum VisibilitySetting {
    NotConfigured,
    Hide,
    Show,
}

/// `microsoft.graph.weeklySchedule`.
#[graph_enum]
pub enum WeeklySchedule {
    UserDefined,
    Everyday,
    Sunday,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    NoScheduledScan,
}

/// `microsoft.graph.windows10AppsUpdateRecurrence`.
#[graph_enum]
pub enum Windows10AppsUpdateRecurrence {
    None,
    Daily,
    Weekly,
    Monthly,
}

/// `microsoft.graph.windows10DeviceModeType`.
#[graph_enum]
pub enum Windows10DeviceModeType {
    StandardConfiguration,
    SModeConfiguration,
}

/// `microsoft.graph.windows10EditionType`.
#[graph_enum]
pub enum Windows10EditionType {
    Windows10Enterprise,
    Windows10EnterpriseN,
    Windows10Education,
    Windows10EducationN,
    Windows10MobileEnterprise,
    Windows10HolographicEnterprise,
    Windows10Professional,
    Windows10ProfessionalN,
    Windows10ProfessionalEducation,
    Windows10ProfessionalEducationN,
    Windows10ProfessionalWorkstation,
    Windows10ProfessionalWorkstationN,
    NotConfigured,
    Windows10Home,
    Windows10HomeChina,
    Windows10HomeN,
    Windows10HomeSingleLanguage,
    Windows10Mobile,
    Windows10IoTCore,
    Windows10IoTCoreCommercial,
}

/// `microsoft.graph.windowsDeliveryOptimizationMode`.
#[graph_enum]
pub enum WindowsDeliveryOptimizationMode {
    UserDefined,
    HttpOnly,
    HttpWithPeeringNat,
    HttpWithPeeringPrivateGroup,
    HttpWithInternetPeering,
    SimpleDownload,
    BypassMode,
}

/// `microsoft.graph.windowsSpotlightEnablementSettings`.
#[graph_enum]
pub enum WindowsSpotlightEnablementSettings {
    NotConfigured,
    Disabled,
    Enabled,
}

/// `microsoft.graph.windowsStartMenuAppListVisibilityType`.
#[graph_enum(flags)]
pub enum WindowsStartMenuAppListVisibilityType {
    UserDefined,
    Collapse,
    Remove,
    DisableSettingsApp,
}

/// `microsoft.graph.windowsStartMenuModeType`.
#[graph_enum]
pub enum WindowsStartMenuModeType {
    UserDefined,
    FullScreen,
    NonFullScreen,
}

/// `microsoft.graph.windowsUpdateForBusinessUpdateWeeks`.
#[graph_enum(flags)]
pub enum WindowsUpdateForBusinessUpdateWeeks {
    UserDefined,
    FirstWeek,
    SecondWeek,
    ThirdWeek,
    FourthWeek,
    EveryWeek,
}

/// `microsoft.graph.windowsUpdateNotificationDisplayOption`.
#[graph_enum]
pub enum WindowsUpdateNotificationDisplayOption {
    NotConfigured,
    DefaultNotifications,
    RestartWarningsOnly,
    DisableAllNotifications,
}

/// `microsoft.graph.windowsUpdateType`.
#[graph_enum]
pub enum WindowsUpdateType {
    UserDefined,
    All,
    BusinessReadyOnly,
    WindowsInsiderBuildFast,
    WindowsInsiderBuildSlow,
    WindowsInsiderBuildRelease,
}

/// `microsoft.graph.allLicensedUsersAssignmentTarget`.
#[graph_complex(odata_type = "microsoft.graph.allLicensedUsersAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub struct AllLicensedUsersAssignmentTarget {
    pub device_and_app_management_assignment_filter_id: Option<String>,
    pub device_and_app_management_assignment_filter_type:
        Option<DeviceAndAppManagementAssignmentFilterType>,
}

/// `microsoft.graph.appConfigurationSettingItem`.
#[graph_complex(odata_type = "microsoft.graph.appConfigurationSettingItem")]
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfigurationSettingItem {
    pub app_config_key: Option<String>,
    pub app_config_key_type: Option<MdmAppConfigKeyType>,
    pub app_config_key_value: Option<String>,
}

/// `microsoft.graph.auditActor`.
#[graph_complex(odata_type = "microsoft.graph.auditActor")]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditActor {
    pub application_display_name: Option<String>,
    pub application_id: Option<String>,
    pub ip_address: Option<String>,
    pub remote_tenant_id: Option<String>,
    pub remote_user_id: Option<String>,
    pub service_principal_name: Option<String>,
    pub r#type: Option<String>,
    pub user_id: Option<String>,
    pub user_permissions: Option<Vec<String>>,
    pub user_principal_name: Option<String>,
    pub user_role_scope_tags: Option<Vec<RoleScopeTagInfo>>,
}

/// `microsoft.graph.auditProperty`.
#[graph_complex(odata_type = "microsoft.graph.auditProperty")]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditProperty {
    pub display_name: Option<String>,
    pub new_value: Option<String>,
    pub old_value: Option<String>,
}

/// `microsoft.graph.auditResource`.
#[graph_complex(odata_type = "microsoft.graph.auditResource")]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditResource {
    pub display_name: Option<String>,
    pub modified_properties: Option<Vec<AuditProperty>>,
    pub resource_id: Option<String>,
    pub r#type: Option<String>,
}

/// `microsoft.graph.configurationManagerCollectionAssignmentTarget`.
#[graph_complex(odata_type = "microsoft.graph.configurationManagerCollectionAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigurationManagerCollectionAssignmentTarget {
    pub device_and_app_management_assignment_filter_id: Option<String>,
    pub device_and_app_management_assignment_filter_type:
        Option<DeviceAndAppManagementAssignmentFilterType>,
    pub collection_id: Option<String>,
}

/// `microsoft.graph.customUpdateTimeWindow`.
#[graph_complex(odata_type = "microsoft.graph.customUpdateTimeWindow")]
#[derive(Debug, Clone, PartialEq)]
pub struct CustomUpdateTimeWindow {
    pub end_day: Option<DayOfWeek>,
    pub end_time: Option<TimeOfDay>,
    pub start_day: Option<DayOfWeek>,
    pub start_time: Option<TimeOfDay>,
}

/// `microsoft.graph.defenderDetectedMalwareActions`.
#[graph_complex(odata_type = "microsoft.graph.defenderDetectedMalwareActions")]
#[derive(Debug, Clone, PartialEq)]
pub struct DefenderDetectedMalwareActions {
    pub high_severity: Option<DefenderThreatAction>,
    pub low_severity: Option<DefenderThreatAction>,
    pub moderate_severity: Option<DefenderThreatAction>,
    pub severe_severity: Option<DefenderThreatAction>,
}

/// `microsoft.graph.deviceAndAppManagementAssignmentTarget`.
#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceAndAppManagementAssignmentTargetBase {
    pub device_and_app_management_assignment_filter_id: Option<String>,
    pub device_and_app_management_assignment_filter_type:
        Option<DeviceAndAppManagementAssignmentFilterType>,
}

/// `microsoft.graph.deviceManagementApplicabilityRuleDeviceMode`.
#[graph_complex(odata_type = "microsoft.graph.deviceManagementApplicabilityRuleDeviceMode")]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceManagementApplicabilityRuleDeviceMode {
    pub device_mode: Option<Windows10DeviceModeType>,
    pub name: Option<String>,
    pub rule_type: Option<DeviceManagementApplicabilityRuleType>,
}

/// `microsoft.graph.deviceManagementApplicabilityRuleOsEdition`.
#[graph_complex(odata_type = "microsoft.graph.deviceManagementApplicabilityRuleOsEdition")]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceManagementApplicabilityRuleOsEdition {
    pub name: Option<String>,
    pub os_edition_types: Option<Vec<Windows10EditionType>>,
    pub rule_type: Option<DeviceManagementApplicabilityRuleType>,
}

/// `microsoft.graph.deviceManagementApplicabilityRuleOsVersion`.
#[graph_complex(odata_type = "microsoft.graph.deviceManagementApplicabilityRuleOsVersion")]
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceManagementApplicabilityRuleOsVersion {
    #[graph(rename = "maxOSVersion")]
    pub max_os_version: Option<String>,
    #[graph(rename = "minOSVersion")]
    pub min_os_version: Option<String>,
    pub name: Option<String>,
    pub rule_type: Option<DeviceManagementApplicabilityRuleType>,
}

/// `microsoft.graph.edgeHomeButtonConfiguration`.
#[graph_complex(odata_type = "microsoft.graph.edgeHomeButtonConfiguration")]
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeHomeButtonConfiguration {}

/// `microsoft.graph.edgeSearchEngineBase`.
#[graph_complex(odata_type = "microsoft.graph.edgeSearchEngineBase")]
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeSearchEngineBase {}

/// `microsoft.graph.keyValuePair`.
#[graph_complex(odata_type = "microsoft.graph.keyValuePair")]
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValuePair {
    pub name: Option<String>,
    pub value: Option<String>,
}

/// `microsoft.graph.officeClientCheckinStatus`.
#[graph_complex(odata_type = "microsoft.graph.officeClientCheckinStatus")]
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeClientCheckinStatus {
    pub applied_policies: Option<Vec<String>>,
    pub checkin_date_time: Option<DateTimeOffset>,
    pub device_name: Option<String>,
    pub device_platform: Option<String>,
    pub device_platform_version: Option<String>,
    pub error_message: Option<String>,
    pub user_id: Option<String>,
    pub user_principal_name: Option<String>,
    pub was_successful: Option<bool>,
}

/// `microsoft.graph.officeUserCheckinSummary`.
#[graph_complex(odata_type = "microsoft.graph.officeUserCheckinSummary")]
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeUserCheckinSummary {
    pub failed_user_count: Option<i32>,
    pub succeeded_user_count: Option<i32>,
}

/// `microsoft.graph.roleScopeTagInfo`.
#[graph_complex(odata_type = "microsoft.graph.roleScopeTagInfo")]
#[derive(Debug, Clone, PartialEq)]
pub struct RoleScopeTagInfo {
    pub display_name: Option<String>,
    pub role_scope_tag_id: Option<String>,
}

/// `microsoft.graph.windows10AppsForceUpdateSchedule`.
#[graph_complex(odata_type = "microsoft.graph.windows10AppsForceUpdateSchedule")]
#[derive(Debug, Clone, PartialEq)]
pub struct Windows10AppsForceUpdateSchedule {
    pub recurrence: Option<Windows10AppsUpdateRecurrence>,
    pub run_immediately_if_after_start_date_time: Option<bool>,
    pub start_date_time: Option<DateTimeOffset>,
}

/// `microsoft.graph.windows10NetworkProxyServer`.
#[graph_complex(odata_type = "microsoft.graph.windows10NetworkProxyServer")]
#[derive(Debug, Clone, PartialEq)]
pub struct Windows10NetworkProxyServer {
    pub address: Option<String>,
    pub exceptions: Option<Vec<String>>,
    pub use_for_local_addresses: Option<bool>,
}

/// `microsoft.graph.windowsUpdateInstallScheduleType`.
#[graph_complex(odata_type = "microsoft.graph.windowsUpdateInstallScheduleType")]
#[derive(Debug, Clone, PartialEq)]
pub struct WindowsUpdateInstallScheduleTypeBase {}

/// `microsoft.graph.windowsUpdateScheduledInstall`.
#[graph_complex(odata_type = "microsoft.graph.windowsUpdateScheduledInstall")]
#[derive(Debug, Clone, PartialEq)]
pub struct WindowsUpdateScheduledInstall {
    pub scheduled_install_day: Option<WeeklySchedule>,
    pub scheduled_install_time: Option<TimeOfDay>,
}

/// `microsoft.graph.deviceAndAppManagementAssignmentTarget` or a type derived from it, by `@odata.type`.
#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub enum DeviceAndAppManagementAssignmentTarget {
    DeviceAndAppManagementAssignmentTarget(DeviceAndAppManagementAssignmentTargetBase),
    AllLicensedUsersAssignmentTarget(AllLicensedUsersAssignmentTarget),
    ConfigurationManagerCollectionAssignmentTarget(ConfigurationManagerCollectionAssignmentTarget),
}

/// `microsoft.graph.windowsUpdateInstallScheduleType` or a type derived from it, by `@odata.type`.
#[graph_complex(odata_type = "microsoft.graph.windowsUpdateInstallScheduleType")]
#[derive(Debug, Clone, PartialEq)]
pub enum WindowsUpdateInstallScheduleType {
    WindowsUpdateInstallScheduleType(WindowsUpdateInstallScheduleTypeBase),
    WindowsUpdateScheduledInstall(WindowsUpdateScheduledInstall),
}
