//! Integration tests of the backup use cases on real vaults: create (own passphrase or vault key), info,
//! verify, restore and open the restored vault; error codes; automatic generations and their retention.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sigilo_api::{
    AutoBackupLast, AutoBackupSettings, AutoTrigger, BackupKeyMode, BackupStage, ContactInput,
    ErrorCode, SecretString, Session, UnlockKind, backup_info, backup_restore, backup_verify,
    generations,
};
use sigilo_vault::{KdfParams, Vault};
use time::{Duration, OffsetDateTime};

const VAULT_PASS: &str = "correct horse battery";
const BACKUP_PASS: &str = "una frase distinta para la copia";

fn secret(s: &str) -> SecretString {
    SecretString::new(s.to_owned())
}

/// A vault with one contact; returns the temp dir, the open session and the recovery code.
fn vault_with_contact() -> (tempfile::TempDir, Session, String) {
    let dir = tempfile::tempdir().unwrap();
    let kdf = KdfParams::insecure_fast_for_tests();
    let (vault, code) = Vault::create_with_kdf(
        &dir.path().join("vault"),
        &secret(VAULT_PASS),
        &sigilo_api::schema(),
        kdf,
    )
    .unwrap();
    let mut s = Session::from_vault(vault);
    s.contact_add(ContactInput {
        name: "Begoña Copiada".into(),
        emails: vec!["begona@ejemplo.test".into()],
        ..Default::default()
    })
    .unwrap();
    (dir, s, code.to_display().expose().clone())
}

fn audit_count(vault: &Path, action: &str) -> i64 {
    let s = Session::open(vault, &secret(VAULT_PASS), UnlockKind::Passphrase).unwrap();
    let key = s.raw_key_hex();
    let conn = rusqlite::Connection::open(vault.join("sigilo.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.expose()))
        .unwrap();
    conn.query_row(
        "SELECT count(*) FROM audit_event WHERE action = ?1",
        [action],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn own_passphrase_round_trip_create_verify_restore_open() {
    let (dir, mut s, _) = vault_with_contact();
    let file = dir.path().join("copia.sigilobak");
    let mut stages = Vec::new();
    let result = s
        .backup_create(&file, Some(&secret(BACKUP_PASS)), &mut |p| {
            assert!(p.total == 0 || p.done <= p.total, "{p:?}");
            if stages.last() != Some(&p.stage) {
                stages.push(p.stage);
            }
        })
        .unwrap();
    assert_eq!(
        stages,
        vec![
            BackupStage::Snapshot,
            BackupStage::Seal,
            BackupStage::Verify
        ]
    );
    assert_eq!(result.path, file.to_string_lossy());
    assert_eq!(result.bytes, std::fs::metadata(&file).unwrap().len());
    assert!(result.payload_bytes > 0);

    let info = backup_info(&file).unwrap();
    assert_eq!(info.key_mode, BackupKeyMode::Passphrase);
    assert!(info.kdf.is_some());
    assert_eq!(info.file_size, result.bytes);
    assert_eq!(info.format_version, 1);

    // Only the backup's own passphrase opens it.
    let wrong = backup_verify(
        &file,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    );
    assert_eq!(wrong.unwrap_err().code, ErrorCode::WrongSecret);
    let report = backup_verify(
        &file,
        &secret(BACKUP_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    )
    .unwrap();
    assert!(report.integrity_ok);
    assert_eq!(report.info, info);

    // Restore to a new folder; the restored vault opens with the vault's passphrase and holds the contact.
    let to = dir.path().join("restaurada");
    let restored = backup_restore(
        &file,
        &secret(BACKUP_PASS),
        UnlockKind::Passphrase,
        &to,
        false,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(restored.to, to.to_string_lossy());
    assert!(!restored.vault_locked);
    let r = Session::open(&to, &secret(VAULT_PASS), UnlockKind::Passphrase).unwrap();
    let hits = r.search("begoña", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Begoña Copiada");
    r.lock();

    // A second restore into the same (now non-empty) folder is refused without replace.
    let again = backup_restore(
        &file,
        &secret(BACKUP_PASS),
        UnlockKind::Passphrase,
        &to,
        false,
        &mut |_| {},
    );
    assert_eq!(again.unwrap_err().code, ErrorCode::AlreadyExists);

    s.lock();
    assert_eq!(audit_count(&dir.path().join("vault"), "backup_created"), 1);
}

#[test]
fn vault_key_backups_open_with_the_vaults_passphrase_or_recovery_code() {
    let (dir, mut s, code) = vault_with_contact();
    let file = dir.path().join("auto.sigilobak");
    s.backup_create(&file, None, &mut |_| {}).unwrap();
    assert_eq!(
        backup_info(&file).unwrap().key_mode,
        BackupKeyMode::VaultKeyslots
    );
    backup_verify(
        &file,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    )
    .unwrap();
    backup_verify(&file, &secret(&code), UnlockKind::RecoveryCode, &mut |_| {}).unwrap();
    let wrong = backup_verify(
        &file,
        &secret("not the passphrase"),
        UnlockKind::Passphrase,
        &mut |_| {},
    );
    assert_eq!(wrong.unwrap_err().code, ErrorCode::WrongSecret);
}

#[test]
fn bad_input_gets_the_right_code() {
    let (dir, mut s, _) = vault_with_contact();
    let file = dir.path().join("copia.sigilobak");
    let short = s.backup_create(&file, Some(&secret("corta")), &mut |_| {});
    assert_eq!(short.unwrap_err().code, ErrorCode::InvalidInput);
    let relative = s.backup_create(Path::new("copia.sigilobak"), None, &mut |_| {});
    assert_eq!(relative.unwrap_err().code, ErrorCode::InvalidInput);
    let folder = s.backup_create(dir.path(), None, &mut |_| {});
    assert_eq!(folder.unwrap_err().code, ErrorCode::InvalidInput);

    s.backup_create(&file, None, &mut |_| {}).unwrap();
    let exists = s.backup_create(&file, None, &mut |_| {});
    assert_eq!(exists.unwrap_err().code, ErrorCode::AlreadyExists);

    let missing = dir.path().join("nada.sigilobak");
    assert_eq!(backup_info(&missing).unwrap_err().code, ErrorCode::NotFound);
    let not_backup = dir.path().join("notas.txt");
    std::fs::write(&not_backup, b"just some notes, not a backup at all").unwrap();
    assert_eq!(
        backup_info(&not_backup).unwrap_err().code,
        ErrorCode::Damaged
    );
    let v = backup_verify(
        &not_backup,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    );
    assert_eq!(v.unwrap_err().code, ErrorCode::Damaged);

    // A flipped byte near the end (inside the last chunk) is damage, not a wrong passphrase.
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x01;
    let tampered = dir.path().join("tampered.sigilobak");
    std::fs::write(&tampered, &bytes).unwrap();
    let v = backup_verify(
        &tampered,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    );
    assert_eq!(v.unwrap_err().code, ErrorCode::Damaged);
    let to = dir.path().join("never");
    let r = backup_restore(
        &tampered,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &to,
        false,
        &mut |_| {},
    );
    assert_eq!(r.unwrap_err().code, ErrorCode::Damaged);
    assert!(!to.exists(), "a failed restore leaves no folder behind");

    // A recovery code with a typo is caught before any key derivation.
    let typo = backup_verify(
        &file,
        &secret("AAAA-BBBB"),
        UnlockKind::RecoveryCode,
        &mut |_| {},
    );
    assert!(matches!(
        typo.unwrap_err().code,
        ErrorCode::RecoveryCodeTypo | ErrorCode::InvalidInput | ErrorCode::WrongSecret
    ));
}

fn settings(folder: &Path, keep_last: u32, keep_monthly: u32) -> AutoBackupSettings {
    AutoBackupSettings {
        folder: Some(folder.to_string_lossy().into_owned()),
        before_lock: true,
        daily: true,
        keep_last,
        keep_monthly,
        last: None,
    }
}

fn generation_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn ok_file(last: Option<AutoBackupLast>) -> PathBuf {
    let last = last.expect("a generation was due");
    assert!(last.ok, "{last:?}");
    PathBuf::from(last.file.unwrap())
}

#[test]
fn automatic_generations_are_written_verified_and_pruned() {
    let (dir, mut s, _) = vault_with_contact();
    let folder = dir.path().join("copias");
    let now = OffsetDateTime::now_utc();

    // Off unless asked for.
    let mut off = settings(&folder, 2, 0);
    off.before_lock = false;
    off.daily = false;
    assert_eq!(
        s.auto_backup_if_due(&off, now, AutoTrigger::BeforeLock),
        None
    );
    assert_eq!(s.auto_backup_if_due(&off, now, AutoTrigger::Daily), None);
    off.folder = None;
    off.before_lock = true;
    assert_eq!(
        s.auto_backup_if_due(&off, now, AutoTrigger::BeforeLock),
        None
    );

    // Four generations, a day apart, keeping the last two.
    let policy = settings(&folder, 2, 0);
    let mut written = Vec::new();
    for days_ago in [3, 2, 1, 0] {
        let at = now - Duration::days(days_ago);
        written.push(ok_file(s.auto_backup_if_due(
            &policy,
            at,
            AutoTrigger::BeforeLock,
        )));
    }
    // A file that only looks like a generation is never touched.
    let impostor = folder.join(generations::generation_name(now - Duration::days(30)));
    std::fs::write(&impostor, b"not a backup").unwrap();
    written.push(ok_file(s.auto_backup_if_due(
        &policy,
        now + Duration::seconds(5),
        AutoTrigger::BeforeLock,
    )));
    let names = generation_files(&folder);
    let expected: Vec<String> = {
        let mut v = vec![
            impostor.file_name().unwrap().to_string_lossy().into_owned(),
            written[3]
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            written[4]
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
        ];
        v.sort();
        v
    };
    assert_eq!(
        names, expected,
        "no temporary file left, the two newest kept"
    );
    // Each generation opens with the vault's passphrase.
    backup_verify(
        &written[4],
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    )
    .unwrap();

    // Daily: not due while the newest generation is younger than a day…
    assert_eq!(
        s.auto_backup_if_due(&policy, now + Duration::hours(2), AutoTrigger::Daily),
        None
    );
    // …due a day later.
    ok_file(s.auto_backup_if_due(&policy, now + Duration::hours(25), AutoTrigger::Daily));
    // A recent success recorded in the settings answers without looking at the folder.
    let mut recorded = policy.clone();
    recorded.last = Some(AutoBackupLast {
        at: (now + Duration::hours(25))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
        ok: true,
        code: None,
        message: None,
        file: None,
    });
    assert_eq!(
        s.auto_backup_if_due(&recorded, now + Duration::hours(30), AutoTrigger::Daily),
        None
    );
}

#[test]
fn a_failed_generation_keeps_every_good_one() {
    let (dir, mut s, _) = vault_with_contact();
    let folder = dir.path().join("copias");
    let now = OffsetDateTime::now_utc();
    let policy = settings(&folder, 1, 0);
    let good =
        ok_file(s.auto_backup_if_due(&policy, now - Duration::days(1), AutoTrigger::BeforeLock));
    // Make the next attempt fail: its temporary name is taken by a folder.
    let next = generations::generation_name(now);
    std::fs::create_dir(folder.join(format!("{next}.partial"))).unwrap();
    let last = s
        .auto_backup_if_due(&policy, now, AutoTrigger::BeforeLock)
        .unwrap();
    assert!(!last.ok);
    assert!(last.code.is_some());
    assert!(good.exists(), "the good generation survives a failed one");
    assert!(!folder.join(&next).exists());
    backup_verify(
        &good,
        &secret(VAULT_PASS),
        UnlockKind::Passphrase,
        &mut |_| {},
    )
    .unwrap();

    // A folder that cannot be created is a failure too, recorded with its code.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, b"x").unwrap();
    let last = s
        .auto_backup_if_due(
            &settings(&blocked.join("sub"), 1, 0),
            now,
            AutoTrigger::BeforeLock,
        )
        .unwrap();
    assert!(!last.ok);
    assert_eq!(last.code, Some(ErrorCode::Io));
}
