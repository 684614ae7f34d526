//! The invoicing commands of `sigilo`: `profile`, `product` and `invoice` (drafts from JSON files, issue,
//! show, list, pay, credit, series, verify-chain). Each parses, calls one `Session` method and prints.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use sigilo_api::{
    ApiError, BusinessProfile, ChainReportDto, ErrorCode, Frequency, Invoice, InvoiceInput,
    InvoiceKind, InvoiceRow, InvoiceStatus, OverdueRow, Page, PaymentInput, Product, ProductInput,
    QuoteInput, QuoteRow, QuoteStatus, RecurringInput, ReminderInput, Session, TaxCategoryDto,
    TaxDto,
};

use crate::files::{read_json, write_file};
use crate::output::{more, print_json};

/// The business profile printed on invoices.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum ProfileCmd {
    /// Set profile fields (only the ones given change).
    Set(ProfileFields),
    /// Show the profile and what issuing still needs.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Store the logo printed on invoices (PNG or JPEG, at most 1 MiB), or remove it.
    Logo {
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
}

#[derive(Debug, ClapArgs)]
pub struct ProfileFields {
    #[arg(long)]
    legal_name: Option<String>,
    #[arg(long)]
    tax_country: Option<String>,
    #[arg(long)]
    tax_id: Option<String>,
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    currency: Option<String>,
    #[arg(long)]
    iban: Option<String>,
    #[arg(long)]
    footer: Option<String>,
}

/// The products and services catalogue.
#[derive(Debug, Subcommand)]
pub enum ProductCmd {
    /// Add a product; prints its id.
    Add(ProductFields),
    /// List products in name order.
    List {
        /// Include archived products.
        #[arg(long)]
        archived: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Hide a product from pickers (`--restore` shows it again).
    Archive {
        id: String,
        #[arg(long)]
        restore: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CategoryArg {
    Standard,
    Zero,
    Exempt,
    ReverseCharge,
    IntraCommunity,
    Export,
}

impl From<CategoryArg> for TaxCategoryDto {
    fn from(c: CategoryArg) -> Self {
        match c {
            CategoryArg::Standard => TaxCategoryDto::Standard,
            CategoryArg::Zero => TaxCategoryDto::Zero,
            CategoryArg::Exempt => TaxCategoryDto::Exempt,
            CategoryArg::ReverseCharge => TaxCategoryDto::ReverseCharge,
            CategoryArg::IntraCommunity => TaxCategoryDto::IntraCommunity,
            CategoryArg::Export => TaxCategoryDto::Export,
        }
    }
}

#[derive(Debug, ClapArgs)]
pub struct ProductFields {
    #[arg(long)]
    name: String,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    unit: Option<String>,
    /// Unit price, a decimal such as 48.00.
    #[arg(long)]
    price: String,
    #[arg(long, default_value = "EUR")]
    currency: String,
    /// VAT percent (with the standard category).
    #[arg(long, default_value = "21")]
    tax: String,
    #[arg(long, value_enum, default_value = "standard")]
    category: CategoryArg,
    /// Recargo de equivalencia percent.
    #[arg(long)]
    surcharge: Option<String>,
    /// The legal reason printed on exempt lines.
    #[arg(long)]
    exemption_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Draft,
    Issued,
    PartiallyPaid,
    Paid,
    Overdue,
    Voided,
}

impl From<StatusArg> for InvoiceStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Draft => InvoiceStatus::Draft,
            StatusArg::Issued => InvoiceStatus::Issued,
            StatusArg::PartiallyPaid => InvoiceStatus::PartiallyPaid,
            StatusArg::Paid => InvoiceStatus::Paid,
            StatusArg::Overdue => InvoiceStatus::Overdue,
            StatusArg::Voided => InvoiceStatus::Voided,
        }
    }
}

/// Invoices and credit notes.
#[derive(Debug, Subcommand)]
pub enum InvoiceCmd {
    /// Save a draft from a JSON file (the `InvoiceInput` shape, see docs/invoicing.md); prints its id.
    Create {
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
    },
    /// Replace a draft's content from a JSON file (issued invoices are refused).
    Edit {
        id: String,
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
    },
    /// Delete a draft (issued invoices are refused: credit them instead).
    Delete { id: String },
    /// Issue a draft: assigns the next number of its series; prints the number.
    Issue { id: String },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List invoices and credit notes, newest first.
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a payment (a negative amount reverses one); prints the payment id.
    Pay {
        id: String,
        #[arg(long)]
        amount: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        method: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Draft a credit note for an issued invoice: all of it, or the lines in FILE.json; prints its id.
    Credit {
        id: String,
        #[arg(long, value_name = "FILE.json")]
        from: Option<PathBuf>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write the invoice (or a draft's preview) as a PDF file.
    Pdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Re-compute the hash chain: exit 0 when intact, 4 when a record does not match (it is named).
    VerifyChain {
        #[arg(long)]
        series: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Numbering series.
    #[command(subcommand)]
    Series(SeriesCmd),
    /// Recurring invoices: templates that make a draft every period.
    #[command(subcommand)]
    Recurring(RecurringCmd),
    /// The dunning list: overdue invoices with a balance, oldest due first, with days overdue and reminders.
    Dunning {
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Receivables and overdue per currency, and net revenue for the last twelve months.
    Overview {
        #[arg(long)]
        json: bool,
    },
    /// Log a reminder sent for an issued invoice; prints its id.
    Remind {
        id: String,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FrequencyArg {
    Monthly,
    Quarterly,
    Yearly,
}

#[derive(Debug, Subcommand)]
pub enum RecurringCmd {
    /// Add a template from a JSON file (the invoice's line shape; see docs/invoicing.md); prints its id.
    Add {
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "monthly")]
        every: FrequencyArg,
        /// The first period's date, YYYY-MM-DD.
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: Option<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    Pause {
        id: String,
    },
    Resume {
        id: String,
    },
    Delete {
        id: String,
    },
    /// Make the drafts of every period that has come (the desktop does it on unlock); prints them.
    Run {
        #[arg(long)]
        json: bool,
    },
}

/// Quotes (presupuestos).
#[derive(Debug, Subcommand)]
pub enum QuoteCmd {
    /// Save a quote from a JSON file (`QuoteInput`, see docs/invoicing.md); prints its id.
    Create {
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
    },
    Edit {
        id: String,
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
    },
    Delete {
        id: String,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long, value_enum)]
        status: Option<QuoteStatusArg>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark a quote sent.
    Send {
        id: String,
    },
    Accept {
        id: String,
    },
    Reject {
        id: String,
    },
    /// Turn a quote into a draft invoice in one step; prints the invoice's id.
    Convert {
        id: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QuoteStatusArg {
    Draft,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl From<QuoteStatusArg> for QuoteStatus {
    fn from(s: QuoteStatusArg) -> Self {
        match s {
            QuoteStatusArg::Draft => QuoteStatus::Draft,
            QuoteStatusArg::Sent => QuoteStatus::Sent,
            QuoteStatusArg::Accepted => QuoteStatus::Accepted,
            QuoteStatusArg::Rejected => QuoteStatus::Rejected,
            QuoteStatusArg::Expired => QuoteStatus::Expired,
        }
    }
}

pub fn quote(session: &mut Session, cmd: QuoteCmd) -> Result<(), ApiError> {
    match cmd {
        QuoteCmd::Create { from } => {
            println!(
                "{}",
                session.quote_create(read_json::<QuoteInput>(&from, "a quote")?)?
            )
        }
        QuoteCmd::Edit { id, from } => {
            session.quote_update(&id, read_json::<QuoteInput>(&from, "a quote")?)?
        }
        QuoteCmd::Delete { id } => session.quote_delete(&id)?,
        QuoteCmd::Show { id, json } => {
            let q = session.quote_get(&id)?;
            if json {
                print_json(&q);
            } else {
                println!("Quote {} ({}) — {:?}", q.number, q.id, q.status);
                println!(
                    "dated {}  valid until {}",
                    q.issue_date,
                    q.valid_until.as_deref().unwrap_or("—")
                );
                for l in &q.lines {
                    println!(
                        "  {:<40} {:>8} × {:>10} {:>12}",
                        l.description, l.quantity, l.unit_price, l.net.amount
                    );
                }
                println!("total {} {}", q.totals.total.amount, q.currency);
                if let Some(inv) = &q.invoice_id {
                    println!("invoice draft {inv}");
                }
            }
        }
        QuoteCmd::List {
            status,
            limit,
            cursor,
            json,
        } => {
            let page = session.quote_list(status.map(Into::into), limit, cursor.as_deref())?;
            if json {
                print_json(&page);
            } else {
                print_quotes(&page);
            }
        }
        QuoteCmd::Send { id } => session.quote_set_status(&id, QuoteStatus::Sent)?,
        QuoteCmd::Accept { id } => session.quote_set_status(&id, QuoteStatus::Accepted)?,
        QuoteCmd::Reject { id } => session.quote_set_status(&id, QuoteStatus::Rejected)?,
        QuoteCmd::Convert { id } => println!("{}", session.quote_convert(&id)?),
    }
    Ok(())
}

fn print_quotes(page: &Page<QuoteRow>) {
    for q in &page.items {
        println!(
            "{:>6}  {:<12} {:<10} {:<9} {:<30} {:>12} {}",
            q.id,
            q.number,
            q.issue_date,
            format!("{:?}", q.status).to_lowercase(),
            q.customer.as_deref().unwrap_or("—"),
            q.total.amount,
            q.total.currency
        );
    }
    more(page.next_cursor.as_ref());
}

fn recurring(session: &mut Session, cmd: RecurringCmd) -> Result<(), ApiError> {
    match cmd {
        RecurringCmd::Add {
            from,
            name,
            every,
            start,
            end,
        } => {
            let inv: InvoiceInput = read_json(&from, "an invoice")?;
            let input = RecurringInput {
                name,
                frequency: match every {
                    FrequencyArg::Monthly => Frequency::Monthly,
                    FrequencyArg::Quarterly => Frequency::Quarterly,
                    FrequencyArg::Yearly => Frequency::Yearly,
                },
                start_date: start,
                end_date: end,
                series: inv.series,
                company_id: inv.company_id,
                contact_id: inv.contact_id,
                currency: inv.currency,
                language: inv.language,
                withholding_percent: inv.withholding_percent,
                notes: inv.notes,
                lines: inv.lines,
            };
            println!("{}", session.recurring_create(input)?);
        }
        RecurringCmd::List { json } => {
            let list = session.recurring_list()?;
            if json {
                print_json(&list);
            } else {
                for r in &list {
                    println!(
                        "{:>6}  {:<40} next {}{}",
                        r.id,
                        r.name,
                        r.next_date,
                        if r.active { "" } else { "  (paused)" }
                    );
                }
            }
        }
        RecurringCmd::Show { id, json } => {
            let r = session.recurring_get(&id)?;
            if json {
                print_json(&r);
            } else {
                println!(
                    "{} ({}) — {:?}, next {}",
                    r.name, r.id, r.frequency, r.next_date
                );
                println!(
                    "total {} {} per period; {} drafts made",
                    r.totals.total.amount,
                    r.currency,
                    r.runs.len()
                );
            }
        }
        RecurringCmd::Pause { id } => session.recurring_set_active(&id, false)?,
        RecurringCmd::Resume { id } => session.recurring_set_active(&id, true)?,
        RecurringCmd::Delete { id } => session.recurring_delete(&id)?,
        RecurringCmd::Run { json } => {
            let made = session.recurring_run_due()?;
            if json {
                print_json(&made);
            } else {
                for m in &made {
                    println!(
                        "draft {} for {} (template {})",
                        m.invoice_id, m.period, m.template_id
                    );
                }
                if made.is_empty() {
                    eprintln!("no period has come");
                }
            }
        }
    }
    Ok(())
}

fn print_overdue(page: &Page<OverdueRow>) {
    for o in &page.items {
        println!(
            "{:>6}  {:<14} {:<30} due {}  {:>4} days  {:>12} {}  reminders {}",
            o.id,
            o.number,
            o.customer.as_deref().unwrap_or("—"),
            o.due_date,
            o.days_overdue,
            o.balance.amount,
            o.balance.currency,
            o.reminders
        );
    }
    more(page.next_cursor.as_ref());
}

#[derive(Debug, Subcommand)]
pub enum SeriesCmd {
    /// Add a series, e.g. `F2027-`, starting at a number (to continue another tool's numbering).
    Add {
        code: String,
        #[arg(long, default_value_t = 1)]
        start: i64,
        #[arg(long, default_value_t = 4)]
        digits: u8,
        /// A series for credit notes.
        #[arg(long)]
        credit_notes: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

fn merge(base: Option<String>, new: Option<String>) -> Option<String> {
    new.or(base)
}

pub fn profile(session: &mut Session, cmd: ProfileCmd) -> Result<(), ApiError> {
    match cmd {
        ProfileCmd::Set(f) => {
            let p = session.profile_get()?;
            session.profile_set(BusinessProfile {
                legal_name: merge(p.legal_name, f.legal_name),
                tax_country: merge(p.tax_country, f.tax_country),
                tax_id: merge(p.tax_id, f.tax_id),
                street: merge(p.street, f.street),
                postal_code: merge(p.postal_code, f.postal_code),
                city: merge(p.city, f.city),
                region: merge(p.region, f.region),
                country: merge(p.country, f.country),
                email: merge(p.email, f.email),
                phone: merge(p.phone, f.phone),
                currency: merge(p.currency, f.currency),
                iban: merge(p.iban, f.iban),
                footer: merge(p.footer, f.footer),
                ..BusinessProfile::default()
            })?;
            let missing = session.profile_get()?.missing_for_issue;
            if !missing.is_empty() {
                eprintln!("Saved. Issuing still needs: {}", missing.join(", "));
            }
        }
        ProfileCmd::Show { json } => {
            let p = session.profile_get()?;
            if json {
                print_json(&p);
            } else {
                let show = |k: &str, v: &Option<String>| {
                    println!("{k:<12} {}", v.as_deref().unwrap_or("—"))
                };
                show("legal name", &p.legal_name);
                show("tax id", &p.tax_id);
                show("street", &p.street);
                show("postal code", &p.postal_code);
                show("city", &p.city);
                show("country", &p.country);
                show("currency", &p.currency);
                show("iban", &p.iban);
                println!("{:<12} {}", "logo", if p.has_logo { "yes" } else { "no" });
                if !p.missing_for_issue.is_empty() {
                    println!("issuing needs: {}", p.missing_for_issue.join(", "));
                }
            }
        }
        ProfileCmd::Logo { file, remove } => {
            let bytes = match (file, remove) {
                (Some(f), false) => Some(
                    std::fs::read(&f)
                        .map_err(|e| ApiError::invalid(format!("{}: {e}", f.display())))?,
                ),
                _ => None,
            };
            session.profile_set_logo(bytes)?;
        }
    }
    Ok(())
}

pub fn product(session: &mut Session, cmd: ProductCmd) -> Result<(), ApiError> {
    match cmd {
        ProductCmd::Add(f) => {
            let input = ProductInput {
                name: f.name,
                description: f.description,
                unit: f.unit,
                unit_price: f.price,
                currency: f.currency,
                tax: TaxDto {
                    category: f.category.into(),
                    percent: if matches!(f.category, CategoryArg::Standard) {
                        f.tax
                    } else {
                        "0".into()
                    },
                    surcharge: f.surcharge,
                    exemption_reason: f.exemption_reason,
                },
            };
            println!("{}", session.product_add(input)?);
        }
        ProductCmd::List {
            archived,
            limit,
            cursor,
            json,
        } => {
            let page = session.product_list(archived, limit, cursor.as_deref())?;
            if json {
                print_json(&page);
            } else {
                for p in &page.items {
                    println!(
                        "{:>6}  {:<40} {:>12} {}  {}%",
                        p.id, p.name, p.unit_price, p.currency, p.tax.percent
                    );
                }
                more(page.next_cursor.as_ref());
            }
        }
        ProductCmd::Show { id, json } => {
            let p = session.product_get(&id)?;
            if json {
                print_json(&p);
            } else {
                print_product(&p);
            }
        }
        ProductCmd::Archive { id, restore } => session.product_archive(&id, !restore)?,
    }
    Ok(())
}

fn print_product(p: &Product) {
    println!("{} ({})", p.name, p.id);
    println!(
        "price {} {} per {}",
        p.unit_price,
        p.currency,
        p.unit.as_deref().unwrap_or("unit")
    );
    println!("tax   {:?} {}%", p.tax.category, p.tax.percent);
}

pub fn invoice(session: &mut Session, cmd: InvoiceCmd) -> Result<(), ApiError> {
    match cmd {
        InvoiceCmd::Create { from } => println!(
            "{}",
            session.invoice_create(read_json(&from, "an invoice")?)?
        ),
        InvoiceCmd::Edit { id, from } => {
            session.invoice_update(&id, read_json(&from, "an invoice")?)?
        }
        InvoiceCmd::Delete { id } => session.invoice_delete(&id)?,
        InvoiceCmd::Issue { id } => println!("{}", session.invoice_issue(&id)?),
        InvoiceCmd::Show { id, json } => {
            let inv = session.invoice_get(&id)?;
            if json {
                print_json(&inv);
            } else {
                print_invoice(&inv);
            }
        }
        InvoiceCmd::List {
            status,
            limit,
            cursor,
            json,
        } => {
            let page = session.invoice_list(status.map(Into::into), limit, cursor.as_deref())?;
            if json {
                print_json(&page);
            } else {
                print_rows(&page);
            }
        }
        InvoiceCmd::Pay {
            id,
            amount,
            date,
            method,
            note,
        } => {
            println!(
                "{}",
                session.invoice_pay(
                    &id,
                    PaymentInput {
                        amount,
                        date,
                        method,
                        note
                    }
                )?
            );
        }
        InvoiceCmd::Credit { id, from, reason } => {
            let input = from
                .as_deref()
                .map(|f| read_json(f, "an invoice"))
                .transpose()?;
            println!("{}", session.invoice_credit(&id, input, reason)?);
        }
        InvoiceCmd::Pdf { id, output } => {
            let bytes = session.invoice_pdf(&id)?;
            write_file(&output, &bytes)?;
            println!("{}", output.display());
        }
        InvoiceCmd::VerifyChain { series, json } => {
            let report = session.invoice_verify_chain(series.as_deref())?;
            print_chain(&report, json);
            if let Some(b) = report.first_broken {
                return Err(ApiError::new(
                    ErrorCode::Damaged,
                    format!(
                        "the invoice chain is broken at {} (record {}): {}",
                        b.number, b.seq, b.reason
                    ),
                ));
            }
        }
        InvoiceCmd::Recurring(cmd) => recurring(session, cmd)?,
        InvoiceCmd::Dunning {
            limit,
            cursor,
            json,
        } => {
            let page = session.dunning_list(limit, cursor.as_deref())?;
            if json {
                print_json(&page);
            } else {
                print_overdue(&page);
            }
        }
        InvoiceCmd::Overview { json } => {
            let o = session.money_overview()?;
            if json {
                print_json(&o);
            } else {
                for r in &o.receivables {
                    println!(
                        "owed {} {} ({} invoices), overdue {} {} ({})",
                        r.owed.amount,
                        r.currency,
                        r.owed_count,
                        r.overdue.amount,
                        r.currency,
                        r.overdue_count
                    );
                }
                for m in &o.revenue {
                    println!(
                        "{}  {:>14} {}  ({} invoices)",
                        m.month, m.net.amount, m.net.currency, m.invoices
                    );
                }
            }
        }
        InvoiceCmd::Remind {
            id,
            date,
            channel,
            note,
        } => {
            let date = match date {
                Some(d) => d,
                None => session.today()?,
            };
            println!(
                "{}",
                session.reminder_log(
                    &id,
                    ReminderInput {
                        date,
                        channel,
                        note
                    }
                )?
            );
        }
        InvoiceCmd::Series(SeriesCmd::Add {
            code,
            start,
            digits,
            credit_notes,
        }) => {
            let kind = if credit_notes {
                InvoiceKind::CreditNote
            } else {
                InvoiceKind::Invoice
            };
            session.series_add(&code, kind, start, digits)?;
        }
        InvoiceCmd::Series(SeriesCmd::List { json }) => {
            let list = session.series_list()?;
            if json {
                print_json(&list);
            } else {
                for s in &list {
                    let kind = if s.kind == InvoiceKind::CreditNote {
                        "credit notes"
                    } else {
                        "invoices"
                    };
                    println!(
                        "{:<12} {kind:<13} next {:>6}  last {}",
                        s.code,
                        s.next_number,
                        s.last_date.as_deref().unwrap_or("—")
                    );
                }
            }
        }
    }
    Ok(())
}

fn status_word(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::Draft => "draft",
        InvoiceStatus::Issued => "issued",
        InvoiceStatus::PartiallyPaid => "partially paid",
        InvoiceStatus::Paid => "paid",
        InvoiceStatus::Overdue => "overdue",
        InvoiceStatus::Voided => "voided",
    }
}

fn print_rows(page: &Page<InvoiceRow>) {
    for r in &page.items {
        println!(
            "{:>6}  {:<14} {:<10} {:<15} {:<30} {:>12} {}  due {}",
            r.id,
            r.number.as_deref().unwrap_or("(draft)"),
            r.issue_date.as_deref().unwrap_or("—"),
            status_word(r.status),
            r.buyer.as_deref().unwrap_or("—"),
            r.total.amount,
            r.total.currency,
            r.balance.amount
        );
    }
    more(page.next_cursor.as_ref());
}

fn print_invoice(i: &Invoice) {
    let title = if i.kind == InvoiceKind::CreditNote {
        "Credit note"
    } else {
        "Invoice"
    };
    println!(
        "{title} {} ({}) — {}",
        i.number.as_deref().unwrap_or("draft"),
        i.id,
        status_word(i.status)
    );
    if let Some(n) = &i.corrects_number {
        println!(
            "corrects {n}: {}",
            i.correction_reason.as_deref().unwrap_or("")
        );
    }
    println!(
        "issued {}  due {}",
        i.issue_date.as_deref().unwrap_or("—"),
        i.due_date.as_deref().unwrap_or("—")
    );
    for f in &i.buyer {
        println!(
            "buyer {:<10} {}",
            f.field,
            f.value.as_deref().unwrap_or("(erased)")
        );
    }
    for l in &i.lines {
        println!(
            "  {:<40} {:>8} × {:>10} {:>12}  {}%",
            l.description, l.quantity, l.unit_price, l.net.amount, l.tax.percent
        );
    }
    for t in &i.taxes {
        println!(
            "  {:<30} base {:>12}  tax {:>10}",
            t.label, t.base.amount, t.tax_amount.amount
        );
        if let Some(m) = &t.mention {
            println!("    {m}");
        }
    }
    let c = &i.currency;
    println!(
        "net {} {c}  tax {} {c}  withholding {} {c}",
        i.totals.net.amount, i.totals.tax.amount, i.totals.withholding.amount
    );
    println!(
        "total {} {c}  paid {} {c}  balance {} {c}",
        i.totals.total.amount, i.paid.amount, i.balance.amount
    );
    if let Some(h) = &i.hash {
        println!("hash {h}");
    }
}

fn print_chain(r: &ChainReportDto, json: bool) {
    if json {
        print_json(r);
        return;
    }
    match &r.first_broken {
        None => println!("intact: {} records verified", r.checked),
        Some(b) => println!("BROKEN at {} (record {}): {}", b.number, b.seq, b.reason),
    }
}
