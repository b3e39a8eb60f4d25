//! The simulator's own seeded randomness: every random fault and every generated id comes from
//! one [`SplitMix64`] stream, so a seed replays a run.

use std::hash::{BuildHasher, Hasher};

/// Sebastiano Vigna's SplitMix64: tiny, fast, and good enough to decide faults; not for secrets.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)`: the top 53 bits, as many as an `f64` holds exactly.
    pub(crate) fn fraction(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A random (version 4) UUID in its hyphenated form, as Graph's `request-id`s look.
    pub(crate) fn uuid(&mut self) -> String {
        let high = self.next_u64();
        let low = self.next_u64();
        // Version 4 in the 13th hex digit, the RFC 4122 variant in the 17th.
        let high = (high & !0xF000) | 0x4000;
        let low = (low & !(0b11 << 62)) | (0b10 << 62);
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xFFFF,
            high & 0xFFFF,
            low >> 48,
            low & 0xFFFF_FFFF_FFFF
        )
    }
}

/// A seed nobody chose: the standard library's per-process random hash keys, mixed with the
/// time, so two simulators started together still differ.
pub(crate) fn fresh_seed() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    if let Ok(since) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish()
}

/// The seed for a test run: the value of environment variable `var` when it is set (to replay a
/// run), else a fresh one. Either way it is printed as `seed=<n>` on standard error, which the
/// test harness shows when the test fails.
///
/// ```
/// let seed = graphpatch_simulator::seed_from_env("GRAPHPATCH_SEED");
/// let builder = graphpatch_simulator::Simulator::with_seed(seed);
/// # drop(builder);
/// ```
///
/// # Panics
///
/// When the variable is set but is not a decimal `u64`: a replay with the wrong seed would
/// silently test something else.
pub fn seed_from_env(var: &str) -> u64 {
    let seed = match std::env::var(var) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{var}={text:?} is not a decimal u64 seed")),
        Err(_) => fresh_seed(),
    };
    eprintln!("seed={seed} (replay with {var}={seed})");
    seed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_replays_its_stream() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        let first: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(first, {
            let mut c = SplitMix64::new(43);
            (0..5).map(|_| c.next_u64()).collect::<Vec<_>>()
        });
        // The reference implementation's first output for seed 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn fractions_stay_in_the_unit_interval_and_spread() {
        let mut rng = SplitMix64::new(7);
        let draws: Vec<f64> = (0..10_000).map(|_| rng.fraction()).collect();
        assert!(draws.iter().all(|r| (0.0..1.0).contains(r)));
        let below = draws.iter().filter(|&&r| r < 0.1).count();
        assert!((800..1200).contains(&below), "{below} of 10000 below 0.1");
    }

    #[test]
    fn uuids_are_version_4() {
        let mut rng = SplitMix64::new(1);
        let id = rng.uuid();
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(&id[14..15], "4", "{id}");
        assert!("89ab".contains(&id[19..20]), "{id}");
        assert_ne!(id, rng.uuid());
    }
}
