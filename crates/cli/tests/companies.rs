//! The `sigilo company` contract: ids on stdout, JSON shapes, paging, edits, and deletion that refuses (exit 6)
//! while contacts or deals are linked unless `--cascade` or `--detach` says what to do with them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn add_company(vault: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["company", "add"];
    all.extend_from_slice(args);
    let id = ok(vault, &all).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "the id alone on stdout: {id:?}"
    );
    id
}

#[test]
fn add_show_edit_list() {
    let (_tmp, vault, _) = fast_vault();
    let id = add_company(
        &vault,
        &[
            "--name",
            "Cerámicas Óscar S.L.",
            "--role",
            "customer",
            "--role",
            "supplier",
            "--tax-id",
            "b-12345674",
            "--website",
            "ceramicas.example",
            "--payment-days",
            "30",
            "--currency",
            "eur",
            "--notes",
            "Horno nuevo en 2026",
        ],
    );
    let c = json(&vault, &["company", "show", &id, "--json"]);
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["name"], "Cerámicas Óscar S.L.");
    assert_eq!(c["roles"], serde_json::json!(["customer", "supplier"]));
    assert_eq!(c["tax_id"], "B12345674");
    assert_eq!(c["tax_country"], "ES");
    assert_eq!(c["payment_days"], 30);
    assert_eq!(c["currency"], "EUR");
    assert_eq!(c["contacts"], 0);
    assert_eq!(c["deals"], 0);
    assert!(c["created_at"].as_str().unwrap().ends_with('Z'));
    let text = ok(&vault, &["company", "show", &id]);
    assert!(text.contains("Cerámicas Óscar S.L.") && text.contains("B12345674"));

    ok(
        &vault,
        &[
            "company",
            "edit",
            &id,
            "--role",
            "prospect",
            "--website",
            "",
            "--name",
            "Cerámicas Óscar",
        ],
    );
    let c = json(&vault, &["company", "show", &id, "--json"]);
    assert_eq!(c["roles"], serde_json::json!(["prospect"]));
    assert!(c["website"].is_null());
    assert_eq!(c["name"], "Cerámicas Óscar");
    assert_eq!(c["tax_id"], "B12345674", "fields not named stay");
    assert_eq!(c["notes"], "Horno nuevo en 2026");

    for name in ["Zeta", "alfa", "Ñu"] {
        add_company(&vault, &["--name", name]);
    }
    let first = json(&vault, &["company", "list", "--json", "--limit", "2"]);
    let names: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alfa", "Cerámicas Óscar"]);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let rest = json(
        &vault,
        &[
            "company", "list", "--json", "--limit", "2", "--cursor", &cursor,
        ],
    );
    let names: Vec<&str> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ñu", "Zeta"]);
    assert!(rest["next_cursor"].is_null());
    let row = &rest["items"][0];
    for key in ["id", "name", "roles", "tax_id", "last_interaction_at"] {
        assert!(row.get(key).is_some(), "list rows carry {key}");
    }
    let prospects = json(&vault, &["company", "list", "--role", "prospect", "--json"]);
    assert_eq!(prospects["items"].as_array().unwrap().len(), 1);
    assert_eq!(prospects["items"][0]["id"], id.as_str());

    let hits = json(&vault, &["search", "ceramicas", "--json"]);
    assert!(hits["items"].is_array());
}

#[test]
fn bad_input_is_exit_2_and_unknown_ids_exit_5() {
    let (_tmp, vault, _) = fast_vault();
    let out = run(
        &vault,
        &["company", "add", "--name", "Acme", "--tax-id", "12345678A"],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("tax_id"));
    let out = run(
        &vault,
        &["company", "add", "--name", "Acme", "--currency", "EURO"],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("currency"));
    assert_eq!(
        code(&run(&vault, &["company", "add", "--role", "customer"])),
        2
    );
    assert_eq!(
        code(&run(
            &vault,
            &["company", "add", "--name", "A", "--role", "boss"]
        )),
        2
    );
    assert_eq!(code(&run(&vault, &["company", "show", "999"])), 5);
    assert_eq!(code(&run(&vault, &["company", "show", "nope"])), 5);
    assert_eq!(
        code(&run(&vault, &["company", "edit", "999", "--name", "X"])),
        5
    );
    assert_eq!(code(&run(&vault, &["company", "delete", "999"])), 5);
    assert_eq!(
        code(&run(&vault, &["company", "list", "--cursor", "garbage!"])),
        2
    );
    assert_eq!(
        code(&run(
            &vault,
            &["company", "delete", "1", "--cascade", "--detach"]
        )),
        2
    );
}

/// A company with one linked contact; returns (company id, contact id).
fn company_with_contact(vault: &std::path::Path) -> (String, String) {
    let company = add_company(vault, &["--name", "Ñandú S.L."]);
    let contact = ok(vault, &["contact", "add", "--name", "José Ñandú"])
        .trim()
        .to_owned();
    ok(
        vault,
        &["contact", "edit", &contact, "--company-id", &company],
    );
    let c = json(vault, &["contact", "show", &contact, "--json"]);
    assert_eq!(c["company"], "Ñandú S.L.", "the link sets the company name");
    (company, contact)
}

#[test]
fn delete_refuses_while_contacts_are_linked() {
    let (_tmp, vault, _) = fast_vault();
    let (company, contact) = company_with_contact(&vault);
    assert_eq!(
        json(&vault, &["company", "show", &company, "--json"])["contacts"],
        1
    );
    let out = run(&vault, &["company", "delete", &company]);
    assert_eq!(code(&out), 6, "refused by a rule");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 contact(s)") && err.contains("cascade") && err.contains("detach"),
        "{err}"
    );
    ok(&vault, &["company", "show", &company]);
    ok(&vault, &["contact", "show", &contact]);

    ok(&vault, &["company", "delete", &company, "--detach"]);
    assert_eq!(code(&run(&vault, &["company", "show", &company])), 5);
    let c = json(&vault, &["contact", "show", &contact, "--json"]);
    assert_eq!(
        c["company"], "Ñandú S.L.",
        "a detached contact keeps the name"
    );
}

#[test]
fn delete_with_cascade_takes_the_contacts_too() {
    let (_tmp, vault, _) = fast_vault();
    let (company, contact) = company_with_contact(&vault);
    ok(&vault, &["company", "delete", &company, "--cascade"]);
    assert_eq!(code(&run(&vault, &["company", "show", &company])), 5);
    assert_eq!(code(&run(&vault, &["contact", "show", &contact])), 5);
    let empty = add_company(&vault, &["--name", "Vacía"]);
    ok(&vault, &["company", "delete", &empty]);
    assert_eq!(code(&run(&vault, &["company", "show", &empty])), 5);
}
