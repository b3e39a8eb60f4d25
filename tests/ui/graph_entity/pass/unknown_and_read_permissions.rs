use graphpatch::metadata::{Permissions, Scopes};
use graphpatch::prelude::*;

// No source knows this entity's permissions: the preflight sends its calls unchecked.
#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions = unknown,
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

// Reading needs less than writing.
#[graph_entity(
    odata_type = "microsoft.graph.deviceEnrollmentConfiguration",
    version = "beta",
    path = "/deviceManagement/deviceEnrollmentConfigurations/{deviceEnrollmentConfigurationId}",
    permissions(
        delegated_work = ["DeviceManagementServiceConfig.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementServiceConfig.ReadWrite.All"],
    ),
    read_permissions(
        delegated_work = ["DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementServiceConfig.Read.All"],
    ),
)]
pub struct DeviceEnrollmentConfiguration {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

fn main() {
    assert_eq!(DeviceCategory::PERMISSIONS, Permissions::UNKNOWN);
    assert_eq!(DeviceCategory::READ_PERMISSIONS, Permissions::UNKNOWN);
    assert_eq!(
        DeviceEnrollmentConfiguration::PERMISSIONS.delegated_work,
        Scopes::AnyOf(&["DeviceManagementServiceConfig.ReadWrite.All"])
    );
    assert_eq!(
        DeviceEnrollmentConfiguration::READ_PERMISSIONS.application,
        Scopes::AnyOf(&["DeviceManagementServiceConfig.Read.All"])
    );
}
