use graphpatch::prelude::*;

#[graph_entity(
    odata_type = "microsoft.graph.deviceCategory",
    version = "v1.0",
    path = "/deviceManagement/deviceCategories/{deviceCategoryId}",
    path = "/deviceManagement/managedDevices/{managedDeviceId}/deviceCategory",
    path = "/deviceManagement/deviceCategoryTypes/{type}",
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.Read.All", "DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementManagedDevices.ReadWrite.All"],
    ),
)]
pub struct DeviceCategory {
    #[graph(read_only)]
    pub id: String,
    /// Renamed: the wire name is not the lowerCamel of the field.
    #[graph(rename = "displayName")]
    pub name: Option<String>,
    pub role_scope_tag_ids: Option<Vec<String>>,
    pub r#type: Option<String>,
}

/// A property named like `Default::default`: the change set's setter must not shadow it in the
/// generated decoder (Graph's `synchronizationTemplate` has one).
#[graph_entity(
    odata_type = "microsoft.graph.synchronizationTemplate",
    version = "v1.0",
    path = "/applications/{applicationId}/synchronization/templates/{synchronizationTemplateId}",
    permissions = unknown,
)]
pub struct SynchronizationTemplate {
    #[graph(read_only)]
    pub id: String,
    pub default: Option<bool>,
}

fn main() {
    assert_eq!(DeviceCategory::VERSION, graphpatch::metadata::ApiVersion::V1);
    assert_eq!(
        DeviceCategory::PERMISSIONS.delegated_work.as_slice(),
        ["DeviceManagementManagedDevices.Read.All", "DeviceManagementManagedDevices.ReadWrite.All"]
    );
    assert!(!DeviceCategory::PERMISSIONS.delegated_personal.is_supported());
    let wires: Vec<&str> = DeviceCategory::PROPERTIES.iter().map(|p| p.wire).collect();
    assert_eq!(wires, ["id", "displayName", "roleScopeTagIds", "type"]);

    let request = graph_patch!(DeviceCategory { managed_device_id: "m" } set {
        name: "Kiosks",
        role_scope_tag_ids: vec!["0".to_owned()],
        r#type: null,
    });
    assert_eq!(
        String::from_utf8(request.body().unwrap()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.deviceCategory","displayName":"Kiosks","roleScopeTagIds":["0"],"type":null}"##
    );
    let read: DeviceCategory = serde_json::from_str(
        r##"{"@odata.type":"#microsoft.graph.deviceCategory","id":"1","displayName":"x","unknownProperty":{"a":1}}"##,
    )
    .unwrap();
    assert_eq!(read.name.as_deref(), Some("x"));
    let _ = DeviceCategoryPath::ManagedDevicesDeviceCategory { managed_device_id: "m".into() };
    // A parameter named like a keyword is a raw identifier.
    let by_type = graph_patch!(DeviceCategory { r#type: "kiosk" } set { name: "Kiosks" });
    assert_eq!(by_type.path().render().unwrap(), "/deviceManagement/deviceCategoryTypes/kiosk");
    let _ = DeviceCategoryPath::DeviceCategoryTypes { r#type: "kiosk".into() };
    // A request clones and prints without the entity being `Clone` or `Debug`.
    assert!(format!("{:?}", request.clone()).contains("role_scope_tag_ids"));
    let template: <SynchronizationTemplate as GraphEntity>::Patch =
        serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.synchronizationTemplate","default":true}"##)
            .unwrap();
    assert_eq!(
        serde_json::to_string(&template).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.synchronizationTemplate","default":true}"##
    );
}
