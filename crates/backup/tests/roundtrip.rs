//! Create, verify and restore real vaults: both key modes, every secret that must open them, sizes,
//! fresh randomness per file, replace with its busy refusal, and a backup taken while another handle writes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_backup::{BackupError, KeyMode, Progress, Protection, TestOptions};
use sigilo_vault::{KdfParams, Vault, VaultError};

#[test]
fn passphrase_backup_round_trips_and_restores_a_vault_that_opens_with_its_own_secrets() {
    let (tmp, dir, mut v, code) = new_vault("vault pw");
    add_notes(&mut v, 20, 300, "a");
    let before = notes(&v);
    let out = tmp.path().join("b.sigilobak");
    let mut stages = Vec::new();
    let s = sigilo_backup::create_with_options(
        &v,
        &out,
        Protection::Passphrase(&pass("backup pw")),
        TestOptions::fast(),
        &mut |p: Progress| stages.push(p.stage),
    )
    .unwrap();
    assert!(stages.contains(&"snapshot") && stages.contains(&"seal") && stages.contains(&"verify"));
    assert_eq!(s.bytes, std::fs::metadata(&out).unwrap().len());
    assert_eq!(
        names(&dir),
        names(&dir)
            .into_iter()
            .filter(|n| !n.contains("backup"))
            .collect::<Vec<_>>()
    );
    assert_eq!(names(tmp.path()), vec!["b.sigilobak", "vault"]);

    let info = sigilo_backup::info(&out).unwrap();
    assert_eq!(info.format_version, 1);
    assert_eq!(info.key_mode, KeyMode::Passphrase);
    assert_eq!(info.kdf, Some(fast()));
    assert_eq!(info.vault_id, v.vault_id());
    assert_eq!(info.schema_version, 1);
    assert_eq!(info.chunk_size, 4096);
    assert_eq!(info.file_size, s.bytes);

    let r = sigilo_backup::verify(&out, &secret("backup pw"), &mut |_| {}).unwrap();
    assert!(r.integrity_ok);
    assert_eq!(r.payload_bytes, s.payload_bytes);
    assert!(matches!(
        sigilo_backup::verify(&out, &secret("vault pw"), &mut |_| {}),
        Err(BackupError::WrongSecret)
    ));
    assert!(matches!(
        sigilo_backup::verify(&out, &code_secret(&code), &mut |_| {}),
        Err(BackupError::WrongSecret)
    ));

    let to = tmp.path().join("restored");
    let restored =
        sigilo_backup::restore(&out, &secret("backup pw"), &to, false, &mut |_| {}).unwrap();
    assert_eq!(restored, info);
    // Opens with the vault's passphrase and its recovery code, not the backup's passphrase.
    assert!(matches!(
        Vault::open(&to, &unlock_pass("backup pw"), SCHEMA),
        Err(VaultError::WrongSecret)
    ));
    let w = Vault::open(&to, &unlock_pass("vault pw"), SCHEMA).unwrap();
    assert_eq!(notes(&w), before);
    assert!(w.check().unwrap().ok);
    assert_eq!(w.vault_id(), v.vault_id());
    w.lock();
    let w = Vault::open(&to, &unlock_code(&code), SCHEMA).unwrap();
    assert_eq!(notes(&w), before);
    // Nothing else was left beside it.
    assert_eq!(names(tmp.path()), vec!["b.sigilobak", "restored", "vault"]);
}

#[test]
fn vault_key_backup_opens_with_the_vault_passphrase_and_recovery_code_as_they_were() {
    let (tmp, _dir, mut v, code) = new_vault("vault pw");
    add_notes(&mut v, 5, 100, "x");
    let out = tmp.path().join("auto.sigilobak");
    backup(&v, &out, Protection::VaultKey).unwrap();
    let info = sigilo_backup::info(&out).unwrap();
    assert_eq!(info.key_mode, KeyMode::VaultKeyslots);
    assert_eq!(info.kdf, None);
    // Change the vault's passphrase afterwards: the file still opens with the old one.
    v.set_kdf_for_new_wraps(fast());
    v.change_passphrase(&pass("new pw")).unwrap();
    assert!(
        sigilo_backup::verify(&out, &secret("vault pw"), &mut |_| {})
            .unwrap()
            .integrity_ok
    );
    assert!(
        sigilo_backup::verify(&out, &code_secret(&code), &mut |_| {})
            .unwrap()
            .integrity_ok
    );
    assert!(matches!(
        sigilo_backup::verify(&out, &secret("new pw"), &mut |_| {}),
        Err(BackupError::WrongSecret)
    ));
    let other = sigilo_vault::RecoveryCode::generate().unwrap();
    assert!(matches!(
        sigilo_backup::verify(&out, &code_secret(&other), &mut |_| {}),
        Err(BackupError::WrongSecret)
    ));
    let to = tmp.path().join("r");
    sigilo_backup::restore(&out, &code_secret(&code), &to, false, &mut |_| {}).unwrap();
    let w = Vault::open(&to, &unlock_pass("vault pw"), SCHEMA).unwrap();
    assert_eq!(notes(&w), notes(&v));
    w.lock();
    assert!(Vault::open(&to, &unlock_code(&code), SCHEMA).is_ok());
}

#[test]
fn two_backups_of_the_same_vault_differ_in_salt_seed_and_nonce_prefix() {
    let (tmp, _dir, v, _) = new_vault("pw");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    backup(&v, &a, Protection::Passphrase(&pass("same"))).unwrap();
    backup(&v, &b, Protection::Passphrase(&pass("same"))).unwrap();
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert_ne!(a[16..48], b[16..48], "file seed");
    assert_ne!(a[48..55], b[48..55], "nonce prefix");
    // The salt sits just before the 32-byte MAC in mode 1 (32 bytes).
    let ha = a.len().min(400);
    assert_ne!(a[..ha], b[..ha]);
    let c = tmp.path().join("c");
    let d = tmp.path().join("d");
    backup(&v, &c, Protection::VaultKey).unwrap();
    backup(&v, &d, Protection::VaultKey).unwrap();
    let (c, d) = (std::fs::read(c).unwrap(), std::fs::read(d).unwrap());
    assert_ne!(c[16..55], d[16..55]);
    // No 64-byte run of ciphertext repeats between the two files.
    let tail = c.len() - 64;
    assert!(!d.windows(64).any(|w| w == &c[tail..]));
}

#[test]
fn several_megabytes_with_default_sized_chunks() {
    let (tmp, _dir, mut v, _) = new_vault("pw");
    add_notes(&mut v, 60, 64 * 1024, "big");
    let out = tmp.path().join("big.sigilobak");
    let s = sigilo_backup::create_with_options(
        &v,
        &out,
        Protection::Passphrase(&pass("pw")),
        TestOptions {
            kdf: fast(),
            chunk_size: 1024 * 1024,
        },
        &mut |_| {},
    )
    .unwrap();
    assert!(s.payload_bytes > 3_000_000, "{}", s.payload_bytes);
    // Progress counts plaintext handed out: it never passes its total and ends exactly there.
    let mut seen = Vec::new();
    sigilo_backup::verify(&out, &secret("pw"), &mut |p| {
        seen.push((p.stage, p.done_bytes, p.total_bytes))
    })
    .unwrap();
    let verify: Vec<_> = seen
        .iter()
        .filter(|(stage, _, _)| *stage == "verify")
        .collect();
    assert!(!verify.is_empty());
    assert!(
        verify.iter().all(|(_, done, total)| done <= total),
        "{verify:?}"
    );
    assert!(
        verify.windows(2).all(|w| w[0].1 <= w[1].1),
        "progress never goes back"
    );
    let last = verify.last().unwrap();
    assert_eq!(last.1, last.2, "progress ends at its total");
    let to = tmp.path().join("r");
    sigilo_backup::restore(&out, &secret("pw"), &to, false, &mut |_| {}).unwrap();
    assert_eq!(
        notes(&Vault::open(&to, &unlock_pass("pw"), SCHEMA).unwrap()),
        notes(&v)
    );
}

#[test]
fn create_refuses_an_existing_file_and_leaves_nothing_behind() {
    let (tmp, dir, v, _) = new_vault("pw");
    let out = tmp.path().join("b");
    std::fs::write(&out, b"precious").unwrap();
    let before = names(&dir);
    assert!(matches!(
        backup(&v, &out, Protection::VaultKey),
        Err(BackupError::AlreadyExists(_))
    ));
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");
    assert_eq!(names(&dir), before);
    assert!(matches!(
        backup(&v, &tmp.path().join("missing/b"), Protection::VaultKey),
        Err(BackupError::NotFound(_))
    ));
    // A stale `.tmp` from a crashed run does not block a new backup.
    let out2 = tmp.path().join("c");
    std::fs::write(tmp.path().join("c.tmp"), b"stale").unwrap();
    backup(&v, &out2, Protection::VaultKey).unwrap();
    assert!(!tmp.path().join("c.tmp").exists());
    assert_eq!(names(&dir), before);
}

#[test]
fn restore_destinations_new_empty_nonempty_and_missing_file() {
    let (tmp, _dir, v, _) = new_vault("pw");
    let out = tmp.path().join("b");
    backup(&v, &out, Protection::Passphrase(&pass("pw"))).unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    sigilo_backup::restore(&out, &secret("pw"), &empty, false, &mut |_| {}).unwrap();
    assert!(Vault::open(&empty, &unlock_pass("pw"), SCHEMA).is_ok());
    let full = tmp.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("x"), b"x").unwrap();
    for replace in [false, true] {
        // Not a vault: never replaced, even with `replace`.
        assert!(matches!(
            sigilo_backup::restore(&out, &secret("pw"), &full, replace, &mut |_| {}),
            Err(BackupError::AlreadyExists(_))
        ));
    }
    assert_eq!(names(&full), vec!["x"]);
    assert!(matches!(
        sigilo_backup::restore(
            &tmp.path().join("nope"),
            &secret("pw"),
            &tmp.path().join("z"),
            false,
            &mut |_| {}
        ),
        Err(BackupError::NotFound(_))
    ));
    assert!(matches!(
        sigilo_backup::info(&tmp.path().join("nope")),
        Err(BackupError::NotFound(_))
    ));
    // A wrong secret writes nothing anywhere.
    let before = names(tmp.path());
    assert!(matches!(
        sigilo_backup::restore(
            &out,
            &secret("bad"),
            &tmp.path().join("w"),
            false,
            &mut |_| {}
        ),
        Err(BackupError::WrongSecret)
    ));
    assert_eq!(names(tmp.path()), before);
}

#[test]
fn replace_refuses_an_open_vault_then_swaps_and_keeps_nothing_stale() {
    let (tmp, dir, mut v, code) = new_vault("pw");
    add_notes(&mut v, 3, 50, "old");
    let out = tmp.path().join("b");
    backup(&v, &out, Protection::VaultKey).unwrap();
    add_notes(&mut v, 7, 50, "newer");
    let live = notes(&v);
    let before = names(tmp.path());
    // Open (by this handle): busy, nothing touched.
    assert!(matches!(
        sigilo_backup::restore(&out, &secret("pw"), &dir, true, &mut |_| {}),
        Err(BackupError::Busy)
    ));
    // Without `replace`: refused as existing.
    assert!(matches!(
        sigilo_backup::restore(&out, &secret("pw"), &dir, false, &mut |_| {}),
        Err(BackupError::AlreadyExists(_))
    ));
    assert_eq!(names(tmp.path()), before);
    assert_eq!(notes(&v), live);
    v.lock();
    sigilo_backup::restore(&out, &secret("pw"), &dir, true, &mut |_| {}).unwrap();
    assert_eq!(
        names(tmp.path()),
        before,
        "no staging or previous folder left"
    );
    let w = Vault::open(&dir, &unlock_code(&code), SCHEMA).unwrap();
    assert_eq!(notes(&w).len(), 3);
    assert!(w.check().unwrap().ok);
}

#[test]
fn a_backup_taken_while_another_handle_writes_restores_consistently() {
    let (tmp, dir, v, _) = new_vault("pw");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let dir = dir.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut w = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
            let mut rounds = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || rounds < 20 {
                // Each transaction adds a pair with the same tag: a consistent snapshot has whole pairs.
                add_notes(&mut w, 2, 2000, &format!("round-{rounds}"));
                rounds += 1;
            }
            rounds
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    let out = tmp.path().join("b");
    backup(&v, &out, Protection::Passphrase(&pass("pw"))).unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let rounds = writer.join().unwrap();
    let to = tmp.path().join("r");
    sigilo_backup::restore(&out, &secret("pw"), &to, false, &mut |_| {}).unwrap();
    let r = Vault::open(&to, &unlock_pass("pw"), SCHEMA).unwrap();
    assert!(r.check().unwrap().ok);
    let got = notes(&r);
    assert_eq!(got.len() % 2, 0);
    for pair in got.chunks(2) {
        assert_eq!(pair[0].2, pair[1].2);
    }
    assert!((got.len() as u64) <= rounds * 2);
}

#[test]
fn shipped_defaults_are_the_vaults_recommended_kdf() {
    // `create` (not the test variant) uses KdfParams::recommended(); run it once on a tiny vault.
    let (tmp, _dir, v, _) = new_vault("pw");
    let out = tmp.path().join("b");
    sigilo_backup::create(&v, &out, Protection::Passphrase(&pass("pw")), &mut |_| {}).unwrap();
    let info = sigilo_backup::info(&out).unwrap();
    assert_eq!(info.kdf, Some(KdfParams::recommended()));
    assert_eq!(info.chunk_size, 1024 * 1024);
}
