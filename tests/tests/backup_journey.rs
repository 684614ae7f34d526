//! End-to-end journey f in the real window: create a vault, add a contact, back it up to a file under a
//! different passphrase (watching the progress reach done), verify it (a wrong secret first), restore it to a new
//! folder, then open the restored vault from the unlock screen and find the contact there.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::Value;
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "caballo correcto grapa batería 42";
const BACKUP_PASSPHRASE: &str = "otra frase para la copia 2026";

/// Reads the progress bar's state: `(stage, percent, running, done)`, or `None` while there is no bar.
fn progress(app: &App, testid: &str) -> Option<(String, String, bool, bool)> {
    let v = app
        .session()
        .execute(
            "const e = document.querySelector(`[data-testid=${arguments[0]}]`);\
             return e ? [e.dataset.stage, e.dataset.percent, e.dataset.running, e.dataset.done] : null;",
            &[Value::from(testid)],
        )
        .ok()?;
    let a = v.as_array()?;
    let s = |i: usize| {
        a.get(i)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Some((s(0), s(1), s(2) == "true", s(3) == "true"))
}

#[test]
fn f_backup_verify_restore_and_open_the_restored_vault() {
    let started = Instant::now();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let marker = format!("Remedios Copiadez{nanos}");
    let mut app = App::launch(AppOptions::new("f-backup-verify-restore"));
    let backup_file = app.tmp.path().join("copia-e2e.sigilobak");
    let restored = app.tmp.path().join("restaurada");

    // A new vault with one contact.
    app.el("[data-testid=create-form]");
    app.type_into("[data-testid=new-passphrase]", PASSPHRASE);
    app.type_into("[data-testid=new-passphrase-confirm]", PASSPHRASE);
    app.click("[data-testid=create-submit]");
    app.wait_text("[data-testid=recovery-code]", "a recovery code", |t| {
        t.trim().len() >= 20
    });
    app.click("[data-testid=recovery-stored]");
    app.click("[data-testid=recovery-continue]");
    app.click("[data-testid=contact-new]");
    app.type_into("[data-testid=contact-name]", &marker);
    app.click("[data-testid=contact-save]");
    app.wait_text(
        "[data-testid=contact-detail-name]",
        "the new contact",
        |t| t == marker,
    );

    // The Backups section: the file path is prefilled beside the vault folder.
    app.click("[data-testid=nav-backups]");
    app.el("[data-testid=backups-view]");
    assert!(!app.has("[data-testid=coming-soon]"));
    let prefilled = app
        .exec("return document.querySelector('[data-testid=backup-path]').value")
        .unwrap();
    let prefilled = prefilled.as_str().unwrap_or_default().to_owned();
    let parent = app.tmp.path().to_string_lossy().into_owned();
    assert!(
        prefilled.starts_with(&parent) && prefilled.ends_with(".sigilobak"),
        "backup path prefilled beside the vault: {prefilled}"
    );
    app.shot("backups-screen");

    // Back up under a different passphrase, entered twice (the strength meter shows).
    app.type_into("[data-testid=backup-path]", &backup_file.to_string_lossy());
    app.click("[data-testid=backup-own-passphrase]");
    app.type_into("[data-testid=backup-passphrase]", BACKUP_PASSPHRASE);
    app.type_into("[data-testid=backup-passphrase-confirm]", BACKUP_PASSPHRASE);
    app.el("[data-testid=passphrase-strength]");
    app.shot("backup-own-passphrase");
    app.click("[data-testid=backup-create]");
    // Watch the bar until the result shows: every state seen, then done at 100 %.
    let mut seen = BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !app.has("[data-testid=backup-result]") && !app.has("[data-testid=backup-error]") {
        if let Some((stage, percent, _, _)) = progress(&app, "backup-progress") {
            seen.insert(format!("{stage}:{percent}"));
        }
        assert!(Instant::now() < deadline, "the backup did not finish");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !app.has("[data-testid=backup-error]"),
        "backup failed: {}",
        app.text("[data-testid=backup-error]")
    );
    let (stage, percent, running, done) =
        progress(&app, "backup-progress").expect("a progress bar");
    assert_eq!(
        (stage.as_str(), percent.as_str(), running, done),
        ("verify", "100", false, true),
        "progress seen on the way: {seen:?}"
    );
    eprintln!("backup progress states seen while polling: {seen:?}");
    assert!(backup_file.is_file(), "the backup file exists");
    assert!(
        !app.tmp.path().join("copia-e2e.sigilobak.tmp").exists(),
        "no temporary file left"
    );
    app.wait_text("[data-testid=backup-result]", "the saved file", |t| {
        t.contains("copia-e2e.sigilobak")
    });
    app.shot("backup-done");

    // Verify: the vault's passphrase does not open a file sealed under its own passphrase…
    app.type_into("[data-testid=verify-path]", &backup_file.to_string_lossy());
    app.type_into("[data-testid=verify-secret]", PASSPHRASE);
    app.click("[data-testid=verify-submit]");
    app.el("[data-testid=verify-error][data-code=wrong_secret]");
    app.shot("verify-wrong-secret");
    // …the backup's passphrase does.
    app.type_into("[data-testid=verify-secret]", BACKUP_PASSPHRASE);
    app.click("[data-testid=verify-submit]");
    app.el("[data-testid=verify-result]");
    assert!(!app.has("[data-testid=verify-error]"));
    let (stage, percent, _, done) = progress(&app, "verify-progress").expect("a verify bar");
    assert_eq!(
        (stage.as_str(), percent.as_str(), done),
        ("verify", "100", true)
    );
    app.shot("verify-ok");

    // Restore to a new folder: the file's date and size and a warning before the confirmation.
    app.type_into("[data-testid=restore-path]", &backup_file.to_string_lossy());
    app.type_into("[data-testid=restore-secret]", BACKUP_PASSPHRASE);
    app.type_into("[data-testid=restore-to]", &restored.to_string_lossy());
    app.click("[data-testid=restore-review]");
    let created = app.wait_text(
        "[data-testid=restore-info-created]",
        "the backup's date",
        |t| t.contains('/'),
    );
    let size = app.text("[data-testid=restore-info-size]");
    assert!(size.ends_with("KB") || size.ends_with("MB"), "{size}");
    app.el("[data-testid=restore-warning]");
    eprintln!("backup created {created}, size {size}");
    app.shot("restore-review");
    app.click("[data-testid=restore-submit]");
    app.el("[data-testid=confirm-dialog]");
    app.shot("restore-confirm");
    app.click("[data-testid=confirm-ok]");
    app.wait_text("[data-testid=restore-result]", "the restored folder", |t| {
        t.contains("restaurada")
    });
    let (stage, _, _, done) = progress(&app, "restore-progress").expect("a restore bar");
    assert!(done, "restore finished at stage {stage}");
    assert!(restored.join("keyslots.json").is_file());
    app.shot("restore-done");

    // Automatic backups into a folder of their own, just before every lock.
    let auto_folder = app.tmp.path().join("copias");
    app.type_into("[data-testid=auto-folder]", &auto_folder.to_string_lossy());
    app.click("[data-testid=auto-before-lock]");
    app.click("[data-testid=auto-save]");
    app.wait_text("[data-testid=auto-status]", "the saved state", |t| {
        !t.trim().is_empty()
    });
    app.shot("auto-backups-saved");

    // Lock (the before-lock generation is written), then open the restored vault from the unlock screen with
    // the vault's own passphrase.
    app.click("[data-testid=restore-open]");
    app.el("[data-testid=unlock-form]");
    app.type_into("[data-testid=vault-path]", &restored.to_string_lossy());
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    let generations: Vec<String> = std::fs::read_dir(&auto_folder)
        .expect("the automatic backups folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        generations.len(),
        1,
        "one generation, nothing temporary: {generations:?}"
    );
    assert!(
        generations[0].starts_with("sigilo-") && generations[0].ends_with(".sigilobak"),
        "{generations:?}"
    );
    app.shot("unlock-restored");
    app.click("[data-testid=unlock-submit]");
    app.wait_text(
        "[data-testid=vault-name]",
        "the restored vault's name",
        |t| t == "restaurada",
    );
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the contact in the restored vault",
        |t| t == marker,
    );
    let term = marker.split(' ').nth(1).unwrap().to_lowercase();
    app.type_into("[data-testid=search-input]", &term[..8]);
    app.wait_text(
        "[data-testid=search-hit]",
        "the contact found by search",
        |t| t.contains(&marker),
    );
    app.shot("restored-vault-contact");

    // The backups screen reports the automatic backup written at the lock.
    app.click("[data-testid=nav-backups]");
    app.el("[data-testid=auto-last][data-ok=true]");
    app.exec("document.querySelector('[data-testid=auto-last]').scrollIntoView()")
        .unwrap();
    app.shot("auto-backup-last-result");
    eprintln!("journey f took {:?}", started.elapsed());
}

/// Restoring over the open vault: an automatic-style backup (the vault's own keys), a contact added after it,
/// then a restore with "replace" onto the open vault's folder. The app locks the vault first and returns to the
/// unlock screen; the vault, opened again, is as it was at the backup (the later contact is gone).
#[test]
fn g_restore_replacing_the_open_vault() {
    use sigilo_api::{ContactInput, SecretString, Session};

    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let pass = SecretString::from(PASSPHRASE);
    let (mut session, _) = Session::create_for_tests(&vault, &pass).unwrap();
    session
        .contact_add(ContactInput {
            name: "Alicia Anterior".into(),
            ..Default::default()
        })
        .unwrap();
    session.lock();
    let backup_file = tmp.path().join("antes.sigilobak");

    let mut app =
        App::launch(AppOptions::new("g-restore-replacing-open-vault").vault(vault.clone()));
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the seeded contact",
        |t| t == "Alicia Anterior",
    );

    // Back up with the vault's own keys (no separate passphrase).
    app.click("[data-testid=nav-backups]");
    app.type_into("[data-testid=backup-path]", &backup_file.to_string_lossy());
    app.click("[data-testid=backup-create]");
    app.el("[data-testid=backup-result]");
    app.el("[data-testid=backup-progress][data-done=true][data-percent='100']");

    // A contact added after the backup.
    app.click("[data-testid=nav-contacts]");
    app.click("[data-testid=contact-new]");
    app.type_into("[data-testid=contact-name]", "Bruno Posterior");
    app.click("[data-testid=contact-save]");
    app.wait_text(
        "[data-testid=contact-detail-name]",
        "the later contact",
        |t| t == "Bruno Posterior",
    );

    // Restore onto the open vault's folder, replacing it: the file opens with the vault's passphrase.
    app.click("[data-testid=nav-backups]");
    app.type_into("[data-testid=restore-path]", &backup_file.to_string_lossy());
    app.type_into("[data-testid=restore-secret]", PASSPHRASE);
    app.type_into("[data-testid=restore-to]", &vault.to_string_lossy());
    app.click("[data-testid=restore-replace]");
    app.click("[data-testid=restore-review]");
    app.el("[data-testid=restore-info]");
    let warning = app.text("[data-testid=restore-warning]");
    assert!(warning.contains("sustituir"), "{warning}");
    app.shot("replace-review");
    app.click("[data-testid=restore-submit]");
    app.el("[data-testid=confirm-dialog]");
    app.shot("replace-confirm");
    app.click("[data-testid=confirm-ok]");

    // The vault was locked for the swap: the web view reloads to the unlock screen, holding nothing.
    app.el("[data-testid=unlock-form]");
    assert!(!app.html().contains("Bruno Posterior"));
    app.shot("locked-after-replace");
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the backed-up contact",
        |t| t == "Alicia Anterior",
    );
    app.wait_text("[data-testid=contact-count]", "one contact", |t| {
        t.contains('1')
    });
    app.type_into("[data-testid=search-input]", "posterior");
    app.wait_until("no hit for the contact added after the backup", || {
        let v = app.exec(
            "return document.querySelectorAll('[data-testid=search-hit]').length === 0 \
             && !document.documentElement.outerHTML.includes('Bruno Posterior')",
        )?;
        Ok(v.as_bool() == Some(true))
    });
    app.shot("vault-as-backed-up");
    // Nothing but the vault is left beside it once the new one opened.
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("vault") && n != "vault")
        .collect();
    eprintln!("beside the vault after the swap: {leftovers:?}");
}

/// A larger vault (10,000 contacts with notes, about 30 MB): the bar moves through its stages with a percentage and MB/s while
/// the backup runs, and ends complete. The states seen are printed; a screenshot is taken mid-run when possible.
#[test]
fn h_backup_progress_on_a_larger_vault() {
    use sigilo_api::{ContactInput, SecretString, Session};

    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let pass = SecretString::from(PASSPHRASE);
    let (mut session, _) = Session::create_for_tests(&vault, &pass).unwrap();
    let notes = "Notas largas sobre el cliente, sus pedidos y sus preferencias. ".repeat(12);
    for batch in 0..1 {
        let inputs = (0..10_000)
            .map(|i| ContactInput {
                name: format!("Cliente {batch}-{i:05}"),
                emails: vec![format!("cliente{batch}{i}@ejemplo.test")],
                notes: Some(format!("{notes}{i}")),
                ..Default::default()
            })
            .collect();
        session.contact_add_many(inputs).unwrap();
    }
    session.lock();
    let backup_file = tmp.path().join("grande.sigilobak");

    let mut app = App::launch(AppOptions::new("h-backup-progress-larger-vault").vault(vault));
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
    app.click("[data-testid=nav-backups]");
    app.type_into("[data-testid=backup-path]", &backup_file.to_string_lossy());
    app.click("[data-testid=backup-create]");
    let mut seen = Vec::<String>::new();
    let mut shot_mid_run = false;
    let deadline = Instant::now() + Duration::from_secs(120);
    while !app.has("[data-testid=backup-result]") && !app.has("[data-testid=backup-error]") {
        if let Some((stage, percent, running, _)) = progress(&app, "backup-progress") {
            let state = format!("{stage}:{percent}");
            if seen.last() != Some(&state) {
                seen.push(state);
            }
            if running && !shot_mid_run && app.has("[data-testid=backup-progress-rate]") {
                app.shot("backup-running");
                shot_mid_run = true;
            }
        }
        assert!(Instant::now() < deadline, "the backup did not finish");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!app.has("[data-testid=backup-error]"));
    let (stage, percent, _, done) = progress(&app, "backup-progress").unwrap();
    assert_eq!(
        (stage.as_str(), percent.as_str(), done),
        ("verify", "100", true)
    );
    let size = std::fs::metadata(&backup_file).unwrap().len();
    eprintln!(
        "backup of {:.1} MB: states seen {seen:?}, mid-run screenshot: {shot_mid_run}",
        size as f64 / 1e6
    );
    app.shot("backup-done");
}
