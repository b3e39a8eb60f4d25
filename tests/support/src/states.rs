//! A store of seed-entity script states on the simulator, and the updates the tests send them:
//! what the bulk, batch and reliability tests share.

use std::time::Duration;

use graphpatch::prelude::*;
use graphpatch_simulator::Simulator;
use serde_json::Value;

use crate::intune::{DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState};

/// The id of state number `i`: `state-00042`.
pub fn id(i: usize) -> String {
    format!("state-{i:05}")
}

/// The path of state number `i`, under the script `script`.
pub fn path(i: usize) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "script".into(),
        device_management_script_state_id: id(i),
    }
}

/// Update number `i`: success, with a message that names it.
pub fn update(i: usize) -> PatchRequest<DeviceManagementScriptState> {
    graph_patch!(DeviceManagementScriptState {
        device_management_script_id: "script",
        device_management_script_state_id: id(i),
    } set {
        run_state: RunState::Success,
        result_message: format!("run {i}"),
    })
}

/// A simulator holding `n` pending states, serving the seed entity with `token`, its random
/// faults drawn from a printed seed (`GRAPHPATCH_SEED=<n>` replays a failed run's faults).
pub async fn simulator(n: usize, token: &str) -> Simulator {
    let simulator = Simulator::with_seed(graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED"))
        .entity::<DeviceManagementScriptState>()
        .token(token)
        .start()
        .await
        .expect("the simulator starts");
    insert_pending(&simulator, n);
    simulator
}

/// Stores states `0..n`, pending.
pub fn insert_pending(simulator: &Simulator, n: usize) {
    for i in 0..n {
        simulator.insert(
            path(i),
            &DeviceManagementScriptState {
                id: id(i),
                run_state: Some(RunState::Pending),
                result_message: None,
                last_state_update_date_time: None,
            },
        );
    }
}

/// Whether the store holds update `i` as sent.
pub fn applied(simulator: &Simulator, i: usize) -> bool {
    simulator.get(path(i)).is_some_and(|state| {
        state.run_state == Some(RunState::Success)
            && state.result_message.as_deref() == Some(format!("run {i}").as_str())
    })
}

/// The sub-request ids of each `$batch` POST the simulator received.
pub fn batches(simulator: &Simulator) -> Vec<Vec<String>> {
    simulator
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/beta/$batch")
        .map(|r| {
            let body: Value = r.json().expect("a $batch body is JSON");
            body["requests"]
                .as_array()
                .expect("a $batch body has requests")
                .iter()
                .map(|sub| sub["id"].as_str().expect("each has an id").to_owned())
                .collect()
        })
        .collect()
}

/// Runs `future`, failing the test if it takes longer than a minute: a hang is a failure, not
/// a stuck CI run.
pub async fn bounded<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), future)
        .await
        .expect("the test finished in time")
}
