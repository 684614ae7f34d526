//! The `sigilo backup` contract: create, info, verify and restore on real vaults, the secrets each takes, and the
//! exit codes for wrong passphrases (3), damaged or tampered files (4) and refusals (6).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::Path;
use std::process::Output;

const BACKUP_PASS: &str = "otra frase para la gestoría";

fn with(vault: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = sigilo(vault);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .trim()
        .to_owned()
}

#[test]
fn create_info_verify_restore_with_a_backup_passphrase() {
    let (tmp, vault, recovery) = fast_vault();
    ok(
        &vault,
        &[
            "contact",
            "add",
            "--name",
            "Copia Marcador",
            "--email",
            "copia@example.es",
        ],
    );
    let file = tmp.path().join("copia.sigilobak");
    let file_s = file.to_str().unwrap();

    let out = with(
        &vault,
        &[
            ("SIGILO_PASSPHRASE", PASS),
            ("SIGILO_BACKUP_PASSPHRASE", BACKUP_PASS),
        ],
        &["backup", "create", "-o", file_s],
    );
    assert_eq!(stdout(&out), file_s, "the file's path alone on stdout");
    assert!(file.is_file());
    assert!(
        !tmp.path().join("copia.sigilobak.tmp").exists(),
        "no temp file left"
    );

    // The header needs no secret.
    let info: serde_json::Value = serde_json::from_str(&stdout(
        &sigilo(&vault)
            .args(["backup", "info", file_s, "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(info["format_version"], 1);
    assert_eq!(info["key_mode"], "passphrase");
    assert!(info["kdf"]["m_cost_kib"].as_u64().unwrap() >= 64 * 1024);
    assert!(info["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        info["file_size"].as_u64().unwrap(),
        std::fs::metadata(&file).unwrap().len()
    );

    // Only the backup's own passphrase opens it.
    let out = with(
        &vault,
        &[("SIGILO_BACKUP_PASSPHRASE", BACKUP_PASS)],
        &["backup", "verify", file_s],
    );
    assert_eq!(stdout(&out), "ok");
    let out = with(
        &vault,
        &[("SIGILO_PASSPHRASE", PASS)],
        &["backup", "verify", file_s],
    );
    assert_eq!(code(&out), 3, "{}", String::from_utf8_lossy(&out.stderr));

    // Restore into a new folder: it opens with the vault's own passphrase and recovery code.
    let restored = tmp.path().join("restaurada");
    let out = with(
        &vault,
        &[("SIGILO_BACKUP_PASSPHRASE", BACKUP_PASS)],
        &[
            "backup",
            "restore",
            file_s,
            "--to",
            restored.to_str().unwrap(),
        ],
    );
    assert_eq!(stdout(&out), restored.to_str().unwrap());
    let hits = json(&restored, &["search", "copia marcador", "--json"]);
    assert_eq!(hits["items"].as_array().unwrap().len(), 1);
    let out = with(
        &restored,
        &[("SIGILO_RECOVERY_CODE", &recovery)],
        &["contact", "list", "--json"],
    );
    assert!(out.status.success());
    assert_eq!(ok(&restored, &["vault", "check"]).trim(), "ok");

    // A second restore into the same folder is refused without --replace.
    let out = with(
        &vault,
        &[("SIGILO_BACKUP_PASSPHRASE", BACKUP_PASS)],
        &[
            "backup",
            "restore",
            file_s,
            "--to",
            restored.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 6, "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn without_a_backup_passphrase_the_vault_passphrase_seals_it() {
    let (tmp, vault, _) = fast_vault();
    ok(&vault, &["contact", "add", "--name", "Ana"]);
    let file = tmp.path().join("b.sigilobak");
    let file_s = file.to_str().unwrap();
    stdout(&run(&vault, &["backup", "create", "-o", file_s]));
    assert_eq!(stdout(&run(&vault, &["backup", "verify", file_s])), "ok");
    let report: serde_json::Value = serde_json::from_str(&stdout(&run(
        &vault,
        &["backup", "verify", file_s, "--json"],
    )))
    .unwrap();
    assert_eq!(report["integrity_ok"], true);
    assert!(report["payload_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn damaged_and_foreign_files_are_exit_4_and_restore_nothing() {
    let (tmp, vault, _) = fast_vault();
    ok(&vault, &["contact", "add", "--name", "Ana"]);
    let file = tmp.path().join("b.sigilobak");
    stdout(&run(
        &vault,
        &["backup", "create", "-o", file.to_str().unwrap()],
    ));
    let good = std::fs::read(&file).unwrap();

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a flipped bit in the payload", {
            let mut b = good.clone();
            let i = b.len() - 40;
            b[i] ^= 0x04;
            b
        }),
        ("truncated", good[..good.len() * 2 / 3].to_vec()),
        ("bytes appended", [good.clone(), b"extra".to_vec()].concat()),
        (
            "not a backup",
            b"PK\x03\x04 a zip file, not a backup".to_vec(),
        ),
        ("empty", Vec::new()),
    ];
    for (label, bytes) in cases {
        let bad = tmp.path().join("bad.sigilobak");
        std::fs::write(&bad, &bytes).unwrap();
        let out = run(&vault, &["backup", "verify", bad.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(code(&out), 4, "{label}: {err}");
        assert!(!err.contains("panicked"), "{label}: {err}");
        let to = tmp
            .path()
            .join(format!("restored-{}", label.replace(' ', "-")));
        let out = run(
            &vault,
            &[
                "backup",
                "restore",
                bad.to_str().unwrap(),
                "--to",
                to.to_str().unwrap(),
            ],
        );
        assert_eq!(code(&out), 4, "{label}: restore");
        assert!(!to.exists(), "{label}: nothing restored");
    }
    let out = sigilo(&vault)
        .args([
            "backup",
            "info",
            tmp.path().join("bad.sigilobak").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4);
}

#[test]
fn replace_refuses_while_the_vault_is_open_then_swaps_it() {
    let (tmp, vault, _) = fast_vault();
    let before = ok(&vault, &["contact", "add", "--name", "Antes De La Copia"])
        .trim()
        .to_owned();
    let file = tmp.path().join("b.sigilobak");
    let file_s = file.to_str().unwrap();
    stdout(&run(&vault, &["backup", "create", "-o", file_s]));
    ok(&vault, &["contact", "add", "--name", "Después De La Copia"]);

    let session = sigilo_api::Session::open(
        &vault,
        &sigilo_api::SecretString::new(PASS.into()),
        sigilo_api::UnlockKind::Passphrase,
    )
    .unwrap();
    let out = run(
        &vault,
        &[
            "backup",
            "restore",
            file_s,
            "--to",
            vault.to_str().unwrap(),
            "--replace",
        ],
    );
    assert_eq!(
        code(&out),
        6,
        "busy while open: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    session.lock();
    assert_eq!(
        json(&vault, &["contact", "list", "--json"])["items"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "untouched"
    );

    stdout(&run(
        &vault,
        &[
            "backup",
            "restore",
            file_s,
            "--to",
            vault.to_str().unwrap(),
            "--replace",
        ],
    ));
    let items = json(&vault, &["contact", "list", "--json"]);
    let names: Vec<&str> = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Antes De La Copia"], "the vault is the backup's");
    assert!(json(&vault, &["contact", "show", &before, "--json"])["name"] == "Antes De La Copia");
    assert_eq!(ok(&vault, &["vault", "check"]).trim(), "ok");
}
