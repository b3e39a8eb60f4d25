use graphpatch::prelude::*;
use graphpatch::{Flags, Guid};

#[graph_enum(flags)]
pub enum KeyUsages {
    KeyEncipherment,
    DigitalSignature,
}

#[graph_complex(odata_type = "microsoft.graph.auditProperty")]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditProperty {
    pub display_name: Option<String>,
    #[graph(rename = "newValue")]
    pub after: Option<String>,
}

#[graph_complex(odata_type = "microsoft.graph.auditResource")]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditResource {
    pub modified_properties: Option<Vec<AuditProperty>>,
    pub resource_id: Option<Guid>,
}

#[graph_complex(odata_type = "microsoft.graph.groupAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub struct GroupAssignmentTarget {
    pub group_id: Option<String>,
}

#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentTargetBase {}

#[graph_complex(odata_type = "microsoft.graph.deviceAndAppManagementAssignmentTarget")]
#[derive(Debug, Clone, PartialEq)]
pub enum AssignmentTarget {
    Base(AssignmentTargetBase),
    Group(GroupAssignmentTarget),
}

#[graph_entity(
    odata_type = "microsoft.graph.auditEvent",
    version = "beta",
    path = "/deviceManagement/auditEvents/{auditEventId}",
    permissions(
        delegated_work = ["DeviceManagementApps.ReadWrite.All"],
        delegated_personal = unsupported,
        application = ["DeviceManagementApps.ReadWrite.All"],
    ),
)]
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    #[graph(read_only)]
    pub id: String,
    pub resources: Option<Vec<AuditResource>>,
    pub target: Option<AssignmentTarget>,
    pub usage: Option<Flags<KeyUsages>>,
}

fn main() {
    let request = graph_patch!(AuditEvent { audit_event_id: "e1" } set {
        resources: vec![AuditResource {
            modified_properties: Some(vec![AuditProperty {
                display_name: Some("name".into()),
                after: None,
            }]),
            resource_id: None,
        }],
        target: AssignmentTarget::Group(GroupAssignmentTarget { group_id: Some("g".into()) }),
        usage: Flags::from(KeyUsages::DigitalSignature),
    });
    let body = String::from_utf8(request.body().unwrap()).unwrap();
    assert_eq!(
        body,
        r##"{"@odata.type":"#microsoft.graph.auditEvent","resources":[{"@odata.type":"microsoft.graph.auditResource","modifiedProperties":[{"@odata.type":"microsoft.graph.auditProperty","displayName":"name"}]}],"target":{"@odata.type":"microsoft.graph.groupAssignmentTarget","groupId":"g"},"usage":"digitalSignature"}"##
    );
    let changes: AuditEventPatch = serde_json::from_str(&body).unwrap();
    assert_eq!(&changes, request.changes());

    // The base type itself, and a derived type this program does not know.
    let base: AssignmentTarget = serde_json::from_str(
        r#"{"@odata.type":"microsoft.graph.deviceAndAppManagementAssignmentTarget"}"#,
    )
    .unwrap();
    assert_eq!(base, AssignmentTarget::Base(AssignmentTargetBase {}));
    let unknown: AssignmentTarget =
        serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.exclusionGroupAssignmentTarget","groupId":"x"}"##).unwrap();
    assert_eq!(unknown.odata_type(), "microsoft.graph.exclusionGroupAssignmentTarget");
    assert!(serde_json::to_string(&unknown).unwrap().contains(r#""groupId":"x""#));
}
