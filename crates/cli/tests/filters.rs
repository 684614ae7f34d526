//! `contact|company|deal list` filters and order: --tag, --field NAME=VALUE, --last-contacted-before/after,
//! --sort name|created|last-contacted (with --role and --stage); keyset pages across ties lose or repeat no row;
//! bad filters exit 2, unknown tags and fields exit 5.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

fn id(out: String) -> String {
    out.trim().to_owned()
}

/// Every page of a list, `limit` rows at a time, as ids.
fn all_ids(vault: &std::path::Path, args: &[&str], limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let limit_s = limit.to_string();
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--limit", &limit_s, "--json"]);
        if let Some(c) = &cursor {
            a.extend(["--cursor", c]);
        }
        let page = json(vault, &a);
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= limit);
        out.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    out
}

fn call(vault: &std::path::Path, contact: &str, at: &str) {
    ok(
        vault,
        &[
            "interaction",
            "add",
            "--contact",
            contact,
            "--kind",
            "call",
            "--at",
            at,
            "--subject",
            "Llamada",
        ],
    );
}

#[test]
fn contact_lists_filter_and_sort_and_page_over_ties() {
    let (_tmp, vault, _) = fast_vault();
    ok(
        &vault,
        &[
            "field", "define", "--entity", "contact", "--name", "Nivel", "--kind", "choice",
            "--choice", "Oro", "--choice", "Plata",
        ],
    );
    // Six contacts named alike (ties on the sort key), three others.
    let mut ids = Vec::new();
    for name in [
        "Ana", "ana", "Ána", "Ana", "ANA", "Ana", "Bea", "Carla", "Eva",
    ] {
        ids.push(id(ok(&vault, &["contact", "add", "--name", name])));
    }
    for i in [0, 2, 3, 5, 7] {
        ok(&vault, &["tag", "add", "vip", "--contact", &ids[i]]);
    }
    for i in [1, 2, 5, 8] {
        ok(
            &vault,
            &["field", "set", "--contact", &ids[i], "Nivel", "oro"],
        );
    }
    // Equal dates too.
    for i in [0, 1, 2] {
        call(&vault, &ids[i], "2026-03-10T10:00:00Z");
    }
    call(&vault, &ids[4], "2026-05-01T10:00:00Z");
    call(&vault, &ids[7], "2026-01-15T10:00:00Z");

    let pick = |is: &[usize]| is.iter().map(|&i| ids[i].clone()).collect::<Vec<_>>();
    for limit in [1, 2, 4, 100] {
        // Name order: ties by id.
        assert_eq!(
            all_ids(&vault, &["contact", "list"], limit),
            pick(&[0, 1, 2, 3, 4, 5, 6, 7, 8])
        );
        assert_eq!(
            all_ids(&vault, &["contact", "list", "--tag", "VIP"], limit),
            pick(&[0, 2, 3, 5, 7])
        );
        assert_eq!(
            all_ids(&vault, &["contact", "list", "--field", "nivel=ORO"], limit),
            pick(&[1, 2, 5, 8])
        );
        assert_eq!(
            all_ids(
                &vault,
                &["contact", "list", "--tag", "vip", "--field", "Nivel=Oro"],
                limit
            ),
            pick(&[2, 5])
        );
        // Newest first.
        assert_eq!(
            all_ids(&vault, &["contact", "list", "--sort", "created"], limit),
            pick(&[8, 7, 6, 5, 4, 3, 2, 1, 0])
        );
        // Last contacted: latest first, equal dates by newest id, never-contacted last (newest first).
        assert_eq!(
            all_ids(
                &vault,
                &["contact", "list", "--sort", "last-contacted"],
                limit
            ),
            pick(&[4, 2, 1, 0, 7, 8, 6, 5, 3])
        );
        assert_eq!(
            all_ids(
                &vault,
                &[
                    "contact",
                    "list",
                    "--sort",
                    "last-contacted",
                    "--last-contacted-before",
                    "2026-04-01T00:00:00Z",
                ],
                limit
            ),
            pick(&[2, 1, 0, 7, 8, 6, 5, 3])
        );
        assert_eq!(
            all_ids(
                &vault,
                &[
                    "contact",
                    "list",
                    "--last-contacted-after",
                    "2026-03-10T10:00:00Z",
                    "--tag",
                    "vip",
                ],
                limit
            ),
            pick(&[0, 2])
        );
    }
    // A bare date is the start of that day.
    assert_eq!(
        all_ids(
            &vault,
            &["contact", "list", "--last-contacted-after", "2026-04-02"],
            10
        ),
        pick(&[4])
    );
    // Bad input exits 2; unknown tags and fields exit 5.
    for bad in [
        vec!["contact", "list", "--field", "Nivel"],
        vec!["contact", "list", "--field", "Nivel=Bronce"],
        vec!["contact", "list", "--last-contacted-before", "ayer"],
        vec!["contact", "list", "--sort", "size"],
    ] {
        assert_eq!(code(&run(&vault, &bad)), 2, "{bad:?}");
    }
    let out = run(&vault, &["contact", "list", "--field", "Nivel=Bronce"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nivel"));
    assert_eq!(
        code(&run(&vault, &["contact", "list", "--tag", "nadie"])),
        5
    );
    assert_eq!(
        code(&run(&vault, &["contact", "list", "--field", "Color=rojo"])),
        5
    );
    // A cursor belongs to its order: another sort's cursor is refused or starts nowhere odd, never a crash.
    let page = json(&vault, &["contact", "list", "--limit", "2", "--json"]);
    let c = page["next_cursor"].as_str().unwrap();
    assert_eq!(
        code(&run(&vault, &["contact", "list", "--cursor", "garbage!"])),
        2
    );
    assert!(
        run(
            &vault,
            &["contact", "list", "--sort", "created", "--cursor", c]
        )
        .status
        .code()
        .is_some()
    );
}

#[test]
fn company_and_deal_lists_filter_with_role_and_stage() {
    let (_tmp, vault, _) = fast_vault();
    let mut companies = Vec::new();
    for (name, role) in [
        ("Acme", "customer"),
        ("acme", "supplier"),
        ("Ácme", "customer"),
        ("Beta", "customer"),
    ] {
        companies.push(id(ok(
            &vault,
            &["company", "add", "--name", name, "--role", role],
        )));
    }
    ok(&vault, &["tag", "add", "local", "--company", &companies[0]]);
    ok(&vault, &["tag", "add", "local", "--company", &companies[2]]);
    ok(&vault, &["tag", "add", "local", "--company", &companies[1]]);
    for limit in [1, 2, 10] {
        assert_eq!(
            all_ids(
                &vault,
                &["company", "list", "--role", "customer", "--tag", "local"],
                limit
            ),
            [companies[0].clone(), companies[2].clone()]
        );
        assert_eq!(
            all_ids(&vault, &["company", "list", "--sort", "created"], limit),
            companies.iter().rev().cloned().collect::<Vec<_>>()
        );
    }

    let mut deals = Vec::new();
    for (title, stage) in [
        ("Pedido", "Nuevo"),
        ("pedido", "Propuesta"),
        ("Pedido", "Nuevo"),
        ("Obra", "Nuevo"),
    ] {
        deals.push(id(ok(
            &vault,
            &[
                "deal",
                "add",
                "--title",
                title,
                "--value",
                "1",
                "--currency",
                "EUR",
                "--stage",
                stage,
            ],
        )));
    }
    ok(&vault, &["tag", "add", "urgente", "--deal", &deals[0]]);
    ok(&vault, &["tag", "add", "urgente", "--deal", &deals[2]]);
    ok(&vault, &["tag", "add", "urgente", "--deal", &deals[1]]);
    ok(
        &vault,
        &[
            "interaction",
            "add",
            "--deal",
            &deals[2],
            "--company",
            &companies[0],
            "--kind",
            "call",
            "--at",
            "2026-02-01T09:00:00Z",
            "--subject",
            "Seguimiento",
        ],
    );
    let shown = json(&vault, &["deal", "show", &deals[2], "--json"]);
    assert_eq!(shown["last_interaction_at"], "2026-02-01T09:00:00Z");
    for limit in [1, 3, 10] {
        assert_eq!(
            all_ids(
                &vault,
                &["deal", "list", "--stage", "nuevo", "--tag", "urgente"],
                limit
            ),
            [deals[0].clone(), deals[2].clone()]
        );
        assert_eq!(
            all_ids(
                &vault,
                &[
                    "deal",
                    "list",
                    "--sort",
                    "last-contacted",
                    "--tag",
                    "urgente"
                ],
                limit
            ),
            [deals[2].clone(), deals[1].clone(), deals[0].clone()]
        );
        assert_eq!(
            all_ids(
                &vault,
                &["deal", "list", "--last-contacted-after", "2026-01-01"],
                limit
            ),
            [deals[2].clone()]
        );
    }
    // An unknown stage is refused as `deal add --stage` refuses it.
    assert_eq!(code(&run(&vault, &["deal", "list", "--stage", "Nada"])), 2);
}
