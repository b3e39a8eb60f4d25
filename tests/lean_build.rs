//! A library user's build stays lean: `graphpatch` pulls no HTTP server (the simulator is a
//! crate of its own) and none of the project's own tooling, only what a hand-written reqwest +
//! serde + chrono client needs, plus the macros.

use std::collections::BTreeSet;
use std::process::Command;

/// `cargo tree` for `package`'s normal dependencies, with `args` added: its output, or its
/// error message.
fn try_cargo_tree(package: &str, args: &[&str]) -> Result<Vec<String>, String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "-p", package, "-e", "normal"])
        .args(args)
        .output()
        .expect("cargo runs");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect())
}

/// The lines `cargo tree` prints for `graphpatch`'s normal dependencies, with `args` added.
fn cargo_tree(args: &[&str]) -> Vec<String> {
    try_cargo_tree("graphpatch", args).unwrap_or_else(|err| panic!("cargo tree failed: {err}"))
}

/// `package [features]` lines of `package`'s normal dependency tree.
fn tree_of(package: &str) -> Vec<String> {
    try_cargo_tree(package, &["--prefix", "none", "--format", "{p} [{f}]"])
        .unwrap_or_else(|err| panic!("cargo tree failed: {err}"))
}

/// `package [features]` lines of `graphpatch`'s normal dependency tree.
fn tree() -> Vec<String> {
    tree_of("graphpatch")
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

/// Fails naming the first of `packages` (`name v` prefixes) that `lines` of a tree hold.
fn assert_not_built(lines: &[String], packages: &[&str]) {
    for package in packages {
        assert!(
            !lines.iter().any(|l| l.starts_with(package)),
            "{package} in the default build:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn default_features_pull_no_http_server_and_no_tooling() {
    let lines = tree();
    assert!(
        !has_server(&lines),
        "an HTTP server in the default build:\n{}",
        lines.join("\n")
    );
    assert_not_built(
        &lines,
        &[
            "clap v",
            "trybuild v",
            "criterion v",
            "tokio-macros v",
            "tracing-subscriber v",
        ],
    );
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
    // TLS is rustls: no system OpenSSL. (`openssl-probe`, under the platform certificate
    // verifier, only finds where the system keeps its root certificates.)
    assert_not_built(&lines, &["openssl v", "openssl-sys v"]);
}

#[test]
fn no_crate_a_hand_written_client_would_not_build() {
    // Request ids and jitter draw from std's randomly keyed hasher, only UTC time is read, and
    // the error types' `Display` impls are written out: neither `getrandom` (uuid's `v4`), nor
    // `iana-time-zone` (chrono's `clock`), nor thiserror and its derive is built for them.
    assert_not_built(
        &tree(),
        &[
            "getrandom v",
            "rand v",
            "iana-time-zone v",
            "thiserror v",
            "thiserror-impl v",
        ],
    );
}

/// The crates a user's program shares with graphpatch, of which a second version would be a
/// second full compile of our making.
const SHARED: [&str; 6] = ["syn", "reqwest", "hyper", "http", "rustls", "base64"];

/// The packages `cargo tree -d` output (`{p}` lines) shows in more than one version.
fn duplicated(lines: &[String]) -> BTreeSet<String> {
    let mut versions: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
    for line in lines {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next()) {
            if version.starts_with('v') {
                versions.entry(name).or_default().insert(version);
            }
        }
    }
    versions
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(name, _)| name.to_owned())
        .collect()
}

#[test]
fn one_version_of_each_shared_crate() {
    // The exact form of the check: `cargo tree -p graphpatch -d -e normal,build`.
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--offline",
            "-p",
            "graphpatch",
            "-d",
            "-e",
            "normal,build",
        ])
        .args(["--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect();
    let twice = duplicated(&lines);
    for name in SHARED {
        assert!(
            !twice.contains(name),
            "two versions of {name} in graphpatch's build:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn the_duplicate_check_sees_a_second_version() {
    // What `cargo tree -d --prefix none --format {p}` printed with syn 2 beside syn 3.
    let lines = [
        "syn v2.0.119",
        "graphpatch-macros v0.1.0 (proc-macro) (/src/macros)",
        "syn v3.0.10",
        "serde_derive v1.0.228 (proc-macro)",
        "syn v3.0.10",
    ]
    .map(String::from);
    assert_eq!(duplicated(&lines), BTreeSet::from(["syn".to_owned()]));
    assert!(duplicated(&lines[1..]).is_empty());
}

/// Package names in `graphpatch`'s normal dependency tree, split into those a hand-written
/// client already has (under reqwest, serde, serde_json and chrono) and the rest. What only
/// uuid brings (its random source: a client on ring had it under ring, one on aws-lc-rs does
/// not) counts as part of uuid, not as a crate of its own.
fn against_hand_written_client() -> (BTreeSet<String>, BTreeSet<String>) {
    let lines = cargo_tree(&["--no-dedupe", "--prefix", "depth", "--format", "{p}"]);
    let baseline_roots = ["reqwest", "serde", "serde_json", "chrono"];
    let (mut all, mut baseline) = (BTreeSet::new(), BTreeSet::new());
    let mut ancestors: Vec<String> = Vec::new();
    for line in &lines {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let Ok(depth) = line[..digits].parse::<usize>() else {
            continue;
        };
        let name = line[digits..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        ancestors.truncate(depth);
        ancestors.push(name.clone());
        if depth == 0 {
            continue;
        }
        if baseline_roots.contains(&ancestors[1].as_str()) {
            baseline.insert(name.clone());
        }
        // Reached through uuid here: counted only if some other path reaches it too.
        if ancestors[1] != "uuid" || depth == 1 {
            all.insert(name);
        }
    }
    let extra = all.difference(&baseline).cloned().collect();
    (baseline, extra)
}

#[test]
fn beyond_a_hand_written_client_only_the_macros_and_three_leaf_crates() {
    let (baseline, extra) = against_hand_written_client();
    assert!(
        baseline.contains("hyper") && baseline.contains("rustls"),
        "{baseline:?}"
    );
    let allowed: BTreeSet<String> = [
        "base64",
        "graphpatch-macros",
        "graphpatch-naming",
        "thiserror",
        "thiserror-impl",
        "uuid",
    ]
    .map(String::from)
    .into();
    assert!(
        extra.is_subset(&allowed),
        "packages beyond a hand-written client: {extra:?}"
    );
    assert!(extra.contains("graphpatch-macros"));
}

#[test]
fn no_hyper_server_feature_and_no_simulator_feature() {
    // The exact form of the check: `cargo tree -p graphpatch -e normal -f '{p} {f}'`.
    let lines = cargo_tree(&["-f", "{p} {f}"]);
    let hyper: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("hyper v"))
        .collect();
    assert!(!hyper.is_empty(), "reqwest's hyper is not in the tree");
    for line in hyper {
        // `(*)` may follow the features of a line already printed: look at every word.
        assert!(
            !line.split([' ', ',']).any(|f| f == "server"),
            "hyper with its server feature: {line}"
        );
    }
    let err = try_cargo_tree("graphpatch", &["--features", "simulator"])
        .expect_err("graphpatch has a `simulator` feature");
    assert!(err.contains("simulator"), "{err}");
}

#[test]
fn the_simulator_crate_is_what_brings_the_server() {
    // The checks above can see a server when there is one.
    assert!(has_server(&tree_of("graphpatch-simulator")));
    let lines = try_cargo_tree("graphpatch-simulator", &["-f", "{p} {f}"]).unwrap();
    assert!(
        lines
            .iter()
            .any(|line| line.contains("hyper v") && line.contains("server")),
        "{lines:?}"
    );
}
