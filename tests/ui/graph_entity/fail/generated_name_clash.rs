use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    ),
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub new: Option<bool>,
    pub display_name: Option<String>,
    pub clear_display_name: Option<bool>,
}

fn main() {}
