use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    ),
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

// The template's error is the only one: the call below adds none.
fn main() {
    let _ = graph_patch!(DeviceCategory { device_category_id: "c" } set { display_name: "x" });
}
