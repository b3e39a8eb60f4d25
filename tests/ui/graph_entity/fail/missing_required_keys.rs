use graphpatch::prelude::*;

#[graph_entity(
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    pub display_name: Option<String>,
}

fn main() {}
