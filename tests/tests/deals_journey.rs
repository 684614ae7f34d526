//! End-to-end journey for the deals pipeline in the real window: drag a card to the next stage with WebDriver
//! pointer actions, see the move persist and the forecast change, move another card with the keyboard, and see the
//! Home dashboard; then the board over the demo data. Screenshots go to tests/artifacts/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use sigilo_api::{CompanyInput, DealInput, SecretString, Session, TaskInput};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "embudo de ventas con previsión 7";

/// The ids and the forecast month of what [`seed`] wrote.
struct Seeded {
    reforma: String,
    mantenimiento: String,
    /// `YYYY-MM` of every seeded deal's expected close (next month).
    month: String,
}

/// Next month after `today` (`YYYY-MM-DD`), as `YYYY-MM`.
fn next_month(today: &str) -> String {
    let y: i32 = today[..4].parse().unwrap();
    let m: u32 = today[5..7].parse().unwrap();
    if m == 12 {
        format!("{}-01", y + 1)
    } else {
        format!("{y}-{:02}", m + 1)
    }
}

fn deal(title: &str, stage: &str, value: &str, company: Option<&str>, close: &str) -> DealInput {
    DealInput {
        title: title.to_owned(),
        stage: Some(stage.to_owned()),
        company_id: company.map(str::to_owned),
        value: value.to_owned(),
        currency: "EUR".to_owned(),
        expected_close: Some(close.to_owned()),
        ..DealInput::default()
    }
}

fn seed(dir: &std::path::Path) -> Seeded {
    let pass = SecretString::from(PASSPHRASE);
    let (mut s, _) = Session::create_for_tests(dir, &pass).unwrap();
    let today = s.dashboard(30).unwrap().today;
    let month = next_month(&today);
    let close = format!("{month}-15");
    let company = s
        .company_add(CompanyInput {
            name: "Talleres Ruiz".to_owned(),
            ..CompanyInput::default()
        })
        .unwrap();
    // Nuevo (10 %): 10 000 € → 1 000 €; Cualificado (25 %): 2 400 € → 600 €; Propuesta (50 %): 1 500 € → 750 €.
    let reforma = s
        .deal_add(deal(
            "Reforma del local",
            "Nuevo",
            "10000.00",
            Some(&company),
            &close,
        ))
        .unwrap();
    let mantenimiento = s
        .deal_add(deal(
            "Mantenimiento anual",
            "Cualificado",
            "2400.00",
            Some(&company),
            &close,
        ))
        .unwrap();
    s.deal_add(deal("Web nueva", "Propuesta", "1500.00", None, &close))
        .unwrap();
    s.task_add(TaskInput {
        title: "Llamar a Talleres Ruiz".to_owned(),
        due_date: Some(today.clone()),
        ..TaskInput::default()
    })
    .unwrap();
    s.task_add(TaskInput {
        title: "Enviar el presupuesto revisado".to_owned(),
        due_date: Some("2020-01-10".to_owned()),
        ..TaskInput::default()
    })
    .unwrap();
    s.lock();
    Seeded {
        reforma,
        mantenimiento,
        month,
    }
}

fn unlock(app: &App) {
    app.el("[data-testid=unlock-form]");
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
}

fn card(id: &str) -> String {
    format!("[data-testid=deal-card][data-deal-id=\"{id}\"]")
}

fn column(stage: &str) -> String {
    format!("[data-testid=deal-column][data-stage-name=\"{stage}\"]")
}

/// The stage name of the column that holds the card of deal `id` right now (None while it is not in the DOM).
fn column_of(app: &App, id: &str) -> Option<String> {
    let v = app
        .session()
        .execute(
            "const c = document.querySelector(`[data-testid=deal-card][data-deal-id=\"${arguments[0]}\"]`);\
             return c ? c.closest('[data-testid=deal-column]').dataset.stageName : null;",
            &[Value::from(id)],
        )
        .unwrap();
    v.as_str().map(str::to_owned)
}

#[track_caller]
fn wait_in_column(app: &App, id: &str, stage: &str) {
    app.wait_until(&format!("deal {id} in the {stage} column"), || {
        Ok(column_of(app, id).as_deref() == Some(stage))
    });
}

/// The forecast bar's exact amount for `month` (from its data attribute), once the forecast view shows it.
#[track_caller]
fn wait_forecast(app: &App, month: &str, amount: &str) {
    let css = format!(
        "[data-testid=deals-forecast-chart-bar][data-key=\"{month}\"][data-amount=\"{amount}\"]"
    );
    app.el(&css);
}

#[test]
fn deals_drag_keyboard_forecast_home() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let seeded = seed(&vault);
    let mut app = App::launch(AppOptions::new("deals-journey").vault(vault.clone()));
    unlock(&app);

    // The board: one column per stage in order, cards where they were seeded, headers with count and total.
    app.click("[data-testid=nav-deals]");
    app.el(&card(&seeded.reforma));
    assert_eq!(app.count("[data-testid=deal-column]"), 6);
    wait_in_column(&app, &seeded.reforma, "Nuevo");
    wait_in_column(&app, &seeded.mantenimiento, "Cualificado");
    app.wait_text(
        &format!("{} [data-testid=deal-column-total]", column("Nuevo")),
        "10.000,00 €",
        |t| t.contains("10.000,00"),
    );
    app.wait_text(
        &format!("{} [data-testid=deal-card-value]", card(&seeded.reforma)),
        "the card's value",
        |t| t.contains("10.000,00") && t.contains('€'),
    );
    app.wait_text(
        &format!("{} .company", card(&seeded.reforma)),
        "the company's name",
        |t| t == "Talleres Ruiz",
    );
    app.shot("board");

    // The forecast before: next month = 1 000 + 600 + 750 = 2 350 €.
    app.click("[data-testid=deals-mode-forecast]");
    wait_forecast(&app, &seeded.month, "2350.00");
    app.wait_text("[data-testid=deals-forecast-total]", "2.350,00 €", |t| {
        t.contains("2350,00") || t.contains("2.350,00")
    });
    app.shot("forecast-before");
    app.click("[data-testid=deals-mode-board]");

    // Drag "Reforma del local" from Nuevo to Cualificado with pointer actions.
    app.el(&card(&seeded.reforma));
    app.drag(
        &format!("{} [data-testid=deal-card-open]", card(&seeded.reforma)),
        &format!("{} .scroll", column("Cualificado")),
    );
    wait_in_column(&app, &seeded.reforma, "Cualificado");
    app.wait_text("[data-testid=deal-announce]", "the move announced", |t| {
        t.contains("Reforma del local") && t.contains("Cualificado")
    });
    app.wait_text(
        &format!(
            "{} [data-testid=deal-card-probability]",
            card(&seeded.reforma)
        ),
        "the stage's probability",
        |t| t.contains("25"),
    );
    app.wait_text(
        &format!("{} [data-testid=deal-column-count]", column("Cualificado")),
        "two deals",
        |t| t.trim() == "2",
    );
    app.shot("dragged");
    assert!(!app.has("[data-testid=deal-move-error]"));

    // It persisted: leave the section and come back (the board reloads from the vault).
    app.click("[data-testid=nav-home]");
    app.el("[data-testid=home]");
    app.click("[data-testid=nav-deals]");
    app.el(&card(&seeded.reforma));
    wait_in_column(&app, &seeded.reforma, "Cualificado");

    // The forecast changed accordingly: 2 500 + 600 + 750 = 3 850 €.
    app.click("[data-testid=deals-mode-forecast]");
    wait_forecast(&app, &seeded.month, "3850.00");
    app.shot("forecast-after");
    app.click("[data-testid=deals-mode-board]");

    // The keyboard alternative: focus "Mantenimiento anual" and press "]" (next stage: Propuesta).
    let open = format!(
        "{} [data-testid=deal-card-open]",
        card(&seeded.mantenimiento)
    );
    app.el(&open);
    app.session()
        .execute(
            "document.querySelector(arguments[0]).focus(); return true;",
            &[Value::from(open.as_str())],
        )
        .unwrap();
    app.keys(&open, "]");
    wait_in_column(&app, &seeded.mantenimiento, "Propuesta");
    app.wait_text(
        "[data-testid=deal-announce]",
        "the keyboard move announced",
        |t| t.contains("Mantenimiento anual") && t.contains("Propuesta"),
    );
    app.wait_until("focus to stay on the moved card", || {
        let v = app.exec(
            "const a = document.activeElement; const c = a && a.closest('[data-testid=deal-card]');\
             return c ? c.dataset.dealId : null;",
        )?;
        Ok(v.as_str() == Some(seeded.mantenimiento.as_str()))
    });
    app.shot("keyboard-moved");

    // "Mover a…" on the lost stage asks for a reason; cancelling leaves the deal where it was.
    app.keys(&open, "m");
    app.el("[data-testid=deal-move-dialog]");
    app.click("[data-testid=deal-move-stage][data-stage-name=\"Perdido\"]");
    app.el("[data-testid=deal-move-reason]");
    app.shot("move-to-lost-dialog");
    app.click("[data-testid=deal-move-cancel]");
    wait_in_column(&app, &seeded.mantenimiento, "Propuesta");

    // A click (no drag) opens the deal's page: its stage, value, a tag added, its timeline.
    app.click(&format!(
        "{} [data-testid=deal-card-open]",
        card(&seeded.reforma)
    ));
    app.wait_text("[data-testid=deal-detail-title]", "the deal's title", |t| {
        t == "Reforma del local"
    });
    app.wait_text("[data-testid=deal-detail-stage]", "its stage", |t| {
        t == "Cualificado"
    });
    app.type_into("[data-testid=deal-tag-input]", "reforma");
    app.click("[data-testid=deal-tag-add]");
    app.wait_text("[data-testid=deal-tags]", "the new tag", |t| {
        t.contains("reforma")
    });
    app.shot("deal-page");
    app.click("[data-testid=deal-back]");
    app.el(&card(&seeded.reforma));

    // Home: tasks due today and overdue, the pipeline chart, the forecast, contacts gone quiet.
    app.click("[data-testid=nav-home]");
    app.wait_text("[data-testid=home-today-count]", "one task today", |t| {
        t.trim() == "1"
    });
    app.wait_text("[data-testid=home-overdue-count]", "one overdue", |t| {
        t.trim() == "1"
    });
    app.el("[data-testid=home-pipeline-chart-bar]");
    app.el(&format!(
        "[data-testid=home-forecast-chart-bar][data-key=\"{}\"][data-amount=\"4450.00\"]",
        seeded.month
    ));
    app.el("[data-testid=home-untouched]");
    app.shot("home");
    app.click("[data-testid=home-today-task]");
    app.wait_until("the Tasks section", || {
        let v = app.exec(
            "return document.querySelector('[data-testid=nav-tasks]').getAttribute('aria-current')",
        )?;
        Ok(v.as_str() == Some("page"))
    });
}

#[test]
fn deals_board_over_demo_data() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    {
        let pass = SecretString::from(PASSPHRASE);
        let (mut s, _) = Session::create_for_tests(&vault, &pass).unwrap();
        s.fill_demo(5, 7, &mut |_| {}).unwrap();
        s.lock();
    }
    let mut app = App::launch(AppOptions::new("deals-demo-board").vault(vault.clone()));
    unlock(&app);
    app.click("[data-testid=nav-home]");
    app.el("[data-testid=home-pipeline-chart-bar]");
    app.shot("home-demo");
    app.click("[data-testid=nav-deals]");
    app.el("[data-testid=deal-card]");
    app.shot("board-demo");
    // Only a screenful of cards per column is in the DOM, however many deals a stage holds.
    let cards = app.count("[data-testid=deal-card]");
    assert!(cards <= 6 * 16, "{cards} cards in the DOM");
    app.click("[data-testid=deals-mode-forecast]");
    app.el("[data-testid=deals-forecast-chart-bar]");
    app.shot("forecast-demo");
}

/// The deal of the card whose title is `title` (None while no such card is in the DOM).
fn card_id_by_title(app: &App, title: &str) -> Option<String> {
    let v = app
        .session()
        .execute(
            "const c = [...document.querySelectorAll('[data-testid=deal-card]')]\
               .find((el) => el.textContent.includes(arguments[0]));\
             return c ? c.dataset.dealId : null;",
            &[Value::from(title)],
        )
        .unwrap();
    v.as_str().map(str::to_owned)
}

#[test]
fn a_deal_created_in_the_form_is_dragged_and_the_forecast_follows() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let seeded = seed(&vault);
    let mut app = App::launch(AppOptions::new("deals-create-drag").vault(vault.clone()));
    unlock(&app);
    app.click("[data-testid=nav-deals]");
    app.el(&card(&seeded.reforma));

    // Create a deal through the form: 4 000 € closing next month, in the first stage (Nuevo, 10 %).
    app.click("[data-testid=deal-new]");
    app.el("[data-testid=deal-form]");
    app.type_into("[data-testid=deal-title]", "Climatización oficina");
    app.type_into("[data-testid=deal-value]", "4000");
    let close = format!("{}-20", seeded.month);
    app.session()
        .execute(
            "const el = document.querySelector('[data-testid=deal-close]');\
             el.value = arguments[0];\
             el.dispatchEvent(new Event('input', { bubbles: true }));\
             el.dispatchEvent(new Event('change', { bubbles: true }));\
             return true;",
            &[Value::from(close.as_str())],
        )
        .unwrap();
    app.shot("new-deal-form");
    app.click("[data-testid=deal-save]");
    assert!(!app.has("[data-testid=deal-form-error]"));

    // Back on the board, the card is in Nuevo; the forecast for next month gains 400 € (2 350 → 2 750).
    app.click("[data-testid=nav-home]");
    app.el("[data-testid=home]");
    app.click("[data-testid=nav-deals]");
    app.el(&card(&seeded.reforma));
    app.wait_until("the new deal's card", || {
        Ok(card_id_by_title(&app, "Climatización oficina").is_some())
    });
    let id = card_id_by_title(&app, "Climatización oficina").unwrap();
    wait_in_column(&app, &id, "Nuevo");
    app.click("[data-testid=deals-mode-forecast]");
    wait_forecast(&app, &seeded.month, "2750.00");
    app.click("[data-testid=deals-mode-board]");

    // Drag it to the next stage: Cualificado (25 %) weighs 1 000 € (2 750 → 3 350).
    app.el(&card(&id));
    app.drag(
        &format!("{} [data-testid=deal-card-open]", card(&id)),
        &format!("{} .scroll", column("Cualificado")),
    );
    wait_in_column(&app, &id, "Cualificado");
    app.shot("new-deal-dragged");
    app.click("[data-testid=deals-mode-forecast]");
    wait_forecast(&app, &seeded.month, "3350.00");
    app.shot("new-deal-forecast");
}
