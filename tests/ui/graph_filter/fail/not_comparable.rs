use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    )
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub role_scope_tag_ids: Vec<String>,
}

fn main() {
    let _ = graph_filter!(DeviceCategory: role_scope_tag_ids eq "0");
}
