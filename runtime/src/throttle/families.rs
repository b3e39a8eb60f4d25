//! Intune's throttling families, as Graph's throttling-limits page publishes them: per family,
//! the writes and the requests of any kind allowed per app and tenant and per tenant in a
//! 20-second window, and the resources (entity types) in it. One table, checked against the
//! vendored `intune-throttling.json` by the test suite (`tests/throttle_families.rs`).

use super::ThrottleFamily;

/// `name`, then writes per app and tenant, writes per tenant, requests of any kind per app and
/// tenant, and per tenant, in Intune's 20-second window.
const fn family(name: &'static str, writes: [u32; 2], any: [u32; 2]) -> ThrottleFamily {
    ThrottleFamily {
        name,
        writes_per_app_per_tenant: writes[0],
        writes_per_tenant: writes[1],
        any_per_app_per_tenant: any[0],
        any_per_tenant: any[1],
        window: std::time::Duration::from_secs(20),
    }
}

/// Intune tunnel.
pub const TUNNEL: ThrottleFamily = family("Intune tunnel", [100, 200], [1000, 2000]);
/// Intune android for work.
pub const ANDROID_FOR_WORK: ThrottleFamily =
    family("Intune android for work", [100, 200], [1000, 2000]);
/// Intune applications.
pub const APPLICATIONS: ThrottleFamily = family("Intune applications", [100, 200], [1000, 2000]);
/// Intune auditing.
pub const AUDITING: ThrottleFamily = family("Intune auditing", [100, 200], [1000, 2000]);
/// Intune books.
pub const BOOKS: ThrottleFamily = family("Intune books", [100, 200], [1000, 2000]);
/// Intune bundles.
pub const BUNDLES: ThrottleFamily = family("Intune bundles", [100, 200], [1000, 2000]);
/// Intune chromebook sync.
pub const CHROMEBOOK_SYNC: ThrottleFamily =
    family("Intune chromebook sync", [100, 200], [1000, 2000]);
/// Intune company terms.
pub const COMPANY_TERMS: ThrottleFamily = family("Intune company terms", [100, 200], [1000, 2000]);
/// Intune device config v2.
pub const DEVICE_CONFIG_V2: ThrottleFamily =
    family("Intune device config v2", [100, 200], [1000, 2000]);
/// Intune device configuration.
pub const DEVICE_CONFIGURATION: ThrottleFamily =
    family("Intune device configuration", [100, 200], [1000, 2000]);
/// Intune device enrollment.
pub const DEVICE_ENROLLMENT: ThrottleFamily =
    family("Intune device enrollment", [100, 200], [1000, 2000]);
/// Intune device intent.
pub const DEVICE_INTENT: ThrottleFamily = family("Intune device intent", [100, 200], [1000, 2000]);
/// Intune devices.
pub const DEVICES: ThrottleFamily = family("Intune devices", [200, 400], [2000, 4000]);
/// Intune endpoint protection.
pub const ENDPOINT_PROTECTION: ThrottleFamily =
    family("Intune endpoint protection", [100, 200], [1000, 2000]);
/// Intune enrollment.
pub const ENROLLMENT: ThrottleFamily = family("Intune enrollment", [100, 200], [1000, 2000]);
/// Intune GPAnalytics.
pub const GPANALYTICS: ThrottleFamily = family("Intune GPAnalytics", [100, 200], [1000, 2000]);
/// Intune managed applications.
pub const MANAGED_APPLICATIONS: ThrottleFamily =
    family("Intune managed applications", [100, 200], [1000, 2000]);
/// Intune notifications.
pub const NOTIFICATIONS: ThrottleFamily = family("Intune notifications", [100, 200], [1000, 2000]);
/// Intune ODJ.
pub const ODJ: ThrottleFamily = family("Intune ODJ", [100, 200], [1000, 2000]);
/// Intune partner integration.
pub const PARTNER_INTEGRATION: ThrottleFamily =
    family("Intune partner integration", [100, 200], [1000, 2000]);
/// Intune rbac.
pub const RBAC: ThrottleFamily = family("Intune rbac", [100, 200], [1000, 2000]);
/// Intune remote assistance.
pub const REMOTE_ASSISTANCE: ThrottleFamily =
    family("Intune remote assistance", [100, 200], [1000, 2000]);
/// Intune telephony.
pub const TELEPHONY: ThrottleFamily = family("Intune telephony", [100, 200], [1000, 2000]);
/// Intune TEM.
pub const TEM: ThrottleFamily = family("Intune TEM", [100, 200], [1000, 2000]);
/// Intune troubleshooting.
pub const TROUBLESHOOTING: ThrottleFamily =
    family("Intune troubleshooting", [100, 200], [1000, 2000]);
/// Intune unlock.
pub const UNLOCK: ThrottleFamily = family("Intune unlock", [100, 200], [1000, 2000]);
/// Intune updates.
pub const UPDATES: ThrottleFamily = family("Intune updates", [100, 200], [1000, 2000]);
/// Intune wip.
pub const WIP: ThrottleFamily = family("Intune wip", [100, 200], [1000, 2000]);

/// Every family, in the published order.
pub const ALL: &[ThrottleFamily] = &[
    TUNNEL,
    ANDROID_FOR_WORK,
    APPLICATIONS,
    AUDITING,
    BOOKS,
    BUNDLES,
    CHROMEBOOK_SYNC,
    COMPANY_TERMS,
    DEVICE_CONFIG_V2,
    DEVICE_CONFIGURATION,
    DEVICE_ENROLLMENT,
    DEVICE_INTENT,
    DEVICES,
    ENDPOINT_PROTECTION,
    ENROLLMENT,
    GPANALYTICS,
    MANAGED_APPLICATIONS,
    NOTIFICATIONS,
    ODJ,
    PARTNER_INTEGRATION,
    RBAC,
    REMOTE_ASSISTANCE,
    TELEPHONY,
    TEM,
    TROUBLESHOOTING,
    UNLOCK,
    UPDATES,
    WIP,
];

/// Each family's resources (entity type names), in the published order. The page lists a few
/// enrollment resources in two families with the same limits; the first listed wins.
#[rustfmt::skip]
pub const RESOURCES: &[(&ThrottleFamily, &[&str])] = &[
    (&TUNNEL, &[
        "microsoftTunnelConfiguration", "microsoftTunnelHealthThreshold", "microsoftTunnelServer",
        "microsoftTunnelServerLogCollectionResponse", "microsoftTunnelSite",
    ]),
    (&ANDROID_FOR_WORK, &[
        "androidDeviceOwnerEnrollmentProfile", "androidForWorkAppConfigurationSchema",
        "androidForWorkEnrollmentProfile", "androidForWorkSettings",
        "androidManagedStoreAccountEnterpriseSettings",
        "androidManagedStoreAppConfigurationSchema",
    ]),
    (&APPLICATIONS, &[
        "androidForWorkApp", "androidForWorkMobileAppConfiguration", "androidLobApp",
        "androidManagedStoreApp", "androidManagedStoreAppConfiguration",
        "androidManagedStoreWebApp", "androidStoreApp", "enterpriseCodeSigningCertificate",
        "iosLobApp", "iosLobAppProvisioningConfiguration",
        "iosLobAppProvisioningConfigurationAssignment", "iosMobileAppConfiguration", "iosStoreApp",
        "iosVppApp", "iosVppAppAssignedDeviceLicense", "iosVppAppAssignedLicense",
        "iosVppAppAssignedUserLicense", "macOSLobApp", "macOSMdatpApp", "macOSMicrosoftEdgeApp",
        "macOSOfficeSuiteApp", "macOsVppApp", "macOsVppAppAssignedLicense", "managedAndroidLobApp",
        "managedAndroidStoreApp", "managedApp", "managedDeviceMobileAppConfiguration",
        "managedDeviceMobileAppConfigurationAssignment",
        "managedDeviceMobileAppConfigurationDeviceStatus",
        "managedDeviceMobileAppConfigurationDeviceSummary",
        "managedDeviceMobileAppConfigurationUserStatus",
        "managedDeviceMobileAppConfigurationUserSummary", "managedIOSLobApp", "managedIOSStoreApp",
        "managedMobileLobApp", "microsoftStoreForBusinessApp",
        "microsoftStoreForBusinessContainedApp", "mobileApp", "mobileAppAssignment",
        "mobileAppCategory", "mobileAppContent", "mobileAppContentFile", "mobileAppDependency",
        "mobileAppInstallStatus", "mobileAppInstallSummary",
        "mobileAppProvisioningConfigGroupAssignment", "mobileAppRelationship",
        "mobileAppSupersedence", "mobileContainedApp", "mobileLobApp", "officeSuiteApp",
        "symantecCodeSigningCertificate", "userAppInstallStatus", "webApp", "win32LobApp",
        "windowsAppX", "windowsMicrosoftEdgeApp", "windowsMobileMSI", "windowsPhone81AppX",
        "windowsPhone81AppXBundle", "windowsPhone81StoreApp", "windowsPhoneXAP", "windowsStoreApp",
        "windowsUniversalAppX", "windowsUniversalAppXContainedApp",
    ]),
    (&AUDITING, &[
        "auditEvent",
    ]),
    (&BOOKS, &[
        "deviceInstallState", "eBookInstallSummary", "iosVppEBook", "iosVppEBookAssignment",
        "managedEBook", "managedEBookAssignment", "managedEBookCategory",
        "userInstallStateSummary",
    ]),
    (&BUNDLES, &[
        "assignmentFilterEvaluationStatusDetails", "deviceAndAppManagementAssignmentFilter",
        "deviceCompliancePolicyPolicySetItem", "deviceConfigurationPolicySetItem",
        "deviceManagementConfigurationPolicyPolicySetItem", "deviceManagementScriptPolicySetItem",
        "enrollmentRestrictionsConfigurationPolicySetItem",
        "iosLobAppProvisioningConfigurationPolicySetItem", "managedAppProtectionPolicySetItem",
        "managedDeviceMobileAppConfigurationPolicySetItem",
        "mdmWindowsInformationProtectionPolicyPolicySetItem", "mobileAppPolicySetItem",
        "policySet", "policySetAssignment", "policySetItem",
        "targetedManagedAppConfigurationPolicySetItem",
        "windows10EnrollmentCompletionPageConfigurationPolicySetItem",
        "windowsAutopilotDeploymentProfilePolicySetItem",
    ]),
    (&CHROMEBOOK_SYNC, &[
        "chromeOSOnboardingSettings",
    ]),
    (&COMPANY_TERMS, &[
        "termsAndConditions", "termsAndConditionsAcceptanceStatus", "termsAndConditionsAssignment",
        "termsAndConditionsGroupAssignment",
    ]),
    (&DEVICE_CONFIG_V2, &[
        "deviceManagementConfigurationCategory",
        "deviceManagementConfigurationChoiceSettingCollectionDefinition",
        "deviceManagementConfigurationChoiceSettingDefinition",
        "deviceManagementConfigurationPolicy", "deviceManagementConfigurationPolicyAssignment",
        "deviceManagementConfigurationPolicyTemplate", "deviceManagementConfigurationSetting",
        "deviceManagementConfigurationSettingDefinition",
        "deviceManagementConfigurationSettingGroupCollectionDefinition",
        "deviceManagementConfigurationSettingGroupDefinition",
        "deviceManagementConfigurationSettingTemplate",
        "deviceManagementConfigurationSimpleSettingCollectionDefinition",
        "deviceManagementConfigurationSimpleSettingDefinition",
        "deviceManagementReusablePolicySetting",
    ]),
    (&DEVICE_CONFIGURATION, &[
        "advancedThreatProtectionOnboardingDeviceSettingState",
        "advancedThreatProtectionOnboardingStateSummary", "androidCertificateProfileBase",
        "androidCompliancePolicy", "androidCustomConfiguration",
        "androidDeviceComplianceLocalActionBase", "androidDeviceComplianceLocalActionLockDevice",
        "androidDeviceComplianceLocalActionLockDeviceWithPasscode",
        "androidDeviceOwnerCertificateProfileBase", "androidDeviceOwnerCompliancePolicy",
        "androidDeviceOwnerDerivedCredentialAuthenticationConfiguration",
        "androidDeviceOwnerEnterpriseWiFiConfiguration",
        "androidDeviceOwnerGeneralDeviceConfiguration",
        "androidDeviceOwnerImportedPFXCertificateProfile",
        "androidDeviceOwnerPkcsCertificateProfile", "androidDeviceOwnerScepCertificateProfile",
        "androidDeviceOwnerTrustedRootCertificate", "androidDeviceOwnerVpnConfiguration",
        "androidDeviceOwnerWiFiConfiguration", "androidEasEmailProfileConfiguration",
        "androidEnterpriseWiFiConfiguration", "androidForWorkCertificateProfileBase",
        "androidForWorkCompliancePolicy", "androidForWorkCustomConfiguration",
        "androidForWorkEasEmailProfileBase", "androidForWorkEnterpriseWiFiConfiguration",
        "androidForWorkGeneralDeviceConfiguration", "androidForWorkGmailEasConfiguration",
        "androidForWorkImportedPFXCertificateProfile", "androidForWorkNineWorkEasConfiguration",
        "androidForWorkPkcsCertificateProfile", "androidForWorkScepCertificateProfile",
        "androidForWorkTrustedRootCertificate", "androidForWorkVpnConfiguration",
        "androidForWorkWiFiConfiguration", "androidGeneralDeviceConfiguration",
        "androidImportedPFXCertificateProfile", "androidOmaCpConfiguration",
        "androidPkcsCertificateProfile", "androidScepCertificateProfile",
        "androidTrustedRootCertificate", "androidVpnConfiguration", "androidWiFiConfiguration",
        "androidWorkProfileCertificateProfileBase", "androidWorkProfileCompliancePolicy",
        "androidWorkProfileCustomConfiguration", "androidWorkProfileEasEmailProfileBase",
        "androidWorkProfileEnterpriseWiFiConfiguration",
        "androidWorkProfileGeneralDeviceConfiguration", "androidWorkProfileGmailEasConfiguration",
        "androidWorkProfileNineWorkEasConfiguration", "androidWorkProfilePkcsCertificateProfile",
        "androidWorkProfileScepCertificateProfile", "androidWorkProfileTrustedRootCertificate",
        "androidWorkProfileVpnConfiguration", "androidWorkProfileWiFiConfiguration",
        "aospDeviceOwnerCompliancePolicy", "aospDeviceOwnerDeviceConfiguration",
        "appleDeviceFeaturesConfigurationBase", "appleExpeditedCheckinConfigurationBase",
        "appleVpnConfiguration", "cartToClassAssociation", "defaultDeviceCompliancePolicy",
        "deviceComplianceActionItem", "deviceComplianceDeviceOverview",
        "deviceComplianceDeviceStatus", "deviceCompliancePolicy",
        "deviceCompliancePolicyAssignment", "deviceCompliancePolicyDeviceStateSummary",
        "deviceCompliancePolicyGroupAssignment", "deviceCompliancePolicySettingStateSummary",
        "deviceCompliancePolicyState", "deviceComplianceScheduledActionForRule",
        "deviceComplianceSettingState", "deviceComplianceUserOverview",
        "deviceComplianceUserStatus", "deviceConfiguration", "deviceConfigurationAssignment",
        "deviceConfigurationConflictSummary", "deviceConfigurationDeviceOverview",
        "deviceConfigurationDeviceStateSummary", "deviceConfigurationDeviceStatus",
        "deviceConfigurationGroupAssignment", "deviceConfigurationState",
        "deviceConfigurationUserOverview", "deviceConfigurationUserStateSummary",
        "deviceConfigurationUserStatus", "deviceManagement", "deviceSetupConfiguration",
        "easEmailProfileConfigurationBase", "editionUpgradeConfiguration", "iosCertificateProfile",
        "iosCertificateProfileBase", "iosCompliancePolicy", "iosCustomConfiguration",
        "iosDerivedCredentialAuthenticationConfiguration", "iosDeviceFeaturesConfiguration",
        "iosEasEmailProfileConfiguration", "iosEducationDeviceConfiguration",
        "iosEduDeviceConfiguration", "iosEnterpriseWiFiConfiguration",
        "iosExpeditedCheckinConfiguration", "iosGeneralDeviceConfiguration",
        "iosikEv2VpnConfiguration", "iosImportedPFXCertificateProfile",
        "iosPkcsCertificateProfile", "iosScepCertificateProfile", "iosTrustedRootCertificate",
        "iosUpdateConfiguration", "iosUpdateDeviceStatus", "iosVpnConfiguration",
        "iosWiFiConfiguration", "macOSCertificateProfileBase", "macOSCompliancePolicy",
        "macOSCustomAppConfiguration", "macOSCustomConfiguration",
        "macOSDeviceFeaturesConfiguration", "macOSEndpointProtectionConfiguration",
        "macOSEnterpriseWiFiConfiguration", "macOSExtensionsConfiguration",
        "macOSGeneralDeviceConfiguration", "macOSImportedPFXCertificateProfile",
        "macOSPkcsCertificateProfile", "macOSScepCertificateProfile",
        "macOSSoftwareUpdateAccountSummary", "macOSSoftwareUpdateCategorySummary",
        "macOSSoftwareUpdateConfiguration", "macOSSoftwareUpdateStateSummary",
        "macOSTrustedRootCertificate", "macOSVpnConfiguration", "macOSWiFiConfiguration",
        "macOSWiredNetworkConfiguration", "managedAllDeviceCertificateState",
        "managedDeviceCertificateState", "managedDeviceEncryptionState",
        "managedDeviceMobileAppConfigurationState", "ndesConnector", "restrictedAppsViolation",
        "settingStateDeviceSummary", "sharedPCConfiguration", "softwareUpdateStatusSummary",
        "unsupportedDeviceConfiguration", "vpnConfiguration", "windows10CertificateProfileBase",
        "windows10CompliancePolicy", "windows10CustomConfiguration",
        "windows10DeviceFirmwareConfigurationInterface", "windows10EasEmailProfileConfiguration",
        "windows10EndpointProtectionConfiguration",
        "windows10EnterpriseModernAppManagementConfiguration", "windows10GeneralConfiguration",
        "windows10ImportedPFXCertificateProfile", "windows10MobileCompliancePolicy",
        "windows10NetworkBoundaryConfiguration", "windows10PFXImportCertificateProfile",
        "windows10PkcsCertificateProfile", "windows10SecureAssessmentConfiguration",
        "windows10TeamGeneralConfiguration", "windows10VpnConfiguration",
        "windows81CertificateProfileBase", "windows81CompliancePolicy",
        "windows81GeneralConfiguration", "windows81SCEPCertificateProfile",
        "windows81TrustedRootCertificate", "windows81VpnConfiguration",
        "windows81WifiImportConfiguration", "windowsAssignedAccessProfile",
        "windowsCertificateProfileBase", "windowsDefenderAdvancedThreatProtectionConfiguration",
        "windowsDeliveryOptimizationConfiguration", "windowsDomainJoinConfiguration",
        "windowsHealthMonitoringConfiguration", "windowsIdentityProtectionConfiguration",
        "windowsKioskConfiguration", "windowsPhone81CertificateProfileBase",
        "windowsPhone81CompliancePolicy", "windowsPhone81CustomConfiguration",
        "windowsPhone81GeneralConfiguration", "windowsPhone81ImportedPFXCertificateProfile",
        "windowsPhone81SCEPCertificateProfile", "windowsPhone81TrustedRootCertificate",
        "windowsPhone81VpnConfiguration", "windowsPhoneEASEmailProfileConfiguration",
        "windowsPrivacyDataAccessControlItem", "windowsUpdateForBusinessConfiguration",
        "windowsUpdateState", "windowsVpnConfiguration", "windowsWifiConfiguration",
        "windowsWifiEnterpriseEAPConfiguration",
    ]),
    (&DEVICE_ENROLLMENT, &[
        "complianceManagementPartner", "deviceAppManagement", "deviceCategory",
        "deviceComanagementAuthorityConfiguration", "deviceEnrollmentConfiguration",
        "deviceEnrollmentLimitConfiguration", "deviceEnrollmentPlatformRestrictionsConfiguration",
        "deviceEnrollmentWindowsHelloForBusinessConfiguration",
        "deviceManagementExchangeConnector", "deviceManagementExchangeOnPremisesPolicy",
        "deviceManagementPartner", "enrollmentConfigurationAssignment",
        "mobileThreatDefenseConnector", "onPremisesConditionalAccessSettings", "sideLoadingKey",
        "vppToken", "windows10EnrollmentCompletionPageConfiguration",
    ]),
    (&DEVICE_INTENT, &[
        "deviceManagementAbstractComplexSettingDefinition",
        "deviceManagementAbstractComplexSettingInstance", "deviceManagementBooleanSettingInstance",
        "deviceManagementCollectionSettingDefinition", "deviceManagementCollectionSettingInstance",
        "deviceManagementComplexSettingDefinition", "deviceManagementComplexSettingInstance",
        "deviceManagementIntegerSettingInstance", "deviceManagementIntent",
        "deviceManagementIntentAssignment", "deviceManagementIntentDeviceSettingStateSummary",
        "deviceManagementIntentDeviceState", "deviceManagementIntentDeviceStateSummary",
        "deviceManagementIntentSettingCategory", "deviceManagementIntentUserState",
        "deviceManagementIntentUserStateSummary", "deviceManagementSettingCategory",
        "deviceManagementSettingDefinition", "deviceManagementSettingInstance",
        "deviceManagementStringSettingInstance", "deviceManagementTemplate",
        "deviceManagementTemplateSettingCategory", "securityBaselineCategoryStateSummary",
        "securityBaselineDeviceState", "securityBaselineSettingState", "securityBaselineState",
        "securityBaselineStateSummary", "securityBaselineTemplate",
    ]),
    (&DEVICES, &[
        "applePushNotificationCertificate", "appLogCollectionRequest", "cloudPCConnectivityIssue",
        "comanagementEligibleDevice", "dataSharingConsent", "detectedApp",
        "deviceComplianceScript", "deviceComplianceScriptDeviceState",
        "deviceComplianceScriptRunSummary", "deviceCustomAttributeShellScript",
        "deviceHealthScript", "deviceHealthScriptAssignment", "deviceHealthScriptDeviceState",
        "deviceHealthScriptRunSummary", "deviceLogCollectionResponse", "deviceManagementScript",
        "deviceManagementScriptAssignment", "deviceManagementScriptDeviceState",
        "deviceManagementScriptGroupAssignment", "deviceManagementScriptRunSummary",
        "deviceManagementScriptUserState", "deviceShellScript", "malwareStateForWindowsDevice",
        "managedDevice", "managedDeviceOverview", "remoteActionAudit",
        "userExperienceAnalyticsAppHealthApplicationPerformance",
        "userExperienceAnalyticsAppHealthAppPerformanceByAppVersion",
        "userExperienceAnalyticsAppHealthAppPerformanceByOSVersion",
        "userExperienceAnalyticsAppHealthDeviceModelPerformance",
        "userExperienceAnalyticsAppHealthDevicePerformance",
        "userExperienceAnalyticsAppHealthDevicePerformanceDetails",
        "userExperienceAnalyticsAppHealthOSVersionPerformance", "userExperienceAnalyticsBaseline",
        "userExperienceAnalyticsCategory", "userExperienceAnalyticsDevicePerformance",
        "userExperienceAnalyticsDeviceScores", "userExperienceAnalyticsDeviceStartupHistory",
        "userExperienceAnalyticsDeviceStartupProcess",
        "userExperienceAnalyticsDeviceStartupProcessPerformance",
        "userExperienceAnalyticsDeviceWithoutCloudIdentity",
        "userExperienceAnalyticsImpactingProcess", "userExperienceAnalyticsMetric",
        "userExperienceAnalyticsMetricHistory", "userExperienceAnalyticsNotAutopilotReadyDevice",
        "userExperienceAnalyticsOverview", "userExperienceAnalyticsRegressionSummary",
        "userExperienceAnalyticsRemoteConnection", "userExperienceAnalyticsResourcePerformance",
        "userExperienceAnalyticsScoreHistory", "userExperienceAnalyticsWorkFromAnywhereDevice",
        "userExperienceAnalyticsWorkFromAnywhereMetric", "windowsDeviceMalwareState",
        "windowsMalwareInformation", "windowsManagedDevice", "windowsManagementApp",
        "windowsManagementAppHealthState", "windowsManagementAppHealthSummary",
        "windowsProtectionState",
    ]),
    (&ENDPOINT_PROTECTION, &[
        "deviceManagementDerivedCredentialSettings",
        "deviceManagementResourceAccessProfileAssignment",
        "deviceManagementResourceAccessProfileBase", "windows10XCertificateProfile",
        "windows10XSCEPCertificateProfile", "windows10XTrustedRootCertificate",
        "windows10XVpnConfiguration", "windows10XWifiConfiguration",
    ]),
    (&ENROLLMENT, &[
        "complianceManagementPartner", "deviceAppManagement", "deviceCategory",
        "deviceComanagementAuthorityConfiguration", "deviceEnrollmentConfiguration",
        "deviceEnrollmentLimitConfiguration", "deviceEnrollmentPlatformRestrictionsConfiguration",
        "deviceEnrollmentWindowsHelloForBusinessConfiguration",
        "deviceManagementExchangeConnector", "deviceManagementExchangeOnPremisesPolicy",
        "deviceManagementPartner", "enrollmentConfigurationAssignment",
        "mobileThreatDefenseConnector", "onPremisesConditionalAccessSettings", "sideLoadingKey",
        "vppToken", "windows10EnrollmentCompletionPageConfiguration",
    ]),
    (&GPANALYTICS, &[
        "groupPolicyMigrationReport", "groupPolicyObjectFile", "groupPolicySettingMapping",
        "unsupportedGroupPolicyExtension",
    ]),
    (&MANAGED_APPLICATIONS, &[
        "androidManagedAppProtection", "androidManagedAppRegistration",
        "defaultManagedAppProtection", "iosManagedAppProtection", "iosManagedAppRegistration",
        "managedAppConfiguration", "managedAppOperation", "managedAppPolicy",
        "managedAppPolicyDeploymentSummary", "managedAppProtection", "managedAppRegistration",
        "managedAppStatus", "managedAppStatusRaw", "managedMobileApp",
        "mdmWindowsInformationProtectionPolicy", "targetedManagedAppConfiguration",
        "targetedManagedAppPolicyAssignment", "targetedManagedAppProtection",
        "windowsInformationProtection", "windowsInformationProtectionAppLockerFile",
        "windowsInformationProtectionDeviceRegistration", "windowsInformationProtectionPolicy",
        "windowsInformationProtectionWipeAction",
    ]),
    (&NOTIFICATIONS, &[
        "localizedNotificationMessage", "notificationMessageTemplate",
    ]),
    (&ODJ, &[
        "deviceManagementDomainJoinConnector",
    ]),
    (&PARTNER_INTEGRATION, &[
        "appVulnerabilityManagedDevice", "appVulnerabilityMobileApp", "appVulnerabilityTask",
        "configManagerCollection", "deviceAppManagementTask", "securityConfigurationTask",
        "unmanagedDeviceDiscoveryTask", "vulnerableManagedDevice",
    ]),
    (&RBAC, &[
        "deviceAndAppManagementRoleAssignment", "deviceAndAppManagementRoleDefinition",
        "resourceOperation", "roleAssignment", "roleDefinition", "roleScopeTag",
        "roleScopeTagAutoAssignment",
    ]),
    (&REMOTE_ASSISTANCE, &[
        "remoteAssistancePartner", "remoteAssistanceSettings",
    ]),
    (&TELEPHONY, &[
        "embeddedSIMActivationCodePool", "embeddedSIMActivationCodePoolAssignment",
        "embeddedSIMDeviceState",
    ]),
    (&TEM, &[
        "telecomExpenseManagementPartner",
    ]),
    (&TROUBLESHOOTING, &[
        "appleVppTokenTroubleshootingEvent", "deviceManagementAutopilotEvent",
        "deviceManagementAutopilotPolicyStatusDetail", "deviceManagementTroubleshootingEvent",
        "enrollmentTroubleshootingEvent", "mobileAppIntentAndState",
        "mobileAppTroubleshootingEvent",
    ]),
    (&UNLOCK, &[
        "windowsDefenderApplicationControlSupplementalPolicy",
        "windowsDefenderApplicationControlSupplementalPolicyAssignment",
        "windowsDefenderApplicationControlSupplementalPolicyDeploymentStatus",
        "windowsDefenderApplicationControlSupplementalPolicyDeploymentSummary",
    ]),
    (&UPDATES, &[
        "windowsFeatureUpdateCatalogItem", "windowsFeatureUpdateProfile",
        "windowsFeatureUpdateProfileAssignment", "windowsQualityUpdateCatalogItem",
        "windowsQualityUpdateProfile", "windowsQualityUpdateProfileAssignment",
        "windowsUpdateCatalogItem",
    ]),
    (&WIP, &[
        "intuneBrandingProfile", "intuneBrandingProfileAssignment",
        "windowsInformationProtectionAppLearningSummary",
        "windowsInformationProtectionNetworkLearningSummary",
    ]),
];
