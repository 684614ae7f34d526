//! Criterion micro-benchmarks of the CRM's hot text paths: accent folding, FTS query building, and a search
//! over a few thousand contacts in a real (test-KDF) encrypted vault.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sigilo_crm::contacts::{self, NewContact};
use sigilo_crm::{search, text};
use sigilo_vault::{KdfParams, Passphrase, Vault};
use std::hint::black_box;

fn text_paths(c: &mut Criterion) {
    c.bench_function("fold a name", |b| {
        b.iter(|| text::fold(black_box("  José Ángel Ñúñez de la Peña  ")))
    });
    c.bench_function("build an FTS query", |b| {
        b.iter(|| text::fts_query(black_box("josé \"martínez\" +34 612 345 OR near(")))
    });
}

fn search_paths(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let kdf = KdfParams::insecure_fast_for_tests();
    let schema = [sigilo_crm::MIGRATIONS];
    let (mut vault, _) = Vault::create_with_kdf(
        &dir.path().join("v"),
        &Passphrase::new("bench passphrase".into()),
        &schema,
        kdf,
    )
    .unwrap();
    let first = [
        "José", "María", "Álvaro", "Lucía", "Íñigo", "Nuria", "James", "Olivia",
    ];
    let last = [
        "García", "Núñez", "Pérez", "López", "Smith", "Ibáñez", "Martín", "Díaz",
    ];
    let tx = vault.conn_mut().transaction().unwrap();
    for i in 0..5_000usize {
        let name = format!(
            "{} {} {}",
            first[i % 8],
            last[(i / 8) % 8],
            last[(i / 64) % 8]
        );
        let c = NewContact {
            name,
            emails: vec![format!("persona{i}@correo.example")],
            phones: vec![format!("+34 6{:08}", i * 7919 % 100_000_000)],
            company: Some(format!("Talleres {}", last[i % 8])),
            notes: None,
        };
        contacts::insert(&tx, c).unwrap();
    }
    tx.commit().unwrap();
    let conn = vault.conn();
    c.bench_function("search 'jose' in 5k contacts", |b| {
        b.iter(|| search::query_kinds(conn, black_box("jose"), 20, &[]))
    });
    c.bench_function("search 'nunez gar' in 5k contacts", |b| {
        b.iter(|| search::query_kinds(conn, black_box("nunez gar"), 20, &[]))
    });
    c.bench_function("keyset page of 50 in 5k contacts", |b| {
        b.iter(|| contacts::list(conn, 50, None))
    });
    c.bench_function("window of 50 at row 4000", |b| {
        b.iter(|| contacts::window(conn, black_box(4000), 50))
    });
}

criterion_group!(benches, text_paths, search_paths);
criterion_main!(benches);
