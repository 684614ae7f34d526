//! Criterion benchmarks of unlocking: Argon2id with the shipped parameters (the deliberate cost) and everything
//! else an unlock does, measured with cheap test parameters so the rest is visible.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sigilo_vault::{KdfParams, Migrations, Passphrase, Unlock, Vault};

const SCHEMA: &[Migrations] = &[Migrations {
    domain: "bench",
    steps: &["CREATE TABLE t (x TEXT);"],
}];

fn unlock(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let pass = || Passphrase::new("benchmark passphrase".into());

    let shipped = tmp.path().join("shipped");
    Vault::create(&shipped, &pass(), SCHEMA).unwrap().0.lock();
    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    group.bench_function("shipped KDF parameters (Argon2id + rest)", |b| {
        b.iter(|| {
            Vault::open(&shipped, &Unlock::Passphrase(pass()), SCHEMA)
                .unwrap()
                .lock()
        })
    });
    group.finish();

    let cheap = tmp.path().join("cheap");
    Vault::create_with_kdf(
        &cheap,
        &pass(),
        SCHEMA,
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap()
    .0
    .lock();
    c.bench_function("unlock without the KDF's cost (test parameters)", |b| {
        b.iter(|| {
            Vault::open(&cheap, &Unlock::Passphrase(pass()), SCHEMA)
                .unwrap()
                .lock()
        })
    });
}

criterion_group!(benches, unlock);
criterion_main!(benches);
