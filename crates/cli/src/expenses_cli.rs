//! The `sigilo expense` commands (supplier bills: add from flags or a JSON file, edit, list, show, pay, delete,
//! the bill's document) and `sigilo report profit|vat`. Each parses, calls one `Session` method and prints.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use sigilo_api::{
    ApiError, DocumentUpload, Expense, ExpenseBaseInput, ExpenseFilter, ExpenseInput, ExpenseRow,
    Page, ProfitBy, ProfitReport, Session, TaxCategoryDto, TaxDto, VatReport, VatRow,
    vat_report_csv,
};

use crate::files::{read_json, write_file};
use crate::output::{more, print_json};

/// Supplier bills (received invoices).
#[derive(Debug, Subcommand)]
pub enum ExpenseCmd {
    /// Record a bill from flags or from a JSON file (the `ExpenseInput` shape); prints its id.
    Add(Box<AddArgs>),
    /// Replace a bill's content from a JSON file (its document stays).
    Edit {
        id: String,
        #[arg(long, value_name = "FILE.json")]
        from: PathBuf,
    },
    /// List bills, newest bill date first.
    List {
        /// Paid bills only.
        #[arg(long, conflicts_with = "unpaid")]
        paid: bool,
        /// Unpaid bills only.
        #[arg(long)]
        unpaid: bool,
        /// First bill date included (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last bill date included (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this supplier company's bills.
        #[arg(long, value_name = "ID")]
        supplier: Option<String>,
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
    /// Mark a bill paid (on --date, default today), or unpaid again with --undo.
    Pay {
        id: String,
        #[arg(long, value_name = "DATE", conflicts_with = "undo")]
        date: Option<String>,
        #[arg(long)]
        undo: bool,
    },
    /// Delete a bill and its document for good (says what was deleted).
    Delete { id: String },
    /// Write the bill's document to a file (-o), keep a new one (--attach), or remove it (--remove).
    #[command(group = clap::ArgGroup::new("what").required(true).args(["output", "attach", "remove"]))]
    Document {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// A PDF, JPEG or PNG, at most 20 MiB.
        #[arg(long, value_name = "FILE")]
        attach: Option<PathBuf>,
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The whole bill as JSON (`ExpenseInput`, see docs/invoicing.md); the other fields are then not given.
    #[arg(long, value_name = "FILE.json", conflicts_with_all = [
        "supplier", "supplier_name", "supplier_tax_id", "supplier_tax_country", "date", "number", "currency",
        "base", "withholding", "category", "paid_on", "notes"])]
    from: Option<PathBuf>,
    /// A company with the supplier role.
    #[arg(long, value_name = "ID", conflicts_with = "supplier_name")]
    supplier: Option<String>,
    /// A supplier typed in.
    #[arg(long, value_name = "NAME")]
    supplier_name: Option<String>,
    #[arg(long, value_name = "TAX_ID", requires = "supplier_name")]
    supplier_tax_id: Option<String>,
    /// Country of the supplier's tax id (default ES).
    #[arg(long, value_name = "CC", requires = "supplier_tax_id")]
    supplier_tax_country: Option<String>,
    /// The bill's date, YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// The supplier's invoice number.
    #[arg(long)]
    number: Option<String>,
    /// Default: the profile's currency, else EUR.
    #[arg(long)]
    currency: Option<String>,
    /// A base and its rate: 100.00@21, 50@10, 80@21+5.2 (recargo), 30@zero|exempt|reverse-charge|
    /// intra-community|export. Repeat for each rate.
    #[arg(long, value_name = "AMOUNT@RATE")]
    base: Vec<String>,
    /// IRPF withheld, percent (15, 7).
    #[arg(long, value_name = "PCT")]
    withholding: Option<String>,
    /// rent, supplies, services, travel…
    #[arg(long)]
    category: Option<String>,
    /// When it was paid, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    paid_on: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// The bill itself (PDF, JPEG or PNG, at most 20 MiB), kept inside the vault.
    #[arg(long, value_name = "FILE")]
    document: Option<PathBuf>,
}

/// Money views.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Revenue, expenses and profit per month or quarter of a year, per currency.
    Profit {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "month")]
        by: ByArg,
        #[arg(long)]
        json: bool,
    },
    /// A quarter's VAT figures (output per rate, credit notes, input per rate, result, withholdings).
    Vat {
        #[arg(long)]
        year: i32,
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        quarter: u8,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Semicolon-separated CSV with a decimal comma (see docs/invoicing.md).
        #[arg(long)]
        csv: bool,
        /// With --csv: a decimal point instead of a comma.
        #[arg(long, requires = "csv")]
        decimal_point: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    Month,
    Quarter,
}

fn read_document(path: &Path) -> Result<DocumentUpload, ApiError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ApiError::invalid(format!("document: {}: {e}", path.display())))?;
    Ok(DocumentUpload {
        bytes,
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
    })
}

/// Parses `AMOUNT@RATE` (see `--base`).
fn parse_base(text: &str) -> Result<ExpenseBaseInput, ApiError> {
    let bad = || {
        ApiError::invalid(format!(
            "base: \"{text}\" is not AMOUNT@RATE, such as 100.00@21, 80@21+5.2 or 30@exempt"
        ))
    };
    let (amount, rate) = text.split_once('@').ok_or_else(bad)?;
    let rate = rate.trim().to_ascii_lowercase();
    let untaxed = |category| TaxDto {
        category,
        percent: "0".into(),
        surcharge: None,
        exemption_reason: None,
    };
    let tax = match rate.as_str() {
        "zero" | "0" => untaxed(TaxCategoryDto::Zero),
        "exempt" => untaxed(TaxCategoryDto::Exempt),
        "reverse-charge" | "reverse_charge" => untaxed(TaxCategoryDto::ReverseCharge),
        "intra-community" | "intra_community" => untaxed(TaxCategoryDto::IntraCommunity),
        "export" => untaxed(TaxCategoryDto::Export),
        "" => return Err(bad()),
        r => {
            let (pct, sur) = match r.split_once('+') {
                Some((p, s)) => (p.trim(), Some(s.trim().to_owned())),
                None => (r, None),
            };
            TaxDto {
                category: TaxCategoryDto::Standard,
                percent: pct.trim_end_matches('%').trim().to_owned(),
                surcharge: sur.map(|s| s.trim_end_matches('%').trim().to_owned()),
                exemption_reason: None,
            }
        }
    };
    Ok(ExpenseBaseInput {
        base: amount.trim().to_owned(),
        tax,
    })
}

fn missing(field: &str, flag: &str) -> ApiError {
    ApiError::invalid(format!(
        "{field}: required (--{flag}), or give the whole bill with --from FILE.json"
    ))
}

fn input_from_flags(session: &Session, a: AddArgs) -> Result<ExpenseInput, ApiError> {
    if a.supplier.is_none() && a.supplier_name.is_none() {
        return Err(ApiError::invalid(
            "supplier: give --supplier ID (a company with the supplier role) or --supplier-name NAME",
        ));
    }
    let date = a.date.ok_or_else(|| missing("date", "date"))?;
    let number = a.number.ok_or_else(|| missing("number", "number"))?;
    if a.base.is_empty() {
        return Err(missing("bases", "base AMOUNT@RATE"));
    }
    let currency = match a.currency {
        Some(c) => c,
        None => session
            .profile_get()?
            .currency
            .unwrap_or_else(|| "EUR".to_owned()),
    };
    Ok(ExpenseInput {
        supplier_id: a.supplier,
        supplier_name: a.supplier_name,
        supplier_tax_id: a.supplier_tax_id,
        supplier_tax_country: a.supplier_tax_country,
        date,
        number,
        currency,
        bases: a
            .base
            .iter()
            .map(|b| parse_base(b))
            .collect::<Result<_, _>>()?,
        withholding_percent: a.withholding,
        category: a.category,
        paid_on: a.paid_on,
        notes: a.notes,
    })
}

pub fn expense(session: &mut Session, cmd: ExpenseCmd) -> Result<(), ApiError> {
    match cmd {
        ExpenseCmd::Add(a) => {
            let mut a = *a;
            let document = a
                .document
                .take()
                .as_deref()
                .map(read_document)
                .transpose()?;
            let input = match a.from.take() {
                Some(f) => read_json(&f, "an expense")?,
                None => input_from_flags(session, a)?,
            };
            println!("{}", session.expense_add(input, document)?);
        }
        ExpenseCmd::Edit { id, from } => {
            session.expense_update(&id, read_json(&from, "an expense")?)?
        }
        ExpenseCmd::List {
            paid,
            unpaid,
            from,
            to,
            supplier,
            limit,
            cursor,
            json,
        } => {
            let filter = ExpenseFilter {
                paid: match (paid, unpaid) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                from,
                to,
                supplier_id: supplier,
            };
            let page = session.expense_list(&filter, limit, cursor.as_deref())?;
            if json {
                print_json(&page);
            } else {
                print_rows(&page);
            }
        }
        ExpenseCmd::Show { id, json } => {
            let e = session.expense_get(&id)?;
            if json {
                print_json(&e);
            } else {
                print_expense(&e);
            }
        }
        ExpenseCmd::Pay { id, date, undo } => session.expense_pay(&id, !undo, date.as_deref())?,
        ExpenseCmd::Delete { id } => {
            let e = session.expense_delete(&id)?;
            eprintln!(
                "Deleted expense {}: bill {} from {} of {}, total {} {}{}.",
                e.id,
                e.number,
                e.supplier_name,
                e.date,
                e.totals.total.amount,
                e.currency,
                if e.document.is_some() {
                    ", with its document"
                } else {
                    ""
                }
            );
        }
        ExpenseCmd::Document {
            id,
            output,
            attach,
            remove,
        } => {
            if let Some(path) = output {
                let d = session.expense_document(&id)?;
                write_file(&path, &d.bytes)?;
                println!("{}", path.display());
            } else if let Some(path) = attach {
                let d = read_document(&path)?;
                session.expense_attach(&id, &d.bytes, d.file_name)?;
            } else if remove {
                session.expense_detach(&id)?;
            }
        }
    }
    Ok(())
}

pub fn report(session: &Session, cmd: ReportCmd) -> Result<(), ApiError> {
    match cmd {
        ReportCmd::Profit { year, by, json } => {
            let by = match by {
                ByArg::Month => ProfitBy::Month,
                ByArg::Quarter => ProfitBy::Quarter,
            };
            let r = session.profit_report(year, by)?;
            if json {
                print_json(&r);
            } else {
                print_profit(&r);
            }
        }
        ReportCmd::Vat {
            year,
            quarter,
            json,
            csv,
            decimal_point,
        } => {
            let r = session.vat_report(year, quarter)?;
            if json {
                print_json(&r);
            } else if csv {
                print!("{}", vat_report_csv(&r, !decimal_point));
            } else {
                print_vat(&r);
            }
        }
    }
    Ok(())
}

fn print_rows(page: &Page<ExpenseRow>) {
    for r in &page.items {
        println!(
            "{:>6}  {:<10} {:<30} {:<16} {:>12} {}  {:<16} {}",
            r.id,
            r.date,
            r.supplier_name,
            r.number,
            r.total.amount,
            r.total.currency,
            match &r.paid_on {
                Some(d) => format!("paid {d}"),
                None => "unpaid".to_owned(),
            },
            if r.has_document { "[document]" } else { "" }
        );
    }
    more(page.next_cursor.as_ref());
}

fn print_expense(e: &Expense) {
    println!("Bill {} from {} ({})", e.number, e.supplier_name, e.id);
    if let Some(t) = &e.supplier_tax_id {
        println!(
            "supplier tax id {}{t}",
            e.supplier_tax_country.as_deref().unwrap_or("")
        );
    }
    println!(
        "dated {}  {}",
        e.date,
        match &e.paid_on {
            Some(d) => format!("paid {d}"),
            None => "unpaid".to_owned(),
        }
    );
    if let Some(c) = &e.category {
        println!("category {c}");
    }
    for t in &e.taxes {
        println!(
            "  {:<30} base {:>12}  tax {:>10}  recargo {:>10}",
            t.label, t.base.amount, t.tax_amount.amount, t.surcharge_amount.amount
        );
    }
    let c = &e.currency;
    println!(
        "net {} {c}  tax {} {c}  recargo {} {c}  withholding {} {c}  total {} {c}",
        e.totals.net.amount,
        e.totals.tax.amount,
        e.totals.surcharge.amount,
        e.totals.withholding.amount,
        e.totals.total.amount
    );
    if let Some(d) = &e.document {
        println!(
            "document {} ({} bytes{})",
            d.mime,
            d.size,
            d.file_name
                .as_deref()
                .map(|n| format!(", {n}"))
                .unwrap_or_default()
        );
    }
    if let Some(n) = &e.notes {
        println!("notes {n}");
    }
}

fn print_profit(r: &ProfitReport) {
    if r.currencies.is_empty() {
        println!("Nothing issued or billed in {}.", r.year);
    }
    for c in &r.currencies {
        println!("{} {}", r.year, c.currency);
        println!(
            "  {:<10} {:>14} {:>14} {:>14}",
            "period", "revenue", "expenses", "profit"
        );
        for p in c.periods.iter().chain(std::iter::once(&c.total)) {
            println!(
                "  {:<10} {:>14} {:>14} {:>14}",
                p.period, p.revenue.amount, p.expenses.amount, p.profit.amount
            );
        }
    }
}

fn print_vat_rows(title: &str, rows: &[VatRow]) {
    if rows.is_empty() {
        return;
    }
    println!("  {title}");
    for r in rows {
        println!(
            "    {:<28} base {:>12}  VAT {:>10}  recargo {:>10}  ({} documents)",
            r.label, r.base.amount, r.tax_amount.amount, r.surcharge_amount.amount, r.documents
        );
    }
}

fn print_vat(r: &VatReport) {
    println!("VAT {}-Q{} ({} to {})", r.year, r.quarter, r.from, r.to);
    if r.currencies.is_empty() {
        println!("Nothing issued or billed in the quarter.");
    }
    for c in &r.currencies {
        let cur = &c.currency;
        println!("{cur}");
        print_vat_rows("output (invoices)", &c.output);
        print_vat_rows("output (credit notes)", &c.corrections);
        print_vat_rows("input (bills)", &c.input);
        println!(
            "  output VAT {} {cur} + recargo {} {cur} − input VAT {} {cur} = {} {cur}",
            c.output_tax.amount, c.output_surcharge.amount, c.input_tax.amount, c.result.amount
        );
        println!(
            "  IRPF withheld by customers {} {cur}; withheld from suppliers {} {cur}",
            c.withheld_by_customers.amount, c.withheld_from_suppliers.amount
        );
    }
}
