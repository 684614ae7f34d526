//! Fuzz target: arbitrary bytes through the backup reader (header parser, key check, STREAM opener,
//! archive parser). It must never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigilo_backup::testing::{TestKey, TestSecret, open_archive_bytes, open_bytes, seal_bytes};

/// Fixed input key material: skips Argon2 so every run is cheap, and lets valid MACs be made below.
const IKM: [u8; 32] = [7; 32];

fuzz_target!(|data: &[u8]| {
    // 1. The raw input as a whole file, with fixed key material: Argon2 never runs (its costs within
    //    the caps are the vault's rule, up to 4 GiB, and would only slow the fuzzer down).
    let _ = open_bytes(data, &TestSecret::Ikm(IKM));
    let _ = open_archive_bytes(data, &TestSecret::Ikm(IKM));
    // 2. The input as an authenticated payload: a valid header and chunks around attacker-chosen
    //    plaintext reach the archive parser; the STREAM layer must round-trip it exactly.
    if let Ok(file) = seal_bytes(data, TestKey::Ikm(IKM), 4096) {
        let back = open_bytes(&file, &TestSecret::Ikm(IKM));
        assert_eq!(back.ok().as_deref(), Some(data));
        let _ = open_archive_bytes(&file, &TestSecret::Ikm(IKM));
        // 3. A valid file with one byte changed where the input says: always refused.
        if let [a, b, x, ..] = data {
            let at = (usize::from(*a) << 8 | usize::from(*b)) % file.len();
            let mut bad = file.clone();
            bad[at] ^= x | 1;
            assert!(open_bytes(&bad, &TestSecret::Ikm(IKM)).is_err());
        }
    }
});
