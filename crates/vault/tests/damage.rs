//! Damaged keyslot files and databases: clear errors (`Damaged` / `WrongSecret`), never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::{Vault, VaultError};
use std::path::Path;

fn keyslots(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("keyslots.json")).unwrap()
}

fn write_keyslots(dir: &Path, bytes: &[u8]) {
    std::fs::write(dir.join("keyslots.json"), bytes).unwrap();
}

fn edit_keyslots(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value = serde_json::from_slice(&keyslots(dir)).unwrap();
    f(&mut v);
    write_keyslots(dir, &serde_json::to_vec_pretty(&v).unwrap());
}

#[test]
fn truncated_keyslot_file_is_damaged() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let orig = keyslots(&dir);
    for len in [0, 1, orig.len() / 3, orig.len() / 2, orig.len() - 3] {
        write_keyslots(&dir, &orig[..len]);
        let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
        assert!(matches!(e, VaultError::Damaged(_)), "len {len}: {e:?}");
        assert!(e.to_string().contains("keyslot file"), "{e}");
    }
    write_keyslots(&dir, b"\x00\xff garbage \x01");
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("pw"), SCHEMA),
        Err(VaultError::Damaged(_))
    ));
    write_keyslots(&dir, &vec![b' '; 2 * 1024 * 1024]);
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("pw"), SCHEMA),
        Err(VaultError::Damaged(_))
    ));
}

#[test]
fn every_flipped_byte_is_handled() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let orig = keyslots(&dir);
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    for i in 0..orig.len() {
        let mut m = orig.clone();
        m[i] ^= 0x01;
        write_keyslots(&dir, &m);
        let kind = match Vault::open(&dir, &unlock_pass("pw"), SCHEMA) {
            Ok(_) => "ok", // e.g. a timestamp or whitespace: not authenticated, harmless
            Err(VaultError::WrongSecret) => "wrong",
            Err(VaultError::Damaged(_)) => "damaged",
            Err(VaultError::NewerSchema { .. }) => "newer",
            Err(e) => panic!("byte {i}: unexpected {e:?}"),
        };
        *outcomes.entry(kind).or_default() += 1;
    }
    write_keyslots(&dir, &orig);
    assert!(
        outcomes.get("wrong").copied().unwrap_or(0) > 50,
        "{outcomes:?}"
    );
    assert!(
        outcomes.get("damaged").copied().unwrap_or(0) > 50,
        "{outcomes:?}"
    );
    Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
}

#[test]
fn authenticated_fields_fail_as_wrong_secret() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let orig = keyslots(&dir);
    for field in ["nonce", "wrapped_key"] {
        edit_keyslots(&dir, |v| {
            let s = v["slots"][0][field].as_str().unwrap().to_owned();
            let mut b = base64_decode(&s);
            b[0] ^= 0x80;
            v["slots"][0][field] = base64_encode(&b).into();
        });
        let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
        assert!(matches!(e, VaultError::WrongSecret), "{field}: {e:?}");
        write_keyslots(&dir, &orig);
    }
    // Weakening the KDF parameters is detected (they are associated data).
    edit_keyslots(&dir, |v| v["slots"][0]["kdf"]["m_cost_kib"] = 16.into());
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("pw"), SCHEMA),
        Err(VaultError::WrongSecret)
    ));
    write_keyslots(&dir, &orig);
    // A damaged wrapped data key, once the vault key is known, is damage.
    edit_keyslots(&dir, |v| {
        let s = v["data_key"]["ciphertext"].as_str().unwrap().to_owned();
        let mut b = base64_decode(&s);
        b[5] ^= 1;
        v["data_key"]["ciphertext"] = base64_encode(&b).into();
    });
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("pw"), SCHEMA),
        Err(VaultError::Damaged(_))
    ));
}

#[test]
fn absurd_kdf_parameters_are_refused_before_argon2() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let orig = keyslots(&dir);
    for (k, val) in [
        ("m_cost_kib", 1u64 << 31),
        ("m_cost_kib", 4 * 1024 * 1024 + 1),
        ("t_cost", 1_000_000),
        ("t_cost", 0),
        ("p_cost", 255),
        ("p_cost", 0),
    ] {
        edit_keyslots(&dir, |v| v["slots"][0]["kdf"][k] = val.into());
        let start = std::time::Instant::now();
        let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        match e {
            VaultError::Damaged(m) => assert_eq!(m, "keyslot KDF parameters out of bounds"),
            other => panic!("{k}={val}: {other:?}"),
        }
        write_keyslots(&dir, &orig);
    }
    // Out-of-range numbers that do not fit in u32 do not parse at all.
    edit_keyslots(&dir, |v| {
        v["slots"][0]["kdf"]["m_cost_kib"] = (1u64 << 40).into()
    });
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("pw"), SCHEMA),
        Err(VaultError::Damaged(_))
    ));
}

#[test]
fn newer_keyslot_format_is_refused() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    edit_keyslots(&dir, |v| v["version"] = 2.into());
    let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(
        matches!(e, VaultError::NewerSchema { ref domain, found: 2, supported: 1 } if domain == "keyslots"),
        "{e:?}"
    );
}

fn filled_vault() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, dir, v, _code) = new_vault("pw");
    for i in 0..300 {
        v.conn()
            .execute(
                "INSERT INTO note (body) VALUES (?1)",
                [format!("note number {i} {}", "x".repeat(200))],
            )
            .unwrap();
    }
    v.lock();
    (t, dir)
}

#[test]
fn truncated_database_is_damaged() {
    let (_t, dir) = filled_vault();
    let db = dir.join("sigilo.db");
    let orig = std::fs::read(&db).unwrap();
    assert!(orig.len() > 8 * 4096);
    for len in [
        0,
        100,
        4096,
        4096 * 2,
        orig.len() / 2,
        orig.len() - 4096,
        orig.len() - 1,
    ] {
        std::fs::write(&db, &orig[..len]).unwrap();
        let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA)
            .map(|_| format!("opened; orig {} len {len}", orig.len()))
            .unwrap_err();
        assert!(matches!(e, VaultError::Damaged(_)), "len {len}: {e:?}");
    }
    std::fs::write(&db, &orig).unwrap();
    Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
}

#[test]
fn corrupted_database_pages_are_damaged() {
    let (_t, dir) = filled_vault();
    let db = dir.join("sigilo.db");
    let orig = std::fs::read(&db).unwrap();
    // Page 1: nothing decrypts.
    let mut m = orig.clone();
    m[100] ^= 0xff;
    std::fs::write(&db, &m).unwrap();
    let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::Damaged(_)), "{e:?}");
    // A data page: the vault opens, reading the page fails as Damaged, check() reports it.
    let mut m = orig.clone();
    let page = orig.len() / 4096 - 2;
    m[page * 4096 + 1000] ^= 0xff;
    std::fs::write(&db, &m).unwrap();
    match Vault::open(&dir, &unlock_pass("pw"), SCHEMA) {
        Err(VaultError::Damaged(_)) => {}
        Err(e) => panic!("{e:?}"),
        Ok(v) => {
            let r: Result<i64, _> =
                v.conn()
                    .query_row("SELECT sum(length(body)) FROM note", [], |r| r.get(0));
            let e = sigilo_vault::VaultError::from(r.unwrap_err());
            assert!(matches!(e, VaultError::Damaged(_)), "{e:?}");
            let report = v.check().unwrap();
            assert!(!report.ok);
            assert!(!report.problems.is_empty());
        }
    }
}

#[test]
fn keyslots_without_database_is_damaged() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    std::fs::remove_file(dir.join("sigilo.db")).unwrap();
    let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::Damaged(_)), "{e:?}");
    assert!(
        !dir.join("sigilo.db").exists(),
        "open must not create a database"
    );
}

#[test]
fn database_of_another_vault_is_damaged() {
    let (_t1, dir1, v1, _) = new_vault("pw");
    let (_t2, dir2, v2, _) = new_vault("pw");
    v1.lock();
    v2.lock();
    std::fs::copy(dir2.join("sigilo.db"), dir1.join("sigilo.db")).unwrap();
    let e = Vault::open(&dir1, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::Damaged(_)), "{e:?}");
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}

#[test]
fn caps_are_checked_per_slot_and_reported_by_check() {
    let (_t, dir, v, code) = new_vault("pw");
    v.lock();
    // Make the recovery slot absurd: the passphrase still opens, the recovery code is refused
    // as damaged (without running Argon2), and check() reports the slot.
    edit_keyslots(&dir, |v| {
        let slots = v["slots"].as_array_mut().unwrap();
        let rec = slots
            .iter_mut()
            .find(|s| s["kind"] == "recovery_code")
            .unwrap();
        rec["kdf"]["m_cost_kib"] = (1u64 << 31).into();
    });
    let e = Vault::open(&dir, &unlock_code(&code), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::Damaged(_)), "{e:?}");
    let v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let report = v.check().unwrap();
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("KDF parameters out of bounds")),
        "{:?}",
        report.problems
    );
}

#[test]
fn check_reports_a_damaged_database_page() {
    let (_t, dir) = filled_vault();
    let v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    assert!(v.check().unwrap().ok);
    // Corrupt a page behind the open connection's back, then drop its cache by reopening.
    drop(v);
    let db = dir.join("sigilo.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let page = bytes.len() / 4096 - 1;
    bytes[page * 4096 + 2000] ^= 0x55;
    std::fs::write(&db, &bytes).unwrap();
    let v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let report = v.check().unwrap();
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.starts_with("cipher integrity")),
        "{:?}",
        report.problems
    );
}
