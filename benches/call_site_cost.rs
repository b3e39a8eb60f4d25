//! Call-site compile cost: a library crate of N `graph_patch!` calls against the same N requests
//! built with the generated builder (`Entity::patch(Path::…, Patch::new().field(…))`), on the
//! 4-property seed entity and on the 293-property `windows10GeneralConfiguration`. Prints each
//! crate's build time, the time per call site above an empty crate, and the macro's ratio to
//! the builder.
//!
//! ```text
//! cargo bench --bench call_site_cost
//! GRAPHPATCH_CALL_SITES=300 GRAPHPATCH_CALL_SITE_ROUNDS=3 cargo bench --bench call_site_cost
//! GRAPHPATCH_CALL_SITE_CALLGRIND=1 cargo bench --bench call_site_cost
//! ```
//!
//! With `GRAPHPATCH_CALL_SITE_CALLGRIND` it prints instructions per call site instead of times:
//! rustc under `valgrind --tool=callgrind` (which must be installed) compiling crates of 50 and
//! 150 call sites of each form (`GRAPHPATCH_CALL_SITE_CALLGRIND_SITES=N1,N2`), the difference
//! divided by 100. Wall-clock ratios run above these: the builder's cost is mostly code
//! generation, which runs on several cores, the macro's extra cost is checking, which runs on one.
//!
//! Each crate is written under `target/call-site-cost/` and built in debug with
//! `CARGO_INCREMENTAL=0` against the workspace's lock file; its dependencies (graphpatch and
//! the test-support crate that holds the entities) are built once beforehand, so the times are
//! of compiling the call sites alone. Rounds alternate which form builds first.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use graphpatch_test_support::callgrind;

/// An entity to call: its import, and one call site in each form for index `i`.
struct Entity {
    label: &'static str,
    import: &'static str,
    macro_call: fn(usize) -> String,
    builder_call: fn(usize) -> String,
}

const SEED: Entity = Entity {
    label: "seed entity (4 properties)",
    import: "use graphpatch_test_support::intune::*;",
    macro_call: |i| {
        format!(
            "pub fn call{i}(id: String) -> PatchRequest<DeviceManagementScriptState> {{\n    \
             graph_patch!(DeviceManagementScriptState {{\n        \
             device_management_script_id: \"script\",\n        \
             device_management_script_state_id: id,\n    }} set {{\n        \
             run_state: RunState::Success,\n        result_message: \"message {i}\",\n    }})\n}}\n"
        )
    },
    builder_call: |i| {
        format!(
            "pub fn call{i}(id: String) -> PatchRequest<DeviceManagementScriptState> {{\n    \
             DeviceManagementScriptState::patch(\n        \
             DeviceManagementScriptStatePath::DeviceManagementScriptsRunStates {{\n            \
             device_management_script_id: \"script\".into(),\n            \
             device_management_script_state_id: id,\n        }},\n        \
             DeviceManagementScriptStatePatch::new()\n            \
             .run_state(RunState::Success)\n            .result_message(\"message {i}\"),\n    )\n}}\n"
        )
    },
};

const WINDOWS10: Entity = Entity {
    label: "windows10GeneralConfiguration (293 properties)",
    import: "use graphpatch_test_support::corpus::*;",
    macro_call: |i| {
        format!(
            "pub fn call{i}(id: String) -> PatchRequest<Windows10GeneralConfiguration> {{\n    \
             graph_patch!(Windows10GeneralConfiguration {{ device_configuration_id: id }} set {{\n        \
             display_name: \"name {i}\",\n        \
             data_protection_block_direct_memory_access: true,\n        \
             uninstall_built_in_apps: false,\n    }})\n}}\n"
        )
    },
    builder_call: |i| {
        format!(
            "pub fn call{i}(id: String) -> PatchRequest<Windows10GeneralConfiguration> {{\n    \
             Windows10GeneralConfiguration::patch(\n        \
             Windows10GeneralConfigurationPath::DeviceConfigurations {{ device_configuration_id: id }},\n        \
             Windows10GeneralConfigurationPatch::new()\n            \
             .display_name(\"name {i}\")\n            \
             .data_protection_block_direct_memory_access(true)\n            \
             .uninstall_built_in_apps(false),\n    )\n}}\n"
        )
    },
};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes the crate's manifest (once) beside a copy of the workspace's lock file.
fn write_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("create the crate");
    let path = |p: &str| workspace().join(p).display().to_string();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"call-sites\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ngraphpatch = {{ path = {:?} }}\ngraphpatch-test-support = {{ path = {:?} }}\n\n\
             [workspace]\n",
            path("runtime"),
            path("tests/support"),
        ),
    )
    .expect("write the manifest");
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy the lock");
}

/// Builds the crate at `dir` with `source` as its library, its dependencies already built, with
/// `env` added to cargo's environment: the wall-clock time of compiling it.
fn build(dir: &Path, source: &str, env: &[(&str, String)]) -> Duration {
    std::fs::write(dir.join("src/lib.rs"), source).expect("write lib.rs");
    let cargo = |args: &[&str]| {
        let status = Command::new(env!("CARGO"))
            .args(args)
            .args(["--offline", "--quiet"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("CARGO_INCREMENTAL", "0")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .status()
            .expect("run cargo");
        assert!(
            status.success(),
            "cargo {args:?} in {} failed",
            dir.display()
        );
    };
    cargo(&["clean", "-p", "call-sites"]);
    let started = Instant::now();
    cargo(&["build"]);
    started.elapsed()
}

/// Instructions rustc runs compiling the crate at `dir` with `source` as its library: rustc
/// under `valgrind --tool=callgrind`, through cargo's `RUSTC_WORKSPACE_WRAPPER` (so only this
/// crate, not its dependencies, is counted), read from valgrind's log of that compile.
fn instructions(dir: &Path, source: &str) -> u64 {
    let logs = dir.join("callgrind");
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs).expect("create the log folder");
    // Cargo runs the wrapper with rustc's path and arguments; valgrind takes its tool's
    // options on its command line only, hence a script.
    let wrapper = dir.join("rustc-under-callgrind.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file=/dev/null \
             --log-file={}/%p.log \"$@\"\n",
            logs.display()
        ),
    )
    .expect("write the wrapper");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
            .expect("make the wrapper executable");
    }
    build(
        dir,
        source,
        &[("RUSTC_WORKSPACE_WRAPPER", wrapper.display().to_string())],
    );
    let mut counts = std::fs::read_dir(&logs)
        .expect("read the logs")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .filter(|log| log.contains("--crate-name call_sites"))
        .filter_map(|log| callgrind::collected(&log));
    let count = counts
        .next()
        .expect("a callgrind log of the crate's compile");
    assert!(counts.next().is_none(), "one compile of the crate");
    count
}

fn source(entity: &Entity, call: fn(usize) -> String, n: usize) -> String {
    let mut source = format!(
        "#![allow(unused, clippy::all)]\nuse graphpatch::prelude::*;\n{}\n\n",
        entity.import
    );
    for i in 0..n {
        source.push_str(&call(i));
    }
    source
}

fn main() {
    let n = env_usize("GRAPHPATCH_CALL_SITES", 300);
    let rounds = env_usize("GRAPHPATCH_CALL_SITE_ROUNDS", 2);
    let dir = workspace().join("target/call-site-cost/call-sites");
    write_crate(&dir);
    // The dependencies, built once.
    build(&dir, &source(&SEED, SEED.macro_call, 1), &[]);
    if std::env::var_os("GRAPHPATCH_CALL_SITE_CALLGRIND").is_some() {
        callgrind(&dir);
        return;
    }
    for entity in [&SEED, &WINDOWS10] {
        let (mut empty, mut macros, mut builders) = (0.0, 0.0, 0.0);
        for round in 0..rounds {
            let empty_time = build(&dir, &source(entity, entity.macro_call, 0), &[]).as_secs_f64();
            let time = |call| build(&dir, &source(entity, call, n), &[]).as_secs_f64();
            let (m, b) = if round % 2 == 0 {
                let m = time(entity.macro_call);
                (m, time(entity.builder_call))
            } else {
                let b = time(entity.builder_call);
                (time(entity.macro_call), b)
            };
            println!(
                "{}, round {}: empty {empty_time:.2}s, {n} graph_patch! {m:.2}s, {n} builder calls {b:.2}s",
                entity.label,
                round + 1
            );
            empty += empty_time;
            macros += m;
            builders += b;
        }
        let r = rounds as f64;
        let (empty, macros, builders) = (empty / r, macros / r, builders / r);
        let per_site = |total: f64| (total - empty) * 1000.0 / n as f64;
        println!(
            "{}: mean of {rounds}: graph_patch! {:.2} ms per call site, builder {:.2} ms per call \
             site, ratio {:.2} (whole crates {macros:.2}s vs {builders:.2}s)",
            entity.label,
            per_site(macros),
            per_site(builders),
            per_site(macros) / per_site(builders),
        );
    }
}

/// Instructions per call site of each form, under callgrind: the difference between crates of
/// `GRAPHPATCH_CALL_SITE_CALLGRIND_SITES` call sites (default 50 and 150), so the crate's fixed
/// costs cancel. Repeatable to the instruction on the same toolchain and dependencies, whatever
/// else the machine is doing.
fn callgrind(dir: &Path) {
    let (n1, n2) = match std::env::var("GRAPHPATCH_CALL_SITE_CALLGRIND_SITES") {
        Ok(spec) => spec
            .split_once(',')
            .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
            .expect("GRAPHPATCH_CALL_SITE_CALLGRIND_SITES is `N1,N2`"),
        Err(_) => (50, 150),
    };
    assert!(
        n2 > n1,
        "GRAPHPATCH_CALL_SITE_CALLGRIND_SITES: N2 must exceed N1"
    );
    for entity in [&SEED, &WINDOWS10] {
        let per_site = |call| {
            let a = instructions(dir, &source(entity, call, n1));
            let b = instructions(dir, &source(entity, call, n2));
            b.saturating_sub(a) as f64 / (n2 - n1) as f64
        };
        let (macros, builders) = (per_site(entity.macro_call), per_site(entity.builder_call));
        println!(
            "{}: instructions per call site ({n2} minus {n1} sites): graph_patch! {:.0}, builder \
             {:.0}, ratio {:.2}",
            entity.label,
            macros,
            builders,
            macros / builders
        );
    }
}
