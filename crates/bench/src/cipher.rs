//! The raw ChaCha20-Poly1305 speed of this machine, measured in the same run as the backup, so the backup's
//! throughput is read against what the cipher alone can do here.

use std::time::Instant;

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

/// Seals `total_mib` MiB in 1 MiB chunks (as the backup does) and returns MB/s (10^6 bytes per second).
pub fn chacha20poly1305_mb_per_s(total_mib: usize) -> f64 {
    let cipher = ChaCha20Poly1305::new(&Key::from([7u8; 32]));
    let mut buf = vec![0x5au8; 1 << 20];
    let start = Instant::now();
    for counter in 0..total_mib.max(1) {
        let mut nonce = [0u8; 12];
        nonce[7..11].copy_from_slice(&(counter as u32).to_be_bytes());
        // The tag is computed and dropped: only the sealing work is timed, as in the backup's chunk loop.
        let _ = cipher.encrypt_in_place_detached(&Nonce::from(nonce), b"", &mut buf);
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    (total_mib.max(1) as f64 * (1 << 20) as f64) / secs / 1e6
}

#[cfg(test)]
mod tests {
    #[test]
    fn measures_something() {
        let speed = super::chacha20poly1305_mb_per_s(2);
        assert!(speed.is_finite() && speed > 0.0);
    }
}
