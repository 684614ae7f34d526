//! `sigilo search` across every kind: hits grouped by kind (contacts, companies, deals, interactions, tasks),
//! each with `kind`, `id`, `title` and `subtitle`; deleted records leave the results.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn id_of(vault: &std::path::Path, args: &[&str]) -> String {
    ok(vault, args).trim().to_owned()
}

#[test]
fn hits_of_every_kind_grouped_by_kind() {
    let (_tmp, vault, _) = fast_vault();
    let task = id_of(
        &vault,
        &[
            "task",
            "add",
            "--title",
            "Llamar a Ñandú",
            "--due",
            "2026-12-01",
        ],
    );
    let company = id_of(
        &vault,
        &[
            "company",
            "add",
            "--name",
            "Ñandú S.L.",
            "--tax-id",
            "B12345674",
        ],
    );
    let contact = id_of(&vault, &["contact", "add", "--name", "José Ñandú"]);
    let deal = id_of(
        &vault,
        &[
            "deal",
            "add",
            "--title",
            "Pedido Ñandú",
            "--value",
            "12.5",
            "--currency",
            "EUR",
        ],
    );
    let interaction = id_of(
        &vault,
        &[
            "interaction",
            "add",
            "--contact",
            &contact,
            "--kind",
            "call",
            "--at",
            "2026-11-20T09:00:00Z",
            "--subject",
            "Precios",
            "--body",
            "Hablamos con nandu del pedido",
        ],
    );
    ok(&vault, &["contact", "add", "--name", "Otra Persona"]);

    let hits = json(&vault, &["search", "nandu", "--json"]);
    assert!(hits["next_cursor"].is_null());
    let got: Vec<(String, String)> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_owned(),
                h["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("contact", &contact),
        ("company", &company),
        ("deal", &deal),
        ("interaction", &interaction),
        ("task", &task),
    ]
    .into_iter()
    .map(|(k, id)| (k.to_owned(), id.clone()))
    .collect();
    assert_eq!(got, want);
    let items = hits["items"].as_array().unwrap();
    assert_eq!(items[1]["title"], "Ñandú S.L.");
    assert_eq!(items[1]["subtitle"], "B12345674");
    assert_eq!(items[2]["title"], "Pedido Ñandú");
    assert_eq!(items[2]["subtitle"], "Nuevo · 12.50 EUR");
    assert_eq!(items[3]["title"], "Precios");
    assert_eq!(items[4]["subtitle"], "2026-12-01");
    let text = ok(&vault, &["search", "nandu"]);
    assert!(text.contains("company") && text.contains("Pedido Ñandú"));

    ok(&vault, &["deal", "delete", &deal]);
    ok(&vault, &["company", "delete", &company]);
    let kinds: Vec<String> = json(&vault, &["search", "nandu", "--json"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["contact", "interaction", "task"]);
}
