//! Entities generated from the Graph docs corpus (`graphpatch_test_support::corpus`), and the
//! hand-annotated seed entities, against their reference pages, read from the corpus at
//! test time (`$GRAPHPATCH_DOCS`, else the copy in `tests/fixtures/graph-docs`): each page's
//! example request decodes as a change set and serializes back to the same JSON, its example
//! response decodes as the entity and serializes back to the same JSON (numbers compared
//! exactly), and the entity's metadata matches the page.

use graphpatch::prelude::*;
use graphpatch::testing::json_diff;
use graphpatch::Flags;
use graphpatch_simulator::Simulator;
use graphpatch_test_support::corpus::{
    self, KeyUsages, ManagedDeviceCertificateState, SubjectAlternativeNameType,
};
use graphpatch_test_support::docs::{self, json_text, Page};
use graphpatch_test_support::intune::{
    DeviceManagementScriptDeviceState, DeviceManagementScriptState,
};

/// A template with its parameter names blanked: the corpus repeats a name in some templates
/// (`…/{deviceConfigurationId}/…/{deviceConfigurationId}`), which the entities rename.
fn shape(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for ch in template.chars() {
        match ch {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(ch),
        }
    }
    out
}

/// The permissions table's cells, or `None` for the pages whose table is per workflow.
fn table_cells(page: &Page) -> Option<[String; 3]> {
    let cell = |kind: &str| {
        let cells: Vec<&String> = page
            .permissions
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, c)| c)
            .collect();
        match cells.as_slice() {
            [one] if !one.is_empty() => Some((*one).clone()),
            _ => None,
        }
    };
    Some([
        cell("Delegated (work or school account)")?,
        cell("Delegated (personal Microsoft account)")?,
        cell("Application")?,
    ])
}

/// Checks one entity against its page; returns the page for further checks.
fn check_page<E: GraphEntity>(name: &str) -> Page {
    let page = docs::corpus_page(&format!("api/{name}"));
    let request = json_text(&page.request.body_text);
    let response = json_text(&page.response.body_text);

    // The example request, as a change set.
    let changes: E::Patch = serde_json::from_str(request)
        .unwrap_or_else(|err| panic!("{name}: request as a change set: {err}"));
    let sent = serde_json::to_string(&changes).unwrap();
    if let Some(diff) = json_diff(request, &sent) {
        panic!("{name}: the change set serializes differently, {diff}\n{sent}");
    }
    assert_eq!(
        E::PATCH_ODATA_TYPE,
        page.request.body.get("@odata.type").is_some(),
        "{name}"
    );

    // The example response, as the entity.
    let entity: E = serde_json::from_str(response)
        .unwrap_or_else(|err| panic!("{name}: response as the entity: {err}"));
    let written = serde_json::to_string(&entity).unwrap();
    if let Some(diff) = json_diff(response, &written) {
        panic!("{name}: the entity serializes differently, {diff}\n{written}");
    }

    // Metadata.
    let odata = page.response.body["@odata.type"].as_str().unwrap();
    assert_eq!(format!("#{}", E::ODATA_TYPE), odata, "{name}");
    assert!(page
        .request
        .path()
        .starts_with(&format!("/{}/", E::VERSION)));
    let ours: Vec<String> = E::PATHS.iter().map(|p| shape(p.template)).collect();
    let theirs: Vec<String> = page.templates.iter().map(|t| shape(t)).collect();
    assert_eq!(ours, theirs, "{name}");
    if let Some([work, personal, app]) = table_cells(&page) {
        assert_eq!(E::PERMISSIONS.delegated_work.to_string(), work, "{name}");
        assert_eq!(
            E::PERMISSIONS.delegated_personal.to_string(),
            personal,
            "{name}"
        );
        assert_eq!(E::PERMISSIONS.application.to_string(), app, "{name}");
    }
    page
}

#[test]
fn audit_event_nested_complex_collections_and_guid() {
    check_page::<corpus::AuditEvent>("intune-auditing-auditevent-update.md");
}

#[test]
fn managed_device_certificate_state_flags() {
    check_page::<ManagedDeviceCertificateState>(
        "intune-deviceconfig-manageddevicecertificatestate-update.md",
    );
}

#[test]
fn conditional_access_guid_collection() {
    check_page::<corpus::OnPremisesConditionalAccessSettings>(
        "intune-onboarding-onpremisesconditionalaccesssettings-update.md",
    );
}

#[test]
fn ebook_assignment_polymorphic_complex() {
    check_page::<corpus::IosVppEBookAssignment>("intune-books-iosvppebookassignment-update.md");
}

#[test]
fn geofence_double_and_single() {
    check_page::<corpus::CircularGeofenceManagementCondition>(
        "intune-fencing-circulargeofencemanagementcondition-update.md",
    );
}

#[test]
fn ios_app_config_binary_and_complex_collection() {
    check_page::<corpus::IosMobileAppConfiguration>(
        "intune-apps-iosmobileappconfiguration-update.md",
    );
}

#[test]
fn ios_app_protection_negative_duration() {
    let page = check_page::<corpus::IosManagedAppProtection>(
        "intune-shared-iosmanagedappprotection-update.md",
    );
    assert!(page.request.body_text.contains("-PT17.1357909S"));
}

#[test]
fn ios_update_time_of_day_on_a_derived_type() {
    check_page::<corpus::IosUpdateConfiguration>(
        "intune-deviceconfig-iosupdateconfiguration-update.md",
    );
}

#[test]
fn log_collection_double_and_int64() {
    check_page::<corpus::DeviceLogCollectionResponse>(
        "intune-devices-devicelogcollectionresponse-update.md",
    );
}

#[test]
fn office_security_stream_and_date_time() {
    check_page::<corpus::WindowsOfficeClientSecurityConfiguration>(
        "intune-cirrus-windowsofficeclientsecurityconfiguration-update.md",
    );
}

#[test]
fn shell_script_duration_and_binary() {
    check_page::<corpus::DeviceShellScript>("intune-devices-deviceshellscript-update.md");
}

#[test]
fn update_for_business_date() {
    check_page::<corpus::WindowsUpdateForBusinessConfiguration>(
        "intune-deviceconfig-windowsupdateforbusinessconfiguration-update.md",
    );
}

#[test]
fn windows10_general_configuration_293_properties() {
    check_page::<corpus::Windows10GeneralConfiguration>(
        "intune-deviceconfig-windows10generalconfiguration-update.md",
    );
    assert_eq!(corpus::Windows10GeneralConfiguration::PROPERTIES.len(), 293);
}

#[test]
fn seed_entities() {
    check_page::<DeviceManagementScriptState>(
        "intune_devicefe_devicemanagementscriptstate_update.md",
    );
    check_page::<DeviceManagementScriptDeviceState>(
        "intune-devices-devicemanagementscriptdevicestate-update.md",
    );
}

/// All 22 templates of one page through `graph_patch!`, each chosen with `at`.
#[test]
fn twenty_two_templates_through_graph_patch() {
    let page = docs::corpus_page("api/intune-deviceconfig-manageddevicecertificatestate-update.md");
    let requests = [
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidWorkProfilePkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidWorkProfileScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidForWorkImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.androidDeviceOwnerImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/microsoft.graph.androidForWorkPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/microsoft.graph.androidForWorkScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsPhone81VpnConfiguration/identityCertificate/microsoft.graph.windowsPhone81SCEPCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSScepCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/microsoft.graph.macOSImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows10PkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows81SCEPCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windows10ImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
        graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/microsoft.graph.windowsPhone81ImportedPFXCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
            device_configuration_id: "config 1",
            managed_device_certificate_state_id: "state/1",
        } set {
            certificate_key_usage: KeyUsages::DigitalSignature,
        }),
    ];
    assert_eq!(requests.len(), page.templates.len());
    for (request, template) in requests.iter().zip(&page.templates) {
        let expected = template
            .replace("{deviceConfigurationId}", "config%201")
            .replace("{managedDeviceCertificateStateId}", "state%2F1");
        assert_eq!(request.path().render().unwrap(), expected);
        assert_eq!(
            String::from_utf8(request.body().unwrap()).unwrap(),
            r##"{"@odata.type":"#microsoft.graph.managedDeviceCertificateState","certificateKeyUsage":"digitalSignature"}"##
        );
    }
}

#[test]
fn flags_round_trip_with_several_and_unknown_members() {
    let patch = graph_patch!(ManagedDeviceCertificateState at "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosPkcsCertificateProfile/managedDeviceCertificateStates/{managedDeviceCertificateStateId}" {
        device_configuration_id: "c",
        managed_device_certificate_state_id: "s",
    } set {
        certificate_key_usage: Flags::from([KeyUsages::KeyEncipherment, KeyUsages::DigitalSignature]),
        certificate_subject_alternative_name_format: Flags::from([
            SubjectAlternativeNameType::EmailAddress,
            SubjectAlternativeNameType::Unrecognized("futureName".into()),
        ]),
    });
    let body = String::from_utf8(patch.body().unwrap()).unwrap();
    assert_eq!(
        body,
        r##"{"@odata.type":"#microsoft.graph.managedDeviceCertificateState","certificateKeyUsage":"keyEncipherment,digitalSignature","certificateSubjectAlternativeNameFormat":"emailAddress,futureName"}"##
    );
    let back: <ManagedDeviceCertificateState as GraphEntity>::Patch =
        serde_json::from_str(&body).unwrap();
    assert_eq!(&back, patch.changes());
}

/// Three entity types share `/deviceManagement/deviceConfigurations/{id}`: the simulator keeps
/// each resource's type, the client sends the derived `@odata.type`, and the response decodes
/// into the derived type.
#[tokio::test]
async fn derived_types_share_their_base_path() {
    use corpus::{IosUpdateConfiguration, IosUpdateConfigurationPath};
    use corpus::{Windows10GeneralConfiguration, Windows10GeneralConfigurationPath};

    let simulator = Simulator::builder()
        .entity::<IosUpdateConfiguration>()
        .entity::<Windows10GeneralConfiguration>()
        .token("t")
        .start()
        .await
        .unwrap();
    let ios_page = docs::corpus_page("api/intune-deviceconfig-iosupdateconfiguration-update.md");
    let windows_page =
        docs::corpus_page("api/intune-deviceconfig-windows10generalconfiguration-update.md");
    let ios: IosUpdateConfiguration =
        serde_json::from_str(json_text(&ios_page.response.body_text)).unwrap();
    let windows: Windows10GeneralConfiguration =
        serde_json::from_str(json_text(&windows_page.response.body_text)).unwrap();
    let ios_path = || IosUpdateConfigurationPath::DeviceConfigurations {
        device_configuration_id: "ios-1".into(),
    };
    let windows_path = || Windows10GeneralConfigurationPath::DeviceConfigurations {
        device_configuration_id: "win-1".into(),
    };
    simulator.insert(ios_path(), &ios);
    simulator.insert(windows_path(), &windows);

    let client = GraphClient::builder()
        .base_url(simulator.base_url())
        .token("t")
        .build()
        .unwrap();
    let changes: <Windows10GeneralConfiguration as GraphEntity>::Patch =
        serde_json::from_str(json_text(&windows_page.request.body_text)).unwrap();
    let updated = client
        .send(Windows10GeneralConfiguration::patch(
            windows_path(),
            changes.clone(),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated, windows);
    let sent = &simulator.requests()[0];
    assert!(json_diff(
        json_text(&windows_page.request.body_text),
        std::str::from_utf8(&sent.body).unwrap()
    )
    .is_none());

    // The same change set aimed at the iOS profile: Graph refuses a change of type.
    let wrong = Windows10GeneralConfiguration::patch(
        Windows10GeneralConfigurationPath::DeviceConfigurations {
            device_configuration_id: "ios-1".into(),
        },
        changes,
    );
    let err = client.send(wrong).await.unwrap_err();
    assert!(err.to_string().contains("iosUpdateConfiguration"), "{err}");
    assert_eq!(simulator.get(ios_path()), Some(ios));
}

/// A change set decodes strictly: each mistake is named.
#[test]
fn change_sets_decode_strictly() {
    type Patch = <corpus::DeviceShellScript as GraphEntity>::Patch;
    let cases = [
        (r#"{"displayName": 5}"#, "property `displayName`"),
        (r#"{"retryCount": 3000000000}"#, "property `retryCount`"),
        (
            r#"{"scriptContent": "not base64!"}"#,
            "property `scriptContent`: invalid Edm.Binary",
        ),
        (r#"{"id": "x"}"#, "read-only"),
        (
            r#"{"nonsense": 1}"#,
            "DeviceShellScript has no property `nonsense`",
        ),
        (
            r#"{"displayName": "a", "displayName": "b"}"#,
            "duplicate field `displayName`",
        ),
        (
            r##"{"@odata.type": "#microsoft.graph.deviceManagementScript"}"##,
            "not #microsoft.graph.deviceManagementScript",
        ),
    ];
    for (body, message) in cases {
        let err = serde_json::from_str::<Patch>(body).unwrap_err().to_string();
        assert!(err.contains(message), "{body}: {err}");
    }
}
