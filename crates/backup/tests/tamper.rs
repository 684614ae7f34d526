//! Every bad input of the issue, on the STREAM layer (byte payloads, small chunks) and on real backup
//! files: wrong secret, truncation anywhere, flipped bits, reordered / duplicated / dropped / spliced
//! chunks, appended bytes, absurd KDF costs, a future version, foreign files. Each is refused with the
//! right error, never a panic, and never leaves a partial file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_backup::testing::{TestKey, TestSecret, open_archive_bytes, open_bytes, seal_bytes};
use sigilo_backup::{BackupError, Protection};
use std::time::{Duration, Instant};

const CS: u32 = 4096;
const CSU: usize = CS as usize;
const IKM: [u8; 32] = [42; 32];

fn sealed(payload: &[u8]) -> Vec<u8> {
    seal_bytes(payload, TestKey::Ikm(IKM), CS).unwrap()
}

fn open_ikm(file: &[u8]) -> Result<Vec<u8>, BackupError> {
    open_bytes(file, &TestSecret::Ikm(IKM))
}

/// (header length, chunk ranges) of a file sealed with chunk size `CS`.
fn layout(file: &[u8], payload_len: usize) -> (usize, Vec<std::ops::Range<usize>>) {
    let chunks = payload_len.div_ceil(CSU).max(1);
    let header = file.len() - payload_len - 16 * chunks;
    let mut ranges = Vec::new();
    let mut at = header;
    for i in 0..chunks {
        let len = if i + 1 < chunks {
            CSU + 16
        } else {
            file.len() - at
        };
        ranges.push(at..at + len);
        at += len;
    }
    (header, ranges)
}

fn assert_damaged(r: Result<Vec<u8>, BackupError>, what: &str) {
    match r {
        Err(BackupError::Damaged(_)) => {}
        other => panic!("{what}: expected Damaged, got {other:?}"),
    }
}

#[test]
fn stream_round_trips_at_the_edge_sizes_with_passphrase_and_ikm() {
    let p = pass("pw");
    for len in [0, 1, CSU - 1, CSU, CSU + 1, 2 * CSU, 5 * 1024 * 1024 + 3] {
        let payload = noise(len as u64, len);
        let f = seal_bytes(&payload, TestKey::Passphrase(&p, fast()), CS).unwrap();
        let (header, chunks) = layout(&f, len);
        assert!(header > 60 && header < 260, "header {header}");
        assert_eq!(chunks.len(), len.div_ceil(CSU).max(1));
        assert_eq!(
            open_bytes(&f, &TestSecret::Secret(&secret("pw"))).unwrap(),
            payload,
            "len {len}"
        );
        assert!(matches!(
            open_bytes(&f, &TestSecret::Secret(&secret("px"))),
            Err(BackupError::WrongSecret)
        ));
        assert_eq!(open_ikm(&sealed(&payload)).unwrap(), payload);
    }
    // The largest chunk size a reader accepts works too.
    let payload = noise(9, 100_000);
    let f = seal_bytes(&payload, TestKey::Ikm(IKM), 16 * 1024 * 1024).unwrap();
    assert_eq!(open_ikm(&f).unwrap(), payload);
}

#[test]
fn truncation_at_every_chunk_boundary_inside_the_header_and_at_random_offsets() {
    let len = 5 * CSU + 100;
    let f = sealed(&noise(1, len));
    let (header, chunks) = layout(&f, len);
    let mut cuts: Vec<usize> = (0..=header + 40).collect();
    for c in &chunks {
        cuts.extend([c.start, c.start + 1, c.start + 16, c.end - 1]);
    }
    // A full-chunk multiple payload cut exactly at a boundary is the nasty case: covered below too.
    let rnd = noise(77, 400);
    for pair in rnd.chunks(2) {
        cuts.push((usize::from(pair[0]) << 8 | usize::from(pair[1])) % f.len());
    }
    for cut in cuts {
        match open_ikm(&f[..cut]) {
            Err(BackupError::Damaged(_)) => {}
            Err(BackupError::NotABackup) if cut < 8 => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    // Payload a whole number of chunks: cutting off the last chunk leaves a file of whole chunks.
    let g = sealed(&noise(2, 3 * CSU));
    let (_, ch) = layout(&g, 3 * CSU);
    for c in &ch {
        assert_damaged(open_ikm(&g[..c.start]), "boundary");
    }
}

#[test]
fn chunks_reordered_duplicated_dropped_or_spliced_are_refused() {
    let len = 4 * CSU + 10;
    let f = sealed(&noise(3, len));
    let (header, ch) = layout(&f, len);
    let build = |order: &[usize], from: &[&[u8]]| {
        let mut out = f[..header].to_vec();
        for (k, &i) in order.iter().enumerate() {
            out.extend_from_slice(&from[k][ch[i].clone()]);
        }
        out
    };
    let same: Vec<&[u8]> = vec![&f; 8];
    assert_eq!(
        open_ikm(&build(&[0, 1, 2, 3, 4], &same)).unwrap(),
        noise(3, len)
    );
    for order in [
        &[1, 0, 2, 3, 4][..],
        &[0, 2, 1, 3, 4],
        &[0, 1, 2, 4, 3],
        &[0, 0, 1, 2, 3, 4],
        &[0, 1, 1, 2, 3, 4],
        &[0, 1, 2, 3, 4, 4],
        &[1, 2, 3, 4],
        &[0, 2, 3, 4],
        &[0, 1, 2, 3],
        &[4],
        &[0, 1, 2, 3, 3],
    ] {
        assert_damaged(open_ikm(&build(order, &same)), &format!("{order:?}"));
    }
    // Splicing: another file sealed with the same key material and same-length payload.
    let other = sealed(&noise(3, len));
    for i in 0..5 {
        let mut from = same.clone();
        from[i] = &other;
        assert_damaged(
            open_ikm(&build(&[0, 1, 2, 3, 4], &from)),
            &format!("splice {i}"),
        );
    }
    // The other file's whole chunk sequence under this header.
    let (oh, _) = layout(&other, len);
    let mut hybrid = f[..header].to_vec();
    hybrid.extend_from_slice(&other[oh..]);
    assert_damaged(open_ikm(&hybrid), "hybrid");
}

#[test]
fn spliced_chunks_from_another_backup_with_the_same_passphrase_are_refused() {
    let p = pass("same");
    let len = 3 * CSU + 1;
    let a = seal_bytes(&noise(5, len), TestKey::Passphrase(&p, fast()), CS).unwrap();
    let b = seal_bytes(&noise(5, len), TestKey::Passphrase(&p, fast()), CS).unwrap();
    let (ha, ca) = layout(&a, len);
    let (_, cb) = layout(&b, len);
    let s = secret("same");
    for i in 0..ca.len() {
        let mut x = a.clone();
        x[ca[i].clone()].copy_from_slice(&b[cb[i].clone()]);
        assert_damaged(
            open_bytes(&x, &TestSecret::Secret(&s)),
            "same-passphrase splice",
        );
    }
    let mut x = a[..ha].to_vec();
    x.extend_from_slice(&b[cb[0].start..]);
    assert_damaged(
        open_bytes(&x, &TestSecret::Secret(&s)),
        "same-passphrase payload swap",
    );
}

#[test]
fn appended_bytes_and_flipped_payload_bits_are_refused() {
    for len in [0, 10, CSU, 2 * CSU + 7] {
        let f = sealed(&noise(6, len));
        for extra in [1usize, 15, 16, 17, CSU + 16, 3 * CSU] {
            let mut g = f.clone();
            g.extend(noise(extra as u64, extra));
            assert_damaged(open_ikm(&g), &format!("len {len} + {extra}"));
        }
        let (header, _) = layout(&f, len);
        let step = ((f.len() - header) / 97).max(1);
        for at in (header..f.len()).step_by(step) {
            for bit in [0, 3, 7] {
                let mut g = f.clone();
                g[at] ^= 1 << bit;
                assert_damaged(open_ikm(&g), &format!("len {len} flip {at}.{bit}"));
            }
        }
    }
}

#[test]
fn every_bit_of_the_header_flipped_is_refused() {
    let payload = noise(8, CSU + 5);
    let f = sealed(&payload);
    let (header, _) = layout(&f, payload.len());
    // Key material supplied directly: no Argon2 runs, so every bit is tried, KDF fields included.
    for byte in 0..header {
        for bit in 0..8 {
            let mut g = f.clone();
            g[byte] ^= 1 << bit;
            match open_ikm(&g) {
                Err(e) if is_refusal(&e) => {}
                other => panic!("bit {byte}.{bit}: {other:?}"),
            }
        }
    }
    // With a real passphrase (Argon2 runs whenever the flipped costs stay within the caps). Flips that
    // raise the memory cost to 1–2 GiB would legitimately run Argon2 that large; they are covered above.
    let p = pass("pw");
    let f = seal_bytes(&payload, TestKey::Passphrase(&p, fast()), CS).unwrap();
    let (header, _) = layout(&f, payload.len());
    // … kdf_id(1) m(4) t(4) p(4) salt_len(1) salt(32) MAC(32): the memory cost's third byte.
    let m_cost_at = header - 32 - 32 - 1 - 12;
    assert_eq!(f[m_cost_at..m_cost_at + 4], 8u32.to_le_bytes());
    let s = secret("pw");
    for byte in 0..header {
        for bit in 0..8 {
            if byte == m_cost_at + 2 && bit >= 4 {
                continue;
            }
            let mut g = f.clone();
            g[byte] ^= 1 << bit;
            match open_bytes(&g, &TestSecret::Secret(&s)) {
                Err(e) if is_refusal(&e) => {}
                other => panic!("bit {byte}.{bit}: {other:?}"),
            }
        }
    }
}

#[test]
fn absurd_kdf_costs_are_refused_before_argon2_runs() {
    let p = pass("pw");
    let f = seal_bytes(b"x", TestKey::Passphrase(&p, fast()), CS).unwrap();
    let (header, _) = layout(&f, 1);
    let m_at = header - 32 - 32 - 1 - 12;
    assert_eq!(f[m_at - 1], 1, "kdf id");
    for (field, value) in [
        (0, u32::MAX), // 4 TiB of memory
        (0, 4 * 1024 * 1024 + 1),
        (4, u32::MAX), // passes
        (4, 0),
        (8, 0), // lanes
        (8, 1000),
    ] {
        let mut g = f.clone();
        g[m_at + field..m_at + field + 4].copy_from_slice(&value.to_le_bytes());
        let t = Instant::now();
        match open_bytes(&g, &TestSecret::Secret(&secret("pw"))) {
            Err(BackupError::Damaged(m)) => assert!(m.contains("KDF"), "{m}"),
            other => panic!("{field}={value}: {other:?}"),
        }
        assert!(t.elapsed() < Duration::from_secs(1));
    }
}

#[test]
fn future_versions_foreign_files_and_unknown_modes() {
    let f = sealed(b"abc");
    for v in [2u16, 3, 255, u16::MAX] {
        let mut g = f.clone();
        g[8..10].copy_from_slice(&v.to_le_bytes());
        assert!(matches!(open_ikm(&g), Err(BackupError::UnsupportedVersion(x)) if x == v));
    }
    let mut g = f.clone();
    g[8..10].copy_from_slice(&0u16.to_le_bytes());
    assert_damaged(open_ikm(&g), "version 0");
    for mode in [0u8, 3, 255] {
        let mut g = f.clone();
        g[10] = mode;
        assert_damaged(open_ikm(&g), "mode");
    }
    for foreign in [
        &b""[..],
        b"SIGILOB",
        b"hello world, not a backup",
        b"SQLite format 3\0........",
        br#"{"format":"sigilo-keyslots","version":1}"#,
    ] {
        assert!(matches!(open_ikm(foreign), Err(BackupError::NotABackup)));
    }
    // Chunk sizes out of bounds.
    for cs in [0u32, 4095, 16 * 1024 * 1024 + 1, u32::MAX] {
        let mut g = f.clone();
        g[12..16].copy_from_slice(&cs.to_le_bytes());
        assert_damaged(open_ikm(&g), "chunk size");
    }
}

#[test]
fn real_files_wrong_secret_truncated_tampered_appended_foreign_leave_nothing_behind() {
    let (tmp, _dir, mut v, _) = new_vault("pw");
    add_notes(&mut v, 30, 500, "t");
    let good = tmp.path().join("good.sigilobak");
    backup(&v, &good, Protection::Passphrase(&pass("pw"))).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let bad = work.join("bad.sigilobak");
    let to = work.join("restored");
    let check = |content: &[u8], expect: &dyn Fn(&BackupError) -> bool, what: &str| {
        std::fs::write(&bad, content).unwrap();
        let e = sigilo_backup::verify(&bad, &secret("pw"), &mut |_| {}).unwrap_err();
        assert!(expect(&e), "{what}: verify gave {e:?}");
        let e = sigilo_backup::restore(&bad, &secret("pw"), &to, false, &mut |_| {}).unwrap_err();
        assert!(expect(&e), "{what}: restore gave {e:?}");
        assert_eq!(
            names(&work),
            vec!["bad.sigilobak"],
            "{what}: something was left behind"
        );
        // Messages are one plain sentence with no path in them.
        assert!(!e.to_string().contains('/'), "{e}");
    };
    let damaged = |e: &BackupError| matches!(e, BackupError::Damaged(_));
    // Wrong secret.
    std::fs::write(&bad, &bytes).unwrap();
    assert!(matches!(
        sigilo_backup::restore(&bad, &secret("nope"), &to, false, &mut |_| {}),
        Err(BackupError::WrongSecret)
    ));
    assert_eq!(names(&work), vec!["bad.sigilobak"]);
    // Truncated at every chunk boundary (and mid-chunk).
    let len = bytes.len();
    let chunk_on_disk = 4096 + 16;
    let last_full = (len - 200) / chunk_on_disk;
    for k in 0..=last_full {
        let cut = len - (len - 200) % chunk_on_disk - k * chunk_on_disk;
        check(&bytes[..cut.min(len - 1)], &damaged, "truncated");
    }
    check(&bytes[..len / 2], &damaged, "half");
    // Appended.
    let mut g = bytes.clone();
    g.extend_from_slice(&[0u8; 5]);
    check(&g, &damaged, "appended");
    // A flipped bit in the first, a middle, and the last chunk.
    for at in [300, len / 2, len - 3] {
        let mut g = bytes.clone();
        g[at] ^= 0x10;
        check(&g, &damaged, "flipped");
    }
    // Foreign and future files.
    check(
        b"just text",
        &|e| matches!(e, BackupError::NotABackup),
        "foreign",
    );
    let mut g = bytes.clone();
    g[8] = 9;
    check(
        &g,
        &|e| matches!(e, BackupError::UnsupportedVersion(9)),
        "future",
    );
    // The good file still restores.
    sigilo_backup::restore(&good, &secret("pw"), &to, false, &mut |_| {}).unwrap();
}

#[test]
fn vault_key_mode_header_tamper_is_damage_and_wrong_secret_is_wrong_secret() {
    let (tmp, _dir, v, _) = new_vault("pw");
    let out = tmp.path().join("auto");
    backup(&v, &out, Protection::VaultKey).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    // Flip a bit of the schema version (offset 63): the keyslot still opens, the MAC does not.
    let mut g = bytes.clone();
    g[63] ^= 1;
    let entries = |f: &[u8], s: &str| open_archive_bytes(f, &TestSecret::Secret(&secret(s)));
    assert!(matches!(entries(&g, "pw"), Err(BackupError::Damaged(_))));
    assert!(matches!(
        entries(&bytes, "bad"),
        Err(BackupError::WrongSecret)
    ));
    let e = entries(&bytes, "pw").unwrap();
    assert_eq!(
        e.keyslots,
        std::fs::read(v.dir().join("keyslots.json")).unwrap()
    );
    assert_eq!(e.data_key.expose(), v.data_key().expose());
    assert!(e.database.len() >= 4096 && e.database.len() % 4096 == 0);
}

#[test]
fn every_bit_of_a_vault_key_header_flipped_is_refused() {
    let (tmp, _dir, v, _) = new_vault("pw");
    let out = tmp.path().join("auto");
    backup(&v, &out, Protection::VaultKey).unwrap();
    let f = std::fs::read(&out).unwrap();
    // The header ends where the first chunk starts: file length minus the sealed payload.
    let e = open_archive_bytes(&f, &TestSecret::Secret(&secret("pw"))).unwrap();
    let payload = 2 + 13 + 8 + e.keyslots.len() + 2 + 8 + 8 + 32 + 2 + 9 + 8 + e.database.len() + 2;
    let (header, _) = layout(&f, payload);
    assert_eq!(
        &f[header - 32 - e.keyslots.len()..header - 32],
        &e.keyslots[..]
    );
    let s = secret("pw");
    // Flipping one bit of the embedded JSON cannot raise a KDF cost beyond a digit's change.
    for byte in 0..header {
        for bit in 0..8 {
            let mut g = f.clone();
            g[byte] ^= 1 << bit;
            match open_archive_bytes(&g, &TestSecret::Secret(&s)) {
                Err(e) if is_refusal(&e) => {}
                other => panic!("bit {byte}.{bit}: {other:?}"),
            }
        }
    }
}

#[test]
fn a_damaged_file_never_touches_the_vault_it_would_replace() {
    let (tmp, dir, mut v, _) = new_vault("pw");
    add_notes(&mut v, 10, 300, "x");
    let out = tmp.path().join("b");
    backup(&v, &out, Protection::Passphrase(&pass("pw"))).unwrap();
    v.lock();
    let before = names(tmp.path());
    let files: Vec<Vec<u8>> = names(&dir)
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    let good = std::fs::read(&out).unwrap();
    for at in [20usize, 100, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 4;
        std::fs::write(&out, &bad).unwrap();
        let r = sigilo_backup::restore(&out, &secret("pw"), &dir, true, &mut |_| {});
        assert!(matches!(&r, Err(e) if is_refusal(e)), "{r:?}");
        assert_eq!(names(tmp.path()), before);
        let now: Vec<Vec<u8>> = names(&dir)
            .iter()
            .map(|n| std::fs::read(dir.join(n)).unwrap())
            .collect();
        assert_eq!(now, files, "the live vault changed");
    }
    std::fs::write(&out, &good).unwrap();
    sigilo_backup::restore(&out, &secret("pw"), &dir, true, &mut |_| {}).unwrap();
}
