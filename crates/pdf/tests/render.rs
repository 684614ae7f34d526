//! The rendered PDF read back with a real PDF parser (lopdf): its text holds every fact a reader needs, in
//! Spanish and in English; every font is embedded; long invoices flow onto further pages with the header
//! repeated; bad logos and inconsistent documents are refused; PNG and JPEG logos are drawn.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use lopdf::{Document, Object};
use sigilo_pdf::{
    Currency, DocumentKind, InvoiceDocument, Lang, PdfError, Surcharge, TaxRow, render, sample,
};

/// The text of every page, in order, as a PDF reader extracts it.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf can parse");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&p| doc.extract_text(&[p]).expect("extractable text"))
        .collect()
}

/// All the text, with line breaks and runs of spaces folded into single spaces.
fn text(pdf: &[u8]) -> String {
    pages_text(pdf)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_has(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            text.contains(needle),
            "{needle:?} not in the PDF's text:\n{text}"
        );
    }
}

#[test]
fn spanish_invoice_text_holds_number_dates_parties_rates_total_and_mentions() {
    let doc = sample::invoice(Lang::Es, 5);
    let t = text(&render(&doc).unwrap());
    assert_has(
        &t,
        &[
            "Factura",
            "F2026-0042",
            "Fecha de emisión",
            "15/03/2026",
            "Vencimiento",
            "14/04/2026",
            // Both parties, with their tax ids and addresses.
            "María Peña Ibáñez",
            "NIF: 12345678Z",
            "Calle de la Cañada 14, 3.º B",
            "Ñandú Comercio Justo S.L.",
            "NIF: B12345674",
            "41007 Sevilla",
            // Lines: quantity with unit, price, discount, the line net.
            "Licencia anual del componente de informes",
            "1.200,00",
            "10 %",
            "1.080,00",
            // Each tax rate in the breakdown, with its base and tax; the surcharge.
            "IVA 21 %",
            "2.770,00",
            "581,70",
            "IVA 4 %",
            "8,88",
            "Exento",
            "RE 5,2 %",
            "144,04",
            // Totals, with the currency, and the withholding as a deduction.
            "Base imponible",
            "3.352,00 €",
            "Retención IRPF 15 %",
            "-502,80 €",
            "Total",
            "3.583,82 €",
            // Mentions, payment, verification, footer and page numbers.
            "artículo 20.Uno.9.º de la Ley 37/1992",
            "Recargo de equivalencia aplicado",
            "Transferencia bancaria",
            "ES91 2100 0418 4502 0005 1332",
            "CAIXESBBXXX",
            "Huella SHA-256: 9f2c4e71a0b35d68",
            "Gracias por su confianza.",
            "Página 1 de 1",
        ],
    );
    assert_eq!(doc.totals.total, 358_382, "the sample's arithmetic changed");
}

#[test]
fn english_invoice_formats_money_and_dates_the_english_way() {
    let t = text(&render(&sample::invoice(Lang::En, 5)).unwrap());
    assert_has(
        &t,
        &[
            "Invoice",
            "F2026-0042",
            "Issue date",
            "15 Mar 2026",
            "Due date",
            "14 Apr 2026",
            "María Peña Ibáñez",
            "Tax ID: 12345678Z",
            "Ñandú Comercio Justo S.L.",
            "Tax ID: B12345674",
            "VAT 21%",
            "2,770.00",
            "581.70",
            "VAT 4%",
            "Exempt",
            "Subtotal",
            "€3,352.00",
            "Withholding IRPF 15 %",
            "-€502.80",
            "Total",
            "€3,583.82",
            "article 20.One.9 of Spain's VAT Act",
            "Bank transfer",
            "ES91 2100 0418 4502 0005 1332",
            "Pay by",
            "SHA-256 fingerprint: 9f2c4e71a0b35d68",
            "Page 1 of 1",
        ],
    );
    assert!(
        !t.contains("Factura"),
        "Spanish text in the English invoice"
    );
}

#[test]
fn credit_note_refers_to_the_original_invoice() {
    let es = text(&render(&sample::credit_note(Lang::Es)).unwrap());
    assert_has(
        &es,
        &[
            "Factura rectificativa",
            "R2026-0003",
            "20/03/2026",
            "Rectifica a",
            "F2026-0042 (15/03/2026)",
            "Esta factura rectifica la factura n.º F2026-0042 de fecha 15/03/2026.",
            "Motivo: Se facturaron 8 horas por duplicado.",
            "-8 h",
            "-360,00",
            "-400,32 €",
        ],
    );
    let en = text(&render(&sample::credit_note(Lang::En)).unwrap());
    assert_has(
        &en,
        &[
            "Credit note",
            "This credit note corrects invoice no. F2026-0042 of 15 Mar 2026.",
            "Reason: 8 hours invoiced twice.",
            "-€400.32",
        ],
    );
}

/// Every font dictionary on every page, descendants of Type0 fonts included.
fn fonts(doc: &Document) -> Vec<lopdf::Dictionary> {
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            out.push(font.clone());
            if let Ok(Object::Array(descendants)) = font.get(b"DescendantFonts") {
                for d in descendants {
                    let id = d.as_reference().unwrap();
                    out.push(doc.get_dictionary(id).unwrap().clone());
                }
            }
        }
    }
    out
}

#[test]
fn every_font_is_embedded() {
    for doc in [sample::invoice(Lang::Es, 12), sample::credit_note(Lang::En)] {
        let pdf = Document::load_mem(&render(&doc).unwrap()).unwrap();
        let fonts = fonts(&pdf);
        assert!(fonts.len() >= 2, "expected the regular and bold faces");
        let mut descriptors = 0;
        for font in &fonts {
            let subtype = font.get(b"Subtype").unwrap().as_name().unwrap();
            if subtype == b"Type0" {
                // A composite font: its glyphs live in the descendant, checked on its own.
                assert!(font.has(b"DescendantFonts"));
                assert!(
                    font.has(b"ToUnicode"),
                    "no ToUnicode map: text would not extract"
                );
                continue;
            }
            assert_ne!(
                subtype, b"Type3",
                "a Type 3 font is drawn, not embedded text"
            );
            let descriptor = font
                .get(b"FontDescriptor")
                .and_then(Object::as_reference)
                .expect("a font without a descriptor is not embedded");
            let descriptor = pdf.get_dictionary(descriptor).unwrap();
            assert!(
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| descriptor.has(k)),
                "font {:?} is not embedded",
                font.get(b"BaseFont")
            );
            descriptors += 1;
        }
        assert!(descriptors >= 2);
    }
}

#[test]
fn sixty_lines_flow_onto_further_pages_with_the_table_header_repeated() {
    let doc = sample::invoice(Lang::Es, 60);
    let pages = pages_text(&render(&doc).unwrap());
    assert!(pages.len() > 1, "60 lines on {} page(s)", pages.len());
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            page.contains(&format!("Página {} de {n}", i + 1)),
            "page {i}: {page}"
        );
        if i > 0 {
            assert!(page.contains("Factura F2026-0042 (continuación)"));
        }
        // Every page that holds lines starts them with the column headers.
        if page.contains("Soporte técnico mensual") {
            assert!(
                page.contains("Descripción") && page.contains("Importe"),
                "page {i}"
            );
        }
    }
    let all = pages.join(" ");
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    // The last line and the total made it.
    assert!(all.contains("Soporte técnico mensual (12)"));
    assert!(all.contains(&"43.005,84 €".to_string()), "{all}");
}

#[test]
fn a_description_longer_than_a_page_is_split_across_pages() {
    let mut doc = sample::invoice(Lang::En, 3);
    doc.lines[1].description = (0..400)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let pages = pages_text(&render(&doc).unwrap());
    assert!(pages.len() >= 2);
    let all = pages.join(" ");
    assert!(all.contains("word0") && all.contains("word399"));
}

/// The smallest valid PNG: one white pixel (8-bit greyscale), built here with its CRCs.
fn tiny_png() -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &d in data {
            a = (a + u32::from(d)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let raw = [0u8, 0xFF]; // filter byte, one grey pixel
    let mut zlib = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF];
    zlib.extend(raw);
    zlib.extend(adler(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn image_count(pdf: &[u8]) -> usize {
    let doc = Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
            })
        })
        .count()
}

#[test]
fn png_and_jpeg_logos_are_drawn() {
    let mut doc = sample::invoice(Lang::Es, 2);
    assert_eq!(image_count(&render(&doc).unwrap()), 0);
    doc.logo = Some(tiny_png());
    assert_eq!(image_count(&render(&doc).unwrap()), 1);
    doc.logo = Some(include_bytes!("logo.jpg").to_vec());
    let pdf = render(&doc).unwrap();
    assert_eq!(image_count(&pdf), 1);
    assert!(text(&pdf).contains("F2026-0042"));
}

#[test]
fn a_logo_that_is_neither_png_nor_jpeg_is_refused() {
    let mut doc = sample::invoice(Lang::Es, 2);
    for bad in [
        b"GIF89a\x01\x00\x01\x00".to_vec(),
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        b"%PDF-1.7".to_vec(),
        Vec::new(),
    ] {
        doc.logo = Some(bad);
        let err = render(&doc).unwrap_err();
        assert!(matches!(err, PdfError::LogoFormat), "{err:?}");
        assert_eq!(err.to_string(), "the logo must be a PNG or JPEG image");
    }
    // The right signature over broken data is refused too, never drawn as garbage.
    let mut broken = tiny_png();
    broken.truncate(20);
    doc.logo = Some(broken);
    assert!(matches!(
        render(&doc).unwrap_err(),
        PdfError::LogoUnreadable(_)
    ));
    let mut corrupt = tiny_png();
    let idat = corrupt.windows(4).position(|w| w == b"IDAT").unwrap();
    corrupt[idat + 6] ^= 0xFF;
    doc.logo = Some(corrupt);
    assert!(matches!(
        render(&doc).unwrap_err(),
        PdfError::LogoUnreadable(_)
    ));
    doc.logo = Some(vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0]);
    assert!(matches!(
        render(&doc).unwrap_err(),
        PdfError::LogoUnreadable(_)
    ));
}

#[test]
fn inconsistent_or_malformed_documents_are_refused() {
    let base = sample::invoice(Lang::Es, 5);
    let refuse = |f: &dyn Fn(&mut InvoiceDocument)| {
        let mut doc = base.clone();
        f(&mut doc);
        render(&doc).unwrap_err()
    };
    assert!(matches!(
        refuse(&|d| d.totals.total += 1),
        PdfError::Inconsistent(_)
    ));
    assert!(matches!(
        refuse(&|d| d.taxes[0].tax += 1),
        PdfError::Inconsistent(_)
    ));
    assert!(matches!(
        refuse(&|d| d.withholding = None),
        PdfError::Inconsistent(_)
    ));
    assert!(matches!(
        refuse(&|d| d.lines[2].quantity = "1,5".into()),
        PdfError::InvalidDecimal {
            field: "quantity",
            line: 3
        }
    ));
    assert!(matches!(
        refuse(&|d| d.lines[0].unit_price = "12.5€".into()),
        PdfError::InvalidDecimal {
            field: "unit price",
            line: 1
        }
    ));
    assert!(matches!(
        refuse(&|d| d.currency = Currency::new("eur", 2)),
        PdfError::InvalidCurrency
    ));
    assert!(matches!(
        refuse(&|d| d.currency = Currency::new("EUR", 9)),
        PdfError::InvalidCurrency
    ));
    assert!(matches!(
        refuse(&|d| d.seller.tax_id = None),
        PdfError::Missing(_)
    ));
    assert!(matches!(
        refuse(&|d| d.number = " ".into()),
        PdfError::Missing(_)
    ));
    // Messages name the field, never the data.
    let err = refuse(&|d| d.lines[0].quantity = "secret-ish".into());
    assert!(!err.to_string().contains("secret"));
}

#[test]
fn odd_input_renders_without_panicking() {
    let mut doc = sample::invoice(Lang::En, 3);
    doc.seller.name = "A".repeat(300);
    doc.buyer.name = "Ωμέγα Трейдинг 株式会社 \u{7}\t\u{202E}".into();
    doc.lines[0].tax = "A very long tax label that cannot fit".into();
    doc.lines[0].discount = Some("a discount text far too long for its column".into());
    doc.lines[1].description = String::new();
    doc.mentions.push("x".repeat(5000));
    doc.footer = Some("footer ".repeat(200));
    doc.currency = Currency::new("JPY", 0);
    doc.taxes.push(TaxRow {
        label: "Zero".into(),
        base: 0,
        tax: 0,
        surcharge: Some(Surcharge {
            label: "RE 0 %".into(),
            amount: 0,
        }),
    });
    let t = text(&render(&doc).unwrap());
    assert!(t.contains("Ωμέγα Трейдинг"), "{t}");
    doc.kind = DocumentKind::CreditNote {
        original_number: "F1".into(),
        original_issue_date: doc.issue_date,
        reason: None,
    };
    doc.lines.clear();
    render(&doc).unwrap();
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample::invoice(Lang::Es, 8);
    assert_eq!(render(&doc).unwrap(), render(&doc).unwrap());
}
