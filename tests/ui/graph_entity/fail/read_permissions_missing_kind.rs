use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions = unknown,
    read_permissions(delegated_work = ["DeviceManagementManagedDevices.Read.All"]),
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

fn main() {}
