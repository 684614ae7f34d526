//! `sigilo field set|clear` and the `custom_fields` key of `contact|company|deal show --json`: values checked
//! and normalised by the field's kind (exit 2 naming the field), unknown records and fields exit 5, text values
//! searchable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn id(out: String) -> String {
    out.trim().to_owned()
}

fn define(vault: &std::path::Path, entity: &str, name: &str, kind: &str, choices: &[&str]) {
    let mut args = vec![
        "field", "define", "--entity", entity, "--name", name, "--kind", kind,
    ];
    for c in choices {
        args.extend(["--choice", c]);
    }
    ok(vault, &args);
}

/// `custom_fields` as (name, kind, value) triples.
fn values(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["custom_fields"]
        .as_array()
        .expect("custom_fields is an array")
        .iter()
        .map(|f| {
            assert!(f["field_id"].as_str().is_some(), "{f}");
            (
                f["name"].as_str().unwrap().to_owned(),
                f["kind"].as_str().unwrap().to_owned(),
                f["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn triple(n: &str, k: &str, v: &str) -> (String, String, String) {
    (n.to_owned(), k.to_owned(), v.to_owned())
}

#[test]
fn values_are_normalised_shown_cleared_and_searchable() {
    let (_tmp, vault, _) = fast_vault();
    define(&vault, "contact", "Sector", "text", &[]);
    define(&vault, "contact", "Empleados", "number", &[]);
    define(&vault, "contact", "Cliente desde", "date", &[]);
    define(&vault, "contact", "Nivel", "choice", &["Oro", "Plata"]);
    define(&vault, "contact", "Activo", "boolean", &[]);
    let ana = id(ok(&vault, &["contact", "add", "--name", "Ana"]));
    let before = json(&vault, &["contact", "show", &ana, "--json"]);
    assert_eq!(before["custom_fields"], serde_json::json!([]));
    for (name, value) in [
        ("sector", "Hostelería rural"),
        ("EMPLEADOS", "0012,50"),
        ("Cliente desde", "2020-05-01"),
        ("nivel", "oro"),
        ("Activo", "sí"),
    ] {
        ok(&vault, &["field", "set", "--contact", &ana, name, value]);
    }
    let shown = json(&vault, &["contact", "show", &ana, "--json"]);
    assert_eq!(
        values(&shown),
        [
            triple("Sector", "text", "Hostelería rural"),
            triple("Empleados", "number", "12.5"),
            triple("Cliente desde", "date", "2020-05-01"),
            triple("Nivel", "choice", "Oro"),
            triple("Activo", "boolean", "true"),
        ]
    );
    // Existing keys are all still there.
    for key in [
        "id",
        "name",
        "emails",
        "company_history",
        "last_interaction_at",
    ] {
        assert!(shown.get(key).is_some(), "{key}");
    }
    let text = ok(&vault, &["contact", "show", &ana]);
    assert!(text.contains("Empleados: 12.5"), "{text}");

    // Text values are searchable (accents and case ignored).
    let hits = json(&vault, &["search", "hosteleria", "--json"]);
    assert!(hits.to_string().contains(&format!("\"{ana}\"")), "{hits}");

    // Bad values: exit 2, the message names the field; nothing changes.
    for (name, value) in [
        ("Empleados", "doce"),
        ("Cliente desde", "2020-13-01"),
        ("Nivel", "Bronce"),
        ("Activo", "quizá"),
    ] {
        let out = run(&vault, &["field", "set", "--contact", &ana, name, value]);
        assert_eq!(code(&out), 2, "{name}={value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name), "{name}: {err}");
    }
    assert_eq!(
        values(&json(&vault, &["contact", "show", &ana, "--json"])),
        values(&shown)
    );

    // Unknown record or field: exit 5. No record named: exit 2.
    assert_eq!(
        code(&run(
            &vault,
            &["field", "set", "--contact", "999", "Sector", "x"]
        )),
        5
    );
    assert_eq!(
        code(&run(
            &vault,
            &["field", "set", "--contact", &ana, "Color", "x"]
        )),
        5
    );
    assert_eq!(
        code(&run(
            &vault,
            &["field", "set", "--company", &ana, "Sector", "x"]
        )),
        5,
        "a contact field is not a company field"
    );
    assert_eq!(code(&run(&vault, &["field", "set", "Sector", "x"])), 2);

    // Clearing removes the value, and its text from search.
    ok(&vault, &["field", "clear", "--contact", &ana, "Sector"]);
    ok(
        &vault,
        &["field", "set", "--contact", &ana, "Empleados", ""],
    );
    assert_eq!(
        values(&json(&vault, &["contact", "show", &ana, "--json"]))
            .iter()
            .map(|t| t.0.as_str())
            .collect::<Vec<_>>(),
        ["Cliente desde", "Nivel", "Activo"]
    );
    let hits = json(&vault, &["search", "hosteleria", "--json"]);
    assert!(!hits.to_string().contains(&format!("\"{ana}\"")), "{hits}");
}

#[test]
fn companies_and_deals_show_their_values() {
    let (_tmp, vault, _) = fast_vault();
    define(&vault, "company", "Plantilla", "number", &[]);
    define(&vault, "deal", "Origen", "choice", &["Web", "Feria"]);
    let acme = id(ok(&vault, &["company", "add", "--name", "Acme"]));
    let deal = id(ok(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Pedido",
            "--value",
            "10",
            "--currency",
            "EUR",
        ],
    ));
    ok(
        &vault,
        &["field", "set", "--company", &acme, "plantilla", "+040"],
    );
    ok(
        &vault,
        &["field", "set", "--deal", &deal, "origen", "FERIA"],
    );
    let company = json(&vault, &["company", "show", &acme, "--json"]);
    assert_eq!(values(&company), [triple("Plantilla", "number", "40")]);
    assert!(company.get("roles").is_some() && company.get("contacts").is_some());
    let shown = json(&vault, &["deal", "show", &deal, "--json"]);
    assert_eq!(values(&shown), [triple("Origen", "choice", "Feria")]);
    assert_eq!(shown["last_interaction_at"], serde_json::Value::Null);
    assert!(shown.get("value").is_some() && shown.get("stage_name").is_some());
    // The deal list carries them too.
    let list = json(&vault, &["deal", "list", "--json"]);
    assert_eq!(
        values(&list["items"][0]),
        [triple("Origen", "choice", "Feria")]
    );
    assert_eq!(
        code(&run(
            &vault,
            &["field", "set", "--deal", "77", "Origen", "Web"]
        )),
        5
    );
    let out = run(
        &vault,
        &["field", "set", "--deal", &deal, "Origen", "Radio"],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Origen"));
}
