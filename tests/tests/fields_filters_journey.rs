//! End-to-end journey for custom fields, list filters and deal edit in the real window: define a choice field from the
//! contact form, set it (and an address) on a contact, filter the contact list by that field and by a tag, sort by
//! last contacted, keep the filter across a detail page, link the contact to a company record, filter the company list
//! by a tag and sort it, then edit a deal's value and see it on the board.
//! Screenshots go to tests/artifacts/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use sigilo_api::{
    CompanyInput, ContactInput, DealInput, Direction, InteractionInput, InteractionKind,
    SecretString, Session, TaggedKind,
};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "campos y filtros en su sitio 9";

struct Seeded {
    ana: String,
    beatriz: String,
    deal: String,
}

fn contact(s: &mut Session, name: &str, tag: Option<&str>, contacted: &str) -> String {
    let id = s
        .contact_add(ContactInput {
            name: name.to_owned(),
            ..ContactInput::default()
        })
        .unwrap();
    if let Some(t) = tag {
        s.tag_add(TaggedKind::Contact, &id, t).unwrap();
    }
    s.interaction_add(InteractionInput {
        kind: InteractionKind::Call,
        at: contacted.to_owned(),
        direction: Direction::Outbound,
        subject: Some(format!("Llamada a {name}")),
        body: None,
        contact_ids: vec![id.clone()],
        company_id: None,
        deal_id: None,
    })
    .unwrap();
    id
}

fn seed(dir: &std::path::Path) -> Seeded {
    let pass = SecretString::from(PASSPHRASE);
    let (mut s, _) = Session::create_for_tests(dir, &pass).unwrap();
    // By name: Ana, Beatriz, Carlos. By last contacted: Carlos, Beatriz, Ana. Only Ana and Beatriz are "vip".
    let ana = contact(&mut s, "Ana Olmedo", Some("vip"), "2025-06-01T10:00:00");
    let beatriz = contact(&mut s, "Beatriz Prado", Some("vip"), "2025-10-01T10:00:00");
    contact(&mut s, "Carlos Ibáñez", None, "2025-11-01T10:00:00");
    // Companies, added in name order; "vip" are Almacenes Sur and Zeta Obras (newest first: Zeta, then Almacenes).
    for (name, vip) in [
        ("Almacenes Sur", true),
        ("Talleres Ruiz", false),
        ("Zeta Obras", true),
    ] {
        let id = s
            .company_add(CompanyInput {
                name: name.to_owned(),
                ..CompanyInput::default()
            })
            .unwrap();
        if vip {
            s.tag_add(TaggedKind::Company, &id, "vip").unwrap();
        }
    }
    let deal = s
        .deal_add(DealInput {
            title: "Reforma del local".to_owned(),
            stage: Some("Nuevo".to_owned()),
            value: "10000.00".to_owned(),
            currency: "EUR".to_owned(),
            ..DealInput::default()
        })
        .unwrap();
    s.lock();
    Seeded { ana, beatriz, deal }
}

/// Sets a `<select>` (or a date input) the way a user's choice does: value, then input and change events.
fn set_value(app: &App, css: &str, value: &str) {
    app.el(css);
    app.session()
        .execute(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
             e.dispatchEvent(new Event('input', { bubbles: true }));\
             e.dispatchEvent(new Event('change', { bubbles: true })); return e.value;",
            &[Value::from(css), Value::from(value)],
        )
        .unwrap();
}

/// The value of the `<option>` of `select_css` whose text is `text`.
fn option_value(app: &App, select_css: &str, text: &str) -> String {
    app.wait_until(&format!("option {text} in {select_css}"), || {
        Ok(app
            .session()
            .execute(
                "const s = document.querySelector(arguments[0]);\
                 return !!s && [...s.options].some((o) => o.text.trim() === arguments[1]);",
                &[Value::from(select_css), Value::from(text)],
            )?
            .as_bool()
            == Some(true))
    });
    app.session()
        .execute(
            "return [...document.querySelector(arguments[0]).options].find((o) => o.text.trim() === arguments[1]).value;",
            &[Value::from(select_css), Value::from(text)],
        )
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// Clicks `css` until `shows` appears: a form that has just mounted may still move (its first field takes the focus
/// and scrolls) under the pointer.
fn click_until(app: &App, css: &str, shows: &str) {
    for _ in 0..5 {
        app.click(css);
        let until = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while std::time::Instant::now() < until {
            if app.has(shows) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    panic!("{shows} never showed after clicking {css}");
}

/// The names in the contact list's rendered rows, top to bottom.
fn row_names(app: &App) -> Vec<String> {
    let v = app
        .exec(
            "return [...document.querySelectorAll('[data-testid=contact-row]')]\
             .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))\
             .map((r) => (r.querySelector('.name') || {}).textContent || '')",
        )
        .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap_or("").trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[track_caller]
fn wait_rows(app: &App, want: &[&str]) {
    app.wait_until(&format!("contact rows {want:?}"), || {
        Ok(row_names(app) == want)
    });
}

const FIELD: &str =
    "[data-testid=custom-field][data-field-name=\"Nivel\"] [data-testid=custom-field-input]";

#[test]
fn custom_field_filters_sort_deal_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let seeded = seed(&vault);
    let mut app = App::launch(AppOptions::new("fields-filters-journey").vault(vault));
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");

    // ----- The contact list by name, with its filter bar.
    app.click("[data-testid=nav-contacts]");
    wait_rows(&app, &["Ana Olmedo", "Beatriz Prado", "Carlos Ibáñez"]);
    app.el("[data-testid=filter-bar][data-entity=contact]");
    app.shot("contacts");

    // ----- Define a custom field from the contact form, set it, add an address.
    app.click(&format!(
        "[data-testid=contact-row][data-id=\"{}\"]",
        seeded.ana
    ));
    app.click("[data-testid=contact-edit]");
    app.el("[data-testid=custom-fields][data-entity=contact]");
    click_until(
        &app,
        "[data-testid=custom-field-define]",
        "[data-testid=field-define-name]",
    );
    app.type_into("[data-testid=field-define-name]", "Nivel");
    set_value(&app, "[data-testid=field-define-kind]", "choice");
    app.type_into("[data-testid=field-define-choices]", "Oro, Plata");
    app.shot("define-field");
    app.click("[data-testid=field-define-create]");
    app.wait_until("the dialog to close", || {
        Ok(!app.has("[data-testid=field-define-dialog]"))
    });
    set_value(&app, FIELD, "Oro");
    app.click("[data-testid=contact-add-address]");
    app.type_into("[data-testid=contact-address-label-0]", "oficina");
    app.type_into("[data-testid=contact-address-street-0]", "Calle Mayor 7");
    app.type_into("[data-testid=contact-address-city-0]", "Soria");
    app.shot("contact-form");
    app.click("[data-testid=contact-save]");
    app.wait_text(
        "[data-testid=contact-detail-field][data-field-name=\"Nivel\"]",
        "the field on the contact's page",
        |t| t.trim() == "Oro",
    );
    app.wait_text(
        "[data-testid=contact-detail-addresses]",
        "the address",
        |t| t.contains("Calle Mayor 7") && t.contains("Soria") && t.contains("oficina"),
    );
    app.shot("contact-detail");

    // ----- Filter the list by the field and by a tag.
    app.click("[data-testid=contact-back]");
    wait_rows(&app, &["Ana Olmedo", "Beatriz Prado", "Carlos Ibáñez"]);
    app.click("[data-testid=filter-open]");
    app.el("[data-testid=filter-panel]");
    let field_id = option_value(&app, "[data-testid=filter-field]", "Nivel");
    set_value(&app, "[data-testid=filter-field]", &field_id);
    set_value(&app, "[data-testid=filter-field-value]", "Oro");
    option_value(&app, "[data-testid=filter-tag]", "vip");
    set_value(&app, "[data-testid=filter-tag]", "vip");
    app.shot("filter-panel");
    app.click("[data-testid=filter-apply]");
    wait_rows(&app, &["Ana Olmedo"]);
    assert_eq!(app.count("[data-testid=filter-chip]"), 2);
    app.wait_text("[data-testid=contact-count]", "1 match", |t| {
        t.contains("1 coincide")
    });
    app.shot("filtered");

    // ----- Drop the field chip (the tag stays), then sort by last contacted.
    app.click("[data-testid=filter-chip][data-key=field] [data-testid=filter-chip-remove]");
    wait_rows(&app, &["Ana Olmedo", "Beatriz Prado"]);
    set_value(&app, "[data-testid=filter-sort]", "last_contacted");
    wait_rows(&app, &["Beatriz Prado", "Ana Olmedo"]);
    assert_eq!(app.count("[data-testid=filter-chip]"), 2);
    app.shot("sorted");

    // ----- The filter survives a visit to a contact's page.
    app.click(&format!(
        "[data-testid=contact-row][data-id=\"{}\"]",
        seeded.beatriz
    ));
    app.el("[data-testid=contact-detail]");
    app.click("[data-testid=contact-back]");
    wait_rows(&app, &["Beatriz Prado", "Ana Olmedo"]);
    app.click("[data-testid=filter-clear]");
    wait_rows(&app, &["Ana Olmedo", "Beatriz Prado", "Carlos Ibáñez"]);

    // ----- Link a contact to a company record from the form; the page shows it and its history.
    app.click(&format!(
        "[data-testid=contact-row][data-id=\"{}\"]",
        seeded.beatriz
    ));
    app.click("[data-testid=contact-edit]");
    app.type_into("[data-testid=contact-company-link]", "Talleres");
    app.wait_text(
        "[data-testid=contact-company-link-option]",
        "the company hit",
        |t| t.contains("Talleres Ruiz"),
    );
    app.click("[data-testid=contact-company-link-option]");
    app.el("[data-testid=contact-company-link-chosen]");
    app.shot("company-link");
    app.click("[data-testid=contact-save]");
    app.wait_text(
        "[data-testid=contact-detail-history]",
        "the company history",
        |t| t.contains("Talleres Ruiz"),
    );
    app.click("[data-testid=contact-back]");

    // ----- The company list: filter by tag, sort by date added (newest first).
    app.click("[data-testid=nav-companies]");
    let companies = |app: &App| -> Vec<String> {
        app.exec(
            "return [...document.querySelectorAll('[data-testid=company-row]')]\
             .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))\
             .map((r) => r.querySelector('.name').textContent.trim())",
        )
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect()
    };
    app.wait_until("companies by name", || {
        Ok(companies(&app) == ["Almacenes Sur", "Talleres Ruiz", "Zeta Obras"])
    });
    app.click("[data-testid=filter-bar][data-entity=company] [data-testid=filter-open]");
    option_value(&app, "[data-testid=filter-tag]", "vip");
    set_value(&app, "[data-testid=filter-tag]", "vip");
    app.click("[data-testid=filter-apply]");
    app.wait_until("vip companies", || {
        Ok(companies(&app) == ["Almacenes Sur", "Zeta Obras"])
    });
    set_value(&app, "[data-testid=filter-sort]", "created");
    app.wait_until("vip companies newest first", || {
        Ok(companies(&app) == ["Zeta Obras", "Almacenes Sur"])
    });
    app.shot("companies-filtered");
    app.click("[data-testid=filter-clear]");

    // ----- Edit a deal's value; the board shows it.
    let card = format!("[data-testid=deal-card][data-deal-id=\"{}\"]", seeded.deal);
    app.click("[data-testid=nav-deals]");
    app.wait_text(
        &format!("{card} [data-testid=deal-card-value]"),
        "the seeded value",
        |t| t.contains("10.000,00"),
    );
    app.click(&format!("{card} [data-testid=deal-card-open]"));
    app.click("[data-testid=deal-edit]");
    app.wait_until("the form prefilled", || {
        Ok(app
            .exec("return document.querySelector('[data-testid=deal-title]')?.value ?? ''")?
            .as_str()
            == Some("Reforma del local"))
    });
    app.type_into("[data-testid=deal-value]", "12500");
    // A number field defined from the deal form: a word is refused next to its input, a decimal comma is fine.
    click_until(
        &app,
        "[data-testid=custom-field-define]",
        "[data-testid=field-define-name]",
    );
    app.type_into("[data-testid=field-define-name]", "Horas");
    set_value(&app, "[data-testid=field-define-kind]", "number");
    app.click("[data-testid=field-define-create]");
    let hours = "[data-testid=custom-field][data-field-name=\"Horas\"]";
    app.type_into(&format!("{hours} [data-testid=custom-field-input]"), "doce");
    app.click("[data-testid=deal-save]");
    app.wait_text(
        &format!("{hours} [data-testid=custom-field-error]"),
        "the number refused at its input",
        |t| t.contains("número"),
    );
    app.shot("deal-edit-invalid");
    app.type_into(&format!("{hours} [data-testid=custom-field-input]"), "12,5");
    app.shot("deal-edit");
    app.click("[data-testid=deal-save]");
    app.wait_text("[data-testid=deal-detail-value]", "the new value", |t| {
        t.contains("12.500,00")
    });
    app.wait_text(
        "[data-testid=deal-detail-field][data-field-name=\"Horas\"]",
        "the hours on the deal's page",
        |t| t.trim() == "12,5",
    );
    app.shot("deal-detail");
    app.click("[data-testid=deal-back]");
    app.wait_text(
        &format!("{card} [data-testid=deal-card-value]"),
        "the new value on the board",
        |t| t.contains("12.500,00"),
    );
    app.shot("board");

    // ----- The board filtered by the deal's custom field and a stage: only that column, only that card.
    app.click("[data-testid=filter-bar][data-entity=deal] [data-testid=filter-open]");
    let hours_id = option_value(&app, "[data-testid=filter-field]", "Horas");
    set_value(&app, "[data-testid=filter-field]", &hours_id);
    app.type_into("[data-testid=filter-field-value]", "12.5");
    let nuevo = option_value(&app, "[data-testid=filter-stage]", "Nuevo");
    set_value(&app, "[data-testid=filter-stage]", &nuevo);
    app.click("[data-testid=filter-apply]");
    app.wait_until("one column with the card", || {
        Ok(app.count("[data-testid=deal-column]") == 1 && app.has(&card))
    });
    app.wait_text(
        "[data-testid=deal-column-total]",
        "the filtered column's total",
        |t| t.contains("12.500,00"),
    );
    app.shot("board-filtered");
    app.click("[data-testid=filter-clear]");
    app.wait_until("every column again", || {
        Ok(app.count("[data-testid=deal-column]") == 6)
    });
}
