//! The `sigilo vault` contract and every "bad input" case of the foundation: wrong secrets, damaged files,
//! missing and existing vaults, passphrase change, recovery code, key rotation, the raw-key escape hatch, and
//! no plaintext on disk.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

#[test]
fn init_prints_the_recovery_code_once_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("nueva");
    let out = sigilo(&vault)
        .env("SIGILO_PASSPHRASE", PASS)
        .args(["vault", "init"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(
        code.len() >= 26 && code.contains('-'),
        "recovery code alone on stdout: {code:?}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("offline"));

    let info = json(&vault, &["vault", "info", "--json"]);
    assert!(
        info["database_path"]
            .as_str()
            .unwrap()
            .ends_with("sigilo.db")
    );
    assert!(info["schema_version"].as_u64().unwrap() >= 2);
    assert!(!info["cipher_version"].as_str().unwrap().is_empty());
    let slots = info["keyslots"].as_array().unwrap();
    assert_eq!(slots.len(), 2);
    for slot in slots {
        assert_eq!(slot["kdf"]["algorithm"], "argon2id");
        assert!(
            slot["kdf"]["m_cost_kib"].as_u64().unwrap() >= 64 * 1024,
            "shipped defaults ≥ 64 MiB"
        );
    }
    let info_text = serde_json::to_string(&info).unwrap();
    assert!(!info_text.contains(&code), "no secret in vault info");

    // The recovery code opens it.
    let out = sigilo(&vault)
        .env("SIGILO_RECOVERY_CODE", &code)
        .args(["contact", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());

    let before = snapshot(&vault);
    let out = sigilo(&vault)
        .env("SIGILO_PASSPHRASE", "another passphrase")
        .args(["vault", "init"])
        .output()
        .unwrap();
    assert_eq!(code_of(&out), 6);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already"));
    assert_eq!(snapshot(&vault), before, "nothing overwritten");
}

fn code_of(out: &std::process::Output) -> i32 {
    common::code(out)
}

#[test]
fn wrong_secrets_change_nothing_on_disk() {
    let (_tmp, vault, recovery) = fast_vault();
    ok(&vault, &["contact", "add", "--name", "Ana"]);
    let before = snapshot(&vault);

    let out = sigilo(&vault)
        .env("SIGILO_PASSPHRASE", "wrong passphrase!")
        .args(["contact", "list"])
        .output()
        .unwrap();
    assert_eq!(code_of(&out), 3);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong passphrase or damaged keyslot"));
    assert_eq!(snapshot(&vault), before);

    // A well-formed recovery code that is not this vault's.
    let other = fast_vault().2;
    let out = sigilo(&vault)
        .env("SIGILO_RECOVERY_CODE", &other)
        .args(["contact", "list"])
        .output()
        .unwrap();
    assert_eq!(code_of(&out), 3);
    assert_eq!(snapshot(&vault), before);

    // A typo in this vault's code is caught by its checksum.
    let mut typo: Vec<char> = recovery.chars().collect();
    let i = typo.iter().position(|c| c.is_ascii_alphanumeric()).unwrap();
    typo[i] = if typo[i] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    let out = sigilo(&vault)
        .env("SIGILO_RECOVERY_CODE", &typo)
        .args(["contact", "list"])
        .output()
        .unwrap();
    assert_eq!(code_of(&out), 2);
    assert_eq!(snapshot(&vault), before);

    // No secret at all and no terminal: a clear usage error.
    let out = sigilo(&vault).args(["contact", "list"]).output().unwrap();
    assert_eq!(code_of(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("SIGILO_PASSPHRASE"));
}

#[test]
fn missing_vault_is_not_found() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&tmp.path().join("nowhere"), &["contact", "list"]);
    assert_eq!(code_of(&out), 5);
    assert!(
        !tmp.path().join("nowhere").exists(),
        "opening creates nothing"
    );
}

#[test]
fn damaged_files_are_exit_3_or_4_never_a_panic() {
    let (_tmp, vault, _) = fast_vault();
    ok(&vault, &["contact", "add", "--name", "Ana"]);
    let keyslots = std::fs::read(vault.join("keyslots.json")).unwrap();
    let db = std::fs::read(vault.join("sigilo.db")).unwrap();

    let check = |label: &str, expected: &[i32]| {
        let out = run(&vault, &["contact", "list"]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            expected.contains(&code_of(&out)),
            "{label}: exit {} ({err})",
            code_of(&out)
        );
        assert!(!err.contains("panicked"), "{label}: {err}");
        assert!(
            err.lines().count() <= 2,
            "{label}: one sentence and a hint at most: {err}"
        );
    };

    std::fs::write(vault.join("keyslots.json"), &keyslots[..keyslots.len() / 2]).unwrap();
    check("truncated keyslots", &[4]);
    std::fs::write(vault.join("keyslots.json"), b"\x00\xff garbage").unwrap();
    check("garbage keyslots", &[4]);
    let mut flipped = keyslots.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    std::fs::write(vault.join("keyslots.json"), &flipped).unwrap();
    check("a flipped byte in keyslots", &[3, 4]);
    std::fs::write(vault.join("keyslots.json"), &keyslots).unwrap();
    ok(&vault, &["contact", "list"]);

    std::fs::write(vault.join("sigilo.db"), &db[..db.len() / 2]).unwrap();
    for f in ["sigilo.db-wal", "sigilo.db-shm"] {
        let _ = std::fs::remove_file(vault.join(f));
    }
    check("truncated database", &[4]);
    let mut garbage = db.clone();
    for b in garbage.iter_mut().skip(16).take(4096) {
        *b ^= 0x5a;
    }
    std::fs::write(vault.join("sigilo.db"), &garbage).unwrap();
    check("corrupted database", &[4]);
    std::fs::write(vault.join("sigilo.db"), b"").unwrap();
    check("empty database", &[4]);
}

#[test]
fn passphrase_change_recovery_code_and_key_rotation() {
    let (_tmp, vault, recovery) = fast_vault();
    let id = ok(&vault, &["contact", "add", "--name", "Marcador Rotación"])
        .trim()
        .to_owned();
    let new_pass = "a brand new passphrase";

    let out = run_with(
        &vault,
        &[
            ("SIGILO_PASSPHRASE", PASS),
            ("SIGILO_NEW_PASSPHRASE", new_pass),
        ],
        &["vault", "passwd"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        code_of(&run(&vault, &["contact", "list"])),
        3,
        "the old passphrase fails"
    );
    let with_new = |args: &[&str]| run_with(&vault, &[("SIGILO_PASSPHRASE", new_pass)], args);
    let with_code =
        |code: &str, args: &[&str]| run_with(&vault, &[("SIGILO_RECOVERY_CODE", code)], args);
    assert!(with_new(&["contact", "show", &id]).status.success());
    assert!(
        with_code(&recovery, &["contact", "show", &id])
            .status
            .success()
    );

    let out = with_new(&["vault", "recovery-code"]);
    assert!(out.status.success());
    let new_code = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_ne!(new_code, recovery);
    assert_eq!(code_of(&with_code(&recovery, &["contact", "list"])), 3);
    assert!(
        with_code(&new_code, &["contact", "show", &id])
            .status
            .success()
    );

    let out = with_new(&["vault", "raw-key"]);
    assert!(out.status.success());
    let old_key = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(old_key.len(), 64);
    assert!(old_key.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WARNING"));
    // The raw key opens the database outside Sigilo's own code path, as docs/vault-format.md says.
    let conn = open_raw(&vault, &old_key).unwrap();
    let name: String = conn
        .query_row("SELECT name FROM contact", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Marcador Rotación");
    drop(conn);

    assert!(with_new(&["vault", "rotate-key"]).status.success());
    let new_key = String::from_utf8(with_new(&["vault", "raw-key"]).stdout)
        .unwrap()
        .trim()
        .to_owned();
    assert_ne!(new_key, old_key);
    assert!(
        open_raw(&vault, &old_key).is_err(),
        "the old raw key no longer opens the database"
    );
    assert!(open_raw(&vault, &new_key).is_ok());
    assert!(with_new(&["contact", "show", &id]).status.success());
    assert!(
        with_code(&new_code, &["contact", "show", &id])
            .status
            .success()
    );
    assert!(with_new(&["vault", "check"]).status.success());
}

fn run_with(vault: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = sigilo(vault);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().unwrap()
}

#[test]
fn rotate_key_refuses_while_another_process_has_the_vault_open() {
    let (_tmp, vault, _) = fast_vault();
    let session = sigilo_api::Session::open(
        &vault,
        &sigilo_api::SecretString::new(PASS.into()),
        sigilo_api::UnlockKind::Passphrase,
    )
    .unwrap();
    let out = run(&vault, &["vault", "rotate-key"]);
    assert_eq!(code_of(&out), 6);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .to_lowercase()
            .contains("busy")
            || String::from_utf8_lossy(&out.stderr).contains("in use")
    );
    // Reading and writing at the same time still work.
    ok(&vault, &["contact", "add", "--name", "Mientras tanto"]);
    session.lock();
    ok(&vault, &["vault", "rotate-key"]);
}

#[test]
fn no_plaintext_marker_in_any_file_or_temp_file() {
    let (tmp, vault, _) = fast_vault();
    let tmpdir = tmp.path().join("tmp");
    std::fs::create_dir(&tmpdir).unwrap();
    let marker = "MarcadorÚnico-7f3a9c1e";
    for args in [
        &["contact", "add", "--name", marker, "--notes", marker][..],
        &["search", marker, "--json"][..],
        &["contact", "list", "--json"][..],
    ] {
        let out = sigilo(&vault)
            .env("SIGILO_PASSPHRASE", PASS)
            .env("TMPDIR", &tmpdir)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let files = snapshot(&vault)
        .into_iter()
        .chain(snapshot(&tmpdir))
        .collect::<Vec<_>>();
    assert!(files.iter().any(|(p, _)| p.ends_with("sigilo.db")));
    for (path, bytes) in files {
        assert!(
            !contains(&bytes, marker.as_bytes()),
            "{} holds the marker in plaintext",
            path.display()
        );
        assert!(
            !contains(&bytes, b"SQLite format 3"),
            "{} holds a plaintext SQLite header",
            path.display()
        );
    }
}

#[test]
fn check_reports_ok_and_info_has_no_secrets() {
    let (_tmp, vault, recovery) = fast_vault();
    assert_eq!(ok(&vault, &["vault", "check"]).trim(), "ok");
    let report = json(&vault, &["vault", "check", "--json"]);
    assert_eq!(report["ok"], true);
    let text = ok(&vault, &["vault", "info"]);
    assert!(text.contains("argon2id") && !text.contains(&recovery));
}
