//! The `sigilo deal` contract: money as decimal strings with their currency, stages by name, moves, the forecast
//! per month and currency, and deals blocking a company's deletion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use serde_json::json;

fn id_of(vault: &std::path::Path, args: &[&str]) -> String {
    let id = ok(vault, args).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "the id alone on stdout: {id:?}"
    );
    id
}

#[test]
fn add_show_move_list() {
    let (_tmp, vault, _) = fast_vault();
    let acme = id_of(&vault, &["company", "add", "--name", "Acme"]);
    let ana = id_of(&vault, &["contact", "add", "--name", "Ana"]);
    let big = id_of(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Hornos 2027",
            "--value",
            "1234.5",
            "--currency",
            "eur",
            "--company",
            &acme,
            "--contact",
            &ana,
            "--close",
            "2026-12-15",
            "--notes",
            "Urgente",
        ],
    );
    let d = json(&vault, &["deal", "show", &big, "--json"]);
    assert_eq!(d["id"], big.as_str());
    assert_eq!(d["title"], "Hornos 2027");
    assert_eq!(d["value"], json!({"amount": "1234.50", "currency": "EUR"}));
    assert_eq!(d["stage_name"], "Nuevo", "the first open stage");
    assert_eq!(d["stage_kind"], "open");
    assert_eq!(d["probability"], 10, "the stage's default probability");
    assert_eq!(d["company_id"], acme.as_str());
    assert_eq!(d["contact_id"], ana.as_str());
    assert_eq!(d["expected_close"], "2026-12-15");
    assert!(d["closed_at"].is_null());
    let text = ok(&vault, &["deal", "show", &big]);
    assert!(text.contains("1234.50 EUR") && text.contains("Nuevo"));

    let small = id_of(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Azulejos",
            "--value",
            "80",
            "--currency",
            "EUR",
            "--stage",
            "PROPUESTA",
            "--probability",
            "40",
        ],
    );
    let d = json(&vault, &["deal", "show", &small, "--json"]);
    assert_eq!(d["stage_name"], "Propuesta");
    assert_eq!(d["probability"], 40);
    assert_eq!(d["value"]["amount"], "80.00");

    ok(&vault, &["deal", "move", &big, "--stage", "negociacion"]);
    let d = json(&vault, &["deal", "show", &big, "--json"]);
    assert_eq!(d["stage_name"], "Negociación");
    assert_eq!(d["probability"], 75, "a move takes the stage's probability");

    let out = run(&vault, &["deal", "move", &small, "--stage", "perdido"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("reason"));
    ok(
        &vault,
        &[
            "deal", "move", &small, "--stage", "Perdido", "--reason", "Precio",
        ],
    );
    let d = json(&vault, &["deal", "show", &small, "--json"]);
    assert_eq!(d["stage_kind"], "lost");
    assert_eq!(d["reason"], "Precio");
    assert!(d["closed_at"].as_str().unwrap().ends_with('Z'));

    let all = json(&vault, &["deal", "list", "--json", "--limit", "1"]);
    assert_eq!(all["items"][0]["title"], "Azulejos", "title order");
    let cursor = all["next_cursor"].as_str().unwrap().to_owned();
    let rest = json(
        &vault,
        &[
            "deal", "list", "--json", "--limit", "1", "--cursor", &cursor,
        ],
    );
    assert_eq!(rest["items"][0]["title"], "Hornos 2027");
    assert!(rest["next_cursor"].is_null());
    let lost = json(&vault, &["deal", "list", "--stage", "perdido", "--json"]);
    assert_eq!(lost["items"].as_array().unwrap().len(), 1);
    assert_eq!(lost["items"][0]["id"], small.as_str());

    let stages = json(&vault, &["deal", "stages", "--json"]);
    let names: Vec<&str> = stages["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Nuevo",
            "Cualificado",
            "Propuesta",
            "Negociación",
            "Ganado",
            "Perdido"
        ]
    );

    ok(&vault, &["deal", "delete", &small]);
    assert_eq!(code(&run(&vault, &["deal", "show", &small])), 5);
}

#[test]
fn forecast_is_per_month_and_currency_rounded_once() {
    let (_tmp, vault, _) = fast_vault();
    let add = |title: &str, value: &str, currency: &str, close: Option<&str>, p: &str| {
        let mut args = vec![
            "deal",
            "add",
            "--title",
            title,
            "--value",
            value,
            "--currency",
            currency,
            "--probability",
            p,
        ];
        if let Some(c) = close {
            args.extend(["--close", c]);
        }
        id_of(&vault, &args)
    };
    add("A", "1000.00", "EUR", Some("2026-12-15"), "50");
    add("B", "0.01", "EUR", Some("2026-12-20"), "50");
    add("C", "300", "JPY", Some("2026-12-01"), "10");
    add("D", "99.99", "USD", None, "100");
    add("E", "10", "EUR", Some("2027-01-10"), "33");
    let won = add("F", "5000", "EUR", Some("2026-12-01"), "90");
    ok(&vault, &["deal", "move", &won, "--stage", "ganado"]);

    let f = json(&vault, &["deal", "forecast", "--json"]);
    assert!(f["next_cursor"].is_null());
    assert_eq!(
        f["items"],
        json!([
            {"month": null, "weighted": {"amount": "99.99", "currency": "USD"},
             "total": {"amount": "99.99", "currency": "USD"}, "deals": 1},
            {"month": "2026-12", "weighted": {"amount": "500.01", "currency": "EUR"},
             "total": {"amount": "1000.01", "currency": "EUR"}, "deals": 2},
            {"month": "2026-12", "weighted": {"amount": "30", "currency": "JPY"},
             "total": {"amount": "300", "currency": "JPY"}, "deals": 1},
            {"month": "2027-01", "weighted": {"amount": "3.30", "currency": "EUR"},
             "total": {"amount": "10.00", "currency": "EUR"}, "deals": 1},
        ]),
        "won deals are not forecast; currencies never mixed; 50% of 0.01 + 50% of 1000.00 rounds once"
    );
    let text = ok(&vault, &["deal", "forecast"]);
    assert!(text.contains("500.01 EUR") && text.contains("2026-12"));
}

#[test]
fn bad_input_and_unknown_records() {
    let (_tmp, vault, _) = fast_vault();
    let add = |extra: &[&str]| {
        let mut args = vec!["deal", "add", "--title", "X"];
        args.extend_from_slice(extra);
        run(&vault, &args)
    };
    let out = add(&["--value", "-5", "--currency", "EUR"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("value"));
    let out = add(&["--value", "5", "--currency", "EURO"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("currency"));
    assert_eq!(code(&add(&["--value", "1.234", "--currency", "EUR"])), 2);
    assert_eq!(code(&add(&["--value", "abc", "--currency", "EUR"])), 2);
    let out = add(&["--value", "5", "--currency", "EUR", "--probability", "150"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("probability"));
    let out = add(&["--value", "5", "--currency", "EUR", "--stage", "Soñando"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("stage"));
    assert_eq!(
        code(&add(&[
            "--value",
            "5",
            "--currency",
            "EUR",
            "--close",
            "pronto"
        ])),
        2
    );
    assert_eq!(
        code(&add(&[
            "--value",
            "5",
            "--currency",
            "EUR",
            "--company",
            "999"
        ])),
        5
    );
    assert_eq!(code(&add(&["--currency", "EUR"])), 2, "--value is required");
    assert_eq!(code(&run(&vault, &["deal", "show", "999"])), 5);
    assert_eq!(
        code(&run(&vault, &["deal", "move", "999", "--stage", "nuevo"])),
        5
    );
    assert_eq!(
        code(&run(&vault, &["deal", "list", "--cursor", "garbage!"])),
        2
    );
    assert!(
        json(&vault, &["deal", "list", "--json"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_company_with_deals_is_not_deleted_unless_told() {
    let (_tmp, vault, _) = fast_vault();
    let acme = id_of(&vault, &["company", "add", "--name", "Acme"]);
    let deal = id_of(
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
            "--company",
            &acme,
        ],
    );
    assert_eq!(
        json(&vault, &["company", "show", &acme, "--json"])["deals"],
        1
    );
    let out = run(&vault, &["company", "delete", &acme]);
    assert_eq!(code(&out), 6);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 deal(s)"));
    ok(&vault, &["company", "delete", &acme, "--detach"]);
    let d = json(&vault, &["deal", "show", &deal, "--json"]);
    assert!(d["company_id"].is_null(), "the deal stays, unlinked");

    let other = id_of(&vault, &["company", "add", "--name", "Beta"]);
    let gone = id_of(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Otro",
            "--value",
            "10",
            "--currency",
            "EUR",
            "--company",
            &other,
        ],
    );
    ok(&vault, &["company", "delete", &other, "--cascade"]);
    assert_eq!(code(&run(&vault, &["deal", "show", &gone])), 5);
}

#[test]
fn edit_changes_only_what_is_given() {
    let (_tmp, vault, _) = fast_vault();
    let acme = id_of(&vault, &["company", "add", "--name", "Acme"]);
    let id = id_of(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Hornos",
            "--value",
            "1000",
            "--currency",
            "EUR",
            "--company",
            &acme,
            "--close",
            "2026-12-15",
            "--notes",
            "llamar",
        ],
    );
    let before = json(&vault, &["deal", "show", &id, "--json"]);
    ok(
        &vault,
        &[
            "deal",
            "edit",
            &id,
            "--value",
            "1500.5",
            "--probability",
            "40",
            "--notes",
            "",
        ],
    );
    let d = json(&vault, &["deal", "show", &id, "--json"]);
    assert_eq!(d["value"], json!({"amount": "1500.50", "currency": "EUR"}));
    assert_eq!(d["probability"], 40);
    assert!(d["owner_notes"].is_null());
    assert_eq!(
        (
            d["title"].clone(),
            d["company_id"].clone(),
            d["expected_close"].clone()
        ),
        (
            before["title"].clone(),
            before["company_id"].clone(),
            before["expected_close"].clone()
        )
    );
    // A stage change is a move; the probability follows the stage unless given.
    ok(&vault, &["deal", "edit", &id, "--stage", "propuesta"]);
    let moved = json(&vault, &["deal", "show", &id, "--json"]);
    assert_ne!(moved["stage_id"], d["stage_id"]);
    assert_eq!(
        code(&run(&vault, &["deal", "edit", &id, "--value", "-1"])),
        2
    );
    assert_eq!(
        code(&run(&vault, &["deal", "edit", "999", "--value", "1"])),
        5
    );
}
