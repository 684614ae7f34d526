//! Criterion benchmark of the invoice PDF: a typical 10-line invoice (goal: under 50 ms), the same with a logo,
//! and a 60-line one (four pages).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use sigilo_pdf::{Lang, render, sample};
use std::hint::black_box;

fn render_invoice(c: &mut Criterion) {
    let ten = sample::invoice(Lang::Es, 10);
    // Fonts are parsed once per process; the first render is not what a user waits for on later ones.
    render(&ten).unwrap();
    c.bench_function("render a 10-line invoice", |b| {
        b.iter(|| render(black_box(&ten)).unwrap())
    });
    let mut with_logo = ten.clone();
    with_logo.logo = Some(include_bytes!("../examples/logo.png").to_vec());
    c.bench_function("render a 10-line invoice with a PNG logo", |b| {
        b.iter(|| render(black_box(&with_logo)).unwrap())
    });
    let sixty = sample::invoice(Lang::Es, 60);
    c.bench_function("render a 60-line invoice", |b| {
        b.iter(|| render(black_box(&sixty)).unwrap())
    });
}

criterion_group!(benches, render_invoice);
criterion_main!(benches);
