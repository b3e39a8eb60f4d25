//! `microsoft.graph.iosMobileAppConfiguration`, from `intune-apps-iosmobileappconfiguration-update.md`.

use super::prelude::*;

/// `microsoft.graph.iosMobileAppConfiguration`, from `intune-apps-iosmobileappconfiguration-update.md`.
#[graph_entity(
    odata_type = "microsoft.graph.iosMobileAppConfiguration",
    version = "beta",
    path = "/deviceAppManagement/mobileAppConfigurations/{managedDeviceMobileAppConfigurationId}",
    permissions(
        delegated_work = ["DeviceManagementApps.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementApps.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct IosMobileAppConfiguration {
    /// Key of the entity. Inherited from managedDeviceMobileAppConfiguration
    #[graph(read_only)]
    pub id: String,
    /// the associated app. Inherited from managedDeviceMobileAppConfiguration
    pub targeted_mobile_apps: Option<Vec<String>>,
    /// List of Scope Tags for this App configuration entity. Inherited from
    /// managedDeviceMobileAppConfiguration
    pub role_scope_tag_ids: Option<Vec<String>>,
    /// DateTime the object was created. Inherited from managedDeviceMobileAppConfiguration
    pub created_date_time: Option<DateTimeOffset>,
    /// Admin provided description of the Device Configuration. Inherited from
    /// managedDeviceMobileAppConfiguration
    pub description: Option<String>,
    /// DateTime the object was last modified. Inherited from
    /// managedDeviceMobileAppConfiguration
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// Admin provided name of the device configuration. Inherited from
    /// managedDeviceMobileAppConfiguration
    pub display_name: Option<String>,
    /// Version of the device configuration. Inherited from managedDeviceMobileAppConfiguration
    pub version: Option<i32>,
    /// mdm app configuration Base64 binary.
    pub encoded_setting_xml: Option<Binary>,
    /// app configuration setting items.
    pub settings: Option<Vec<AppConfigurationSettingItem>>,
}
