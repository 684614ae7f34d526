//! Writes the sample documents to `target/sample-pdf/` so anyone can look at them:
//! `cargo run -p sigilo-pdf --example sample [-- LOGO.png|LOGO.jpg]` (default: `examples/logo.png`), then open
//! the PDFs or run
//! `pdftoppm -png -r 60 target/sample-pdf/invoice-es.pdf target/sample-pdf/invoice-es`.

use sigilo_pdf::{Lang, render, sample};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/sample-pdf");
    std::fs::create_dir_all(&out)?;
    let logo = match std::env::args().nth(1) {
        Some(path) => std::fs::read(path)?,
        None => include_bytes!("logo.png").to_vec(),
    };
    let docs = [
        ("invoice-es", sample::invoice(Lang::Es, 5)),
        ("invoice-en", sample::invoice(Lang::En, 5)),
        ("invoice-es-60-lines", sample::invoice(Lang::Es, 60)),
        ("credit-note-es", sample::credit_note(Lang::Es)),
        ("credit-note-en", sample::credit_note(Lang::En)),
    ];
    for (name, mut doc) in docs {
        doc.logo = Some(logo.clone());
        let path = out.join(format!("{name}.pdf"));
        std::fs::write(&path, render(&doc)?)?;
        println!("{}", path.display());
    }
    Ok(())
}
