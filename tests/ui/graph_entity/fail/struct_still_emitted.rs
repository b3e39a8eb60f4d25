use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "v3",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    ),
)]
pub struct DeviceCategory {
    pub display_name: Option<String>,
}

// The struct and its impls exist despite the attribute error: only that error is reported.
fn main() {
    let category = DeviceCategory { display_name: None };
    let _ = category.display_name;
    let _ = graph_patch!(DeviceCategory { device_category_id: "c" } set { display_name: "x" });
    let _ = DeviceCategoryPatch::new().clear_display_name();
}
