//! `microsoft.graph.managedDeviceCertificateState`, from `intune-deviceconfig-manageddevicecertificatestate-update.md`.

use super::prelude::*;

/// `microsoft.graph.managedDeviceCertificateState`, from `intune-deviceconfig-manageddevicecertificatestate-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.managedDeviceCertificateState",
    version = "beta",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidWorkProfilePkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidWorkProfileScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidForWorkImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/microsoft.graph.androidForWorkPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/microsoft.graph.androidForWorkScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsPhone81VpnConfiguration/identityCertificate/microsoft.graph.windowsPhone81SCEPCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows10PkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows81SCEPCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows10ImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windowsPhone81ImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementConfiguration.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedDeviceCertificateState {
    /// Key of the entity.
    #[graph(read_only)]
    pub id: String,
    /// Device platform. Possible values are: `android`, `androidForWork`, `iOS`, `macOS`,
    /// `windowsPhone81`, `windows81AndLater`, `windows10AndLater`, `androidWorkProfile`,
    /// `unknown`, `androidAOSP`.
    pub device_platform: Option<DevicePlatformType>,
    /// Key usage. Possible values are: `keyEncipherment`, `digitalSignature`.
    pub certificate_key_usage: Option<Flags<KeyUsages>>,
    /// Validity period units. Possible values are: `days`, `months`, `years`.
    pub certificate_validity_period_units: Option<CertificateValidityPeriodScale>,
    /// Issuance State. Possible values are: `unknown`, `challengeIssued`,
    /// `challengeIssueFailed`, `requestCreationFailed`, `requestSubmitFailed`,
    /// `challengeValidationSucceeded`, `challengeValidationFailed`, `issueFailed`,
    /// `issuePending`, `issued`, `responseProcessingFailed`, `responsePending`,
    /// `enrollmentSucceeded`, `enrollmentNotNeeded`, `revoked`, `removedFromCollection`,
    /// `renewVerified`, `installFailed`, `installed`, `deleteFailed`, `deleted`,
    /// `renewalRequested`, `requested`.
    pub certificate_issuance_state: Option<CertificateIssuanceStates>,
    /// Key Storage Provider. Possible values are: `useTpmKspOtherwiseUseSoftwareKsp`,
    /// `useTpmKspOtherwiseFail`, `usePassportForWorkKspOtherwiseFail`, `useSoftwareKsp`.
    pub certificate_key_storage_provider: Option<KeyStorageProviderOption>,
    /// Subject name format. Possible values are: `commonName`, `commonNameIncludingEmail`,
    /// `commonNameAsEmail`, `custom`, `commonNameAsIMEI`, `commonNameAsSerialNumber`,
    /// `commonNameAsAadDeviceId`, `commonNameAsIntuneDeviceId`, `commonNameAsDurableDeviceId`.
    pub certificate_subject_name_format: Option<SubjectNameFormat>,
    /// Subject alternative name format. Possible values are: `none`, `emailAddress`,
    /// `userPrincipalName`, `customAzureADAttribute`, `domainNameService`,
    /// `universalResourceIdentifier`.
    pub certificate_subject_alternative_name_format: Option<Flags<SubjectAlternativeNameType>>,
    /// Revoke status. Possible values are: `none`, `pending`, `issued`, `failed`, `revoked`.
    pub certificate_revoke_status: Option<CertificateRevocationStatus>,
    /// Certificate profile display name
    pub certificate_profile_display_name: Option<String>,
    /// Device display name
    pub device_display_name: Option<String>,
    /// User display name
    pub user_display_name: Option<String>,
    /// Certificate expiry date
    pub certificate_expiration_date_time: Option<DateTimeOffset>,
    /// Last certificate issuance state change
    pub certificate_last_issuance_state_changed_date_time: Option<DateTimeOffset>,
    /// Last certificate issuance state change
    pub last_certificate_state_change_date_time: Option<DateTimeOffset>,
    /// Issuer
    pub certificate_issuer: Option<String>,
    /// Thumbprint
    pub certificate_thumbprint: Option<String>,
    /// Serial number
    pub certificate_serial_number: Option<String>,
    /// Key length
    pub certificate_key_length: Option<i32>,
    /// Extended key usage
    pub certificate_enhanced_key_usage: Option<String>,
    /// Validity period
    pub certificate_validity_period: Option<i32>,
    /// Subject name format string for custom subject name formats
    pub certificate_subject_name_format_string: Option<String>,
    /// Subject alternative name format string for custom formats
    pub certificate_subject_alternative_name_format_string: Option<String>,
    /// Issuance date
    pub certificate_issuance_date_time: Option<DateTimeOffset>,
    /// Error code
    pub certificate_error_code: Option<i32>,
}
