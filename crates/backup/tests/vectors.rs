//! The committed test vectors (tests/vectors/) decode, forever: a change that cannot read a released
//! file fails here. The generator below made them once; it refuses to overwrite them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sha2::{Digest, Sha256};
use sigilo_backup::testing::{TestKey, TestSecret, open_archive_bytes, open_bytes, seal_bytes};
use sigilo_backup::{KeyMode, Protection};
use sigilo_vault::Vault;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn sha(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// The STREAM vectors' payload: bytes 0, 1, 2, … modulo 251.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

#[test]
#[ignore = "made the committed vectors once; never run it again"]
fn generate_vectors() {
    let d = dir();
    std::fs::create_dir_all(&d).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(d.join(name))
            .expect("vectors are never regenerated");
        f.write_all(bytes).unwrap();
    };
    let p = pass("stream vector");
    write(
        "v1-stream-empty.sigilobak",
        &seal_bytes(b"", TestKey::Passphrase(&p, fast()), 4096).unwrap(),
    );
    write(
        "v1-stream-4097.sigilobak",
        &seal_bytes(&pattern(4097), TestKey::Passphrase(&p, fast()), 4096).unwrap(),
    );
    let tmp = tempfile::tempdir().unwrap();
    let vault_dir = tmp.path().join("vault");
    let (v, code) =
        Vault::create_with_kdf(&vault_dir, &pass("vault passphrase"), SCHEMA, fast()).unwrap();
    v.conn()
        .execute(
            "INSERT INTO note (body, tag) VALUES (CAST('test vector' AS BLOB), 'v1')",
            [],
        )
        .unwrap();
    let a = tmp.path().join("a");
    backup(&v, &a, Protection::Passphrase(&pass("backup passphrase"))).unwrap();
    write("v1-passphrase.sigilobak", &std::fs::read(&a).unwrap());
    let b = tmp.path().join("b");
    backup(&v, &b, Protection::VaultKey).unwrap();
    write("v1-vault-key.sigilobak", &std::fs::read(&b).unwrap());
    println!("recovery code: {}", code.to_display().expose());
    println!("vault id: {}", v.vault_id());
    println!("data key: {}", v.raw_key_hex().expose());
    for f in ["v1-passphrase.sigilobak", "v1-vault-key.sigilobak"] {
        let bytes = std::fs::read(d.join(f)).unwrap();
        let s = if f.contains("vault") {
            secret("vault passphrase")
        } else {
            secret("backup passphrase")
        };
        let e = open_archive_bytes(&bytes, &TestSecret::Secret(&s)).unwrap();
        println!(
            "{f}: keyslots {} db {} len {}",
            sha(&e.keyslots),
            sha(&e.database),
            e.database.len()
        );
    }
}

const VAULT_ID: &str = "abfb7420-643f-4bd0-9f82-2f67fe38f3e0";
const RECOVERY_CODE: &str = "KPBN-DX2D-JY56-X9P5-95D0-MBZ6-8A3A-CEMT-F40S";
const DATA_KEY: &str = "f9cfbfae90d3a5296c51d3364fcee99b04d0ee768243a7fa4c41232451a92a29";
const KEYSLOTS_SHA256: &str = "4e67fd2fe24e89a231dee08d4048d3f0985c39480040f534a9323ae8f40021cb";

#[test]
fn stream_vectors_decode() {
    let s = secret("stream vector");
    let empty = std::fs::read(dir().join("v1-stream-empty.sigilobak")).unwrap();
    assert_eq!(open_bytes(&empty, &TestSecret::Secret(&s)).unwrap(), b"");
    let f = std::fs::read(dir().join("v1-stream-4097.sigilobak")).unwrap();
    assert_eq!(
        open_bytes(&f, &TestSecret::Secret(&s)).unwrap(),
        pattern(4097)
    );
    assert!(matches!(
        open_bytes(&f, &TestSecret::Secret(&secret("stream vectors"))),
        Err(sigilo_backup::BackupError::WrongSecret)
    ));
}

#[test]
fn backup_vectors_decode_verify_and_restore() {
    for (file, key_mode, db_sha, secrets) in [
        (
            "v1-passphrase.sigilobak",
            KeyMode::Passphrase,
            "e6c5dc7faba1eaca620f35acce7c91737a9a2e0bebac2e1e137b75c2606535d8",
            vec![secret("backup passphrase")],
        ),
        (
            "v1-vault-key.sigilobak",
            KeyMode::VaultKeyslots,
            "128ff9438121291184b92454ee6064f0b39b360dfc23b38d4efcca6e8f89474a",
            vec![
                secret("vault passphrase"),
                sigilo_backup::BackupSecret::RecoveryCode(
                    sigilo_vault::RecoveryCode::parse(RECOVERY_CODE).unwrap(),
                ),
            ],
        ),
    ] {
        let path = dir().join(file);
        let info = sigilo_backup::info(&path).unwrap();
        assert_eq!(info.format_version, 1);
        assert_eq!(info.key_mode, key_mode);
        assert_eq!(info.vault_id, VAULT_ID);
        assert_eq!(info.schema_version, 1);
        assert_eq!(info.chunk_size, 4096);
        let bytes = std::fs::read(&path).unwrap();
        for s in &secrets {
            let e = open_archive_bytes(&bytes, &TestSecret::Secret(s)).unwrap();
            assert_eq!(sha(&e.keyslots), KEYSLOTS_SHA256, "{file}");
            assert_eq!(hex::encode(e.data_key.expose()), DATA_KEY, "{file}");
            assert_eq!(sha(&e.database), db_sha, "{file}");
            assert!(
                sigilo_backup::verify(&path, s, &mut |_| {})
                    .unwrap()
                    .integrity_ok
            );
            let tmp = tempfile::tempdir().unwrap();
            let to = tmp.path().join("restored");
            sigilo_backup::restore(&path, s, &to, false, &mut |_| {}).unwrap();
            for unlock in [
                unlock_pass("vault passphrase"),
                sigilo_vault::Unlock::RecoveryCode(
                    sigilo_vault::RecoveryCode::parse(RECOVERY_CODE).unwrap(),
                ),
            ] {
                let v = Vault::open(&to, &unlock, SCHEMA).unwrap();
                assert_eq!(v.vault_id(), VAULT_ID);
                let n = notes(&v);
                assert_eq!(n.len(), 1);
                assert_eq!(n[0].1, b"test vector");
                assert_eq!(n[0].2.as_deref(), Some("v1"));
            }
        }
    }
}
