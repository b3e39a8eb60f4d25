use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.userExperienceAnalyticsMetric",
    version = "beta",
    path = "/deviceManagement/userExperienceAnalyticsRegressionSummary/modelRegression/{userExperienceAnalyticsMetricId}",
    path = "/deviceManagement/userExperienceAnalyticsRegressionSummary/manufacturerRegression/{userExperienceAnalyticsMetricId}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    )
)]
pub struct UserExperienceAnalyticsMetric {
    #[graph(read_only)]
    pub id: String,
    pub value: graphpatch::Double,
    pub unit: Option<String>,
}

fn main() {
    let _ = graph_patch!(UserExperienceAnalyticsMetric at "/deviceManagement/userExperienceAnalyticsRegressionSummary/osRegression/{userExperienceAnalyticsMetricId}" {
        user_experience_analytics_metric_id: "m",
    } set {
        value: 1.5,
    });
}
