//! The README's main job, run as a new user runs it: `cargo run --example update_script_state`,
//! with no token and no network, exits 0 and shows the PATCH it sent and Graph's answer.

use std::process::Command;

fn run_example(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--offline",
            "--quiet",
            "--example",
            "update_script_state",
            "--",
        ])
        .args(args)
        .env_remove("GRAPH_TOKEN")
        .output()
        .expect("cargo runs")
}

#[test]
fn main_job_runs_on_the_embedded_simulator() {
    let output = run_example(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("using the embedded Graph simulator at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("PATCH http://127.0.0.1:"), "{stdout}");
    assert!(
        stdout.contains("/beta/deviceManagement/deviceManagementScripts/"),
        "{stdout}"
    );
    assert!(
        stdout.contains("authorization: Bearer <redacted>"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("simulator-token"),
        "the token is printed:\n{stdout}"
    );
    assert!(
        stdout.contains(
            r#"{"runState":"success","resultMessage":"Result Message value","lastStateUpdateDateTime":"2017-01-01T00:02:58.4418045-08:00"}"#
        ),
        "{stdout}"
    );
    assert!(stdout.contains("HTTP/1.1 200 OK"), "{stdout}");
    assert!(stdout.contains(r#""runState": "success""#), "{stdout}");
}

#[test]
fn flags_change_the_request_and_help_explains_them() {
    let output = run_example(&[
        "--run-state",
        "scriptError",
        "--message",
        "exit 3",
        "--state-id",
        "s/1",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(r#""runState":"scriptError","resultMessage":"exit 3""#),
        "{stdout}"
    );
    assert!(stdout.contains("/runStates/s%2F1"), "{stdout}");

    let help = run_example(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success());
    for flag in [
        "--base-url",
        "--script-id",
        "--state-id",
        "--run-state",
        "--message",
        "GRAPH_TOKEN",
    ] {
        assert!(
            text.contains(flag),
            "--help does not mention {flag}:\n{text}"
        );
    }

    let refused = run_example(&["--base-url", "http://127.0.0.1:9"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GRAPH_TOKEN"));
}
