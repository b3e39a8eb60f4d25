//! Random numbers for request ids and retry jitter, from the standard library alone.
//!
//! Neither needs a cryptographic generator: a `client-request-id` must not repeat, and jitter
//! must differ between clients. Std's `RandomState` holds SipHash keys drawn from the operating
//! system (once per thread, then stepped for each new state); hashing a process-wide counter
//! with them gives numbers that never repeat within a process and that nobody can predict
//! without the keys, with no random-number crate in the build.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

/// 128 random bits.
pub(crate) fn random_u128() -> u128 {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let draw = DRAWS.fetch_add(1, Ordering::Relaxed);
    let keys = RandomState::new();
    let half = |which: u8| {
        let mut hasher = keys.build_hasher();
        hasher.write_u64(draw);
        hasher.write_u8(which);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// A new `client-request-id`: a random (version 4) UUID, as Graph's SDKs send.
pub(crate) fn request_id() -> String {
    let uuid = uuid::Builder::from_random_bytes(random_u128().to_be_bytes()).into_uuid();
    // Written straight into a buffer: `to_string` would go through the formatting machinery.
    let mut buffer = uuid::Uuid::encode_buffer();
    (*uuid.hyphenated().encode_lower(&mut buffer)).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids_that_do_not_repeat() {
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| request_id()).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(100) {
            let uuid = uuid::Uuid::parse_str(id).expect("a UUID");
            assert_eq!(uuid.get_version(), Some(uuid::Version::Random), "{id}");
            assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122, "{id}");
        }
    }

    #[test]
    fn draws_differ_across_threads() {
        let here = random_u128();
        let there = std::thread::spawn(random_u128).join().expect("the thread");
        assert_ne!(here, there);
        // Each half carries its own bits: neither half is zero or a copy of the other.
        for draw in [here, there] {
            let (high, low) = ((draw >> 64) as u64, draw as u64);
            assert_ne!(high, low);
        }
    }
}
