//! `sigilo tag add|remove|list` and `sigilo field define|list`: tags on contacts, companies and deals (unique
//! regardless of case and accents, searchable), custom field definitions, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn names(v: &serde_json::Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn tags_on_records() {
    let (_tmp, vault, _) = fast_vault();
    let ana = ok(&vault, &["contact", "add", "--name", "Ana"])
        .trim()
        .to_owned();
    let acme = ok(&vault, &["company", "add", "--name", "Acme"])
        .trim()
        .to_owned();
    let deal = ok(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Pedido",
            "--value",
            "1",
            "--currency",
            "EUR",
        ],
    )
    .trim()
    .to_owned();
    ok(&vault, &["tag", "add", "Feria Valencia", "--contact", &ana]);
    ok(&vault, &["tag", "add", "VIP", "--contact", &ana]);
    ok(
        &vault,
        &["tag", "add", "feria   valéncia", "--company", &acme],
    );
    ok(&vault, &["tag", "add", "vip", "--deal", &deal]);
    ok(&vault, &["tag", "add", "VIP", "--deal", &deal]);

    let all = json(&vault, &["tag", "list", "--json"]);
    assert_eq!(
        names(&all),
        ["Feria Valencia", "VIP"],
        "one tag per folded name"
    );
    assert!(all["next_cursor"].is_null());
    assert!(all["items"][0]["id"].is_string());
    assert_eq!(
        names(&json(&vault, &["tag", "list", "--contact", &ana, "--json"])),
        ["Feria Valencia", "VIP"]
    );
    assert_eq!(
        names(&json(
            &vault,
            &["tag", "list", "--company", &acme, "--json"]
        )),
        ["Feria Valencia"]
    );
    let hits = json(&vault, &["search", "valencia", "--json"]);
    let kinds: Vec<&str> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["contact", "company"], "tags are searchable");

    ok(&vault, &["tag", "remove", "vip", "--contact", &ana]);
    assert_eq!(
        names(&json(&vault, &["tag", "list", "--contact", &ana, "--json"])),
        ["Feria Valencia"]
    );
    assert!(ok(&vault, &["tag", "list"]).contains("VIP"));

    assert_eq!(
        code(&run(&vault, &["tag", "add", "X"])),
        2,
        "a record is required"
    );
    assert_eq!(
        code(&run(
            &vault,
            &["tag", "add", "X", "--contact", &ana, "--deal", &deal]
        )),
        2
    );
    assert_eq!(
        code(&run(&vault, &["tag", "add", " ", "--contact", &ana])),
        2
    );
    assert_eq!(
        code(&run(&vault, &["tag", "add", "X", "--contact", "999"])),
        5
    );
    assert_eq!(
        code(&run(&vault, &["tag", "remove", "nunca", "--contact", &ana])),
        5
    );
}

#[test]
fn custom_field_definitions() {
    let (_tmp, vault, _) = fast_vault();
    let size = ok(
        &vault,
        &[
            "field", "define", "--entity", "company", "--name", "Tamaño", "--kind", "choice",
            "--choice", "Pequeña", "--choice", "Mediana", "--choice", "Grande",
        ],
    )
    .trim()
    .to_owned();
    assert!(!size.is_empty() && !size.contains(char::is_whitespace));
    ok(
        &vault,
        &[
            "field",
            "define",
            "--entity",
            "company",
            "--name",
            "Empleados",
            "--kind",
            "number",
        ],
    );
    ok(
        &vault,
        &[
            "field",
            "define",
            "--entity",
            "contact",
            "--name",
            "Cumpleaños hijo",
            "--kind",
            "date",
        ],
    );
    let defs = json(&vault, &["field", "list", "--entity", "company", "--json"]);
    assert_eq!(names(&defs), ["Tamaño", "Empleados"], "definition order");
    assert_eq!(defs["items"][0]["id"], size.as_str());
    assert_eq!(defs["items"][0]["entity"], "company");
    assert_eq!(defs["items"][0]["kind"], "choice");
    assert_eq!(
        defs["items"][0]["choices"],
        serde_json::json!(["Pequeña", "Mediana", "Grande"])
    );
    assert_eq!(
        names(&json(
            &vault,
            &["field", "list", "--entity", "deal", "--json"]
        )),
        Vec::<String>::new()
    );
    assert!(ok(&vault, &["field", "list", "--entity", "contact"]).contains("Cumpleaños hijo"));

    let dup = run(
        &vault,
        &[
            "field", "define", "--entity", "company", "--name", "TAMANO", "--kind", "text",
        ],
    );
    assert_eq!(
        code(&dup),
        6,
        "a name taken regardless of case and accents is refused"
    );
    assert!(String::from_utf8_lossy(&dup.stderr).contains("already exists"));
    assert_eq!(
        code(&run(
            &vault,
            &[
                "field", "define", "--entity", "company", "--name", "X", "--kind", "colour"
            ]
        )),
        2
    );
    assert_eq!(
        code(&run(
            &vault,
            &[
                "field", "define", "--entity", "task", "--name", "X", "--kind", "text"
            ]
        )),
        2
    );
    assert_eq!(
        code(&run(
            &vault,
            &[
                "field", "define", "--entity", "deal", "--name", "Canal", "--kind", "choice"
            ]
        )),
        2,
        "a choice field needs its choices"
    );
}
