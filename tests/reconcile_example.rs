//! `cargo run --example reconcile_run_states`, run as tools run it: on the embedded simulator
//! with no token, and with `GRAPH_TOKEN` and `--base-url` against a Graph look-alike on
//! loopback, where the test counts what it received.

use std::process::{Command, Output};

use graphpatch::path::CollectionPath;
use graphpatch::GraphEntity;
use graphpatch_simulator::Simulator;
use graphpatch_test_support::intune::{DeviceManagementScriptDeviceState as State, RunState};

fn example(args: &[&str], token: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--offline",
            "--quiet",
            "--example",
            "reconcile_run_states",
            "--",
        ])
        .args(args)
        .env_remove("GRAPH_TOKEN");
    if let Some(token) = token {
        command.env("GRAPH_TOKEN", token);
    }
    command.output().expect("cargo runs")
}

async fn example_async(args: Vec<String>, token: Option<&'static str>) -> Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        example(&args, token)
    })
    .await
    .unwrap()
}

fn last_line(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout.lines().last().unwrap_or_default().to_owned()
}

fn explain(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn it_runs_offline_on_the_embedded_simulator() {
    let run = example(&["--script-id", "demo", "--run-state", "success"], None);
    assert!(run.status.success(), "{}", explain(&run));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("using the embedded Graph simulator"),
        "{stdout}"
    );
    assert_eq!(
        last_line(&run),
        "listed=250 unchanged=42 updated=208 failed=0"
    );

    let dry = example(
        &["--script-id", "demo", "--run-state", "success", "--dry-run"],
        None,
    );
    assert!(dry.status.success(), "{}", explain(&dry));
    assert_eq!(
        last_line(&dry),
        "listed=250 unchanged=42 updated=208 failed=0"
    );

    let filtered = example(
        &[
            "--script-id",
            "demo",
            "--run-state",
            "pending",
            "--filter",
            "runState eq 'fail'",
        ],
        None,
    );
    assert!(filtered.status.success(), "{}", explain(&filtered));
    assert_eq!(
        last_line(&filtered),
        "listed=30 unchanged=0 updated=30 failed=0"
    );
}

const TOKEN: &str = "loopback-token";

async fn loopback(states: usize) -> Simulator {
    let simulator = Simulator::builder()
        .entity::<State>()
        .token(TOKEN)
        .page_size(40)
        .start()
        .await
        .unwrap();
    let collection =
        CollectionPath::find(State::PATHS, &[("device_management_script_id", "s/1")]).unwrap();
    for i in 0..states {
        let state = State {
            id: format!("d{i}"),
            run_state: if i % 4 == 0 {
                RunState::Fail
            } else {
                RunState::Success
            },
            result_message: None,
            last_state_update_date_time: "2024-05-01T08:00:00Z".parse().unwrap(),
            error_code: 0,
            error_description: None,
        };
        simulator.insert_at(&collection.item(format!("d{i}")), &state);
    }
    simulator
}

fn args(simulator: &Simulator, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["--base-url", &simulator.base_url(), "--script-id", "s/1"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_a_loopback_server_it_lists_every_page_and_patches_only_what_differs() {
    let simulator = loopback(100).await;
    let run = example_async(args(&simulator, &["--run-state", "success"]), Some(TOKEN)).await;
    assert!(run.status.success(), "{}", explain(&run));
    assert_eq!(
        last_line(&run),
        "listed=100 unchanged=75 updated=25 failed=0"
    );
    let requests = simulator.requests();
    let gets: Vec<_> = requests.iter().filter(|r| r.method == "GET").collect();
    assert_eq!(gets.len(), 3, "three pages of 40");
    assert_eq!(
        gets[0].path,
        "/beta/deviceManagement/deviceManagementScripts/s%2F1/deviceRunStates"
    );
    assert!(gets[0].query.as_deref().unwrap().starts_with(
        "$select=id,runState,resultMessage,lastStateUpdateDateTime,errorCode,errorDescription"
    ));
    let patches: Vec<_> = requests.iter().filter(|r| r.method == "PATCH").collect();
    assert_eq!(patches.len(), 25);
    for patch in &patches {
        assert_eq!(
            patch.json().unwrap(),
            serde_json::json!({
                "@odata.type": "#microsoft.graph.deviceManagementScriptDeviceState",
                "runState": "success",
            })
        );
    }

    // Run again: nothing left to write.
    simulator.clear_requests();
    let again = example_async(args(&simulator, &["--run-state", "success"]), Some(TOKEN)).await;
    assert!(again.status.success(), "{}", explain(&again));
    assert_eq!(
        last_line(&again),
        "listed=100 unchanged=100 updated=0 failed=0"
    );
    assert!(simulator.requests().iter().all(|r| r.method == "GET"));

    // `--filter` goes out verbatim; `--dry-run` writes nothing.
    simulator.clear_requests();
    let dry = example_async(
        args(
            &simulator,
            &[
                "--run-state",
                "fail",
                "--filter",
                "startswith(id, 'd1')",
                "--dry-run",
            ],
        ),
        Some(TOKEN),
    )
    .await;
    assert!(dry.status.success(), "{}", explain(&dry));
    assert_eq!(last_line(&dry), "listed=11 unchanged=0 updated=11 failed=0");
    let requests = simulator.requests();
    assert!(requests.iter().all(|r| r.method == "GET"));
    assert!(requests[0]
        .query
        .as_deref()
        .unwrap()
        .contains("&$filter=startswith(id,%20%27d1%27)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_list_ends_the_run_with_a_non_zero_exit_naming_the_cause() {
    let simulator = loopback(100).await;
    let elsewhere = Simulator::builder().start().await.unwrap();
    simulator.next_link_base(Some(elsewhere.base_url()));
    let run = example_async(args(&simulator, &["--run-state", "success"]), Some(TOKEN)).await;
    assert!(!run.status.success(), "{}", explain(&run));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("the list failed"), "{stderr}");
    assert!(stderr.contains("@odata.nextLink"), "{stderr}");
    assert!(stderr.contains(&elsewhere.base_url()), "{stderr}");
    assert!(elsewhere.requests().is_empty());
    assert!(
        last_line(&run).starts_with("listed=40 "),
        "{}",
        explain(&run)
    );

    let no_token = example_async(args(&simulator, &["--run-state", "success"]), None).await;
    assert!(!no_token.status.success());
    assert!(String::from_utf8_lossy(&no_token.stderr).contains("GRAPH_TOKEN"));
}
