use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.geofence",
    version = "beta",
    path = "/deviceManagement/managementConditions/{managementConditionId}",
    permissions(
        delegated_work = ["DeviceManagementConfiguration.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    ),
)]
pub struct Geofence {
    #[graph(read_only)]
    pub id: String,
    pub latitude: Option<f64>,
    pub radii: Option<Vec<f32>>,
    pub longitude: Option<graphpatch::Double>,
}

fn main() {}
