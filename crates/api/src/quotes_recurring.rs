//! Quotes, recurring invoices and the dunning list through `Session`: each write one IMMEDIATE transaction with
//! its audit event (see `Session::write_invoicing`), reads on the vault's connection for the local date.

use sigilo_crm::money::Currency;
use sigilo_invoicing::documents::LineInput;
use sigilo_invoicing::quotes::{self, QuoteStatus as DomainStatus};
use sigilo_invoicing::recurring::{self, Frequency as DomainFrequency};
use sigilo_invoicing::{overview, reminders};

use crate::audit::Action;
use crate::dto::Page;
use crate::dto_invoicing::*;
use crate::error::ApiError;
use crate::invoicing::{line_in, lines_out, money, opt_dec, opt_id, taxes_out, totals_out};
use crate::session::{Session, parse_id};

fn lines_in(lines: &[InvoiceLineInput]) -> Result<Vec<LineInput>, ApiError> {
    lines.iter().map(line_in).collect()
}

fn quote_in(q: &QuoteInput) -> Result<quotes::QuoteInput, ApiError> {
    Ok(quotes::QuoteInput {
        company_id: opt_id(q.company_id.as_deref(), "company")?,
        contact_id: opt_id(q.contact_id.as_deref(), "contact")?,
        issue_date: q.issue_date.clone(),
        valid_until: q.valid_until.clone(),
        currency: q.currency.clone(),
        language: q.language.clone().unwrap_or_default(),
        withholding: opt_dec(q.withholding_percent.as_deref(), "withholding")?,
        notes: q.notes.clone(),
        lines: lines_in(&q.lines)?,
    })
}

fn status_out(s: DomainStatus) -> QuoteStatus {
    match s {
        DomainStatus::Draft => QuoteStatus::Draft,
        DomainStatus::Sent => QuoteStatus::Sent,
        DomainStatus::Accepted => QuoteStatus::Accepted,
        DomainStatus::Rejected => QuoteStatus::Rejected,
        DomainStatus::Expired => QuoteStatus::Expired,
    }
}

fn status_in(s: QuoteStatus) -> DomainStatus {
    match s {
        QuoteStatus::Draft => DomainStatus::Draft,
        QuoteStatus::Sent => DomainStatus::Sent,
        QuoteStatus::Accepted => DomainStatus::Accepted,
        QuoteStatus::Rejected => DomainStatus::Rejected,
        QuoteStatus::Expired => DomainStatus::Expired,
    }
}

fn frequency_in(f: Frequency) -> DomainFrequency {
    match f {
        Frequency::Monthly => DomainFrequency::Monthly,
        Frequency::Quarterly => DomainFrequency::Quarterly,
        Frequency::Yearly => DomainFrequency::Yearly,
    }
}

fn frequency_out(f: DomainFrequency) -> Frequency {
    match f {
        DomainFrequency::Monthly => Frequency::Monthly,
        DomainFrequency::Quarterly => Frequency::Quarterly,
        DomainFrequency::Yearly => Frequency::Yearly,
    }
}

fn ids(v: Option<i64>) -> Option<String> {
    v.map(|i| i.to_string())
}

impl Session {
    // ----- quotes -----

    pub fn quote_create(&mut self, input: QuoteInput) -> Result<String, ApiError> {
        let q = quote_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "quote", |tx, today| {
            let id = quotes::create(tx, q, today, &at)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn quote_update(&mut self, id: &str, input: QuoteInput) -> Result<(), ApiError> {
        let id = parse_id(id, "quote")?;
        let q = quote_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "quote", |tx, today| {
            quotes::update(tx, id, q, today, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn quote_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "quote")?;
        self.write_invoicing(Action::Delete, "quote", |tx, _| {
            quotes::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Marks a quote sent, accepted or rejected.
    pub fn quote_set_status(&mut self, id: &str, to: QuoteStatus) -> Result<(), ApiError> {
        let id = parse_id(id, "quote")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "quote", |tx, _| {
            quotes::set_status(tx, id, status_in(to), &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Converts a quote into a draft invoice in one step; resolves to the invoice's id.
    pub fn quote_convert(&mut self, id: &str) -> Result<String, ApiError> {
        let id = parse_id(id, "quote")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "invoice", |tx, today| {
            let inv = quotes::convert(tx, id, today, &at)?.to_string();
            Ok((inv.clone(), Some(inv)))
        })
    }

    pub fn quote_get(&self, id: &str) -> Result<Quote, ApiError> {
        let q = quotes::get(self.vault().conn(), parse_id(id, "quote")?, &self.today()?)?;
        let c = q.currency;
        Ok(Quote {
            id: q.id.to_string(),
            number: q.number,
            status: status_out(q.status),
            company_id: ids(q.company_id),
            contact_id: ids(q.contact_id),
            issue_date: q.issue_date,
            valid_until: q.valid_until,
            currency: c.code().to_owned(),
            taxes: taxes_out(&q.totals, &q.language),
            totals: totals_out(&q.totals, c),
            language: q.language,
            withholding_percent: q.withholding.map(|w| w.to_string()),
            notes: q.notes,
            lines: lines_out(q.lines, c),
            invoice_id: ids(q.invoice_id),
        })
    }

    pub fn quote_list(
        &self,
        status: Option<QuoteStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<QuoteRow>, ApiError> {
        let page = quotes::list(
            self.vault().conn(),
            status.map(status_in),
            &self.today()?,
            limit,
            cursor,
        )?;
        let mut items = Vec::with_capacity(page.items.len());
        for q in page.items {
            let c = Currency::parse(&q.currency, "currency")?;
            items.push(QuoteRow {
                id: q.id.to_string(),
                number: q.number,
                status: status_out(q.status),
                issue_date: q.issue_date,
                valid_until: q.valid_until,
                customer: q.customer,
                total: money(q.total, c),
                invoice_id: ids(q.invoice_id),
            });
        }
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }

    // ----- recurring invoices -----

    pub fn recurring_create(&mut self, input: RecurringInput) -> Result<String, ApiError> {
        let r = recurring::RecurringInput {
            name: input.name.clone(),
            frequency: frequency_in(input.frequency),
            start_date: input.start_date.clone(),
            end_date: input.end_date.clone(),
            series: input.series.clone(),
            company_id: opt_id(input.company_id.as_deref(), "company")?,
            contact_id: opt_id(input.contact_id.as_deref(), "contact")?,
            currency: input.currency.clone(),
            language: input.language.clone().unwrap_or_default(),
            withholding: opt_dec(input.withholding_percent.as_deref(), "withholding")?,
            notes: input.notes.clone(),
            lines: lines_in(&input.lines)?,
        };
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "recurring", |tx, _| {
            let id = recurring::create(tx, r, &at)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn recurring_set_active(&mut self, id: &str, active: bool) -> Result<(), ApiError> {
        let id = parse_id(id, "recurring invoice")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "recurring", |tx, _| {
            recurring::set_active(tx, id, active, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn recurring_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "recurring invoice")?;
        self.write_invoicing(Action::Delete, "recurring", |tx, _| {
            recurring::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn recurring_get(&self, id: &str) -> Result<Recurring, ApiError> {
        let r = recurring::get(self.vault().conn(), parse_id(id, "recurring invoice")?)?;
        let c = r.currency;
        let template_id = r.id.to_string();
        Ok(Recurring {
            id: template_id.clone(),
            name: r.name,
            frequency: frequency_out(r.frequency),
            next_date: r.next_date,
            end_date: r.end_date,
            active: r.active,
            series: r.series,
            company_id: ids(r.company_id),
            contact_id: ids(r.contact_id),
            currency: c.code().to_owned(),
            language: r.language,
            withholding_percent: r.withholding.map(|w| w.to_string()),
            notes: r.notes,
            lines: lines_out(r.lines, c),
            totals: totals_out(&r.totals, c),
            runs: r
                .runs
                .into_iter()
                .map(|(period, invoice)| RecurringRun {
                    template_id: template_id.clone(),
                    period,
                    invoice_id: invoice.to_string(),
                })
                .collect(),
        })
    }

    pub fn recurring_list(&self) -> Result<Vec<RecurringRow>, ApiError> {
        Ok(recurring::list(self.vault().conn())?
            .into_iter()
            .map(|(id, name, next_date, active)| RecurringRow {
                id: id.to_string(),
                name,
                next_date,
                active,
            })
            .collect())
    }

    /// Makes the drafts of every period that has come (the desktop calls it after unlocking; the CLI with
    /// `sigilo invoice recurring run`). Running twice makes nothing more.
    pub fn recurring_run_due(&mut self) -> Result<Vec<RecurringRun>, ApiError> {
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "recurring", |tx, today| {
            let made = recurring::run_due(tx, today, &at)?;
            Ok((
                made.into_iter()
                    .map(|(t, period, inv)| RecurringRun {
                        template_id: t.to_string(),
                        period,
                        invoice_id: inv.to_string(),
                    })
                    .collect(),
                None,
            ))
        })
    }

    // ----- dashboard -----

    /// Receivables and overdue per currency today, and net revenue for the twelve months up to this one.
    pub fn money_overview(&self) -> Result<MoneyOverview, ApiError> {
        let conn = self.vault().conn();
        let today = self.today()?;
        let from: String = conn.query_row(
            "SELECT date(?1, 'start of month', '-11 months')",
            [&today],
            |r| r.get(0),
        )?;
        let receivables = overview::receivables(conn, &today)?
            .into_iter()
            .map(|r| {
                let c = Currency::parse(&r.currency, "currency")?;
                Ok(ReceivablesDto {
                    currency: r.currency,
                    owed: money(r.owed, c),
                    owed_count: u32::try_from(r.owed_count).unwrap_or(u32::MAX),
                    overdue: money(r.overdue, c),
                    overdue_count: u32::try_from(r.overdue_count).unwrap_or(u32::MAX),
                })
            })
            .collect::<Result<_, ApiError>>()?;
        let revenue = overview::revenue_by_month(conn, &from, &today)?
            .into_iter()
            .map(|m| {
                let c = Currency::parse(&m.currency, "currency")?;
                Ok(MonthRevenueDto {
                    month: m.month,
                    net: money(m.net, c),
                    invoices: u32::try_from(m.invoices).unwrap_or(u32::MAX),
                })
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(MoneyOverview {
            today,
            receivables,
            revenue,
        })
    }

    // ----- dunning -----

    /// Overdue invoices with a balance, oldest due first.
    pub fn dunning_list(
        &self,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<OverdueRow>, ApiError> {
        let page = reminders::overdue(self.vault().conn(), &self.today()?, limit, cursor)?;
        let mut items = Vec::with_capacity(page.items.len());
        for o in page.items {
            let c = Currency::parse(&o.currency, "currency")?;
            items.push(OverdueRow {
                id: o.id.to_string(),
                number: o.number,
                customer: o.customer,
                due_date: o.due_date,
                days_overdue: o.days_overdue,
                total: money(o.total, c),
                balance: money(o.balance, c),
                reminders: o.reminders,
                last_reminder: o.last_reminder,
            });
        }
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }

    /// Logs a reminder sent for an issued invoice; resolves to its id.
    pub fn reminder_log(&mut self, invoice: &str, r: ReminderInput) -> Result<String, ApiError> {
        let id = parse_id(invoice, "invoice")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "reminder", |tx, _| {
            let rid = reminders::log(tx, id, &r.date, r.channel, r.note, &at)?;
            Ok((rid.to_string(), Some(id.to_string())))
        })
    }

    pub fn reminder_list(&self, invoice: &str) -> Result<Vec<ReminderDto>, ApiError> {
        Ok(
            reminders::of_invoice(self.vault().conn(), parse_id(invoice, "invoice")?)?
                .into_iter()
                .map(|r| ReminderDto {
                    id: r.id.to_string(),
                    date: r.sent_on,
                    channel: r.channel,
                    note: r.note,
                })
                .collect(),
        )
    }
}
