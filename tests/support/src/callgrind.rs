//! Instruction counts under `valgrind --tool=callgrind`, for the benches: a figure that other
//! work on the machine does not disturb, where a rate or a time would be noise-bound.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The instruction count in a callgrind log (its `Collected : N` line), if it has one.
///
/// ```
/// let log = "==12== Events    : Ir\n==12== Collected : 41398380\n==12==\n";
/// assert_eq!(graphpatch_test_support::callgrind::collected(log), Some(41_398_380));
/// assert_eq!(graphpatch_test_support::callgrind::collected("no count"), None);
/// ```
pub fn collected(log: &str) -> Option<u64> {
    log.lines().find_map(|line| {
        let (_, count) = line.split_once("Collected :")?;
        count.trim().parse().ok()
    })
}

/// Runs the current executable again under callgrind, with the variables `set` given and those
/// in `unset` removed, its profile written to `out` (`/dev/null` to keep none), and returns the
/// instructions it ran. Panics, with valgrind's output, if the run fails or reports no count.
pub fn count_this_binary(set: &[(&str, String)], unset: &[&str], out: &Path) -> u64 {
    let binary = std::env::current_exe().expect("the running executable");
    let mut command = Command::new("valgrind");
    command
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(&binary);
    for name in unset {
        command.env_remove(name);
    }
    command.envs(set.iter().map(|(name, value)| (name, value)));
    let output = command.output().expect("run valgrind (is it installed?)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    match collected(&stderr) {
        Some(count) if output.status.success() => count,
        _ => panic!("{} under callgrind: {stderr}", binary.display()),
    }
}

/// The two request counts a bench's callgrind switch asks for: `spec` is the variable's
/// value, `1` for `default` or `K1,K2`; `variable` names it in the panic a wrong value gets.
/// The figure per request is the difference of the two runs over `K2 − K1`, so `K2 > K1`.
///
/// ```
/// use graphpatch_test_support::callgrind::request_counts;
/// assert_eq!(request_counts("1", (200, 1000), "X"), (200, 1000));
/// assert_eq!(request_counts("50, 150", (200, 1000), "X"), (50, 150));
/// ```
pub fn request_counts(spec: &str, default: (usize, usize), variable: &str) -> (usize, usize) {
    let (k1, k2) = match spec {
        "1" => default,
        _ => spec
            .split_once(',')
            .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
            .unwrap_or_else(|| panic!("{variable} is `1` or `K1,K2`, not {spec:?}")),
    };
    assert!(k2 > k1, "{variable}: K2 must exceed K1");
    (k1, k2)
}

/// Where a bench keeps its callgrind profiles: the folder an environment variable names
/// (created if need be), or nowhere when it is unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profiles(Option<PathBuf>);

impl Profiles {
    /// The folder the variable `variable` names, created; nowhere if it is unset.
    pub fn from_env(variable: &str) -> Profiles {
        let dir = std::env::var_os(variable).map(PathBuf::from);
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|err| panic!("create {variable} ({}): {err}", dir.display()));
        }
        Profiles(dir)
    }

    /// Where the profile `name` goes: in the folder, or `/dev/null` to keep none.
    ///
    /// ```
    /// use graphpatch_test_support::callgrind::Profiles;
    /// let nowhere = Profiles::from_env("GRAPHPATCH_DOC_PROFILES_UNSET");
    /// assert_eq!(nowhere.path("callgrind.x.out"), std::path::Path::new("/dev/null"));
    /// ```
    pub fn path(&self, name: &str) -> PathBuf {
        match &self.0 {
            Some(dir) => dir.join(name),
            None => PathBuf::from("/dev/null"),
        }
    }
}
