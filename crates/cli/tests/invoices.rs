//! The `sigilo profile|product|invoice` contract: drafts from the documented JSON file, issue prints the
//! number, `show --json` with money as decimal strings, list by status, payments, credit notes, refusals
//! (exit 6), bad input (exit 2), unknown ids (exit 5), `verify-chain` exit 0 when intact and 4 when a record
//! was changed behind the database's guards, and processes racing to issue getting consecutive numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};

fn id_of(vault: &Path, args: &[&str]) -> String {
    let id = ok(vault, args).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "one token on stdout: {id:?}"
    );
    id
}

/// The documented example with `company_id` set, written next to the vault.
fn example_file(vault: &Path, company: &str, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/invoice.json"
    ))
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["company_id"] = serde_json::Value::String(company.to_owned());
    let path = vault.parent().unwrap().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

/// Every page's text, whitespace folded.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text: Vec<String> = pages
        .iter()
        .map(|&p| doc.extract_text(&[p]).unwrap())
        .collect();
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn set_profile(vault: &Path) {
    ok(
        vault,
        &[
            "profile",
            "set",
            "--legal-name",
            "Estudio Sigilo SL",
            "--tax-id",
            "B12345674",
            "--street",
            "Calle Mayor 1",
            "--postal-code",
            "28013",
            "--city",
            "Madrid",
            "--country",
            "ES",
            "--iban",
            "ES91 2100 0418 4502 0005 1332",
        ],
    );
}

fn customer(vault: &Path) -> String {
    id_of(
        vault,
        &[
            "company",
            "add",
            "--name",
            "Ferretería Núñez",
            "--tax-id",
            "A58818501",
        ],
    )
}

#[test]
fn draft_issue_show_pay_credit_verify() {
    let (_tmp, vault, _) = fast_vault();
    let acme = customer(&vault);
    let file = example_file(&vault, &acme, "invoice.json");
    let id = id_of(
        &vault,
        &["invoice", "create", "--from", file.to_str().unwrap()],
    );
    let draft = json(&vault, &["invoice", "show", &id, "--json"]);
    assert_eq!(draft["status"], "draft");
    assert!(draft["number"].is_null());

    // Issuing without a profile is refused (6) and names what is missing.
    let out = run(&vault, &["invoice", "issue", &id]);
    assert_eq!(code(&out), 6);
    assert!(String::from_utf8_lossy(&out.stderr).contains("legal_name"));
    set_profile(&vault);
    let p = json(&vault, &["profile", "show", "--json"]);
    assert_eq!(p["missing_for_issue"], serde_json::json!([]));

    let number = ok(&vault, &["invoice", "issue", &id]).trim().to_owned();
    assert!(
        number.starts_with('F') && number.ends_with("-0001"),
        "{number}"
    );
    let inv = json(&vault, &["invoice", "show", &id, "--json"]);
    assert_eq!(inv["number"], number.as_str());
    assert_eq!(inv["status"], "issued");
    assert_eq!(
        inv["totals"]["total"],
        serde_json::json!({"amount": "665.66", "currency": "EUR"})
    );
    assert_eq!(inv["lines"][1]["net"]["amount"], "33.33");
    assert_eq!(inv["taxes"][0]["label"], "IVA 21 %");
    assert_eq!(inv["taxes"][1]["tax_amount"]["amount"], "1.33");
    assert_eq!(inv["hash"].as_str().unwrap().len(), 64);

    let date = inv["issue_date"].as_str().unwrap().to_owned();
    id_of(
        &vault,
        &[
            "invoice", "pay", &id, "--amount", "200", "--date", &date, "--method", "transfer",
        ],
    );
    let inv = json(&vault, &["invoice", "show", &id, "--json"]);
    assert_eq!(
        (inv["status"].as_str(), inv["balance"]["amount"].as_str()),
        (Some("partially_paid"), Some("465.66"))
    );
    let listed = json(
        &vault,
        &["invoice", "list", "--status", "partially-paid", "--json"],
    );
    assert_eq!(listed["items"][0]["id"], id.as_str());
    assert_eq!(listed["items"][0]["buyer"], "Ferretería Núñez");
    assert!(listed["next_cursor"].is_null());

    // An issued invoice cannot be edited or deleted.
    assert_eq!(
        code(&run(
            &vault,
            &["invoice", "edit", &id, "--from", file.to_str().unwrap()]
        )),
        6
    );
    assert_eq!(code(&run(&vault, &["invoice", "delete", &id])), 6);

    let cn = id_of(
        &vault,
        &["invoice", "credit", &id, "--reason", "Pedido anulado"],
    );
    let cn_number = ok(&vault, &["invoice", "issue", &cn]).trim().to_owned();
    assert!(cn_number.starts_with('R'), "{cn_number}");
    let credit = json(&vault, &["invoice", "show", &cn, "--json"]);
    assert_eq!(credit["kind"], "credit_note");
    assert_eq!(credit["corrects_number"], number.as_str());
    assert_eq!(credit["totals"]["total"]["amount"], "-665.66");

    let report = json(&vault, &["invoice", "verify-chain", "--json"]);
    assert_eq!(
        (report["intact"].as_bool(), report["checked"].as_u64()),
        (Some(true), Some(2))
    );
    let series = json(&vault, &["invoice", "series", "list", "--json"]);
    assert_eq!(series.as_array().unwrap().len(), 2);

    // The PDF: written to the path given, with the number, parties, each rate and the total as text.
    let pdf = vault.parent().unwrap().join("factura.pdf");
    ok(
        &vault,
        &["invoice", "pdf", &id, "-o", pdf.to_str().unwrap()],
    );
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    for needle in [
        number.as_str(),
        "Estudio Sigilo SL",
        "B12345674",
        "Ferretería Núñez",
        "IVA 21 %",
        "IVA 4 %",
        "665,66",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} not in the PDF's text: {text}"
        );
    }
    let pdf = vault.parent().unwrap().join("abono.pdf");
    ok(
        &vault,
        &["invoice", "pdf", &cn, "-o", pdf.to_str().unwrap()],
    );
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(
        text.contains(&cn_number) && text.contains(&number),
        "{text}"
    );
}

#[test]
fn verify_chain_exits_4_and_names_the_changed_invoice() {
    let (_tmp, vault, _) = fast_vault();
    set_profile(&vault);
    let acme = customer(&vault);
    let file = example_file(&vault, &acme, "invoice.json");
    let mut numbers = vec![];
    for _ in 0..3 {
        let id = id_of(
            &vault,
            &["invoice", "create", "--from", file.to_str().unwrap()],
        );
        numbers.push(ok(&vault, &["invoice", "issue", &id]).trim().to_owned());
    }
    assert_eq!(code(&run(&vault, &["invoice", "verify-chain"])), 0);
    // Someone with the raw key opens the database, drops the guards and changes the second invoice's line.
    let key = ok(&vault, &["vault", "raw-key"]).trim().to_owned();
    let conn = rusqlite::Connection::open(vault.join("sigilo.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
        .unwrap();
    let err = conn
        .execute(
            "UPDATE invoice_line SET unit_price = '1' WHERE invoice_id = 2",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    let triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'invoice_line%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in triggers {
        conn.execute(&format!("DROP TRIGGER {t}"), []).unwrap();
    }
    conn.execute(
        "UPDATE invoice_line SET unit_price = '1' WHERE invoice_id = 2",
        [],
    )
    .unwrap();
    drop(conn);
    let out = run(&vault, &["invoice", "verify-chain", "--json"]);
    assert_eq!(code(&out), 4);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["intact"], false);
    assert_eq!(report["first_broken"]["number"], numbers[1].as_str());
    assert!(String::from_utf8_lossy(&out.stderr).contains(&numbers[1]));
}

#[test]
fn bad_input_and_unknown_ids() {
    let (_tmp, vault, _) = fast_vault();
    let bad = vault.parent().unwrap().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = run(
        &vault,
        &["invoice", "create", "--from", bad.to_str().unwrap()],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an invoice JSON file"));
    let file = example_file(&vault, "", "neg.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    v["lines"][0]["quantity"] = "-1".into();
    std::fs::write(&file, v.to_string()).unwrap();
    let out = run(
        &vault,
        &["invoice", "create", "--from", file.to_str().unwrap()],
    );
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("quantity: line 1: a negative quantity"));
    assert_eq!(code(&run(&vault, &["invoice", "show", "77"])), 5);
    assert_eq!(
        code(&run(
            &vault,
            &[
                "invoice",
                "pay",
                "77",
                "--amount",
                "1",
                "--date",
                "2026-11-23"
            ]
        )),
        5
    );
    let out = run(&vault, &["profile", "set", "--iban", "ES00 0000"]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("iban"));
    let id = id_of(
        &vault,
        &[
            "product",
            "add",
            "--name",
            "Hora de diseño",
            "--price",
            "48",
            "--unit",
            "h",
        ],
    );
    let p = json(&vault, &["product", "show", &id, "--json"]);
    assert_eq!(
        (p["unit_price"].as_str(), p["tax"]["percent"].as_str()),
        (Some("48"), Some("21"))
    );
    assert_eq!(
        json(&vault, &["product", "list", "--json"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn processes_racing_to_issue_get_consecutive_numbers() {
    let (_tmp, vault, _) = fast_vault();
    set_profile(&vault);
    let acme = customer(&vault);
    let file = example_file(&vault, &acme, "invoice.json");
    let ids: Vec<String> = (0..6)
        .map(|_| {
            id_of(
                &vault,
                &["invoice", "create", "--from", file.to_str().unwrap()],
            )
        })
        .collect();
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            sigilo(&vault)
                .env("SIGILO_PASSPHRASE", PASS)
                .args(["invoice", "issue", id])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap().trim().to_owned()
        })
        .collect();
    numbers.sort();
    let tails: Vec<String> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().to_owned())
        .collect();
    assert_eq!(tails, ["0001", "0002", "0003", "0004", "0005", "0006"]);
    assert_eq!(code(&run(&vault, &["invoice", "verify-chain"])), 0);
}

#[test]
fn quotes_convert_recurring_run_and_dunning() {
    let (_tmp, vault, _) = fast_vault();
    set_profile(&vault);
    let acme = customer(&vault);
    let file = example_file(&vault, &acme, "quote.json");
    let q = id_of(
        &vault,
        &["quote", "create", "--from", file.to_str().unwrap()],
    );
    let shown = json(&vault, &["quote", "show", &q, "--json"]);
    assert_eq!(shown["status"], "draft");
    assert!(shown["number"].as_str().unwrap().starts_with('P'));
    assert_eq!(shown["totals"]["total"]["amount"], "665.66");
    ok(&vault, &["quote", "send", &q]);
    assert_eq!(code(&run(&vault, &["quote", "send", &q])), 6);
    let inv = id_of(&vault, &["quote", "convert", &q]);
    assert_eq!(
        json(&vault, &["quote", "show", &q, "--json"])["invoice_id"],
        inv.as_str()
    );
    let draft = json(&vault, &["invoice", "show", &inv, "--json"]);
    assert_eq!(
        (
            draft["status"].as_str(),
            draft["totals"]["total"]["amount"].as_str()
        ),
        (Some("draft"), Some("665.66"))
    );
    assert_eq!(code(&run(&vault, &["quote", "convert", &q])), 6);
    let accepted = json(&vault, &["quote", "list", "--status", "accepted", "--json"]);
    assert_eq!(accepted["items"][0]["id"], q.as_str());

    // A monthly template started two months ago makes its drafts once.
    let start = json(&vault, &["profile", "show", "--json"]); // any read to be sure the vault opens
    assert!(start.is_object());
    let t = id_of(
        &vault,
        &[
            "invoice",
            "recurring",
            "add",
            "--from",
            file.to_str().unwrap(),
            "--name",
            "Cuota",
            "--every",
            "monthly",
            "--start",
            "2026-01-10",
        ],
    );
    let made = json(&vault, &["invoice", "recurring", "run", "--json"]);
    let n = made.as_array().unwrap().len();
    assert!(n >= 10, "one draft per month since January: {made}");
    assert_eq!(made[0]["period"], "2026-01-10");
    assert_eq!(
        json(&vault, &["invoice", "recurring", "run", "--json"]),
        serde_json::json!([])
    );
    let shown = json(&vault, &["invoice", "recurring", "show", &t, "--json"]);
    assert_eq!(shown["runs"].as_array().unwrap().len(), n);
    ok(&vault, &["invoice", "recurring", "pause", &t]);
    assert_eq!(
        json(&vault, &["invoice", "recurring", "list", "--json"])[0]["active"],
        false
    );

    // Dunning: an invoice dated in the past with a due date gone by.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    v["issue_date"] = "2026-01-05".into();
    v["due_date"] = "2026-02-04".into();
    let old = vault.parent().unwrap().join("old.json");
    std::fs::write(&old, v.to_string()).unwrap();
    let id = id_of(
        &vault,
        &["invoice", "create", "--from", old.to_str().unwrap()],
    );
    ok(&vault, &["invoice", "issue", &id]);
    id_of(
        &vault,
        &[
            "invoice",
            "remind",
            &id,
            "--date",
            "2026-03-01",
            "--channel",
            "email",
        ],
    );
    let list = json(&vault, &["invoice", "dunning", "--json"]);
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["balance"]["amount"], "665.66");
    assert_eq!(list["items"][0]["reminders"], 1);
    assert!(list["items"][0]["days_overdue"].as_i64().unwrap() > 200);
    let draft_id = id_of(
        &vault,
        &["invoice", "create", "--from", file.to_str().unwrap()],
    );
    assert_eq!(code(&run(&vault, &["invoice", "remind", &draft_id])), 6);
    let o = json(&vault, &["invoice", "overview", "--json"]);
    assert_eq!(
        o["receivables"][0]["owed"],
        serde_json::json!({"amount": "665.66", "currency": "EUR"})
    );
    assert_eq!(o["receivables"][0]["overdue_count"], 1);
    assert!(
        o["revenue"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["net"]["amount"].is_string())
    );
}
