//! End-to-end CRM journey in the real window: add a company (a bad CIF refused next to its field, then a good one)
//! and a contact, link them, log a call on the contact and see it on both timelines, add a task linked to the
//! contact and complete it (logging a note) so it leaves Today; the command palette drives the navigation.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigilo_api::{SecretString, Session};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "caballo correcto grapa batería 42";
const ENTER: &str = "\u{E007}";

/// Opens the command palette with Ctrl+K from `css`, searches `query` and opens the hit of `kind` titled `title`.
fn palette_open(app: &App, from: &str, query: &str, kind: &str, title: &str) {
    app.keys(from, "\u{E009}k\u{E000}");
    app.el("[data-testid=palette-input]");
    app.type_into("[data-testid=palette-input]", query);
    let hit = format!("[data-testid=palette-hit][data-kind={kind}]");
    app.wait_text(&hit, title, |t| t.contains(title));
    // Arrow down to the hit (other kinds may be listed first), then Enter.
    let index = app
        .exec(&format!(
            "const e = document.querySelector('{hit}'); return e ? Number(e.id.replace('palette-opt-', '')) : -1"
        ))
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(index >= 0, "no {kind} hit for {query}");
    let down = "\u{E015}".repeat(usize::try_from(index).unwrap());
    app.keys("[data-testid=palette-input]", &format!("{down}{ENTER}"));
    app.wait_until("the palette to close", || {
        Ok(!app.has("[data-testid=palette-input]"))
    });
}

#[test]
fn company_contact_call_task() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let (session, _) = Session::create_for_tests(&vault, &SecretString::from(PASSPHRASE)).unwrap();
    session.lock();

    let mut app = App::launch(AppOptions::new("crm-journey").vault(vault));
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");

    // ----- Companies: the empty state, then the form (keyboard: N opens it).
    app.click("[data-testid=nav-companies]");
    app.el("[data-testid=companies-empty]");
    app.shot("companies-empty");
    app.click("[data-testid=company-add-first]");
    app.type_into("[data-testid=company-name]", "Ñandú Ferretería S.L.");
    app.click("[data-testid=company-role-customer]");
    app.click("[data-testid=company-role-supplier]");
    // A CIF whose check digit is wrong: the server refuses it, and says so next to the field.
    app.type_into("[data-testid=company-tax-id]", "B12345675");
    app.click("[data-testid=company-add-address]");
    app.type_into("#company-addr-0-street", "Calle Mayor 7");
    app.type_into("#company-addr-0-postal", "42001");
    app.type_into("#company-addr-0-city", "Soria");
    app.type_into("#company-addr-0-country", "ES");
    app.type_into("[data-testid=company-payment-days]", "30");
    app.type_into("[data-testid=company-currency]", "EUR");
    app.keys("[data-testid=company-name]", ENTER);
    let msg = app.wait_text(
        "[data-testid=company-tax-id-error]",
        "the CIF refusal",
        |t| !t.trim().is_empty(),
    );
    assert!(
        app.has("#company-tax-id[aria-invalid=true]"),
        "the tax id field is marked invalid: {msg}"
    );
    app.shot("company-form-bad-cif");
    app.type_into("[data-testid=company-tax-id]", "B12345674");
    app.click("[data-testid=company-save]");
    app.wait_text(
        "[data-testid=company-detail-name]",
        "the new company",
        |t| t == "Ñandú Ferretería S.L.",
    );
    assert_eq!(app.count("[data-testid=role-badge]"), 2);
    app.wait_text("[data-testid=company-detail-tax-id]", "the CIF", |t| {
        t.contains("B12345674")
    });
    app.shot("company-detail");
    app.click("[data-testid=company-back]");
    app.wait_text("[data-testid=company-row] .name", "the list row", |t| {
        t == "Ñandú Ferretería S.L."
    });
    app.shot("company-list");

    // ----- A contact, through the contacts form.
    app.click("[data-testid=nav-contacts]");
    app.click("[data-testid=contact-add-first]");
    app.type_into("[data-testid=contact-name]", "Íñigo Landa");
    app.click("[data-testid=contact-save]");
    app.wait_text("[data-testid=contact-detail-name]", "the contact", |t| {
        t == "Íñigo Landa"
    });

    // ----- Link it to the company from the company page (palette → company → contact picker).
    palette_open(
        &app,
        "[data-testid=contact-back]",
        "ñandu",
        "company",
        "Ñandú",
    );
    app.wait_text(
        "[data-testid=company-detail-name]",
        "the company page",
        |t| t.starts_with("Ñandú"),
    );
    app.type_into("[data-testid=company-link-contact]", "inigo");
    app.wait_text(
        "[data-testid=company-link-contact-hit]",
        "the contact in the picker",
        |t| t.contains("Íñigo Landa"),
    );
    app.keys("[data-testid=company-link-contact]", ENTER);
    app.wait_text(
        "[data-testid=company-detail-linked]",
        "one linked contact",
        |t| t.starts_with("1 contacto"),
    );
    app.shot("company-contact-linked");

    // ----- Log a call on the contact: it shows on the contact's timeline…
    palette_open(
        &app,
        "[data-testid=company-back]",
        "landa",
        "contact",
        "Íñigo Landa",
    );
    app.wait_text(
        "[data-testid=contact-detail-name]",
        "the contact page",
        |t| t == "Íñigo Landa",
    );
    app.wait_text(
        "[data-testid=contact-detail-company]",
        "the linked company",
        |t| t.contains("Ñandú"),
    );
    app.el("[data-testid=timeline-empty]");
    app.click("[data-testid=timeline-log]");
    app.el("[data-testid=log-dialog]");
    app.type_into("[data-testid=log-subject]", "Pedido de tornillería");
    app.type_into(
        "[data-testid=log-body]",
        "Quiere 500 unidades antes del viernes.",
    );
    app.shot("log-call-dialog");
    app.click("[data-testid=log-save]");
    app.wait_text(
        "[data-testid=timeline-item][data-kind=call]",
        "the call on the contact's timeline",
        |t| t.contains("Pedido de tornillería"),
    );
    app.shot("contact-timeline");

    // …and on the company's.
    palette_open(
        &app,
        "[data-testid=contact-back]",
        "ñandu",
        "company",
        "Ñandú",
    );
    app.wait_text(
        "[data-testid=timeline-item][data-kind=call]",
        "the call on the company's timeline",
        |t| t.contains("Pedido de tornillería"),
    );
    app.wait_text(
        "[data-testid=company-detail-last]",
        "a last-contacted date",
        |t| t.chars().any(|c| c.is_ascii_digit()),
    );
    // A tag, added with Enter and shown as a chip.
    app.type_into("[data-testid=tag-input]", "mayorista");
    app.keys("[data-testid=tag-input]", ENTER);
    app.wait_text("[data-testid=tag-chip]", "the new tag", |t| {
        t.contains("mayorista")
    });
    app.shot("company-timeline");

    // ----- Tasks: add one for today linked to the contact, then complete it with a note.
    app.click("[data-testid=nav-tasks]");
    app.el("[data-testid=tasks-empty]");
    app.click("[data-testid=task-new]");
    app.type_into("[data-testid=task-title]", "Enviar presupuesto a Íñigo");
    app.type_into("[data-testid=task-link]", "landa");
    app.wait_text("[data-testid=task-link-hit]", "the contact", |t| {
        t.contains("Íñigo Landa")
    });
    app.keys("[data-testid=task-link]", ENTER);
    app.el("[data-testid=task-link-chosen]");
    app.shot("task-form");
    app.keys("[data-testid=task-title]", ENTER);
    app.wait_text(
        "[data-testid=task-row] [data-testid=task-title-text]",
        "the task under Today",
        |t| t == "Enviar presupuesto a Íñigo",
    );
    app.wait_text("[data-testid=task-count-today]", "one task today", |t| {
        t == "1"
    });
    app.wait_text(
        "[data-testid=task-link-contact]",
        "the linked contact's name",
        |t| t.contains("Íñigo Landa"),
    );
    app.shot("tasks-today");
    app.click("[data-testid=task-done]");
    app.el("[data-testid=complete-dialog]");
    app.type_into(
        "[data-testid=complete-note]",
        "Presupuesto enviado por correo.",
    );
    app.shot("task-complete-dialog");
    app.click("[data-testid=complete-log]");
    app.el("[data-testid=tasks-empty]");
    assert!(!app.has("[data-testid=task-row]"));
    app.wait_text("[data-testid=task-count-today]", "no task today", |t| {
        t == "0"
    });
    app.shot("tasks-today-done");

    // The completion logged an interaction on the contact's timeline too.
    palette_open(
        &app,
        "[data-testid=task-new]",
        "landa",
        "contact",
        "Íñigo Landa",
    );
    app.wait_until("two interactions on the contact's timeline", || {
        Ok(app.count("[data-testid=timeline-item]") == 2)
    });
    app.shot("contact-timeline-after-task");

    // Deleting the company: it has a contact, so the dialog asks; "keep them, unlinked" keeps Íñigo.
    palette_open(
        &app,
        "[data-testid=contact-back]",
        "ferreteria",
        "company",
        "Ñandú",
    );
    app.click("[data-testid=company-delete]");
    app.el("[data-testid=company-delete-dialog]");
    app.el("[data-testid=company-delete-cascade]");
    app.shot("company-delete-dialog");
    app.click("[data-testid=company-delete-detach]");
    app.el("[data-testid=companies-empty]");
    app.click("[data-testid=nav-contacts]");
    app.wait_text("[data-testid=contact-row] .name", "the contact kept", |t| {
        t == "Íñigo Landa"
    });
}

/// The CRM screens over the demo data at scale 5 (about 1,000 contacts, their companies, interactions and tasks):
/// the company list pages as it scrolls and filters by role, a company page with a long timeline, the three task
/// views, the palette. Screenshots are for looking at; the assertions only check that each screen filled.
#[test]
fn demo_vault_screens() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    sigilo_api::demo::create_demo_vault(&vault, &SecretString::from(PASSPHRASE), 5, 7, &mut |_| {})
        .unwrap();

    let mut app = App::launch(AppOptions::new("crm-demo-scale-5").vault(vault));
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");

    app.click("[data-testid=nav-companies]");
    app.el("[data-testid=company-row]");
    app.shot("companies");
    // Scroll far down: later pages arrive by cursor and the list keeps growing until the end.
    app.wait_until("the whole company list to load by scrolling", || {
        let done = app.exec(
            "const s = document.querySelector('[data-testid=company-list-scroll]');\
             s.scrollTop = s.scrollHeight;\
             return document.querySelector('[data-testid=company-count]').dataset.done === 'true'",
        )?;
        Ok(done.as_bool() == Some(true))
    });
    app.shot("companies-scrolled-to-end");
    app.click("[data-testid=company-filter-supplier]");
    app.wait_until("only suppliers", || {
        let v = app.exec(
            "const rows = [...document.querySelectorAll('[data-testid=company-row]')];\
             return rows.length > 0 && rows.every(r => r.querySelector('[data-role=supplier]'))",
        )?;
        Ok(v.as_bool() == Some(true))
    });
    app.shot("companies-suppliers");
    app.click("[data-testid=company-filter-all]");
    // Keyboard: j j Enter opens the second company.
    app.el("[data-testid=company-row]");
    app.keys("[data-testid=company-list-scroll]", "jj\u{E007}");
    app.el("[data-testid=company-detail]");
    app.el("[data-testid=timeline-item]");
    app.shot("company-detail");

    app.click("[data-testid=nav-tasks]");
    app.el("[data-testid=task-list]");
    app.shot("tasks-today");
    app.click("[data-testid=task-tab-overdue]");
    app.el("[data-testid=task-list][data-view=overdue]");
    app.shot("tasks-overdue");
    app.click("[data-testid=task-tab-upcoming]");
    app.el("[data-testid=task-list][data-view=upcoming]");
    app.shot("tasks-upcoming");
    // Keyboard: j selects the first task, Enter opens what it is about.
    app.keys("[data-testid=task-tab-upcoming]", "j");
    app.el("[data-testid=task-row][aria-current=true]");
    app.keys("[data-testid=task-list]", ENTER);
    app.wait_until("the task's contact or company to open", || {
        Ok(app.has("[data-testid=contact-detail]") || app.has("[data-testid=company-detail]"))
    });

    app.click("[data-testid=palette-open]");
    app.type_into("[data-testid=palette-input]", "gar");
    app.el("[data-testid=palette-hit]");
    app.shot("palette-search");
    app.keys("[data-testid=palette-input]", ENTER);
    app.wait_until("the palette to close", || {
        Ok(!app.has("[data-testid=palette-input]"))
    });
    app.shot("palette-opened-hit");
}

/// Scrolls the company list of a big vault (`SIGILO_BIG_VAULT`, made with `sigilo demo --scale 100` or more, opened
/// with this file's passphrase) one screen per animation frame, in English, and prints the frame times. Ignored by
/// default: `SIGILO_BIG_VAULT=/tmp/big cargo test -p sigilo-e2e --test crm_journey -- --ignored`.
#[test]
#[ignore = "needs a big demo vault in SIGILO_BIG_VAULT"]
fn big_vault_company_list() {
    let vault = std::path::PathBuf::from(std::env::var("SIGILO_BIG_VAULT").unwrap());
    let mut options = AppOptions::new("crm-big-vault").vault(vault);
    options.locale = "en";
    let mut app = App::launch(options);
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
    app.click("[data-testid=nav-companies]");
    app.el("[data-testid=company-row]");
    app.shot("companies");
    let report = app
        .session()
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const s = document.querySelector('[data-testid=company-list-scroll]');\
             const times = []; let last = performance.now(); let frames = 0;\
             const tick = (now) => {\
               times.push(now - last); last = now; frames++;\
               s.scrollTop += s.clientHeight;\
               const c = document.querySelector('[data-testid=company-count]').dataset;\
               if ((c.done === 'true' && s.scrollTop + s.clientHeight >= s.scrollHeight - 2) || frames > 3000) {\
                 times.sort((a, b) => a - b);\
                 done({ frames, loaded: Number(c.loaded), p50: times[times.length >> 1],\
                        p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1],\
                        rows_in_dom: document.querySelectorAll('[data-testid=company-row]').length });\
               } else requestAnimationFrame(tick);\
             };\
             requestAnimationFrame(tick);",
            &[],
        )
        .unwrap();
    eprintln!("company list scroll: {report}");
    assert!(report["rows_in_dom"].as_u64().unwrap() < 100, "{report}");
    app.shot("companies-end");
    app.click("[data-testid=company-filter-prospect]");
    app.el("[data-testid=company-row]");
    app.shot("companies-prospects");
    app.keys("[data-testid=company-list-scroll]", "j\u{E007}");
    app.el("[data-testid=timeline-item]");
    app.shot("company-detail");
    app.click("[data-testid=nav-tasks]");
    app.el("[data-testid=task-list]");
    app.shot("tasks");
}
