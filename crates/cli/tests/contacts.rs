//! The `sigilo contact` and `sigilo search` contract: ids on stdout, JSON shapes, paging, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

#[test]
fn add_show_edit_list_search_delete() {
    let (_tmp, vault, _) = fast_vault();
    let id = ok(
        &vault,
        &[
            "contact",
            "add",
            "--name",
            "José Ñandú",
            "--email",
            "jose@example.es",
            "--email",
            "pepe@casa.example",
            "--phone",
            "+34 612 345 678",
            "--company",
            "Cerámicas Óscar",
            "--notes",
            "Cliente desde 2019",
        ],
    );
    let id = id.trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "the id alone on stdout: {id:?}"
    );

    let c = json(&vault, &["contact", "show", &id, "--json"]);
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["name"], "José Ñandú");
    assert_eq!(
        c["emails"],
        serde_json::json!(["jose@example.es", "pepe@casa.example"])
    );
    assert_eq!(c["phones"], serde_json::json!(["+34 612 345 678"]));
    assert_eq!(c["company"], "Cerámicas Óscar");
    assert!(c["created_at"].as_str().unwrap().ends_with('Z'));

    ok(
        &vault,
        &[
            "contact",
            "edit",
            &id,
            "--phone",
            "600 000 001",
            "--company",
            "",
        ],
    );
    let c = json(&vault, &["contact", "show", &id, "--json"]);
    assert_eq!(c["phones"], serde_json::json!(["600 000 001"]));
    assert_eq!(
        c["emails"].as_array().unwrap().len(),
        2,
        "fields not named stay"
    );
    assert!(c["company"].is_null());

    let hits = json(&vault, &["search", "jose", "--json"]);
    assert_eq!(hits["next_cursor"], serde_json::Value::Null);
    let items = hits["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["kind"], "contact");
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["title"], "José Ñandú");
    assert_eq!(
        json(&vault, &["search", "ÑANDÚ", "--json"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        json(&vault, &["search", "nan", "--json"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    ok(&vault, &["contact", "delete", &id]);
    let out = run(&vault, &["contact", "show", &id]);
    assert_eq!(code(&out), 5);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no contact"));
    assert_eq!(code(&run(&vault, &["contact", "delete", &id])), 5);
    assert!(
        json(&vault, &["search", "jose", "--json"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn list_pages_with_cursor() {
    let (_tmp, vault, _) = fast_vault();
    for name in ["Carla", "ana", "Bea", "Álvaro", "Dario"] {
        ok(&vault, &["contact", "add", "--name", name]);
    }
    let first = json(&vault, &["contact", "list", "--json", "--limit", "2"]);
    let names: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Álvaro", "ana"]);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = json(
        &vault,
        &[
            "contact", "list", "--json", "--limit", "2", "--cursor", &cursor,
        ],
    );
    let names: Vec<&str> = second["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bea", "Carla"]);
    let cursor = second["next_cursor"].as_str().unwrap().to_owned();
    let last = json(
        &vault,
        &[
            "contact", "list", "--json", "--limit", "2", "--cursor", &cursor,
        ],
    );
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert!(last["next_cursor"].is_null());
    let row = &last["items"][0];
    for key in ["id", "name", "email", "phone", "company"] {
        assert!(row.get(key).is_some(), "list rows carry {key}");
    }
    assert_eq!(
        code(&run(&vault, &["contact", "list", "--cursor", "garbage!"])),
        2
    );
}

#[test]
fn bad_input_is_exit_2_with_the_field_named() {
    let (_tmp, vault, _) = fast_vault();
    let out = run(
        &vault,
        &["contact", "add", "--name", "Ana", "--email", "not-an-email"],
    );
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("emails") && err.contains("not-an-email"),
        "{err}"
    );
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    assert_eq!(
        code(&run(&vault, &["contact", "add", "--email", "a@b.es"])),
        2,
        "--name is required"
    );
    assert_eq!(code(&run(&vault, &["contact", "add", "--name", "  "])), 2);
    assert_eq!(code(&run(&vault, &["contact", "frobnicate"])), 2);
    assert_eq!(code(&run(&vault, &["contact", "show", "no-such-id"])), 5);
    assert!(
        json(&vault, &["contact", "list", "--json"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Search input can never break the query.
    for q in ["\"", "a OR", "NEAR(", "*", "'; DROP TABLE contact; --"] {
        ok(&vault, &["search", q, "--json"]);
    }
}

#[test]
fn two_processes_write_at_once_without_loss() {
    let (_tmp, vault, _) = fast_vault();
    let spawn = |tag: &'static str| {
        let vault = vault.clone();
        std::thread::spawn(move || {
            for i in 0..15 {
                let name = format!("{tag} {i}");
                let out = run(&vault, &["contact", "add", "--name", &name]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let (a, b) = (spawn("Proceso A"), spawn("Proceso B"));
    a.join().unwrap();
    b.join().unwrap();
    let list = json(&vault, &["contact", "list", "--json", "--limit", "500"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 30);
    ok(&vault, &["vault", "check"]);
}
