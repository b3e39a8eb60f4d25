//! The simulator's Graph behaviour, driven with plain HTTP requests: the error bodies a real
//! client would get for mistakes graphpatch's types prevent.

use graphpatch_simulator::Simulator;
use graphpatch_test_support::intune::{
    DeviceManagementScriptDeviceState, DeviceManagementScriptDeviceStatePath, RunState,
};
use serde_json::{json, Value};

const TOKEN: &str = "simulator-test-token";
const PATH: &str = "/beta/deviceManagement/deviceManagementScripts/s1/deviceRunStates/d1";

async fn start() -> Simulator {
    let sim = Simulator::builder()
        .entity::<DeviceManagementScriptDeviceState>()
        .token(TOKEN)
        .start()
        .await
        .unwrap();
    sim.insert(
        DeviceManagementScriptDeviceStatePath::DeviceManagementScriptsDeviceRunStates {
            device_management_script_id: "s1".into(),
            device_management_script_device_state_id: "d1".into(),
        },
        &DeviceManagementScriptDeviceState {
            id: "d1".into(),
            run_state: RunState::Pending,
            result_message: Some("queued".into()),
            last_state_update_date_time: "2017-01-01T00:02:58.4418045-08:00".parse().unwrap(),
            error_code: 0,
            error_description: None,
        },
    );
    sim
}

async fn call(
    sim: &Simulator,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", sim.base_url()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body).unwrap());
    }
    let response = request
        .header("client-request-id", "test-crid")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, body)
}

async fn patch(sim: &Simulator, body: Value) -> (u16, Value) {
    call(sim, reqwest::Method::PATCH, PATH, Some(TOKEN), Some(body)).await
}

fn assert_graph_error(body: &Value, code: &str, message_part: &str) {
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(message_part), "{message}");
    assert_eq!(error["innerError"]["client-request-id"], "test-crid");
    assert!(error["innerError"]["request-id"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
    assert!(error["innerError"]["date"].as_str().is_some());
}

#[tokio::test]
async fn patch_merges_and_get_reads_back() {
    let sim = start().await;
    let (status, body) = patch(
        &sim,
        json!({"runState": "success", "errorDescription": "none", "resultMessage": null}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["runState"], "success");
    assert_eq!(body["resultMessage"], Value::Null);
    assert_eq!(body["errorCode"], 0, "unset properties keep their values");
    let (status, read) = call(&sim, reqwest::Method::GET, PATH, Some(TOKEN), None).await;
    assert_eq!(status, 200);
    assert_eq!(read, body);
}

#[tokio::test]
async fn bad_properties_are_400_and_change_nothing() {
    let sim = start().await;
    let cases = [
        (
            json!({"runStat": "success"}),
            "'runStat' does not exist on type 'microsoft.graph.deviceManagementScriptDeviceState'",
        ),
        (json!({"id": "other"}), "'id' is read-only"),
        (json!({"errorCode": null}), "'errorCode' cannot be null"),
        (
            json!({"errorCode": "nine"}),
            "Invalid value \"nine\" for property 'errorCode'",
        ),
        (
            json!({"errorCode": 1, "lastStateUpdateDateTime": "yesterday"}),
            "property 'lastStateUpdateDateTime'",
        ),
        (
            json!({"@odata.type": "#microsoft.graph.managedDevice", "errorCode": 1}),
            "does not match",
        ),
        (json!(["not", "an", "object"]), "must be a JSON object"),
    ];
    for (body, message) in cases {
        let (status, response) = patch(&sim, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_graph_error(&response, "BadRequest", message);
    }
    let (_, read) = call(&sim, reqwest::Method::GET, PATH, Some(TOKEN), None).await;
    assert_eq!(read["errorCode"], 0);
    assert_eq!(read["runState"], "pending");
}

#[tokio::test]
async fn unknown_enum_values_are_stored_and_returned_unchanged() {
    let sim = start().await;
    let (status, body) = patch(&sim, json!({"runState": "unknownFutureValue"})).await;
    assert_eq!(status, 200);
    assert_eq!(body["runState"], "unknownFutureValue");
}

#[tokio::test]
async fn missing_or_wrong_token_is_401() {
    let sim = start().await;
    for token in [None, Some("other-token")] {
        let (status, body) = call(
            &sim,
            reqwest::Method::PATCH,
            PATH,
            token,
            Some(json!({"errorCode": 1})),
        )
        .await;
        assert_eq!(status, 401);
        assert_graph_error(&body, "InvalidAuthenticationToken", "Access token");
    }
}

#[tokio::test]
async fn unknown_paths_and_ids_are_404() {
    let sim = start().await;
    for path in [
        "/beta/deviceManagement/deviceManagementScripts/s1/deviceRunStates/nope",
        "/beta/deviceManagement/somethingElse/s1",
        "/v1.0/deviceManagement/deviceManagementScripts/s1/deviceRunStates/d1",
    ] {
        let (status, body) = call(
            &sim,
            reqwest::Method::PATCH,
            path,
            Some(TOKEN),
            Some(json!({"errorCode": 1})),
        )
        .await;
        assert_eq!(status, 404, "{path}");
        assert_graph_error(&body, "ResourceNotFound", "");
    }
}

#[tokio::test]
async fn every_request_is_logged_as_received() {
    let sim = start().await;
    patch(&sim, json!({"errorCode": 4})).await;
    call(
        &sim,
        reqwest::Method::GET,
        "/beta/x?$select=id",
        Some(TOKEN),
        None,
    )
    .await;
    let log = sim.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].method, "PATCH");
    assert_eq!(log[0].path, PATH);
    assert_eq!(log[0].json().unwrap(), json!({"errorCode": 4}));
    assert_eq!(log[1].query.as_deref(), Some("$select=id"));
    sim.clear_requests();
    assert!(sim.requests().is_empty());
}
