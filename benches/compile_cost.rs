//! Compile cost: a clean release build of a minimal program doing the seed PATCH with graphpatch
//! (default features) against the same program hand-written with reqwest + serde + chrono, in
//! one run; and, when a generated corpus module is given, the corpus entities built with the
//! graphpatch attributes against the same structs with plain serde derives.
//!
//! ```text
//! cargo bench --bench compile_cost
//! GRAPHPATCH_COMPILE_CORPUS=path/to/generated GRAPHPATCH_COMPILE_PLAIN=path/to/plain \
//!     cargo bench --bench compile_cost
//! ```
//!
//! Each program is a crate written under `target/compile-cost/`, built offline with its own
//! empty target directory (so every dependency is compiled, as on a clean machine) and the
//! workspace's lock file (so both use the same versions). The figures are wall-clock seconds
//! and their ratio; they take minutes on two cores.

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
    let http = reqwest::Client::builder().build()?;
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

/// Writes a binary crate named `name` with `dependencies` and `main`, beside a copy of the
/// workspace's lock file.
fn write_crate(root: &Path, name: &str, dependencies: &str, main: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(dir.join("src")).expect("create the crate");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{dependencies}\n\n[workspace]\n"
        ),
    )
    .expect("write the manifest");
    std::fs::write(dir.join("src/main.rs"), main).expect("write main.rs");
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy the lock");
    dir
}

/// A clean release build of the crate at `dir`: wall-clock time.
fn clean_build(dir: &Path) -> Duration {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--offline", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .expect("run cargo");
    assert!(status.success(), "building {} failed", dir.display());
    started.elapsed()
}

/// A release build of the crate at `dir` alone, its dependencies built beforehand: wall-clock
/// time of compiling the crate itself.
fn crate_build(dir: &Path, name: &str) -> Duration {
    let target = dir.join("target");
    let cargo = |args: &[&str]| {
        let status = Command::new(env!("CARGO"))
            .args(args)
            .args(["--release", "--offline", "--quiet"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .expect("run cargo");
        assert!(
            status.success(),
            "cargo {args:?} in {} failed",
            dir.display()
        );
    };
    cargo(&["build"]);
    cargo(&["clean", "-p", name]);
    let started = Instant::now();
    cargo(&["build"]);
    started.elapsed()
}

/// Builds `a` and `b` with `build` and prints their times and ratio.
fn compare(
    label: &str,
    build: impl Fn(&Path, &str) -> Duration,
    a: (&str, &Path),
    b: (&str, &Path),
) {
    let name = |dir: &Path| dir.file_name().unwrap().to_string_lossy().into_owned();
    let ta = build(a.1, &name(a.1));
    let tb = build(b.1, &name(b.1));
    println!(
        "{label}: {} {:.1}s, {} {:.1}s, ratio {:.3}",
        a.0,
        ta.as_secs_f64(),
        b.0,
        tb.as_secs_f64(),
        ta.as_secs_f64() / tb.as_secs_f64()
    );
}

fn main() {
    let root = workspace().join("target/compile-cost");
    let runtime = workspace().join("runtime");
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt-multi-thread"] }"#;
    let graphpatch = write_crate(
        &root,
        "seed-graphpatch",
        &format!(
            "graphpatch = {{ path = {:?} }}\n{tokio}",
            runtime.display().to_string()
        ),
        GRAPHPATCH_MAIN,
    );
    let hand = write_crate(
        &root,
        "seed-hand-written",
        &format!(
            "reqwest = {{ version = \"0.12\", default-features = false, features = [\"rustls-tls\", \"json\"] }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
             chrono = {{ version = \"0.4\", default-features = false, features = [\"std\", \"serde\"] }}\n{tokio}"
        ),
        HAND_MAIN,
    );
    compare(
        "minimal binary (clean release build)",
        |dir, _| clean_build(dir),
        ("graphpatch", &graphpatch),
        ("hand-written", &hand),
    );

    // The corpus comparison needs the generated modules: the graphpatch form and the plain serde
    // form of the same structs (see codegen/README.md).
    if let (Ok(generated), Ok(plain)) = (
        std::env::var("GRAPHPATCH_COMPILE_CORPUS"),
        std::env::var("GRAPHPATCH_COMPILE_PLAIN"),
    ) {
        let lib = |name: &str, module: &str, deps: &str| {
            write_crate(
                &root,
                name,
                deps,
                &format!("#[path = {module:?}]\nmod generated;\nfn main() {{}}\n"),
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
        compare(
            "corpus entities (the crate alone, dependencies built)",
            crate_build,
            ("graphpatch attributes", &with),
            ("plain serde derives", &without),
        );
    } else {
        println!(
            "corpus entities: set GRAPHPATCH_COMPILE_CORPUS and GRAPHPATCH_COMPILE_PLAIN to \
             generated modules to compare"
        );
    }
}
