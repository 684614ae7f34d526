//! End-to-end journeys in the real Sigilo window (tauri-driver + WebKitWebDriver under Xvfb): create, add,
//! search, lock and unlock; wrong passphrase and recovery-code unlock. Screenshots go to tests/artifacts/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use sigilo_api::{ContactInput, SecretString, Session};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "caballo correcto grapa batería 42";

/// A name no other data in the window can contain by accident.
fn marker() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("Ximena Sigilomarca{}{nanos}", std::process::id())
}

fn contact(name: &str, email: &str) -> ContactInput {
    ContactInput {
        name: name.to_owned(),
        emails: vec![email.to_owned()],
        ..Default::default()
    }
}

#[test]
fn a_create_add_search_lock_unlock() {
    let started = Instant::now();
    let marker = marker();
    let marker_email = format!("{}@ejemplo.test", marker.to_lowercase().replace(' ', "."));
    let search_term = marker.split(' ').nth(1).unwrap().to_lowercase();
    let mut app = App::launch(AppOptions::new("a-create-add-search-lock-unlock"));

    // First run: no vault in the folder → the create form.
    app.el("[data-testid=create-form]");
    app.shot("first-run-create");
    app.type_into("[data-testid=new-passphrase]", PASSPHRASE);
    app.type_into("[data-testid=new-passphrase-confirm]", PASSPHRASE);
    app.shot("create-filled");
    app.click("[data-testid=create-submit]");

    // The recovery code, shown once; continuing needs the "I have stored it" tick.
    let code = app.wait_text("[data-testid=recovery-code]", "a recovery code", |t| {
        t.trim().len() >= 20
    });
    assert!(
        app.has("[data-testid=recovery-continue][disabled]"),
        "continue must wait for the confirmation"
    );
    app.shot("recovery-code");
    assert!(!code.is_empty());
    app.click("[data-testid=recovery-stored]");
    app.click("[data-testid=recovery-continue]");

    // The empty contact list; add the marker contact.
    app.el("[data-testid=lock-button]");
    app.el("[data-testid=contacts-empty]");
    app.shot("contacts-empty");
    app.click("[data-testid=contact-new]");
    app.type_into("[data-testid=contact-name]", &marker);
    app.type_into("[data-testid=contact-email-0]", &marker_email);
    app.shot("contact-form");
    app.click("[data-testid=contact-save]");
    app.wait_text(
        "[data-testid=contact-detail-name]",
        "the new contact",
        |t| t == marker,
    );
    app.shot("contact-detail");

    // Back to the list and search it (prefix, lower case).
    app.click("[data-testid=contact-back]");
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the new contact in the list",
        |t| t == marker,
    );
    app.wait_text("[data-testid=contact-count]", "one contact", |t| {
        t.contains('1')
    });
    app.shot("contact-list");
    app.type_into(
        "[data-testid=search-input]",
        &search_term[..search_term.len() - 3],
    );
    app.wait_text("[data-testid=search-hit]", "the marker", |t| {
        t.contains(&marker)
    });
    app.shot("search-hit");

    // Lock: the web view reloads to the unlock form and holds nothing from the vault.
    app.click("[data-testid=lock-button]");
    app.el("[data-testid=unlock-form]");
    app.wait_until("the contact to leave the DOM", || {
        let html = app.exec("return document.documentElement.outerHTML")?;
        Ok(!html.as_str().unwrap_or(&marker).contains(&marker))
    });
    let html = app.html();
    assert!(
        !html.contains(&marker),
        "the marker name is still in the DOM after locking"
    );
    assert!(
        !html.contains(&marker_email),
        "the marker e-mail is still in the DOM after locking"
    );
    assert!(
        !html.contains(code.trim()),
        "the recovery code is in the DOM after locking"
    );
    assert!(!app.has("[data-testid=lock-button]"));
    app.shot("locked");

    // Unlock with the passphrase: the contact is still there.
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
    app.wait_text("[data-testid=contact-count]", "one contact", |t| {
        t.contains('1')
    });
    app.type_into("[data-testid=search-input]", &search_term);
    app.wait_text("[data-testid=search-hit]", "the marker", |t| {
        t.contains(&marker)
    });
    app.shot("unlocked-search-again");
    eprintln!("journey a took {:?}", started.elapsed());
}

#[test]
fn c_wrong_passphrase_then_recovery_code() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let pass = SecretString::from(PASSPHRASE);
    let (mut session, created) = Session::create_for_tests(&vault, &pass).unwrap();
    session
        .contact_add(contact("Úrsula Recuperada", "ursula@ejemplo.test"))
        .unwrap();
    session.lock();

    let mut app =
        App::launch(AppOptions::new("c-wrong-passphrase-recovery-code").vault(vault.clone()));
    app.el("[data-testid=unlock-form]");
    app.shot("unlock-form");

    // The CSP is in force in the real window: a remote image and a remote fetch are refused by the web view.
    let verdict = app
        .session()
        .execute_async(
            "const done = arguments[arguments.length - 1]; const seen = [];\
             document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));\
             const img = new Image(); img.src = 'https://example.invalid/pixel.png';\
             fetch('https://example.invalid/x').catch(() => {});\
             setTimeout(() => done(seen.join(' ')), 1500);",
            &[],
        )
        .unwrap();
    let verdict = verdict.as_str().unwrap_or_default().to_owned();
    assert!(
        verdict.contains("img-src"),
        "a remote image was not blocked by the CSP: {verdict:?}"
    );
    assert!(
        verdict.contains("connect-src"),
        "a remote fetch was not blocked by the CSP: {verdict:?}"
    );

    // A wrong passphrase: a clear message next to the field, and still locked.
    app.type_into("[data-testid=passphrase]", "esta no es la frase");
    app.click("[data-testid=unlock-submit]");
    let message = app.wait_text(
        "[data-testid=unlock-error]",
        "the wrong-passphrase message",
        |t| !t.trim().is_empty(),
    );
    assert!(
        app.has("[data-testid=unlock-error][data-code=wrong_secret]"),
        "error code wrong_secret expected"
    );
    assert!(
        message.to_lowercase().contains("frase") || message.to_lowercase().contains("incorrect"),
        "{message}"
    );
    assert!(!app.has("[data-testid=lock-button]"));
    app.shot("wrong-passphrase");

    // The recovery code opens it.
    app.click("[data-testid=use-recovery-code]");
    app.type_into("[data-testid=recovery-code-input]", &created.recovery_code);
    app.shot("recovery-code-typed");
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the seeded contact",
        |t| t == "Úrsula Recuperada",
    );
    app.shot("unlocked-with-recovery-code");
    eprintln!("journey c took {:?}", started.elapsed());
}

#[test]
fn d_auto_lock_after_idle_time() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let pass = SecretString::from(PASSPHRASE);
    let (mut session, _) = Session::create_for_tests(&vault, &pass).unwrap();
    session
        .contact_add(contact("Inés Inactiva", "ines@ejemplo.test"))
        .unwrap();
    session.lock();

    // One minute is the shortest timeout the settings accept.
    let mut app = App::launch(
        AppOptions::new("d-auto-lock")
            .vault(vault)
            .auto_lock_minutes(1),
    );
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.wait_text("[data-testid=contact-row] .name", "the contact", |t| {
        t == "Inés Inactiva"
    });
    app.shot("unlocked");
    let idle_from = Instant::now();

    // No input from here on: Rust locks the vault and the web view reloads to the unlock form on its own.
    app.wait_until_for(
        "the auto-lock to bring back the unlock form",
        Duration::from_secs(100),
        || {
            let v = app.exec(
                "return !!document.querySelector('[data-testid=unlock-form]') \
             && !document.documentElement.outerHTML.includes('Inactiva')",
            )?;
            Ok(v.as_bool() == Some(true))
        },
    );
    let idle = idle_from.elapsed();
    assert!(
        idle >= Duration::from_secs(50),
        "locked after only {idle:?} of idle time"
    );
    app.shot("auto-locked");
    eprintln!(
        "journey d took {:?} (locked after {idle:?} idle)",
        started.elapsed()
    );
}

/// A newcomer creates a vault and loads the demo data from the empty contact list: the list fills with the
/// demo's 200 contacts, and the button is gone once the vault holds contacts.
#[test]
fn e_newcomer_loads_the_demo_data() {
    let mut app = App::launch(AppOptions::new("e-newcomer-demo-data"));
    app.el("[data-testid=create-form]");
    app.type_into("[data-testid=new-passphrase]", PASSPHRASE);
    app.type_into("[data-testid=new-passphrase-confirm]", PASSPHRASE);
    app.click("[data-testid=create-submit]");
    app.wait_text("[data-testid=recovery-code]", "a recovery code", |t| {
        t.trim().len() >= 20
    });
    app.click("[data-testid=recovery-stored]");
    app.click("[data-testid=recovery-continue]");

    app.el("[data-testid=contacts-empty]");
    app.shot("empty-with-demo-offer");
    app.click("[data-testid=demo-load]");
    app.wait_until("the demo's 200 contacts", || {
        let v = app.exec(
            "const c = document.querySelector('[data-testid=contact-count]'); return c && c.dataset.total",
        )?;
        Ok(v.as_str() == Some("200"))
    });
    app.wait_text(
        "[data-testid=contact-row] .name",
        "the first demo contact",
        |t| !t.is_empty(),
    );
    assert!(
        !app.has("[data-testid=demo-load]"),
        "the demo is offered only while the vault is empty"
    );
    assert!(!app.has("[data-testid=demo-error]"));
    app.shot("demo-loaded");
    // The demo is searchable like any data.
    app.type_into("[data-testid=search-input]", "garcia");
    app.wait_text(
        "[data-testid=search-hit]",
        "a demo contact found by search",
        |t| t.to_lowercase().contains("garc"),
    );
    app.shot("demo-search");
}
