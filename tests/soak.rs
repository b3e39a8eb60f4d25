//! 2,000 PATCHes through the simulator while about 10 % of requests meet a fault: every update
//! ends applied exactly as sent, none lost, none applied out of order. The faults replay from a
//! printed seed (`GRAPHPATCH_SEED`).

use std::collections::BTreeMap;
use std::time::Duration;

use graphpatch::prelude::*;
use graphpatch::retry::RetryPolicy;
use graphpatch::GraphClient;
use graphpatch_simulator::{Fault, RetryAfter, Simulator};
use graphpatch_test_support::intune::{
    DeviceManagementScriptState, DeviceManagementScriptStatePath, RunState,
};

const ENTITIES: usize = 100;
const UPDATES_PER_ENTITY: usize = 20;
const WORKERS: usize = 8;

fn path(id: &str) -> DeviceManagementScriptStatePath {
    DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {
        device_management_script_id: "soak".into(),
        device_management_script_state_id: id.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_updates_through_ten_percent_faults() {
    // Which requests meet a fault comes from this seed, printed first so that a failed run
    // shows it: `GRAPHPATCH_SEED=<n>` replays the same draws.
    let seed = graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED");
    let sim = Simulator::with_seed(seed)
        .entity::<DeviceManagementScriptState>()
        .token("soak")
        .start()
        .await
        .unwrap();
    for n in 0..ENTITIES {
        let id = format!("state-{n}");
        sim.insert(
            path(&id),
            &DeviceManagementScriptState {
                id,
                run_state: None,
                result_message: None,
                last_state_update_date_time: None,
            },
        );
    }
    // Seven kinds of fault, each on about 1.4 % of requests: about 10 % in all.
    let faults = [
        Fault::Throttle(None),
        Fault::Throttle(Some(RetryAfter::Seconds(0))),
        Fault::Unavailable,
        Fault::GatewayTimeout,
        Fault::DropBeforeHeaders,
        Fault::DropAfterHeaders,
        Fault::TruncatedBody,
    ];
    for fault in faults {
        sim.inject_randomly(0.10 / 7.0, fault, usize::MAX);
    }
    let client = GraphClient::builder()
        .base_url(sim.base_url())
        .token("soak")
        // The backoffs' jitter from the same seed: the retries replay too.
        .jitter_seed(seed)
        .retry(
            RetryPolicy::default()
                .max_retries(10)
                .base_delay(Duration::from_millis(2)),
        )
        .build()
        .unwrap();

    // Each worker owns some entities and updates each of them in order; workers run at once.
    let workers = (0..WORKERS).map(|worker| {
        let client = client.clone();
        tokio::spawn(async move {
            let mut last_sent = BTreeMap::new();
            for round in 0..UPDATES_PER_ENTITY {
                for n in (worker..ENTITIES).step_by(WORKERS) {
                    let id = format!("state-{n}");
                    let message = format!("update {round} of {id}");
                    let run_state = if round % 2 == 0 {
                        RunState::Success
                    } else {
                        RunState::Fail
                    };
                    let request = graph_patch!(DeviceManagementScriptState {
                        device_management_script_id: "soak",
                        device_management_script_state_id: &id,
                    } set {
                        run_state: run_state.clone(),
                        result_message: message.as_str(),
                    });
                    let updated = client
                        .send(request)
                        .await
                        .expect("every update succeeds in the end")
                        .unwrap();
                    assert_eq!(updated.result_message.as_deref(), Some(message.as_str()));
                    last_sent.insert(id, (run_state, message));
                }
            }
            last_sent
        })
    });
    let outcome = tokio::time::timeout(Duration::from_secs(120), futures_join(workers.collect()))
        .await
        .expect("the soak finished in time");

    let mut sent = 0;
    for last_sent in outcome {
        for (id, (run_state, message)) in last_sent {
            let stored = sim.get(path(&id)).unwrap();
            assert_eq!(stored.run_state, Some(run_state), "{id}");
            assert_eq!(stored.result_message, Some(message), "{id}");
            sent += 1;
        }
    }
    assert_eq!(sent, ENTITIES);
    let log = sim.requests();
    let first_attempts = log
        .iter()
        .filter(|r| r.header("retry-attempt").is_none())
        .count();
    assert_eq!(first_attempts, ENTITIES * UPDATES_PER_ENTITY);
    let retries = log.len() - first_attempts;
    assert!(
        retries > 100,
        "only {retries} retries: were faults injected?"
    );

    // Per entity, the bodies that arrived (a retry repeats its predecessor) are the updates in
    // the order they were sent: none lost, none out of order.
    for n in 0..ENTITIES {
        let id = format!("state-{n}");
        let suffix = format!("/runStates/{id}");
        let mut arrived: Vec<String> = Vec::new();
        for request in log.iter().filter(|r| r.path.ends_with(&suffix)) {
            let message = request.json().unwrap()["resultMessage"]
                .as_str()
                .unwrap()
                .to_owned();
            if arrived.last() != Some(&message) {
                arrived.push(message);
            }
        }
        let expected: Vec<String> = (0..UPDATES_PER_ENTITY)
            .map(|round| format!("update {round} of {id}"))
            .collect();
        assert_eq!(arrived, expected, "{id}");
    }
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a worker panicked"));
    }
    out
}
