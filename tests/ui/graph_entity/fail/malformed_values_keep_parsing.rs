use graphpatch::prelude::*;

// Each malformed value is reported, and the keys after it are still read: no "missing" errors.
#[graph_entity(
    odata_type = microsoft.graph.deviceCategory,
    version = beta,
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    patch_odata_type = "no",
    permissions(
        delegated_work = "DeviceManagementManagedDevices.ReadWrite.All",
        delegated_personal = none,
        application = [DeviceManagementManagedDevices],
    ),
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    #[graph(rename = displayName)]
    pub display_name: Option<String>,
}

fn main() {}
