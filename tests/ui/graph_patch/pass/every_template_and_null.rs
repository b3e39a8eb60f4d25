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

// A singleton: its one template has no parameters.
#[graph_entity(
    odata_type = "microsoft.graph.sharepointSettings",
    version = "v1.0",
    path = "/admin/sharepoint/settings",
    permissions(
        delegated_work = ["SharePointTenantSettings.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["SharePointTenantSettings.ReadWrite.All"],
    )
)]
pub struct SharepointSettings {
    pub is_commenting_on_site_pages_enabled: Option<bool>,
}

fn main() {
    // `at` picks one of two templates that take the same parameters.
    let metric = graph_patch!(UserExperienceAnalyticsMetric
        at "/deviceManagement/userExperienceAnalyticsRegressionSummary/manufacturerRegression/{userExperienceAnalyticsMetricId}"
    {
        user_experience_analytics_metric_id: "m",
    } set {
        value: 1.5,
        unit: null,
    });
    assert_eq!(metric.path().template(), &UserExperienceAnalyticsMetric::PATHS[1]);
    assert_eq!(
        String::from_utf8(metric.body().unwrap()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.userExperienceAnalyticsMetric","value":1.5,"unit":null}"##
    );

    // Values convert with `Into`, parameters take anything `Display`, any order.
    let id = uuid::Uuid::nil();
    let message = String::from("done");
    let state = graph_patch!(graphpatch_test_support::intune::DeviceManagementScriptDeviceState {
        device_management_script_device_state_id: id,
        device_management_script_id: 42,
    } set {
        result_message: &message,
        error_code: 7u8,
        error_description: null,
    });
    assert_eq!(
        state.path().render().unwrap(),
        "/deviceManagement/deviceManagementScripts/42/deviceRunStates/00000000-0000-0000-0000-000000000000"
    );

    // No parameters: the template is checked in a constant of its own.
    let settings = graph_patch!(SharepointSettings {} set {
        is_commenting_on_site_pages_enabled: false,
    });
    assert_eq!(settings.path().render().unwrap(), "/admin/sharepoint/settings");
    assert_eq!(
        String::from_utf8(settings.body().unwrap()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.sharepointSettings","isCommentingOnSitePagesEnabled":false}"##
    );

    // The builder API produces the same request.
    use graphpatch_test_support::intune::{DeviceManagementScriptDeviceStatePatch as Patch, DeviceManagementScriptDeviceStatePath as Path};
    let built = graphpatch_test_support::intune::DeviceManagementScriptDeviceState::patch(
        Path::DeviceManagementScriptsDeviceRunStates {
            device_management_script_id: "42".into(),
            device_management_script_device_state_id: id.to_string(),
        },
        Patch::new().result_message("done").error_code(7).clear_error_description(),
    );
    assert_eq!(built.body().unwrap(), state.body().unwrap());
    assert_eq!(built.path(), state.path());
}
