//! A library user's build stays lean: with default features, `graphpatch` pulls no HTTP server
//! and none of the project's own tooling, only what a hand-written reqwest + serde + chrono
//! client needs, plus the macros.

use std::process::Command;

/// `package features` lines of `graphpatch`'s normal dependency tree.
fn tree(features: &[&str]) -> Vec<String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--offline",
            "-p",
            "graphpatch",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p} [{f}]"]);
    for feature in features {
        command.args(["--features", feature]);
    }
    let output = command.output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn has_server(lines: &[String]) -> bool {
    lines.iter().any(|line| {
        let (package, features) = line.split_once(" [").unwrap_or((line, ""));
        let features: Vec<&str> = features.trim_end_matches(']').split(',').collect();
        (package.starts_with("hyper v") && features.contains(&"server"))
            || (package.starts_with("hyper-util v")
                && features.iter().any(|f| f.starts_with("server")))
            || package.starts_with("axum v")
    })
}

#[test]
fn default_features_pull_no_http_server_and_no_tooling() {
    let lines = tree(&[]);
    assert!(
        !has_server(&lines),
        "an HTTP server in the default build:\n{}",
        lines.join("\n")
    );
    for tooling in [
        "clap v",
        "trybuild v",
        "criterion v",
        "tokio-macros v",
        "tracing-subscriber v",
    ] {
        assert!(
            !lines.iter().any(|l| l.starts_with(tooling)),
            "{tooling} in the default build"
        );
    }
    // The hand-written client's own dependencies are there, and graphpatch adds the macros.
    for needed in [
        "reqwest v",
        "serde v",
        "serde_json v",
        "chrono v",
        "graphpatch-macros v",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(needed)),
            "{needed} missing from the tree"
        );
    }
    // TLS is rustls: no system OpenSSL.
    assert!(
        !lines.iter().any(|l| l.starts_with("openssl")),
        "OpenSSL in the default build"
    );
}

#[test]
fn the_simulator_feature_is_what_brings_the_server() {
    // The check above can see a server when there is one.
    assert!(has_server(&tree(&["simulator"])));
}
