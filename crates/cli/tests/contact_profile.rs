//! The contact's #4 fields through `sigilo contact`: labelled emails and phones, addresses, job title, birthday,
//! source, the company link and its history, in `show --json` beside the keys scripts already read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use serde_json::json;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_profile_field_round_trips() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let id = ok(
        v,
        &[
            "contact",
            "add",
            "--name",
            "Ana Ruiz",
            "--email",
            "work:ana@empresa.es",
            "--email",
            "ana@casa.es",
            "--phone",
            "mobile:+34 612 345 678",
            "--job-title",
            "Directora técnica",
            "--birthday",
            "1990-02-28",
            "--source",
            "event",
            "--source-detail",
            "Feria de Valencia",
            "--address",
            "label=Oficina; street=Calle Mayor, 1; postal_code=28001; city=Madrid; country=es",
        ],
    )
    .trim()
    .to_owned();
    let c = json(v, &["contact", "show", &id, "--json"]);
    // The keys scripts already read keep their types.
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["emails"], json!(["ana@empresa.es", "ana@casa.es"]));
    assert_eq!(c["phones"], json!(["+34 612 345 678"]));
    assert!(c["company"].is_null() && c["notes"].is_null());
    assert!(c["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(c["updated_at"].is_string());
    // The new ones.
    assert_eq!(
        c["labelled_emails"],
        json!([{"label": "work", "value": "ana@empresa.es"}, {"label": null, "value": "ana@casa.es"}])
    );
    assert_eq!(
        c["labelled_phones"],
        json!([{"label": "mobile", "value": "+34 612 345 678"}])
    );
    assert_eq!(
        c["addresses"],
        json!([{"label": "Oficina", "street": "Calle Mayor, 1", "postal_code": "28001", "city": "Madrid",
                "region": null, "country": "ES"}])
    );
    assert_eq!(c["job_title"], "Directora técnica");
    assert_eq!(c["birthday"], "1990-02-28");
    assert_eq!(c["source"], "event");
    assert_eq!(c["source_detail"], "Feria de Valencia");
    assert!(c["company_id"].is_null());
    assert_eq!(c["company_history"], json!([]));
    assert!(c["last_interaction_at"].is_null());
    let text = ok(v, &["contact", "show", &id]);
    assert!(
        text.contains("ana@empresa.es (work)") && text.contains("Directora técnica"),
        "{text}"
    );
    assert!(
        text.contains("Calle Mayor, 1, 28001, Madrid, ES (Oficina)"),
        "{text}"
    );

    // Editing one field keeps the rest, labels included.
    ok(v, &["contact", "edit", &id, "--name", "Ana Ruiz Gil"]);
    let c = json(v, &["contact", "show", &id, "--json"]);
    assert_eq!(c["name"], "Ana Ruiz Gil");
    assert_eq!(c["labelled_emails"][0]["label"], "work");
    assert_eq!(c["addresses"][0]["city"], "Madrid");
    assert_eq!(c["source"], "event");
    // Unlabelled emails given again keep the labels they had.
    ok(
        v,
        &[
            "contact",
            "edit",
            &id,
            "--email",
            "ana@empresa.es",
            "--email",
            "nueva@casa.es",
        ],
    );
    let c = json(v, &["contact", "show", &id, "--json"]);
    assert_eq!(
        c["labelled_emails"],
        json!([{"label": "work", "value": "ana@empresa.es"}, {"label": null, "value": "nueva@casa.es"}])
    );
    // A label given replaces; empty values clear; --clear-* remove.
    ok(
        v,
        &[
            "contact",
            "edit",
            &id,
            "--email",
            "home:nueva@casa.es",
            "--job-title",
            "",
            "--birthday",
            "",
            "--clear-addresses",
            "--clear-source",
            "--source-detail",
            "",
        ],
    );
    let c = json(v, &["contact", "show", &id, "--json"]);
    assert_eq!(
        c["labelled_emails"],
        json!([{"label": "home", "value": "nueva@casa.es"}])
    );
    assert_eq!(c["emails"], json!(["nueva@casa.es"]));
    assert!(c["job_title"].is_null() && c["birthday"].is_null() && c["source"].is_null());
    assert!(c["source_detail"].is_null());
    assert_eq!(c["addresses"], json!([]));
    assert_eq!(
        c["phones"],
        json!(["+34 612 345 678"]),
        "phones not given stay"
    );

    // The list rows keep their shape.
    let list = json(v, &["contact", "list", "--json"]);
    assert_eq!(
        list["items"][0],
        json!({"id": id, "name": "Ana Ruiz Gil", "email": "nueva@casa.es", "phone": "+34 612 345 678",
               "company": null})
    );
}

#[test]
fn the_company_history_keeps_every_link() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    let acme = ok(v, &["company", "add", "--name", "Acme"])
        .trim()
        .to_owned();
    let beta = ok(v, &["company", "add", "--name", "Beta"])
        .trim()
        .to_owned();
    let id = ok(v, &["contact", "add", "--name", "Luis"])
        .trim()
        .to_owned();
    ok(v, &["contact", "edit", &id, "--company-id", &acme]);
    ok(v, &["contact", "edit", &id, "--company-id", &beta]);
    let c = json(v, &["contact", "show", &id, "--json"]);
    assert_eq!(c["company"], "Beta");
    assert_eq!(c["company_id"], beta.as_str());
    let h = c["company_history"].as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["company_id"], acme.as_str());
    assert_eq!(h[0]["company_name"], "Acme");
    assert!(h[0]["to_date"].is_string(), "the Acme period is closed");
    assert_eq!(h[1]["company_name"], "Beta");
    assert!(h[1]["to_date"].is_null(), "the Beta period is open");
    assert_eq!(h[1]["from_date"], h[0]["to_date"]);
    // Unlinking closes the open period and keeps both in the history.
    ok(v, &["contact", "edit", &id, "--company-id", ""]);
    let c = json(v, &["contact", "show", &id, "--json"]);
    assert!(c["company_id"].is_null());
    assert!(c["company_history"][1]["to_date"].is_string());
    let text = ok(v, &["contact", "show", &id]);
    assert!(text.contains("worked   Acme"), "{text}");
}

#[test]
fn bad_profile_input_names_the_field_and_changes_nothing() {
    let (_tmp, vault, _) = fast_vault();
    let v = vault.as_path();
    for (args, field) in [
        (vec!["--birthday", "1990-02-30"], "birthday"),
        (vec!["--address", "Calle Mayor 1"], "--address"),
        (vec!["--address", "planet=Mars"], "--address"),
        (vec!["--address", "country=España"], "addresses"),
        (vec!["--email", "work:not-an-email"], "emails"),
        (vec!["--phone", "home:12"], "phones"),
        (vec!["--source", "rumour"], "--source"),
    ] {
        let mut all = vec!["contact", "add", "--name", "X"];
        all.extend(args.iter());
        let out = run(v, &all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(field), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(json(v, &["contact", "list", "--json"])["items"], json!([]));
}
