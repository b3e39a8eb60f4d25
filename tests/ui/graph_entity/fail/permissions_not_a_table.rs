use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "beta",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    permissions = unsure,
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

fn main() {}
