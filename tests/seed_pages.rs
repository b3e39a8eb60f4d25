//! The seed page and its successor, end to end: the example's PATCH as the simulator received it
//! equals the page's example request, and the page's example response round-trips through the
//! entity type.

#[allow(dead_code)]
#[path = "../examples/update_script_state.rs"]
mod example;

use clap::Parser;
use graphpatch::metadata::Scopes;
use graphpatch::path::Segment;
use graphpatch::prelude::*;
use graphpatch_simulator::{RecordedRequest, Simulator};
use graphpatch_test_support::docs::{self, Page};
use graphpatch_test_support::intune::{
    DeviceManagementScriptDeviceState, DeviceManagementScriptDeviceStatePath,
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};

const TOKEN: &str = "seed-test-token";

fn page(name: &str) -> Page {
    let path = format!(
        "{}/tests/fixtures/graph-docs/api/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    docs::parse(&text).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The docs' URL path with its `{placeholders}` replaced by the ids a test used.
fn substitute(path: &str, ids: &[(&str, &str)]) -> String {
    ids.iter().fold(path.to_owned(), |path, (name, value)| {
        path.replace(&format!("{{{name}}}"), value)
    })
}

/// The page's permissions table, as the entity's metadata renders it.
fn assert_metadata<E: GraphEntity>(page: &Page) {
    let templates: Vec<&str> = E::PATHS.iter().map(|p| p.template).collect();
    assert_eq!(templates, page.templates);
    let cells = |scopes: Scopes| scopes.to_string();
    let expected: Vec<(String, String)> = vec![
        (
            "Delegated (work or school account)".into(),
            cells(E::PERMISSIONS.delegated_work),
        ),
        (
            "Delegated (personal Microsoft account)".into(),
            cells(E::PERMISSIONS.delegated_personal),
        ),
        ("Application".into(), cells(E::PERMISSIONS.application)),
    ];
    assert_eq!(page.permissions, expected);
    assert!(page
        .request
        .path()
        .starts_with(&format!("/{}/", E::VERSION)));
}

/// What the page's example request shows, against what the simulator received.
fn assert_matches_example(page: &Page, received: &RecordedRequest, ids: &[(&str, &str)]) {
    assert_eq!(received.method, page.request.method);
    assert_eq!(received.path, substitute(page.request.path(), ids));
    assert_eq!(received.query, None);
    assert_eq!(
        received.header("content-type"),
        page.request.header("Content-type")
    );
    // The request-headers table: `Authorization: Bearer {token}`, `Accept: application/json`.
    assert_eq!(
        received.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(received.header("accept"), Some("application/json"));
    let client_request_id = received
        .header("client-request-id")
        .expect("client-request-id");
    assert!(
        uuid::Uuid::parse_str(client_request_id).is_ok(),
        "{client_request_id}"
    );
    assert!(received
        .header("user-agent")
        .is_some_and(|ua| ua.starts_with("graphpatch/")));
    // Byte for byte: same properties, same order, same spelling of every value.
    assert_eq!(
        String::from_utf8_lossy(&received.body),
        docs::minify_json(&page.request.body_text)
    );
    assert_eq!(received.json().unwrap(), page.request.body);
}

/// The page's example response decodes into `E` and re-serializes to the same JSON.
fn assert_response_round_trips<E: GraphEntity + std::fmt::Debug>(page: &Page) -> E {
    assert_eq!(page.response.status, 200);
    let entity: E =
        serde_json::from_str(&page.response.body_text).expect("the example response decodes");
    let again = serde_json::to_string(&entity).unwrap();
    assert_eq!(again, docs::minify_json(&page.response.body_text));
    entity
}

#[tokio::test]
async fn seed_page_example_request_is_what_the_example_sends() {
    let page = page("intune_devicefe_devicemanagementscriptstate_update.md");
    assert_metadata::<DeviceManagementScriptState>(&page);

    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    let (script_id, state_id) = (
        "c5b7a3d1-1f0e-4e8b-9a55-3b1c2d4e5f60",
        "fbfa3cb8-3cb8-fbfa-b83c-fafbb83cfafb",
    );
    let path = DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: script_id.into(),
        device_management_script_state_id: state_id.into(),
    };
    sim.insert(
        path.clone(),
        &DeviceManagementScriptState {
            id: state_id.into(),
            run_state: Some(RunState::Fail),
            result_message: None,
            last_state_update_date_time: None,
        },
    );

    let args = example::Args::parse_from([
        "update_script_state",
        "--base-url",
        &sim.base_url(),
        "--script-id",
        script_id,
        "--state-id",
        state_id,
    ]);
    let mut transcript = Vec::new();
    example::run(args, Some(TOKEN.into()), &mut transcript)
        .await
        .unwrap();
    let transcript = String::from_utf8(transcript).unwrap();
    assert!(
        !transcript.contains(TOKEN),
        "the transcript shows the token:\n{transcript}"
    );
    assert!(
        transcript.contains("authorization: Bearer <redacted>"),
        "{transcript}"
    );
    assert!(transcript.contains("HTTP/1.1 200 OK"), "{transcript}");

    let requests = sim.requests();
    assert_eq!(requests.len(), 1);
    assert_matches_example(
        &page,
        &requests[0],
        &[
            ("deviceManagementScriptId", script_id),
            ("deviceManagementScriptStateId", state_id),
        ],
    );

    // The store now holds the page's example response.
    let expected = assert_response_round_trips::<DeviceManagementScriptState>(&page);
    assert_eq!(sim.get(path).unwrap(), expected);
}

#[tokio::test]
async fn successor_page_every_template() {
    let page = page("intune-devices-devicemanagementscriptdevicestate-update.md");
    assert_metadata::<DeviceManagementScriptDeviceState>(&page);
    let expected = assert_response_round_trips::<DeviceManagementScriptDeviceState>(&page);

    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptDeviceState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token(TOKEN)
        .build()
        .unwrap();
    let state_id = "39440cba-0cba-3944-ba0c-4439ba0c4439";
    let seeded = DeviceManagementScriptDeviceState {
        id: state_id.into(),
        run_state: RunState::Pending,
        result_message: None,
        last_state_update_date_time: "2016-01-01T00:00:00Z".parse().unwrap(),
        error_code: 0,
        error_description: None,
    };
    let timestamp: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00".parse().unwrap();

    // One request per template, each through graph_patch! with the page's example values.
    let requests = [
        graph_patch!(DeviceManagementScriptDeviceState {
            device_shell_script_id: "shell-1",
            device_management_script_device_state_id: state_id,
        } set {
            run_state: RunState::Success,
            result_message: "Result Message value",
            last_state_update_date_time: timestamp,
            error_code: 9,
            error_description: "Error Description value",
        }),
        graph_patch!(DeviceManagementScriptDeviceState {
            device_management_script_id: "script-1",
            device_management_script_device_state_id: state_id,
        } set {
            run_state: RunState::Success,
            result_message: "Result Message value",
            last_state_update_date_time: timestamp,
            error_code: 9,
            error_description: "Error Description value",
        }),
        graph_patch!(DeviceManagementScriptDeviceState {
            device_custom_attribute_shell_script_id: "custom-1",
            device_management_script_device_state_id: state_id,
        } set {
            run_state: RunState::Success,
            result_message: "Result Message value",
            last_state_update_date_time: timestamp,
            error_code: 9,
            error_description: "Error Description value",
        }),
        graph_patch!(DeviceManagementScriptDeviceState {
            device_management_script_device_state_id: state_id,
            device_management_script_user_state_id: "user-1",
            device_management_script_id: "script-1",
        } set {
            run_state: RunState::Success,
            result_message: "Result Message value",
            last_state_update_date_time: timestamp,
            error_code: 9,
            error_description: "Error Description value",
        }),
    ];
    let ids = [
        ("deviceShellScriptId", "shell-1"),
        ("deviceManagementScriptId", "script-1"),
        ("deviceCustomAttributeShellScriptId", "custom-1"),
        ("deviceManagementScriptUserStateId", "user-1"),
        ("deviceManagementScriptDeviceStateId", state_id),
    ];
    for (index, request) in requests.into_iter().enumerate() {
        assert_eq!(
            request.path().template(),
            &DeviceManagementScriptDeviceState::PATHS[index]
        );
        let path = request.path().clone();
        sim.insert_at(&path, &seeded);
        sim.clear_requests();

        let updated = client
            .send(request)
            .await
            .unwrap()
            .expect("200 with the entity");
        assert_eq!(updated, expected);
        assert_eq!(
            sim.get_at::<DeviceManagementScriptDeviceState>(&path)
                .unwrap(),
            expected
        );

        let received = &sim.requests()[0];
        if index == 0 {
            // The page's example uses the first template.
            assert_matches_example(&page, received, &ids);
        } else {
            let template = DeviceManagementScriptDeviceState::PATHS[index].template;
            assert_eq!(received.path, substitute(&format!("/beta{template}"), &ids));
            assert_eq!(
                String::from_utf8_lossy(&received.body),
                docs::minify_json(&page.request.body_text)
            );
        }
    }
}

#[test]
fn path_types_name_each_template() {
    // The generated path enum covers every template with its parameters, in template order.
    let path = DeviceManagementScriptDeviceStatePath::DeviceManagementScriptsUserRunStatesDeviceRunStates {
        device_management_script_id: "s".into(),
        device_management_script_user_state_id: "u".into(),
        device_management_script_device_state_id: "d".into(),
    }
    .resolve();
    assert_eq!(
        path.render().unwrap(),
        "/deviceManagement/deviceManagementScripts/s/userRunStates/u/deviceRunStates/d"
    );
    let segments = DeviceManagementScriptDeviceState::PATHS[3].segments;
    assert_eq!(
        segments[2],
        Segment::Param {
            wire: "deviceManagementScriptId",
            name: "device_management_script_id"
        }
    );
}
