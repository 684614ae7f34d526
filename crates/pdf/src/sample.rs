//! Example documents for the sample PDF, the tests and the benchmark: a Spanish freelancer's invoice with
//! two VAT rates, an exempt line, an equivalence surcharge and IRPF withholding, with totals that add up.

use crate::{
    Currency, DocumentKind, InvoiceDocument, Lang, Line, Party, Payment, PaymentMethod, Surcharge,
    TaxRow, Totals, Withholding,
};
use time::macros::date;

/// One sample line: description, quantity, unit, unit price (minor units), tax key.
struct Item {
    description: &'static str,
    quantity: i64,
    unit: &'static str,
    price: i64,
    /// Discount in hundredths of a percent.
    discount: i64,
    tax: usize,
}

const ITEMS: [Item; 5] = [
    Item {
        description: "Desarrollo de la aplicación de reservas — sprint 3 (módulo de pagos, \
                      integración con la pasarela y pruebas de aceptación)",
        quantity: 32,
        unit: "h",
        price: 4_500,
        discount: 0,
        tax: 0,
    },
    Item {
        description: "Licencia anual del componente de informes",
        quantity: 1,
        unit: "ud.",
        price: 120_000,
        discount: 1000,
        tax: 0,
    },
    Item {
        description: "Manual de usuario impreso",
        quantity: 12,
        unit: "ud.",
        price: 1_850,
        discount: 0,
        tax: 1,
    },
    Item {
        description: "Formación presencial al equipo de Ñandú (exenta, art. 20.Uno.9.º LIVA)",
        quantity: 6,
        unit: "h",
        price: 6_000,
        discount: 0,
        tax: 2,
    },
    Item {
        description: "Soporte técnico mensual",
        quantity: 1,
        unit: "mes",
        price: 25_000,
        discount: 0,
        tax: 0,
    },
];

/// A sample tax rate: labels, percent in hundredths, equivalence surcharge (label, hundredths).
struct Rate {
    es: &'static str,
    en: &'static str,
    hundredths: i64,
    surcharge: Option<(&'static str, i64)>,
}

const RATES: [Rate; 3] = [
    Rate {
        es: "IVA 21 %",
        en: "VAT 21%",
        hundredths: 2100,
        surcharge: Some(("RE 5,2 %", 520)),
    },
    Rate {
        es: "IVA 4 %",
        en: "VAT 4%",
        hundredths: 400,
        surcharge: None,
    },
    Rate {
        es: "Exento",
        en: "Exempt",
        hundredths: 0,
        surcharge: None,
    },
];

/// `value × hundredths / 10 000`, rounded half away from zero (the sample's own arithmetic, integers only).
fn percent_of(value: i64, hundredths: i64) -> i64 {
    let n = i128::from(value) * i128::from(hundredths);
    let q = (n.abs() + 5_000) / 10_000;
    i64::try_from(if n < 0 { -q } else { q }).unwrap_or(0)
}

/// A sample invoice in `lang` with `lines` lines (the five sample items repeated).
pub fn invoice(lang: Lang, lines: usize) -> InvoiceDocument {
    let en = lang == Lang::En;
    let mut out = Vec::new();
    let mut bases = [0i64; 3];
    for i in 0..lines {
        let Some(item) = ITEMS.get(i % ITEMS.len()) else {
            continue;
        };
        let gross = item.quantity * item.price;
        let net = gross - percent_of(gross, item.discount);
        if let Some(b) = bases.get_mut(item.tax) {
            *b += net;
        }
        let rate = RATES.get(item.tax).unwrap_or(&RATES[0]);
        let description = if i < ITEMS.len() {
            item.description.to_string()
        } else {
            format!("{} ({})", item.description, i / ITEMS.len() + 1)
        };
        out.push(Line {
            description,
            quantity: item.quantity.to_string(),
            unit: Some(item.unit.to_string()),
            unit_price: format!("{}.{:02}", item.price / 100, item.price % 100),
            discount: (item.discount != 0).then(|| match lang {
                Lang::Es => format!("{} %", item.discount / 100),
                Lang::En => format!("{}%", item.discount / 100),
            }),
            tax: if en { rate.en } else { rate.es }.to_string(),
            net,
        });
    }
    let mut taxes = Vec::new();
    let (mut tax_sum, mut sur_sum) = (0, 0);
    for (i, rate) in RATES.iter().enumerate() {
        let base = bases.get(i).copied().unwrap_or(0);
        if base == 0 {
            continue;
        }
        let tax = percent_of(base, rate.hundredths);
        let surcharge = rate.surcharge.map(|(label, h)| Surcharge {
            label: label.to_string(),
            amount: percent_of(base, h),
        });
        tax_sum += tax;
        sur_sum += surcharge.as_ref().map_or(0, |s| s.amount);
        taxes.push(TaxRow {
            label: if en { rate.en } else { rate.es }.to_string(),
            base,
            tax,
            surcharge,
        });
    }
    let net: i64 = bases.iter().sum();
    let withholding = percent_of(net, 1500);
    let mentions = if en {
        vec![
            "Training exempt from VAT under article 20.One.9 of Spain's VAT Act (Ley 37/1992)."
                .to_string(),
            "Equalisation surcharge applied: the buyer is a retailer under the special regime."
                .to_string(),
        ]
    } else {
        vec![
            "Operación exenta de IVA en virtud del artículo 20.Uno.9.º de la Ley 37/1992 del IVA \
             (formación impartida por persona física)."
                .to_string(),
            "Recargo de equivalencia aplicado: el destinatario es un comerciante minorista acogido al \
             régimen especial."
                .to_string(),
        ]
    };
    InvoiceDocument {
        lang,
        kind: DocumentKind::Invoice,
        number: "F2026-0042".to_string(),
        issue_date: date!(2026 - 03 - 15),
        due_date: Some(date!(2026 - 04 - 14)),
        currency: Currency::new("EUR", 2),
        seller: Party {
            name: "María Peña Ibáñez".to_string(),
            tax_id: Some("12345678Z".to_string()),
            address: vec![
                "Calle de la Cañada 14, 3.º B".to_string(),
                "28013 Madrid".to_string(),
                if en { "Spain" } else { "España" }.to_string(),
            ],
            email: Some("maria@penaibanez.es".to_string()),
            phone: Some("+34 612 345 678".to_string()),
        },
        buyer: Party {
            name: "Ñandú Comercio Justo S.L.".to_string(),
            tax_id: Some("B12345674".to_string()),
            address: vec![
                "Avenida de Andalucía 221, nave 7".to_string(),
                "41007 Sevilla".to_string(),
                if en { "Spain" } else { "España" }.to_string(),
            ],
            email: Some("administracion@nandu.example".to_string()),
            phone: None,
        },
        lines: out,
        taxes,
        withholding: Some(Withholding {
            label: "IRPF 15 %".to_string(),
            amount: withholding,
        }),
        totals: Totals {
            net,
            tax: tax_sum,
            surcharge: sur_sum,
            withholding,
            total: net + tax_sum + sur_sum - withholding,
        },
        mentions,
        payment: Some(Payment {
            method: PaymentMethod::BankTransfer,
            iban: Some("ES9121000418450200051332".to_string()),
            bic: Some("CAIXESBBXXX".to_string()),
            note: Some(if en {
                "Please quote the invoice number as the transfer reference.".to_string()
            } else {
                "Indique el número de factura en el concepto de la transferencia.".to_string()
            }),
        }),
        footer: Some(if en {
            "María Peña Ibáñez · Self-employed software developer · Registered with Spain's Tax Agency \
             (IAE 763). Thank you for your business."
                .to_string()
        } else {
            "María Peña Ibáñez · Programadora autónoma · Alta en el IAE, epígrafe 763. \
             Gracias por su confianza."
                .to_string()
        }),
        logo: None,
        verification: Some("9f2c4e71a0b35d68".to_string()),
    }
}

/// A sample credit note in `lang` correcting the sample invoice: one line returned, negative amounts.
pub fn credit_note(lang: Lang) -> InvoiceDocument {
    let mut doc = invoice(lang, 1);
    let en = lang == Lang::En;
    doc.kind = DocumentKind::CreditNote {
        original_number: "F2026-0042".to_string(),
        original_issue_date: date!(2026 - 03 - 15),
        reason: Some(if en {
            "8 hours invoiced twice.".to_string()
        } else {
            "Se facturaron 8 horas por duplicado.".to_string()
        }),
    };
    doc.number = "R2026-0003".to_string();
    doc.issue_date = date!(2026 - 03 - 20);
    doc.due_date = None;
    let net = -8 * 4_500;
    if let Some(line) = doc.lines.first_mut() {
        line.quantity = "-8".to_string();
        line.net = net;
    }
    let tax = percent_of(net, 2100);
    let surcharge = percent_of(net, 520);
    let withholding = percent_of(net, 1500);
    doc.taxes = vec![TaxRow {
        label: if en { "VAT 21%" } else { "IVA 21 %" }.to_string(),
        base: net,
        tax,
        surcharge: Some(Surcharge {
            label: "RE 5,2 %".to_string(),
            amount: surcharge,
        }),
    }];
    doc.withholding = Some(Withholding {
        label: "IRPF 15 %".to_string(),
        amount: withholding,
    });
    doc.totals = Totals {
        net,
        tax,
        surcharge,
        withholding,
        total: net + tax + surcharge - withholding,
    };
    doc.mentions = Vec::new();
    doc.payment = None;
    doc
}
