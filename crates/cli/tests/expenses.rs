//! The `sigilo expense` and `sigilo report` contract: a bill from flags (with its PDF kept in the vault) and
//! from the documented JSON shape, `show --json` with money as decimal strings, the list's filters and paging,
//! paid/unpaid, the document written back byte for byte, delete saying what it deleted; the quarter's VAT
//! figures as JSON and as the documented CSV, the profit view; bad input (exit 2 naming the field), refusals
//! (exit 6) and unknown ids (exit 5).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};

use serde_json::{Value, json as j};

fn id_of(vault: &Path, args: &[&str]) -> String {
    let id = ok(vault, args).trim().to_owned();
    assert!(
        !id.is_empty() && !id.contains(char::is_whitespace),
        "one token on stdout: {id:?}"
    );
    id
}

fn write(vault: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = vault.parent().unwrap().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn eur(amount: &str) -> Value {
    j!({"amount": amount, "currency": "EUR"})
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Profile, a customer, a supplier; two invoices (two rates, IRPF on the first) and a partial credit note
/// issued in the first quarter of 2025. Returns the supplier's id.
fn books(vault: &Path) -> String {
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
        ],
    );
    let customer = id_of(
        vault,
        &[
            "company",
            "add",
            "--name",
            "Ferretería Núñez",
            "--role",
            "customer",
            "--tax-id",
            "A58818501",
        ],
    );
    let supplier = id_of(
        vault,
        &[
            "company",
            "add",
            "--name",
            "Asesoría López",
            "--role",
            "supplier",
            "--tax-id",
            "B12345674",
        ],
    );
    let line = |q: &str, p: &str, pct: &str| j!({"description": "Servicio", "quantity": q, "unit_price": p, "tax": {"category": "standard", "percent": pct}});
    // A: 450.00 @21 (94.50) + 24.69 @10 (2.47), IRPF 15 % = 71.20.
    let a = j!({"company_id": customer, "currency": "EUR", "issue_date": "2025-01-15", "withholding_percent": "15",
                "lines": [line("10", "45", "21"), line("2", "12.345", "10")]});
    // B: 100.05 @21 (21.01).
    let b = j!({"company_id": customer, "currency": "EUR", "issue_date": "2025-02-10",
                "lines": [line("1", "100.05", "21")]});
    let mut ids = Vec::new();
    for (name, v) in [("a.json", a), ("b.json", b)] {
        let f = write(vault, name, v.to_string().as_bytes());
        let id = id_of(vault, &["invoice", "create", "--from", f.to_str().unwrap()]);
        ok(vault, &["invoice", "issue", &id]);
        ids.push(id);
    }
    // Credit note on A: −45.00 @21 (−9.45), IRPF 15 % = −6.75.
    let cn = j!({"company_id": customer, "currency": "EUR", "issue_date": "2025-03-05", "withholding_percent": "15",
                 "lines": [line("-1", "45", "21")]});
    let f = write(vault, "cn.json", cn.to_string().as_bytes());
    let cn = id_of(
        vault,
        &[
            "invoice",
            "credit",
            &ids[0],
            "--from",
            f.to_str().unwrap(),
            "--reason",
            "Una hora de más",
        ],
    );
    ok(vault, &["invoice", "issue", &cn]);
    supplier
}

#[test]
fn bills_in_and_out_of_the_vault() {
    let (_tmp, vault, _) = fast_vault();
    let supplier = books(&vault);
    let pdf_bytes = b"%PDF-1.4\n% Papeleria Central, factura PC-118\n%%EOF\n".to_vec();
    let pdf = write(&vault, "PC-118.pdf", &pdf_bytes);

    // From flags: two rates, paid, with its PDF.
    let b1 = id_of(
        &vault,
        &[
            "expense",
            "add",
            "--supplier-name",
            "Papelería Central",
            "--supplier-tax-id",
            "A-58818501",
            "--date",
            "2025-01-20",
            "--number",
            "PC-118",
            "--base",
            "100.00@21",
            "--base",
            "33.33@10",
            "--category",
            "supplies",
            "--paid-on",
            "2025-01-25",
            "--document",
            pdf.to_str().unwrap(),
        ],
    );
    let e = json(&vault, &["expense", "show", &b1, "--json"]);
    assert_eq!(e["supplier_name"], "Papelería Central");
    assert_eq!(e["supplier_tax_id"], "A58818501");
    assert_eq!(e["currency"], "EUR");
    assert_eq!(e["taxes"][0]["label"], "IVA 21 %");
    assert_eq!(e["taxes"][0]["base"], eur("100.00"));
    assert_eq!(e["taxes"][0]["tax_amount"], eur("21.00"));
    assert_eq!(e["taxes"][1]["tax"]["percent"], "10");
    assert_eq!(e["taxes"][1]["tax_amount"], eur("3.33"));
    assert_eq!(e["totals"]["net"], eur("133.33"));
    assert_eq!(e["totals"]["total"], eur("157.66"));
    assert_eq!(
        (e["paid"].as_bool(), e["paid_on"].as_str()),
        (Some(true), Some("2025-01-25"))
    );
    assert_eq!(
        e["document"],
        j!({"mime": "application/pdf", "file_name": "PC-118.pdf", "size": pdf_bytes.len()})
    );

    // From the supplier company, with IRPF: 500.00 @21 → 105.00, IRPF 75.00, total 530.00.
    let b2 = id_of(
        &vault,
        &[
            "expense",
            "add",
            "--supplier",
            &supplier,
            "--date",
            "2025-03-31",
            "--number",
            "2025/044",
            "--base",
            "500@21",
            "--withholding",
            "15",
            "--category",
            "services",
        ],
    );
    let e = json(&vault, &["expense", "show", &b2, "--json"]);
    assert_eq!(e["supplier_id"], supplier.as_str());
    assert_eq!(e["supplier_tax_id"], "B12345674");
    assert_eq!(e["totals"]["withholding"], eur("75.00"));
    assert_eq!(e["totals"]["total"], eur("530.00"));
    assert!(e["document"].is_null() && e["paid"] == false);

    // From the documented JSON shape: a second-quarter bill with recargo and an exempt base.
    let input = j!({
        "supplier_name": "Mayorista Sur", "date": "2025-04-02", "number": "MS-9", "currency": "EUR",
        "bases": [
            {"base": "200.00", "tax": {"category": "standard", "percent": "21", "surcharge": "5.2"}},
            {"base": "10", "tax": {"category": "exempt", "percent": "0"}}
        ],
        "category": "stock"
    });
    let f = write(&vault, "bill.json", input.to_string().as_bytes());
    let b3 = id_of(&vault, &["expense", "add", "--from", f.to_str().unwrap()]);
    let e = json(&vault, &["expense", "show", &b3, "--json"]);
    assert_eq!(e["taxes"][0]["label"], "IVA 21 % + RE 5,2 %");
    assert_eq!(e["taxes"][0]["surcharge_amount"], eur("10.40"));
    assert_eq!(e["taxes"][1]["label"], "Exento");
    assert_eq!(e["totals"]["total"], eur("262.40"));

    // The list: newest bill first, filters, paging.
    let all = json(&vault, &["expense", "list", "--json"]);
    let ids: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![b3.as_str(), b2.as_str(), b1.as_str()]);
    assert_eq!(all["items"][2]["total"], eur("157.66"));
    assert_eq!(all["items"][2]["has_document"], true);
    assert!(all["next_cursor"].is_null());
    let unpaid = json(&vault, &["expense", "list", "--unpaid", "--json"]);
    assert_eq!(unpaid["items"].as_array().unwrap().len(), 2);
    let by_supplier = json(
        &vault,
        &["expense", "list", "--supplier", &supplier, "--json"],
    );
    assert_eq!(by_supplier["items"][0]["id"], b2.as_str());
    assert_eq!(by_supplier["items"].as_array().unwrap().len(), 1);
    let q1 = json(
        &vault,
        &[
            "expense",
            "list",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--json",
        ],
    );
    assert_eq!(q1["items"].as_array().unwrap().len(), 2);
    let page = json(&vault, &["expense", "list", "--limit", "2", "--json"]);
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let rest = json(
        &vault,
        &[
            "expense", "list", "--limit", "2", "--cursor", &cursor, "--json",
        ],
    );
    assert_eq!(rest["items"][0]["id"], b1.as_str());

    // Paid and unpaid again.
    ok(&vault, &["expense", "pay", &b2, "--date", "2025-04-10"]);
    assert_eq!(
        json(&vault, &["expense", "show", &b2, "--json"])["paid_on"],
        "2025-04-10"
    );
    ok(&vault, &["expense", "pay", &b2, "--undo"]);
    assert!(json(&vault, &["expense", "show", &b2, "--json"])["paid_on"].is_null());

    // The document comes back byte for byte; a scan can be attached later and removed.
    let back = vault.parent().unwrap().join("back.pdf");
    ok(
        &vault,
        &["expense", "document", &b1, "-o", back.to_str().unwrap()],
    );
    assert_eq!(std::fs::read(&back).unwrap(), pdf_bytes);
    let png = write(&vault, "scan.png", b"\x89PNG\r\n\x1a\n....");
    ok(
        &vault,
        &[
            "expense",
            "document",
            &b2,
            "--attach",
            png.to_str().unwrap(),
        ],
    );
    assert_eq!(
        json(&vault, &["expense", "show", &b2, "--json"])["document"]["mime"],
        "image/png"
    );
    ok(&vault, &["expense", "document", &b2, "--remove"]);
    let out = run(
        &vault,
        &["expense", "document", &b2, "-o", back.to_str().unwrap()],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));

    // Edit from JSON keeps the document.
    let mut edited = input.clone();
    edited["notes"] = Value::String("revisada".into());
    let f = write(&vault, "edit.json", edited.to_string().as_bytes());
    ok(
        &vault,
        &["expense", "edit", &b3, "--from", f.to_str().unwrap()],
    );
    assert_eq!(
        json(&vault, &["expense", "show", &b3, "--json"])["notes"],
        "revisada"
    );

    // Delete says what it deleted; afterwards the bill is not found.
    let out = run(&vault, &["expense", "delete", &b3]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("Deleted expense") && stderr(&out).contains("MS-9"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&run(&vault, &["expense", "show", &b3])), 5);
    assert_eq!(code(&run(&vault, &["expense", "delete", &b3])), 5);
}

#[test]
fn the_quarters_vat_figures_and_the_profit_view() {
    let (_tmp, vault, _) = fast_vault();
    let supplier = books(&vault);
    ok(
        &vault,
        &[
            "expense",
            "add",
            "--supplier-name",
            "Papelería Central",
            "--date",
            "2025-01-20",
            "--number",
            "PC-118",
            "--base",
            "100.00@21",
            "--base",
            "33.33@10",
        ],
    );
    ok(
        &vault,
        &[
            "expense",
            "add",
            "--supplier",
            &supplier,
            "--date",
            "2025-03-31",
            "--number",
            "2025/044",
            "--base",
            "500@21",
            "--withholding",
            "15",
        ],
    );
    // Output 21 %: 550.05 / 115.51; 10 %: 24.69 / 2.47; credit note 21 %: −45.00 / −9.45.
    // Input 21 %: 600.00 / 126.00; 10 %: 33.33 / 3.33. Result 115.51 + 2.47 − 9.45 − 129.33 = −20.80.
    let r = json(
        &vault,
        &[
            "report",
            "vat",
            "--year",
            "2025",
            "--quarter",
            "1",
            "--json",
        ],
    );
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("2025-01-01"), Some("2025-03-31"))
    );
    let c = &r["currencies"][0];
    assert_eq!(c["currency"], "EUR");
    let row = |v: &Value| {
        (
            v["label"].clone(),
            v["base"]["amount"].clone(),
            v["tax_amount"]["amount"].clone(),
            v["documents"].clone(),
        )
    };
    assert_eq!(
        row(&c["output"][0]),
        (j!("IVA 21 %"), j!("550.05"), j!("115.51"), j!(2))
    );
    assert_eq!(
        row(&c["output"][1]),
        (j!("IVA 10 %"), j!("24.69"), j!("2.47"), j!(1))
    );
    assert_eq!(
        row(&c["corrections"][0]),
        (j!("IVA 21 %"), j!("-45.00"), j!("-9.45"), j!(1))
    );
    assert_eq!(
        row(&c["input"][0]),
        (j!("IVA 21 %"), j!("600.00"), j!("126.00"), j!(2))
    );
    assert_eq!(
        row(&c["input"][1]),
        (j!("IVA 10 %"), j!("33.33"), j!("3.33"), j!(1))
    );
    assert_eq!(c["output_tax"], eur("108.53"));
    assert_eq!(c["input_tax"], eur("129.33"));
    assert_eq!(c["result"], eur("-20.80"));
    assert_eq!(c["withheld_by_customers"], eur("64.45"));
    assert_eq!(c["withheld_from_suppliers"], eur("75.00"));

    // The CSV: header, one row per rate and section, the summary; decimal comma by default.
    let csv = ok(
        &vault,
        &["report", "vat", "--year", "2025", "--quarter", "1", "--csv"],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "period;section;currency;category;vat_rate;surcharge_rate;base;vat;surcharge;amount;documents"
    );
    assert!(
        lines.contains(&"2025-Q1;output;EUR;standard;21;;550,05;115,51;0,00;;2"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2025-Q1;corrections;EUR;standard;21;;-45,00;-9,45;0,00;;1"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2025-Q1;input;EUR;standard;10;;33,33;3,33;0,00;;1"),
        "{csv}"
    );
    assert!(lines.contains(&"2025-Q1;result;EUR;;;;;;;-20,80;"), "{csv}");
    assert!(lines.iter().all(|l| l.split(';').count() == 11));
    let csv = ok(
        &vault,
        &[
            "report",
            "vat",
            "--year",
            "2025",
            "--quarter",
            "1",
            "--csv",
            "--decimal-point",
        ],
    );
    assert!(csv.contains("2025-Q1;result;EUR;;;;;;;-20.80;"), "{csv}");
    // The text view names the result.
    assert!(
        ok(
            &vault,
            &["report", "vat", "--year", "2025", "--quarter", "1"]
        )
        .contains("-20.80")
    );

    // Profit: Q1 revenue 474.69 + 100.05 − 45.00 = 529.74; expenses 133.33 + 500.00 = 633.33.
    let p = json(
        &vault,
        &[
            "report", "profit", "--year", "2025", "--by", "quarter", "--json",
        ],
    );
    assert_eq!(p["by"], "quarter");
    let c = &p["currencies"][0];
    assert_eq!(c["periods"].as_array().unwrap().len(), 4);
    assert_eq!(
        c["periods"][0],
        j!({"period": "2025-Q1", "revenue": eur("529.74"), "expenses": eur("633.33"), "profit": eur("-103.59")})
    );
    assert_eq!(c["total"]["profit"], eur("-103.59"));
    let m = json(&vault, &["report", "profit", "--year", "2025", "--json"]);
    let months = &m["currencies"][0]["periods"];
    assert_eq!(months.as_array().unwrap().len(), 12);
    assert_eq!(months[0]["revenue"], eur("474.69"));
    assert_eq!(months[2]["profit"], eur("-545.00"));
}

#[test]
fn bad_input_refusals_and_unknown_ids() {
    let (_tmp, vault, _) = fast_vault();
    let customer = id_of(
        &vault,
        &[
            "company",
            "add",
            "--name",
            "Cliente SA",
            "--tax-id",
            "A58818501",
        ],
    );
    let add = |extra: &[&str]| {
        let mut args = vec!["expense", "add", "--date", "2025-01-20", "--number", "X-1"];
        args.extend_from_slice(extra);
        run(&vault, &args)
    };
    let bad = |out: std::process::Output, field: &str| {
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(
            stderr(&out).contains(field),
            "{field} not named: {}",
            stderr(&out)
        );
    };
    bad(add(&["--supplier-name", "X", "--base", "100"]), "base");
    bad(add(&["--supplier-name", "X", "--base", "1.001@21"]), "base");
    bad(
        add(&["--supplier-name", "X", "--base", "100@150"]),
        "tax_rate",
    );
    bad(add(&["--supplier-name", "X"]), "bases");
    bad(add(&["--base", "100@21"]), "supplier");
    bad(
        add(&[
            "--supplier-name",
            "X",
            "--supplier-tax-id",
            "B1234567X",
            "--base",
            "100@21",
        ]),
        "supplier_tax_id",
    );
    bad(
        add(&[
            "--supplier-name",
            "X",
            "--base",
            "100@21",
            "--currency",
            "EURO",
        ]),
        "currency",
    );
    bad(
        run(
            &vault,
            &[
                "expense",
                "add",
                "--supplier-name",
                "X",
                "--number",
                "1",
                "--base",
                "1@21",
                "--date",
                "20/01/2025",
            ],
        ),
        "date",
    );
    let txt = write(&vault, "bill.txt", b"not a pdf");
    bad(
        add(&[
            "--supplier-name",
            "X",
            "--base",
            "100@21",
            "--document",
            txt.to_str().unwrap(),
        ]),
        "document",
    );
    // Nothing was recorded by the refused attempts.
    assert!(
        json(&vault, &["expense", "list", "--json"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let out = run(
        &vault,
        &["report", "vat", "--year", "2025", "--quarter", "5"],
    );
    assert_eq!(code(&out), 2);

    // A customer is not a supplier; a bill number is recorded once per supplier.
    let out = add(&["--supplier", &customer, "--base", "100@21"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("supplier role"));
    ok(
        &vault,
        &[
            "expense",
            "add",
            "--supplier-name",
            "Luz SA",
            "--date",
            "2025-01-20",
            "--number",
            "F-1",
            "--base",
            "10@21",
        ],
    );
    let out = run(
        &vault,
        &[
            "expense",
            "add",
            "--supplier-name",
            "luz sa",
            "--date",
            "2025-02-20",
            "--number",
            "F-1",
            "--base",
            "10@21",
        ],
    );
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("already recorded"));

    // Unknown ids: 5.
    assert_eq!(code(&add(&["--supplier", "999", "--base", "100@21"])), 5);
    for args in [
        vec!["expense", "show", "999"],
        vec!["expense", "pay", "999"],
        vec!["expense", "delete", "abc"],
        vec!["expense", "document", "999", "-o", "/tmp/never.pdf"],
    ] {
        assert_eq!(code(&run(&vault, &args)), 5, "{args:?}");
    }
}
