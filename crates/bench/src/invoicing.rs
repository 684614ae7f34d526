//! Invoicing on both sides (#5's goals): issuing an invoice (number + snapshot + hash + commit, as the user waits
//! for it), rendering its PDF, the dashboard's money figures (receivables, revenue by month and the first page of
//! the dunning list) at the demo's invoice count (50k at scale 500), a
//! page of the invoice list, and re-verifying the whole hash chain.

use std::collections::BTreeMap;
use std::time::Instant;

use sigilo_api::{InvoiceInput, InvoiceLineInput, Session, TaxDto};

use crate::stats::Samples;
use crate::{BenchError, Progress, ms};

fn draft(company: &str) -> InvoiceInput {
    InvoiceInput {
        company_id: Some(company.to_owned()),
        currency: "EUR".into(),
        withholding_percent: Some("15".into()),
        lines: (0..10)
            .map(|i| InvoiceLineInput {
                description: format!("Servicio {i}"),
                quantity: format!("{}.5", i + 1),
                unit: Some("h".into()),
                unit_price: "48.35".into(),
                tax: TaxDto {
                    percent: if i % 3 == 0 { "10".into() } else { "21".into() },
                    ..TaxDto::default()
                },
                ..InvoiceLineInput::default()
            })
            .collect(),
        ..InvoiceInput::default()
    }
}

pub fn measure(
    session: &mut Session,
    label: &str,
    samples: u32,
    values: &mut BTreeMap<&'static str, f64>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), BenchError> {
    progress(Progress {
        stage: format!("{label}: invoicing"),
        done: 0,
        total: 1,
    });
    // A customer with a tax id from the demo's issued invoices.
    let Some(first) = session
        .invoice_list(None, 1, None)?
        .items
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let Some(company) = session.invoice_get(&first.id)?.company_id else {
        return Ok(());
    };
    let mut issue = Samples::default();
    let mut pdf = Samples::default();
    let mut issued = Vec::new();
    for _ in 0..samples {
        let id = session.invoice_create(draft(&company))?;
        let t = Instant::now();
        session.invoice_issue(&id)?;
        issue.push(ms(t.elapsed()));
        issued.push(id);
    }
    for id in &issued {
        let t = Instant::now();
        let bytes = session.invoice_pdf(id)?;
        pdf.push(ms(t.elapsed()));
        std::hint::black_box(bytes);
    }
    let mut money = Samples::default();
    let mut list = Samples::default();
    for _ in 0..samples {
        let t = Instant::now();
        session.money_overview()?;
        session.dunning_list(10, None)?;
        money.push(ms(t.elapsed()));
        let t = Instant::now();
        session.invoice_list(None, 50, None)?;
        list.push(ms(t.elapsed()));
    }
    let t = Instant::now();
    let chain = session.invoice_verify_chain(None)?;
    let verify_s = t.elapsed().as_secs_f64();
    values.insert("invoice_issue_p95", issue.percentile(95.0));
    values.insert("invoice_pdf_p95", pdf.percentile(95.0));
    values.insert("money_dashboard_p95", money.percentile(95.0));
    values.insert("invoice_list_page_p95", list.percentile(95.0));
    values.insert("invoices", chain.checked as f64);
    values.insert("verify_chain_s", verify_s);
    Ok(())
}
