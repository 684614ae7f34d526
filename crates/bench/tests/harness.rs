//! The benchmark harness runs end to end at a tiny scale and produces every metric on both sides (this checks
//! that it measures, not how fast anything is), and its baseline really is unencrypted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigilo_bench::{BenchOptions, run, table};

#[test]
fn produces_every_metric_on_both_sides() {
    let work = tempfile::tempdir().unwrap();
    let opts = BenchOptions {
        scale: 1,
        seed: 7,
        work_dir: Some(work.path().to_path_buf()),
        samples: 3,
    };
    let mut stages = Vec::new();
    let report = run(&opts, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(
        (
            report.contacts,
            report.companies,
            report.interactions,
            report.deals,
            report.tasks
        ),
        (200, 40, 2_000, 40, 50),
        "the demo at scale 1 holds every CRM entity"
    );
    let expected = [
        "unlock_kdf_ms",
        "unlock_rest_ms",
        "bulk_insert_rows_per_s",
        "search_p50_ms",
        "search_p95_ms",
        "list_page_p95_ms",
        "list_keyset_page_p95_ms",
        "contact_page_p95_ms",
        "company_list_page_p95_ms",
        "deal_list_page_p95_ms",
        "company_page_p95_ms",
        "dashboard_p95_ms",
        "forecast_p95_ms",
        "demo_fill_s",
        "vault_size_mib",
        "raw_chacha20poly1305_mb_per_s",
        "backup_create_mb_per_s",
        "backup_seal_mb_per_s",
        "backup_snapshot_ms",
        "backup_verify_mb_per_s",
        "backup_restore_mb_per_s",
        "invoice_issue_p95_ms",
        "invoice_pdf_p95_ms",
        "money_dashboard_p95_ms",
        "invoice_list_page_p95_ms",
        "invoices_in_chain",
        "verify_chain_s",
    ];
    for name in expected {
        let m = report
            .metrics
            .get(name)
            .unwrap_or_else(|| panic!("missing metric {name}"));
        let e = m
            .encrypted
            .unwrap_or_else(|| panic!("{name}: no encrypted value"));
        // 100 demo invoices at scale 1 plus the 3 the benchmark issued, all in the chain (credit notes too).
        let chained = report.metrics["invoices_in_chain"].encrypted.unwrap();
        assert!(chained >= 103.0, "{chained}");
        assert!(e.is_finite() && e >= 0.0, "{name}: {e}");
        // The KDF, the cipher alone and the backup exist on the encrypted side only; the seal's "plain" is the cipher.
        let encrypted_only = name == "unlock_kdf_ms"
            || name == "raw_chacha20poly1305_mb_per_s"
            || (name.starts_with("backup_") && name != "backup_seal_mb_per_s");
        if !encrypted_only {
            assert!(m.plain.is_some(), "{name}: no plain value");
            assert!(m.ratio.is_some(), "{name}: no ratio");
        }
    }
    assert!(
        report.metrics["unlock_kdf_ms"].encrypted.unwrap() > 1.0,
        "the real KDF ran"
    );
    assert!(
        stages.iter().any(|s| s.starts_with("plain"))
            && stages.iter().any(|s| s.starts_with("encrypted"))
    );
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["metrics"]["search_p95_ms"]["unit"] == "ms");
    assert!(table(&report).contains("search_p95_ms"));
    assert_eq!(report.search_queries.len(), sigilo_bench::SEARCH_MIX.len());
    assert!(
        report
            .search_queries
            .iter()
            .all(|q| q.encrypted_p95_ms.is_some() && q.plain_p95_ms.is_some())
    );
    assert_eq!(
        std::fs::read_dir(work.path()).unwrap().count(),
        0,
        "the work folder is cleaned up"
    );
}

#[test]
fn the_baseline_is_plain_sqlite_and_the_vault_is_not() {
    let work = tempfile::tempdir().unwrap();
    let schema = sigilo_api::schema();
    let plain = work.path().join("plain");
    let vault = sigilo_vault::Vault::create_unencrypted_baseline(&plain, &schema).unwrap();
    vault.lock();
    let header = std::fs::read(plain.join("sigilo.db")).unwrap();
    assert!(header.starts_with(b"SQLite format 3\0"));
    let reopened = sigilo_vault::Vault::open_unencrypted_baseline(&plain, &schema).unwrap();
    reopened.lock();
    // A real vault folder is never taken for a baseline.
    assert!(sigilo_vault::Vault::open_unencrypted_baseline(work.path(), &schema).is_err());
}
