//! Supplier agreements and company addresses through `sigilo company`: add, list, show, edit, delete, renewals
//! due; dates in ISO 8601; bad input names the field (exit 2), unknown ids exit 5.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use serde_json::json;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn id_of(vault: &std::path::Path, args: &[&str]) -> String {
    let id = ok(vault, args).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "{id:?}"
    );
    id
}

#[test]
fn agreements_round_trip() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let papel = id_of(
        v,
        &[
            "company",
            "add",
            "--name",
            "Papelera Sur",
            "--role",
            "supplier",
        ],
    );
    let a = id_of(
        v,
        &[
            "company",
            "agreement",
            "add",
            "--company",
            &papel,
            "--terms",
            "Suministro anual de papel",
            "--start",
            "2026-01-01",
            "--end",
            "2026-12-31",
            "--renewal",
            "2026-11-15",
            "--conditions",
            "Pago a 30 días; portes incluidos",
        ],
    );
    let b = id_of(
        v,
        &[
            "company",
            "agreement",
            "add",
            "--company",
            &papel,
            "--terms",
            "Tóner",
            "--renewal",
            "2027-03-01",
        ],
    );
    let shown = json(v, &["company", "agreement", "show", &a, "--json"]);
    assert_eq!(shown["id"], a.as_str());
    assert_eq!(shown["company_id"], papel.as_str());
    assert_eq!(shown["terms"], "Suministro anual de papel");
    assert_eq!(shown["start_date"], "2026-01-01");
    assert_eq!(shown["end_date"], "2026-12-31");
    assert_eq!(shown["renewal_reminder"], "2026-11-15");
    assert_eq!(shown["conditions"], "Pago a 30 días; portes incluidos");
    assert!(shown["created_at"].is_string() && shown["updated_at"].is_string());

    let list = json(
        v,
        &[
            "company",
            "agreement",
            "list",
            "--company",
            &papel,
            "--json",
        ],
    );
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [b.as_str(), a.as_str()],
        "undated first, then by start date"
    );
    assert!(list["next_cursor"].is_null());

    // Renewals due on a date: soonest first, only those on or before it.
    let due = json(
        v,
        &[
            "company",
            "agreement",
            "due",
            "--on",
            "2026-12-01",
            "--json",
        ],
    );
    assert_eq!(due["items"].as_array().unwrap().len(), 1);
    assert_eq!(due["items"][0]["id"], a.as_str());
    let due = json(
        v,
        &[
            "company",
            "agreement",
            "due",
            "--on",
            "2027-06-01",
            "--json",
        ],
    );
    assert_eq!(due["items"].as_array().unwrap().len(), 2);

    // Edit one field; an empty value clears another; the rest stays.
    ok(
        v,
        &[
            "company",
            "agreement",
            "edit",
            &a,
            "--end",
            "2027-12-31",
            "--conditions",
            "",
        ],
    );
    let shown = json(v, &["company", "agreement", "show", &a, "--json"]);
    assert_eq!(shown["end_date"], "2027-12-31");
    assert!(shown["conditions"].is_null());
    assert_eq!(shown["terms"], "Suministro anual de papel");
    let text = ok(v, &["company", "agreement", "list", "--company", &papel]);
    assert!(
        text.contains("Suministro anual de papel") && text.contains("2027-12-31"),
        "{text}"
    );

    ok(v, &["company", "agreement", "delete", &b]);
    let list = json(
        v,
        &[
            "company",
            "agreement",
            "list",
            "--company",
            &papel,
            "--json",
        ],
    );
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(code(&run(v, &["company", "agreement", "show", &b])), 5);
    assert_eq!(code(&run(v, &["company", "agreement", "delete", &b])), 5);
    assert_eq!(
        code(&run(
            v,
            &["company", "agreement", "list", "--company", "999"]
        )),
        5
    );
    let out = run(
        v,
        &[
            "company",
            "agreement",
            "add",
            "--company",
            "999",
            "--terms",
            "X",
        ],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));

    // Deleting the company takes its agreements with it.
    ok(v, &["company", "delete", &papel]);
    assert_eq!(code(&run(v, &["company", "agreement", "show", &a])), 5);
}

#[test]
fn bad_agreements_name_the_field() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let c = id_of(v, &["company", "add", "--name", "Acme"]);
    for (args, field) in [
        (vec!["--start", "2026-13-01"], "start_date"),
        (
            vec!["--start", "2026-05-01", "--end", "2026-04-30"],
            "end_date",
        ),
        (vec!["--renewal", "mañana"], "renewal_reminder"),
        (vec!["--terms", "  "], "terms"),
    ] {
        let mut all = vec!["company", "agreement", "add", "--company", c.as_str()];
        if !args.contains(&"--terms") {
            all.extend(["--terms", "Algo"]);
        }
        all.extend(args.iter());
        let out = run(v, &all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }
    let out = run(v, &["company", "agreement", "add", "--company", &c]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--terms"), "{}", stderr(&out));
    let list = json(
        v,
        &["company", "agreement", "list", "--company", &c, "--json"],
    );
    assert_eq!(list["items"], json!([]));
}

#[test]
fn company_addresses_from_the_command_line() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let c = id_of(
        v,
        &[
            "company",
            "add",
            "--name",
            "Acme",
            "--address",
            "label=Facturación; street=Calle Mayor, 1; postal_code=28001; city=Madrid; country=ES",
            "--address",
            "label=Almacén; city=Getafe",
        ],
    );
    let shown = json(v, &["company", "show", &c, "--json"]);
    assert_eq!(shown["addresses"].as_array().unwrap().len(), 2);
    assert_eq!(shown["addresses"][0]["street"], "Calle Mayor, 1");
    assert_eq!(
        shown["addresses"][1],
        json!({"label": "Almacén", "street": null, "postal_code": null,
        "city": "Getafe", "region": null, "country": null})
    );
    ok(v, &["company", "edit", &c, "--website", "acme.example"]);
    assert_eq!(
        json(v, &["company", "show", &c, "--json"])["addresses"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    ok(v, &["company", "edit", &c, "--address", "city=Sevilla"]);
    let shown = json(v, &["company", "show", &c, "--json"]);
    assert_eq!(shown["addresses"].as_array().unwrap().len(), 1);
    assert_eq!(shown["addresses"][0]["city"], "Sevilla");
    ok(v, &["company", "edit", &c, "--clear-addresses"]);
    assert_eq!(
        json(v, &["company", "show", &c, "--json"])["addresses"],
        json!([])
    );
    let out = run(v, &["company", "edit", &c, "--address", "country=Spain"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("addresses"), "{}", stderr(&out));
}
