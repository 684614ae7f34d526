//! End-to-end journey for supplier agreements and pipeline stages in the real window: on a supplier's page, add
//! an agreement whose renewal reminder is due today (an empty one first, refused inline) and see it listed with
//! its renewal badge; in Settings add a stage "Demo" at 35 %, move it up, see a refusal next to the only won
//! stage, and find "Demo" as a column of the deals board, before "Perdido". Screenshots go to tests/artifacts/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use sigilo_api::{CompanyInput, CompanyRole, DealInput, SecretString, Session};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "acuerdos y etapas del embudo 9";

/// Seeds a supplier with one deal (so the deals board shows its columns); returns today's date there.
fn seed(dir: &std::path::Path) -> String {
    let (mut s, _) = Session::create_for_tests(dir, &SecretString::from(PASSPHRASE)).unwrap();
    let today = s.dashboard(30).unwrap().today;
    let company = s
        .company_add(CompanyInput {
            name: "Papelera del Norte".to_owned(),
            roles: vec![CompanyRole::Supplier],
            ..CompanyInput::default()
        })
        .unwrap();
    s.deal_add(DealInput {
        title: "Suministro de papel 2026".to_owned(),
        stage: Some("Propuesta".to_owned()),
        company_id: Some(company),
        value: "1200.00".to_owned(),
        currency: "EUR".to_owned(),
        ..DealInput::default()
    })
    .unwrap();
    s.lock();
    today
}

/// Sets a date input's value as a person picking a day would (WebDriver cannot type into WebKit's date fields).
fn set_date(app: &App, css: &str, date: &str) {
    app.el(css);
    app.session()
        .execute(
            "const el = document.querySelector(arguments[0]);\
             el.value = arguments[1];\
             el.dispatchEvent(new Event('input', { bubbles: true }));\
             el.dispatchEvent(new Event('change', { bubbles: true }));\
             return true;",
            &[Value::from(css), Value::from(date)],
        )
        .unwrap();
}

/// The names in `css`'s `data-stage-name` attributes, in document order.
fn stage_names(app: &App, css: &str) -> Vec<String> {
    let v = app
        .session()
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.dataset.stageName);",
            &[Value::from(css)],
        )
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap_or_default().to_owned())
        .collect()
}

fn row(stage: &str) -> String {
    format!("[data-testid=stage-row][data-stage-name=\"{stage}\"]")
}

#[test]
fn supplier_agreement_and_a_new_pipeline_stage() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let today = seed(&vault);
    let mut app = App::launch(AppOptions::new("agreements-stages-journey").vault(vault));
    app.el("[data-testid=unlock-form]");
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");

    // ----- The supplier's page: no agreements yet.
    app.click("[data-testid=nav-companies]");
    app.click("[data-testid=company-row]");
    app.wait_text("[data-testid=company-detail-name]", "the supplier", |t| {
        t == "Papelera del Norte"
    });
    app.el("[data-testid=agreements-empty]");
    assert!(
        !app.has("[data-testid=agreements-hint]"),
        "a supplier gets no hint"
    );

    // Adding with no terms is refused next to the field, before anything is sent.
    app.click("[data-testid=agreement-add]");
    app.el("[data-testid=agreement-dialog]");
    app.click("[data-testid=agreement-save]");
    app.wait_text(
        "[data-testid=agreement-terms-error]",
        "the missing terms",
        |t| !t.trim().is_empty(),
    );
    assert!(app.has("#agreement-terms[aria-invalid=true]"));
    app.shot("agreement-terms-missing");

    // Then a real one: a year of paper, renewal reminder today.
    app.type_into(
        "[data-testid=agreement-terms-input]",
        "Suministro anual de papel, pago a 30 días",
    );
    let year: i32 = today[..4].parse().unwrap();
    set_date(
        &app,
        "[data-testid=agreement-start_date]",
        &format!("{year}-01-01"),
    );
    set_date(
        &app,
        "[data-testid=agreement-end_date]",
        &format!("{year}-12-31"),
    );
    set_date(&app, "[data-testid=agreement-renewal_reminder]", &today);
    app.type_into(
        "[data-testid=agreement-conditions]",
        "Portes pagados a partir de 500 €.",
    );
    app.shot("agreement-dialog-filled");
    app.click("[data-testid=agreement-save]");
    app.wait_until("the dialog to close", || {
        Ok(!app.has("[data-testid=agreement-dialog]"))
    });
    app.wait_text("[data-testid=agreement-terms]", "the new agreement", |t| {
        t == "Suministro anual de papel, pago a 30 días"
    });
    app.wait_text(
        "[data-testid=agreement-renewal-badge]",
        "the renewal badge",
        |t| t.contains("Renovar"),
    );
    assert!(app.has("[data-testid=agreement-renewal-badge][data-state=due]"));
    app.wait_text("[data-testid=agreement-dates]", "its dates", |t| {
        t.contains(&format!("01/01/{year}")) && t.contains(&format!("31/12/{year}"))
    });
    assert_eq!(app.count("[data-testid=agreement]"), 1);
    app.shot("agreement-listed");

    // ----- Settings: the stages editor lists the default pipeline in order.
    app.click("[data-testid=nav-settings]");
    app.el("[data-testid=stages-editor]");
    app.el(&row("Perdido"));
    let before = stage_names(&app, "[data-testid=stage-row]");
    assert_eq!(
        before,
        [
            "Nuevo",
            "Cualificado",
            "Propuesta",
            "Negociación",
            "Ganado",
            "Perdido"
        ]
    );

    // Add "Demo" at 35 %: it goes at the end.
    app.type_into("[data-testid=stage-add-name]", "Demo");
    app.type_into("[data-testid=stage-add-probability]", "35");
    app.click("[data-testid=stage-add]");
    app.el(&row("Demo"));
    app.wait_text(
        &format!("{} [data-testid=stage-probability]", row("Demo")),
        "35 %",
        |t| t.contains("35"),
    );
    assert_eq!(
        stage_names(&app, "[data-testid=stage-row]")
            .last()
            .map(String::as_str),
        Some("Demo")
    );

    // Move it up once: now before "Perdido".
    app.click(&format!("{} [data-testid=stage-up]", row("Demo")));
    app.wait_until("Demo to move up", || {
        Ok(stage_names(&app, "[data-testid=stage-row]")
            .iter()
            .position(|n| n == "Demo")
            == Some(5))
    });
    app.wait_text("[data-testid=stages-announce]", "the move announced", |t| {
        t.contains("Demo")
    });

    // Editing in place: the row turns into its fields; cancelling leaves it as it was.
    app.click(&format!("{} [data-testid=stage-edit]", row("Demo")));
    app.el("[data-testid=stage-edit-name]");
    app.shot("stage-editing");
    app.click("[data-testid=stage-cancel]");
    app.el(&format!("{} [data-testid=stage-probability]", row("Demo")));

    // Deleting the only won stage is refused, and the refusal shows next to it.
    app.click(&format!("{} [data-testid=stage-delete]", row("Ganado")));
    app.el("[data-testid=confirm-dialog]");
    app.click("[data-testid=confirm-ok]");
    app.wait_text(
        &format!("{} [data-testid=stage-refusal]", row("Ganado")),
        "the refusal",
        |t| t.contains("ganada"),
    );
    app.el(&row("Ganado"));
    // Scroll the Settings page (not the window) so the whole editor is in the picture.
    app.exec(
        "const p = document.querySelector('[data-testid=stages-editor]').closest('.page');\
         p.scrollTop = p.scrollHeight; document.scrollingElement.scrollTop = 0; return true;",
    )
    .unwrap();
    app.shot("stages-demo-added-and-refusal");

    // ----- The deals board has a "Demo" column, between "Ganado" and "Perdido".
    app.click("[data-testid=nav-deals]");
    app.el("[data-testid=deal-column][data-stage-name=\"Demo\"]");
    let columns = stage_names(&app, "[data-testid=deal-column]");
    assert_eq!(
        columns,
        [
            "Nuevo",
            "Cualificado",
            "Propuesta",
            "Negociación",
            "Ganado",
            "Demo",
            "Perdido"
        ]
    );
    app.shot("board-with-demo");
}
