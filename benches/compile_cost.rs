//! Compile cost: a clean release build of a minimal program doing the seed PATCH with graphpatch
//! against the same program hand-written with reqwest + serde + chrono on the same TLS crypto
//! provider, for each provider (graphpatch's default `aws-lc-rs`, and `ring`), in one run, with
//! each binary's start-up cost (instructions under callgrind until the client is built and the
//! first request would go; skipped without `valgrind`); and, when a generated corpus module is
//! given, a library of the corpus entities built with the graphpatch attributes against a
//! library of the same structs with plain serde derives.
//!
//! ```text
//! cargo bench --bench compile_cost
//! GRAPHPATCH_COMPILE_TLS=ring GRAPHPATCH_COMPILE_ROUNDS=2 cargo bench --bench compile_cost
//! GRAPHPATCH_COMPILE_CORPUS=path/to/generated GRAPHPATCH_COMPILE_PLAIN=path/to/plain \
//!     GRAPHPATCH_COMPILE_TLS=none GRAPHPATCH_COMPILE_PROFILE=both cargo bench --bench compile_cost
//! ```
//!
//! `GRAPHPATCH_COMPILE_TLS` picks the providers (`aws-lc-rs`, `ring`, both by default, or
//! `none`); `GRAPHPATCH_COMPILE_ROUNDS` (default 1) repeats each pair, alternating which of the
//! two builds first; `GRAPHPATCH_COMPILE_PROFILE` picks the profiles of the corpus comparison
//! (`release` by default, `debug`, or `both`); the minimal programs are always release builds.
//!
//! The two corpus modules come from the code generator, the second with its hidden
//! `--plain-serde` (see codegen/README.md); for the whole corpus of this repository:
//!
//! ```text
//! cargo run -p graphpatch-codegen -- --docs tests/fixtures/graph-docs --out target/corpus/generated \
//!     --csdl tests/fixtures/graph-metadata/beta_metadata-2021-07-13.xml api
//! cargo run -p graphpatch-codegen -- --docs tests/fixtures/graph-docs --out target/corpus/plain \
//!     --csdl tests/fixtures/graph-metadata/beta_metadata-2021-07-13.xml --plain-serde api
//! GRAPHPATCH_COMPILE_CORPUS=$PWD/target/corpus/generated GRAPHPATCH_COMPILE_PLAIN=$PWD/target/corpus/plain \
//!     GRAPHPATCH_COMPILE_TLS=none GRAPHPATCH_COMPILE_PROFILE=both cargo bench --bench compile_cost
//! ```
//!
//! Each program is a crate written under `target/compile-cost/`, built offline with the
//! workspace's lock file (so both use the same versions) and `CARGO_INCREMENTAL=0`. A minimal
//! program gets its own empty target directory, so every dependency is compiled, as on a clean
//! machine; the two corpus crates share one, since only the crate itself is timed and their
//! dependencies are the same. The figures are wall-clock seconds and CPU seconds (user +
//! system of cargo and every rustc it ran, from `/proc` on Linux), each with its ratio; on a
//! machine shared with other work the CPU figure is the steadier one. They take minutes on two
//! cores.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const GRAPHPATCH_MAIN: &str = r##"
use graphpatch::prelude::*;

#[graph_enum]
pub enum RunState { Unknown, Success, Fail, ScriptError, Pending, NotApplicable }

#[graph_entity(
    odata_type = "microsoft.graph.deviceManagementScriptState",
    version = "beta",
    path = "/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/runStates/{deviceManagementScriptStateId}",
    patch_odata_type = false,
    permissions(
        delegated_work = ["DeviceManagementManagedDevices.ReadWrite.All"],
        delegated_personal = unsupported,
        application = unsupported,
    ),
)]
#[derive(Debug)]
pub struct DeviceManagementScriptState {
    #[graph(read_only)]
    pub id: String,
    pub run_state: Option<RunState>,
    pub result_message: Option<String>,
    pub last_state_update_date_time: Option<DateTimeOffset>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = GraphClient::builder().token(std::env::var("GRAPH_TOKEN")?).build()?;
    if std::env::var_os("STARTUP_ONLY").is_some() {
        return Ok(());
    }
    let timestamp: DateTimeOffset = "2017-01-01T00:02:58.4418045-08:00".parse()?;
    let request = graph_patch!(DeviceManagementScriptState {
        device_management_script_id: std::env::var("SCRIPT_ID")?,
        device_management_script_state_id: std::env::var("STATE_ID")?,
    } set {
        run_state: RunState::Success,
        result_message: "Result Message value",
        last_state_update_date_time: timestamp,
    });
    println!("{:?}", client.send(request).await?);
    Ok(())
}
"##;

const HAND_MAIN: &str = r##"
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RunState { Unknown, Success, Fail, ScriptError, Pending, NotApplicable }

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Patch {
    run_state: RunState,
    result_message: String,
    last_state_update_date_time: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceManagementScriptState {
    pub id: String,
    pub run_state: Option<RunState>,
    pub result_message: Option<String>,
    pub last_state_update_date_time: Option<DateTime<FixedOffset>>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // INSTALL_PROVIDER
    let http = reqwest::Client::builder().build()?;
    if std::env::var_os("STARTUP_ONLY").is_some() {
        return Ok(());
    }
    let timestamp = DateTime::parse_from_rfc3339("2017-01-01T00:02:58.4418045-08:00")?;
    let url = format!(
        "https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts/{}/runStates/{}",
        std::env::var("SCRIPT_ID")?,
        std::env::var("STATE_ID")?,
    );
    let body = Patch {
        run_state: RunState::Success,
        result_message: "Result Message value".into(),
        last_state_update_date_time: timestamp.to_rfc3339(),
    };
    let response = http
        .patch(url)
        .bearer_auth(std::env::var("GRAPH_TOKEN")?)
        .json(&body)
        .timeout(std::time::Duration::from_secs(100))
        .send()
        .await?
        .error_for_status()?;
    let state: DeviceManagementScriptState = serde_json::from_slice(&response.bytes().await?)?;
    println!("{state:?}");
    Ok(())
}
"##;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes a crate named `name` with `dependencies` and `source` as its root file `root_file`
/// (`main.rs` for a binary, `lib.rs` for a library), beside a copy of the workspace's lock file.
fn write_crate(
    root: &Path,
    name: &str,
    dependencies: &str,
    root_file: &str,
    source: &str,
) -> PathBuf {
    let dir = root.join(name);
    // An earlier run may have left the other kind's root file.
    let _ = std::fs::remove_dir_all(dir.join("src"));
    std::fs::create_dir_all(dir.join("src")).expect("create the crate");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{dependencies}\n\n[workspace]\n"
        ),
    )
    .expect("write the manifest");
    std::fs::write(dir.join("src").join(root_file), source).expect("write the root file");
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy the lock");
    dir
}

/// How long a build took: wall-clock, and CPU time (user + system, every thread of cargo and
/// rustc) where the system says (`None` elsewhere than Linux).
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

/// CPU time (user + system) of the children of this process that have ended and been waited
/// for, theirs included: fields 16 and 17 (`cutime`, `cstime`) of `/proc/self/stat`.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    // In USER_HZ, which Linux fixes at 100 for every program it reports to.
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `cargo` with `args` in `dir`, building into `target`, and times it.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Timing {
    let cpu = children_cpu();
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(args)
        .args(["--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .expect("run cargo");
    let wall = started.elapsed();
    assert!(
        status.success(),
        "cargo {args:?} in {} failed",
        dir.display()
    );
    Timing {
        wall,
        cpu: cpu
            .zip(children_cpu())
            .map(|(before, after)| after - before),
    }
}

/// A clean release build of the crate at `dir`.
fn clean_build(dir: &Path) -> Timing {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    cargo(dir, &target, &["build", "--release"])
}

/// A cargo profile the corpus comparison builds in.
#[derive(Clone, Copy)]
enum Profile {
    Debug,
    Release,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }

    /// `command` with what cargo is passed to build in this profile.
    fn args(self, command: &'static str) -> &'static [&'static str] {
        match (self, command) {
            (Profile::Debug, "build") => &["build"],
            (Profile::Release, "build") => &["build", "--release"],
            (Profile::Debug, _) => &["clean"],
            (Profile::Release, _) => &["clean", "--release"],
        }
    }
}

/// A build in `profile` of the crate at `dir` alone, in `target`, its dependencies built
/// beforehand: the time of compiling the crate itself.
fn crate_build(dir: &Path, name: &str, target: &Path, profile: Profile) -> Timing {
    cargo(dir, target, profile.args("build"));
    cargo(
        dir,
        target,
        &[profile.args("clean"), &["-p", name]].concat(),
    );
    cargo(dir, target, profile.args("build"))
}

/// Builds `a` and `b` with `build` `rounds` times, alternating which goes first, and prints
/// their times and ratios, wall-clock and CPU; the sums' ratios at the end.
fn compare(
    label: &str,
    rounds: usize,
    build: impl Fn(&Path, &str) -> Timing,
    a: (&str, &Path),
    b: (&str, &Path),
) {
    let name = |dir: &Path| dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut timings = Vec::new();
    for round in 0..rounds {
        let (ta, tb) = if round % 2 == 0 {
            let ta = build(a.1, &name(a.1));
            (ta, build(b.1, &name(b.1)))
        } else {
            let tb = build(b.1, &name(b.1));
            (build(a.1, &name(a.1)), tb)
        };
        timings.push((ta, tb));
        println!(
            "{label}, round {}: {}",
            round + 1,
            describe(a.0, b.0, &timings[round..])
        );
    }
    if rounds > 1 {
        println!(
            "{label}, mean of {rounds}: {}",
            describe(a.0, b.0, &timings)
        );
    }
}

/// The mean wall-clock and CPU seconds of each side of `timings`, and the ratios of their sums.
fn describe(a: &str, b: &str, timings: &[(Timing, Timing)]) -> String {
    let n = timings.len() as f64;
    let secs = |d: Duration| d.as_secs_f64();
    let wall_a: f64 = timings.iter().map(|(ta, _)| secs(ta.wall)).sum();
    let wall_b: f64 = timings.iter().map(|(_, tb)| secs(tb.wall)).sum();
    let cpu_a: Option<f64> = timings.iter().map(|(ta, _)| ta.cpu.map(secs)).sum();
    let cpu_b: Option<f64> = timings.iter().map(|(_, tb)| tb.cpu.map(secs)).sum();
    let mut line = format!(
        "{a} {:.1}s, {b} {:.1}s, ratio {:.3} (wall-clock)",
        wall_a / n,
        wall_b / n,
        wall_a / wall_b
    );
    if let (Some(cpu_a), Some(cpu_b)) = (cpu_a, cpu_b) {
        line += &format!(
            "; CPU {:.1}s and {:.1}s, ratio {:.3}",
            cpu_a / n,
            cpu_b / n,
            cpu_a / cpu_b
        );
    }
    line
}

/// Instructions the release binary of the crate at `dir` runs under callgrind until the client
/// is built (`STARTUP_ONLY`), or `None` without valgrind.
fn startup_instructions(dir: &Path, name: &str) -> Option<u64> {
    let binary = dir.join("target/release").join(name);
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(&binary)
        .env("STARTUP_ONLY", "1")
        .env("GRAPH_TOKEN", "startup")
        .env("SCRIPT_ID", "script")
        .env("STATE_ID", "state")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let collected = stderr.lines().find_map(|line| {
        let (_, count) = line.split_once("Collected :")?;
        count.trim().parse().ok()
    });
    assert!(
        output.status.success() && collected.is_some(),
        "{} under callgrind: {stderr}",
        binary.display()
    );
    collected
}

/// The seed program with graphpatch and hand-written on TLS `provider`, built clean in pairs.
fn seed_programs(root: &Path, provider: &str, rounds: usize) {
    let runtime = workspace().join("runtime");
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt-multi-thread"] }"#;
    let graphpatch = write_crate(
        root,
        &format!("seed-graphpatch-{provider}"),
        &format!(
            "graphpatch = {{ path = {:?}, default-features = false, features = [{provider:?}, \"http2\"] }}\n{tokio}",
            runtime.display().to_string()
        ),
        "main.rs",
        GRAPHPATCH_MAIN,
    );
    // The same reqwest features graphpatch asks for, and the provider the same way it is used.
    let (reqwest_tls, rustls, install) = match provider {
        "ring" => (
            "rustls-no-provider",
            "rustls = { version = \"0.23\", default-features = false, features = [\"std\", \"tls12\", \"ring\"] }\n",
            "let _ = rustls::crypto::ring::default_provider().install_default();",
        ),
        _ => ("rustls", "", ""),
    };
    let hand = write_crate(
        root,
        &format!("seed-hand-written-{provider}"),
        &format!(
            "reqwest = {{ version = \"0.13\", default-features = false, features = [\"{reqwest_tls}\", \"http2\", \"json\"] }}\n\
             {rustls}serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
             chrono = {{ version = \"0.4\", default-features = false, features = [\"std\", \"serde\"] }}\n{tokio}"
        ),
        "main.rs",
        &HAND_MAIN.replace("// INSTALL_PROVIDER", install),
    );
    compare(
        &format!("minimal binary, {provider} (clean release build)"),
        rounds,
        |dir, _| clean_build(dir),
        ("graphpatch", &graphpatch),
        ("hand-written", &hand),
    );
    let name = |dir: &Path| dir.file_name().unwrap().to_string_lossy().into_owned();
    match (
        startup_instructions(&graphpatch, &name(&graphpatch)),
        startup_instructions(&hand, &name(&hand)),
    ) {
        (Some(a), Some(b)) => println!(
            "start-up, {provider} (instructions until the client is built): graphpatch {a}, \
             hand-written {b}, ratio {:.3}",
            a as f64 / b as f64
        ),
        _ => println!("start-up, {provider}: valgrind not found, not measured"),
    }
}

fn main() {
    let root = workspace().join("target/compile-cost");
    let runtime = workspace().join("runtime");
    let rounds = std::env::var("GRAPHPATCH_COMPILE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let profiles = match std::env::var("GRAPHPATCH_COMPILE_PROFILE").as_deref() {
        Ok("debug") => vec![Profile::Debug],
        Ok("both") => vec![Profile::Debug, Profile::Release],
        Ok("release") | Err(_) => vec![Profile::Release],
        Ok(other) => panic!("GRAPHPATCH_COMPILE_PROFILE is release, debug or both, not {other:?}"),
    };
    let providers = match std::env::var("GRAPHPATCH_COMPILE_TLS").as_deref() {
        Ok("none") => vec![],
        Ok("aws-lc-rs") => vec!["aws-lc-rs"],
        Ok("ring") => vec!["ring"],
        _ => vec!["aws-lc-rs", "ring"],
    };
    for provider in providers {
        seed_programs(&root, provider, rounds);
    }

    // The corpus comparison needs the generated modules: the graphpatch form and the plain serde
    // form of the same structs (see codegen/README.md).
    if let (Ok(generated), Ok(plain)) = (
        std::env::var("GRAPHPATCH_COMPILE_CORPUS"),
        std::env::var("GRAPHPATCH_COMPILE_PLAIN"),
    ) {
        // Libraries, as a crate of generated types is: in a binary that uses none of them,
        // rustc generates no code for the corpus at all (and warns about every type).
        let lib = |name: &str, module: &str, deps: &str| {
            write_crate(
                &root,
                name,
                deps,
                "lib.rs",
                &format!("#[path = {module:?}]\npub mod generated;\n"),
            )
        };
        let with = lib(
            "corpus-graphpatch",
            &format!("{generated}/mod.rs"),
            &format!(
                "graphpatch = {{ path = {:?} }}",
                runtime.display().to_string()
            ),
        );
        // The plain form still names graphpatch's Edm types (`Binary`, `Double`, …); only the
        // attributes differ.
        let without = lib(
            "corpus-serde",
            &format!("{plain}/mod.rs"),
            &format!(
                "graphpatch = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
                 serde_json = \"1\"",
                runtime.display().to_string()
            ),
        );
        let target = root.join("corpus-target");
        for profile in profiles {
            compare(
                &format!(
                    "corpus entities, {} (the crate alone, dependencies built)",
                    profile.name()
                ),
                rounds,
                |dir, name| crate_build(dir, name, &target, profile),
                ("graphpatch attributes", &with),
                ("plain serde derives", &without),
            );
        }
    } else {
        println!(
            "corpus entities: set GRAPHPATCH_COMPILE_CORPUS and GRAPHPATCH_COMPILE_PLAIN to \
             generated modules to compare"
        );
    }
}
