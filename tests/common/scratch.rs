//! Scratch crates for the code generator's integration tests: a crate under this target dir's
//! `tmp/` that depends on graphpatch (and what a test adds), builds into this target dir, offline,
//! with this workspace's lock file, so graphpatch's dependencies are built once for all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// This target dir: the scratch crates build into it.
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target dir")
        .to_owned()
}

/// A scratch crate `name` under this target dir's `tmp/`, depending on graphpatch (default
/// features) and `extra` dependencies, with this workspace's lock file.
pub fn scratch_crate(name: &str, extra: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             # Not part of the graphpatch workspace it sits in.\n[workspace]\n\n\
             [lib]\ndoctest = false\n\n\
             [dependencies]\ngraphpatch = {{ path = {runtime:?} }}\n{extra}"
        ),
    )
    .unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    dir
}

/// Runs cargo in `dir` against this target dir, offline.
pub fn cargo(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        // Right after the subcommand, so that arguments after `--` stay the test binary's.
        .args(&args[..1])
        .arg("--offline")
        .args(&args[1..])
        .output()
        .expect("cargo runs");
    (output, started.elapsed())
}

pub fn assert_success(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
