//! Demo invoicing data, deterministic for a seed and a "today": a business profile, a catalogue, two years of
//! issued invoices in date order (so numbering and the hash chain are real) with payments — most paid, some
//! partly, some overdue — a few credit notes, open quotes and a monthly template. At scale s: 100·s invoices
//! (scale 500 → 50k, the invoicing benchmark's size).

use rusqlite::Connection;
use sigilo_invoicing::documents::{self, DraftInput, LineInput};
use sigilo_invoicing::products::{self, NewProduct};
use sigilo_invoicing::profile::{self, Profile};
use sigilo_invoicing::quotes::{self, QuoteInput};
use sigilo_invoicing::recurring::{self, Frequency, RecurringInput};
use sigilo_invoicing::tax::TaxRate;
use sigilo_invoicing::{Dec, Discount, DocKind};
use time::{Date, Duration};

use crate::demo::{DemoProgress, DemoRng, at_time, batched, created};
use crate::error::ApiError;

/// Invoices per unit of scale.
pub const INVOICES_PER_SCALE: u64 = 100;
const BATCH: u64 = 500;

const CATALOGUE: &[(&str, &str, &str, i64)] = &[
    ("Hora de consultoría", "h", "60.00", 21),
    ("Diseño de identidad visual", "ud", "850.00", 21),
    ("Mantenimiento web mensual", "mes", "90.00", 21),
    ("Instalación de climatización", "ud", "1250.00", 21),
    ("Revisión anual de caldera", "ud", "95.00", 21),
    ("Material eléctrico", "lote", "37.45", 21),
    ("Reforma de baño (mano de obra)", "h", "38.50", 10),
    ("Menú de empresa", "ud", "14.90", 10),
    ("Libro técnico", "ud", "24.00", 4),
    ("Formación en prevención", "h", "45.00", 21),
    ("Transporte y montaje", "ud", "120.00", 21),
    ("Pintura plástica (m²)", "m2", "8.75", 21),
];

fn iso(d: Date) -> String {
    sigilo_crm::valid::format_date(d)
}

fn dec(s: &str) -> Dec {
    Dec::parse(s, "demo").unwrap_or(Dec::ZERO)
}

fn lines(rng: &mut DemoRng) -> Vec<LineInput> {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| {
            let (name, unit, price, rate) = CATALOGUE[rng.below(CATALOGUE.len() as u64) as usize];
            let qty = match unit {
                "h" => format!("{}", 1 + rng.below(40)),
                "m2" => format!("{}.{}", 5 + rng.below(120), rng.below(10)),
                _ => format!("{}", 1 + rng.below(3)),
            };
            LineInput {
                product_id: None,
                description: name.to_owned(),
                quantity: dec(&qty),
                unit: Some(unit.to_owned()),
                unit_price: dec(price),
                discount: if rng.chance(10) {
                    Discount::Percent(Dec::int(5 * (1 + rng.below(3) as i64)))
                } else {
                    Discount::None
                },
                tax: TaxRate::standard(Dec::int(rate)),
            }
        })
        .collect()
}

/// Fills the invoicing demo; returns (invoices issued, other invoicing records created: products, credit notes,
/// quotes, templates).
pub(crate) fn fill_invoicing(
    conn: &Connection,
    scale: u32,
    seed: u64,
    today: Date,
    progress: &mut dyn FnMut(DemoProgress),
) -> Result<(u64, u64), ApiError> {
    let mut rng = DemoRng::new(seed ^ 0x1a7_0c1e);
    let mut others = 0u64;
    let at = at_time(today, 12, 0);
    profile::set(
        conn,
        Profile {
            legal_name: Some("Taller Sigilo SL".into()),
            tax_country: Some("ES".into()),
            tax_id: Some("B12345674".into()),
            street: Some("Calle Mayor 12".into()),
            postal_code: Some("28013".into()),
            city: Some("Madrid".into()),
            region: Some("Madrid".into()),
            country: Some("ES".into()),
            email: Some("hola@tallersigilo.example".into()),
            phone: Some("+34 910 000 000".into()),
            currency: Some("EUR".into()),
            iban: Some("ES9121000418450200051332".into()),
            footer: Some(
                "Taller Sigilo SL · Registro Mercantil de Madrid, tomo 1, folio 1, hoja M-1".into(),
            ),
        },
        &at,
    )?;
    for (name, unit, price, rate) in CATALOGUE {
        let id = products::insert(
            conn,
            NewProduct {
                name: (*name).to_owned(),
                description: None,
                unit: Some((*unit).to_owned()),
                unit_price: dec(price),
                currency: "EUR".into(),
                tax: TaxRate::standard(Dec::int(*rate)),
            },
            &at,
        )?;
        created(conn, "product", id)?;
        others += 1;
    }
    let customers: Vec<i64> = conn
        .prepare("SELECT id FROM company WHERE is_customer = 1 AND tax_id IS NOT NULL ORDER BY id LIMIT 2000")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if customers.is_empty() {
        return Ok((0, others));
    }
    let total = INVOICES_PER_SCALE * u64::from(scale.max(1));
    let days = 730i64;
    let mut issued = 0u64;
    let today_s = iso(today);
    batched(conn, "invoices", total, BATCH, progress, |tx, n| {
        // Dates rise with n: numbering follows dates.
        let offset = days - (n as i64 * days) / total as i64;
        let date = today - Duration::days(offset.max(0));
        let company = customers[rng.below(customers.len() as u64) as usize];
        let withholding = rng.chance(20).then(|| Dec::int(15));
        let id = documents::create_draft(
            tx,
            DraftInput {
                kind: DocKind::Invoice,
                series: None,
                company_id: Some(company),
                contact_id: None,
                issue_date: Some(iso(date)),
                due_date: None,
                currency: "EUR".into(),
                language: "es".into(),
                withholding,
                notes: None,
                corrects: None,
                correction_reason: None,
                lines: lines(&mut rng),
            },
            &today_s,
            &at,
        )?;
        documents::issue(tx, id, &today_s, &at)?;
        created(tx, "invoice", id)?;
        issued += 1;
        let doc = documents::get(tx, id, &today_s)?;
        let age = offset;
        let roll = rng.below(100);
        if age > 60 && roll < 88 || age <= 60 && roll < 45 {
            let paid_on = (date + Duration::days(rng.below(45) as i64)).min(today);
            documents::pay(
                tx,
                id,
                doc.totals.total,
                &iso(paid_on),
                Some("transferencia".into()),
                None,
                &at,
            )?;
        } else if roll < 94 {
            documents::pay(
                tx,
                id,
                doc.totals.total / 2,
                &iso(date),
                Some("transferencia".into()),
                None,
                &at,
            )?;
        } else if roll < 96 {
            let cn = documents::credit_full(
                tx,
                id,
                Some("Pedido anulado por el cliente".into()),
                &today_s,
                &at,
            )?;
            let cn_doc = documents::get(tx, cn, &today_s)?;
            if cn_doc.issue_date.is_none() {
                // Credit notes are dated with their invoice so both series stay in date order.
                documents::update_draft(
                    tx,
                    cn,
                    DraftInput {
                        kind: DocKind::CreditNote,
                        series: None,
                        company_id: cn_doc.company_id,
                        contact_id: None,
                        issue_date: Some(iso(date)),
                        due_date: None,
                        currency: "EUR".into(),
                        language: "es".into(),
                        withholding: cn_doc.withholding,
                        notes: None,
                        corrects: Some(id),
                        correction_reason: cn_doc.correction_reason.clone(),
                        lines: cn_doc.lines.into_iter().map(|l| l.input).collect(),
                    },
                    &today_s,
                    &at,
                )?;
            }
            documents::issue(tx, cn, &today_s, &at)?;
            created(tx, "invoice", cn)?;
            others += 1;
        }
        Ok(())
    })?;
    // Open quotes and a monthly template.
    let quotes_n = 5 * u64::from(scale.max(1)).min(200);
    batched(conn, "quotes", quotes_n, BATCH, progress, |tx, n| {
        let date = today - Duration::days((n % 40) as i64);
        let id = quotes::create(
            tx,
            QuoteInput {
                company_id: Some(customers[rng.below(customers.len() as u64) as usize]),
                contact_id: None,
                issue_date: Some(iso(date)),
                valid_until: Some(iso(date + Duration::days(30))),
                currency: "EUR".into(),
                language: "es".into(),
                withholding: None,
                notes: None,
                lines: lines(&mut rng),
            },
            &today_s,
            &at,
        )?;
        created(tx, "quote", id)?;
        others += 1;
        Ok(())
    })?;
    let start = today.replace_day(1).unwrap_or(today) + Duration::days(31);
    let id = recurring::create(
        conn,
        RecurringInput {
            name: "Mantenimiento web".into(),
            frequency: Frequency::Monthly,
            start_date: iso(start.replace_day(1).unwrap_or(start)),
            end_date: None,
            series: None,
            company_id: customers.first().copied(),
            contact_id: None,
            currency: "EUR".into(),
            language: "es".into(),
            withholding: None,
            notes: None,
            lines: vec![LineInput {
                product_id: None,
                description: "Mantenimiento web mensual".into(),
                quantity: Dec::int(1),
                unit: Some("mes".into()),
                unit_price: dec("90.00"),
                discount: Discount::None,
                tax: TaxRate::standard(Dec::int(21)),
            }],
        },
        &at,
    )?;
    created(conn, "recurring", id)?;
    Ok((issued, others + 1))
}
