//! The command tree of `sigilo` and the one-call-per-subcommand dispatch to sigilo-api.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use sigilo_api::{
    Address, AgreementInput, ApiError, CompanyDeletion, CompanyFilterInput, CompanyInput,
    CompanyRole, ContactFilterInput, ContactInput, ContactSource, DealFilterInput, DealInput,
    Direction, FieldInput, FieldKind, FieldMatch, InteractionInput, InteractionKind, LabelledValue,
    ListSort, Page, Session, StageInput, StageKind, TaggedKind, TaskInput, TaskLog, TaskPriority,
    TaskView, TimelineOwner, default_vault_dir,
};

use crate::expenses_cli::{self, ExpenseCmd, ReportCmd};
use crate::invoicing_cli::{self, InvoiceCmd, ProductCmd, ProfileCmd, QuoteCmd};
use crate::output::{self, print_json};
use crate::secrets;

#[derive(Debug, Parser)]
#[command(
    name = "sigilo",
    version,
    about = "Sigilo: a private CRM whose data stays encrypted on your disk"
)]
pub struct Args {
    /// The vault folder (default: the desktop app's default vault).
    #[arg(long, global = true, env = "SIGILO_VAULT", value_name = "DIR")]
    vault: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create, inspect and re-key the vault.
    #[command(subcommand)]
    Vault(VaultCmd),
    /// Add, list, show, edit and delete contacts.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Add, list, show, edit and delete companies.
    #[command(subcommand)]
    Company(CompanyCmd),
    /// Log calls, meetings, emails, messages and notes.
    #[command(subcommand)]
    Interaction(InteractionCmd),
    /// Tasks and follow-ups: add, list by view, show, complete, delete.
    #[command(subcommand)]
    Task(TaskCmd),
    /// The deals pipeline: add, list, show, move between stages, delete, forecast.
    #[command(subcommand)]
    Deal(DealCmd),
    /// Tags on contacts, companies and deals.
    #[command(subcommand)]
    Tag(TagCmd),
    /// Custom fields for contacts, companies and deals.
    #[command(subcommand)]
    Field(FieldCmd),
    /// The business profile printed on invoices.
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// The products and services catalogue.
    #[command(subcommand)]
    Product(ProductCmd),
    /// Invoices and credit notes: drafts from JSON, issue, show, list, pay, credit, series, verify-chain.
    #[command(subcommand)]
    Invoice(InvoiceCmd),
    /// Supplier bills (received invoices): add, edit, list, show, pay, delete, the bill's document.
    #[command(subcommand)]
    Expense(ExpenseCmd),
    /// Money views: profit by month or quarter, a quarter's VAT figures (JSON or CSV).
    #[command(subcommand)]
    Report(ReportCmd),
    /// Quotes: create from JSON, send, accept, reject, convert to an invoice in one step.
    #[command(subcommand)]
    Quote(QuoteCmd),
    /// A contact's, company's or deal's interactions, newest first, a page at a time.
    #[command(group = clap::ArgGroup::new("owner").required(true).args(["contact", "company", "deal"]))]
    Timeline {
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        #[arg(long, value_name = "ID")]
        company: Option<String>,
        #[arg(long, value_name = "ID")]
        deal: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Create a new vault filled with realistic, deterministic demo data (1 ≈ 200 contacts, 500 ≈ 100k).
    Demo {
        #[arg(long, default_value_t = 1)]
        scale: u32,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Measure every hot path on an encrypted vault and on a plain-SQLite baseline built in the same run.
    Bench {
        #[arg(long, default_value_t = 1)]
        scale: u32,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Repetitions of each timed read.
        #[arg(long, default_value_t = 30)]
        samples: u32,
        /// Write the JSON report to this file (the table goes to stdout either way).
        #[arg(long, value_name = "FILE.json")]
        out: Option<PathBuf>,
        /// Build the two vaults under this folder (default: the system temp folder).
        #[arg(long, value_name = "DIR")]
        work_dir: Option<PathBuf>,
    },
    /// Encrypted backup files: create, verify, restore, inspect.
    #[command(subcommand)]
    Backup(BackupCmd),
    /// The morning dashboard: tasks due today and overdue, the pipeline by stage, the forecast, this year's won
    /// and lost deals, contacts not touched in N days.
    Dashboard {
        /// "Not touched in N days".
        #[arg(long, default_value_t = 30)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Search everything searchable: hits grouped by kind (contacts, companies, deals, interactions, tasks).
    Search {
        query: String,
        /// At most this many hits of each kind.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum VaultCmd {
    /// Create a new vault (passphrase from SIGILO_PASSPHRASE or asked twice); prints the recovery code once.
    Init,
    /// Change the passphrase (new one from SIGILO_NEW_PASSPHRASE or asked twice).
    Passwd,
    /// Replace the recovery code with a new one (the old one stops working).
    RecoveryCode,
    /// Re-encrypt the database under a new data key (the old raw key stops working).
    RotateKey,
    /// Where the database is, its schema and cipher versions and the keyslots' parameters (no secrets).
    Info {
        #[arg(long)]
        json: bool,
    },
    /// Print the database's raw SQLCipher key (64 hex digits), to read your data with any SQLCipher 4 tool.
    RawKey,
    /// Check the integrity of the database and the keyslots.
    Check {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BackupCmd {
    /// Write an encrypted backup of the vault (passphrase from SIGILO_BACKUP_PASSPHRASE, else the vault's own).
    Create {
        /// The backup file (default: sigilo-<vault>-<date>.sigilobak in the current folder).
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Decrypt and check a backup file without restoring it.
    Verify {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into a new folder, or over an existing vault with --replace.
    Restore {
        file: PathBuf,
        #[arg(long, value_name = "PATH")]
        to: PathBuf,
        #[arg(long)]
        replace: bool,
    },
    /// The header of a backup file (no secret needed).
    Info {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The paging and output flags every list command takes: `--limit N --cursor C --json`.
#[derive(Debug, ClapArgs)]
struct PageArgs {
    #[arg(long, default_value_t = 100)]
    limit: u32,
    #[arg(long)]
    cursor: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SourceArg {
    Form,
    Event,
    Import,
    Referral,
    Other,
}

impl From<SourceArg> for ContactSource {
    fn from(s: SourceArg) -> Self {
        match s {
            SourceArg::Form => ContactSource::Form,
            SourceArg::Event => ContactSource::Event,
            SourceArg::Import => ContactSource::Import,
            SourceArg::Referral => ContactSource::Referral,
            SourceArg::Other => ContactSource::Other,
        }
    }
}

#[derive(Debug, ClapArgs)]
struct ContactFields {
    #[arg(long)]
    name: Option<String>,
    /// Repeat for several emails, optionally labelled: `work:ana@example.es` (on edit, replaces all of them).
    #[arg(long = "email", value_name = "[LABEL:]EMAIL")]
    emails: Vec<String>,
    /// Repeat for several phones, optionally labelled: `mobile:+34 612 345 678` (on edit, replaces all of them).
    #[arg(long = "phone", value_name = "[LABEL:]PHONE")]
    phones: Vec<String>,
    /// Company name (on edit, an empty value clears it).
    #[arg(long)]
    company: Option<String>,
    /// Notes (on edit, an empty value clears them).
    #[arg(long)]
    notes: Option<String>,
    /// Job title (on edit, an empty value clears it).
    #[arg(long)]
    job_title: Option<String>,
    /// Birthday, YYYY-MM-DD (on edit, an empty value clears it).
    #[arg(long, value_name = "DATE")]
    birthday: Option<String>,
    /// How their data was obtained.
    #[arg(long, value_enum)]
    source: Option<SourceArg>,
    /// About the source: the form, the event, the file, who referred them (on edit, an empty value clears it).
    #[arg(long)]
    source_detail: Option<String>,
    /// A postal address, repeatable: `label=Oficina; street=Calle Mayor, 1; postal_code=28001; city=Madrid;
    /// region=Madrid; country=ES` (every part optional; on edit, replaces all of them).
    #[arg(long = "address", value_name = "KEY=VALUE; ...")]
    addresses: Vec<String>,
}

/// `LABEL:VALUE` or `VALUE` (a leading `:` means no label, for a value that holds a colon itself).
fn labelled(raw: &str) -> LabelledValue {
    match raw.split_once(':') {
        Some((label, value)) if !label.contains('@') && !value.trim().is_empty() => LabelledValue {
            label: Some(label.trim().to_owned()).filter(|l| !l.is_empty()),
            value: value.trim().to_owned(),
        },
        _ => LabelledValue {
            label: None,
            value: raw.to_owned(),
        },
    }
}

/// Emails or phones as typed: without any label they go in the plain list (on edit, values that stay keep
/// their labels); with one, every value goes in the labelled list, in the order given.
fn split_labelled(raw: Vec<String>) -> (Vec<String>, Vec<LabelledValue>) {
    let values: Vec<LabelledValue> = raw.iter().map(|r| labelled(r)).collect();
    if values.iter().all(|v| v.label.is_none()) {
        (values.into_iter().map(|v| v.value).collect(), Vec::new())
    } else {
        (Vec::new(), values)
    }
}

/// `label=…; street=…; postal_code=…; city=…; region=…; country=…`.
fn address(raw: &str) -> Result<Address, ApiError> {
    let mut a = Address::default();
    for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').ok_or_else(|| {
            ApiError::invalid(format!(
                "--address: \"{part}\" is not KEY=VALUE (keys: label, street, postal_code, city, region, country)"
            ))
        })?;
        let value = Some(value.trim().to_owned());
        match key.trim() {
            "label" => a.label = value,
            "street" => a.street = value,
            "postal_code" | "postcode" | "zip" => a.postal_code = value,
            "city" => a.city = value,
            "region" | "province" | "state" => a.region = value,
            "country" => a.country = value,
            other => {
                return Err(ApiError::invalid(format!(
                    "--address: unknown part \"{other}\" (keys: label, street, postal_code, city, region, country)"
                )));
            }
        }
    }
    Ok(a)
}

fn addresses(raw: &[String]) -> Result<Vec<Address>, ApiError> {
    raw.iter().map(|r| address(r)).collect()
}

#[derive(Debug, Subcommand)]
enum ContactCmd {
    /// Add a contact; prints its id alone.
    Add(ContactFields),
    /// List contacts (in name order unless --sort says otherwise), a page at a time.
    List {
        #[command(flatten)]
        filters: ListFilters,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one contact.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a contact's fields; fields not given stay as they are.
    Edit {
        id: String,
        #[command(flatten)]
        fields: ContactFields,
        /// Remove every email.
        #[arg(long, conflicts_with = "emails")]
        clear_emails: bool,
        /// Remove every phone.
        #[arg(long, conflicts_with = "phones")]
        clear_phones: bool,
        /// Remove every address.
        #[arg(long, conflicts_with = "addresses")]
        clear_addresses: bool,
        /// Forget how their data was obtained.
        #[arg(long, conflicts_with = "source")]
        clear_source: bool,
        /// Link the contact to this company record from today (an empty value unlinks it); the company history
        /// keeps the previous link.
        #[arg(long, value_name = "ID", conflicts_with = "company")]
        company_id: Option<String>,
    },
    /// Delete a contact.
    Delete { id: String },
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    /// By name (deals: title), A to Z, ignoring case and accents.
    Name,
    /// Newest first.
    Created,
    /// Most recently contacted first; never-contacted last.
    LastContacted,
}

/// The filters and order the contact, company and deal lists share; every filter given must hold.
#[derive(Debug, ClapArgs)]
struct ListFilters {
    /// Only records carrying this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only records whose custom field NAME holds VALUE (compared as the field's kind says: "1,50" is 1.5).
    #[arg(long, value_name = "NAME=VALUE")]
    field: Option<String>,
    /// Only records last contacted before this date (YYYY-MM-DD, local) or date-time, or never.
    #[arg(long, value_name = "DATE")]
    last_contacted_before: Option<String>,
    /// Only records last contacted on or after this date (YYYY-MM-DD, local) or date-time.
    #[arg(long, value_name = "DATE")]
    last_contacted_after: Option<String>,
    #[arg(long, value_enum, default_value = "name")]
    sort: SortArg,
}

impl ListFilters {
    fn field(&self) -> Result<Option<FieldMatch>, ApiError> {
        self.field
            .as_deref()
            .map(|f| {
                f.split_once('=')
                    .map(|(name, value)| FieldMatch {
                        field: name.trim().to_owned(),
                        value: value.to_owned(),
                    })
                    .ok_or_else(|| {
                        ApiError::invalid(format!("--field takes NAME=VALUE, not \"{f}\""))
                    })
            })
            .transpose()
    }

    fn sort(&self) -> ListSort {
        match self.sort {
            SortArg::Name => ListSort::Name,
            SortArg::Created => ListSort::Created,
            SortArg::LastContacted => ListSort::LastContacted,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Customer,
    Supplier,
    Prospect,
}

impl From<RoleArg> for CompanyRole {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Customer => CompanyRole::Customer,
            RoleArg::Supplier => CompanyRole::Supplier,
            RoleArg::Prospect => CompanyRole::Prospect,
        }
    }
}

#[derive(Debug, ClapArgs)]
struct CompanyFields {
    #[arg(long)]
    name: Option<String>,
    /// Repeat for several roles (on edit, replaces all of them).
    #[arg(long = "role", value_enum)]
    roles: Vec<RoleArg>,
    /// Tax id (NIF/CIF for Spain, checked); on edit, an empty value clears it.
    #[arg(long)]
    tax_id: Option<String>,
    /// ISO 3166-1 alpha-2 country of the tax id (default ES).
    #[arg(long)]
    tax_country: Option<String>,
    /// On edit, an empty value clears it.
    #[arg(long)]
    website: Option<String>,
    /// Billing terms: days to pay an invoice.
    #[arg(long)]
    payment_days: Option<u32>,
    /// Billing terms: ISO 4217 currency code; on edit, an empty value clears it.
    #[arg(long)]
    currency: Option<String>,
    /// On edit, an empty value clears them.
    #[arg(long)]
    notes: Option<String>,
    /// A postal address, repeatable: `label=Facturación; street=Calle Mayor, 1; postal_code=28001;
    /// city=Madrid; region=Madrid; country=ES` (every part optional; on edit, replaces all of them).
    #[arg(long = "address", value_name = "KEY=VALUE; ...")]
    addresses: Vec<String>,
}

#[derive(Debug, ClapArgs)]
struct AgreementFields {
    /// The terms in short.
    #[arg(long)]
    terms: Option<String>,
    /// Start date, YYYY-MM-DD (on edit, an empty value clears it).
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// End date, YYYY-MM-DD, not before the start (on edit, an empty value clears it).
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// When to be reminded to renew, YYYY-MM-DD (on edit, an empty value clears it).
    #[arg(long, value_name = "DATE")]
    renewal: Option<String>,
    /// Free-text conditions (on edit, an empty value clears them).
    #[arg(long)]
    conditions: Option<String>,
}

#[derive(Debug, Subcommand)]
enum AgreementCmd {
    /// Add a supplier agreement to a company; prints its id alone.
    Add {
        #[arg(long, value_name = "ID")]
        company: String,
        #[command(flatten)]
        fields: AgreementFields,
    },
    /// A company's supplier agreements, by start date.
    List {
        #[arg(long, value_name = "ID")]
        company: String,
        #[arg(long)]
        json: bool,
    },
    /// Show one agreement.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an agreement's fields; fields not given stay as they are.
    Edit {
        id: String,
        #[command(flatten)]
        fields: AgreementFields,
    },
    /// Delete an agreement.
    Delete { id: String },
    /// Agreements whose renewal reminder falls on or before a date (default: today), soonest first.
    Due {
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CompanyCmd {
    /// Add a company; prints its id alone.
    Add(CompanyFields),
    /// List companies (in name order unless --sort says otherwise), a page at a time.
    List {
        /// Only companies with this role.
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
        #[command(flatten)]
        filters: ListFilters,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one company.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a company's fields; fields not given stay as they are.
    Edit {
        id: String,
        #[command(flatten)]
        fields: CompanyFields,
        /// Remove every address.
        #[arg(long, conflicts_with = "addresses")]
        clear_addresses: bool,
    },
    /// Supplier agreements: terms, start and end dates, renewal reminder, conditions.
    #[command(subcommand)]
    Agreement(AgreementCmd),
    /// Delete a company; refused while it has contacts or deals unless --cascade or --detach says what to do.
    Delete {
        id: String,
        /// Delete its contacts and deals too.
        #[arg(long, conflicts_with = "detach")]
        cascade: bool,
        /// Keep its contacts and deals, unlinked.
        #[arg(long)]
        detach: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Call,
    Meeting,
    Email,
    Message,
    Note,
}

impl From<KindArg> for InteractionKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Call => InteractionKind::Call,
            KindArg::Meeting => InteractionKind::Meeting,
            KindArg::Email => InteractionKind::Email,
            KindArg::Message => InteractionKind::Message,
            KindArg::Note => InteractionKind::Note,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DirectionArg {
    Inbound,
    Outbound,
    None,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Inbound => Direction::Inbound,
            DirectionArg::Outbound => Direction::Outbound,
            DirectionArg::None => Direction::None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum InteractionCmd {
    /// Log an interaction; prints its id alone.
    Add {
        /// A contact who took part (repeat for several).
        #[arg(long = "contact", value_name = "ID")]
        contacts: Vec<String>,
        /// The company (default: the deal's, else the first contact's).
        #[arg(long, value_name = "ID")]
        company: Option<String>,
        #[arg(long, value_name = "ID")]
        deal: Option<String>,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// ISO 8601 date-time; without an offset (2026-11-23T10:30) it is this computer's local time.
        #[arg(long, value_name = "DATETIME")]
        at: String,
        #[arg(long, value_enum, default_value = "none")]
        direction: DirectionArg,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        body: Option<String>,
    },
    /// Show one interaction.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete an interaction.
    Delete { id: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PriorityArg {
    Low,
    Normal,
    High,
    Urgent,
}

impl From<PriorityArg> for TaskPriority {
    fn from(p: PriorityArg) -> Self {
        match p {
            PriorityArg::Low => TaskPriority::Low,
            PriorityArg::Normal => TaskPriority::Normal,
            PriorityArg::High => TaskPriority::High,
            PriorityArg::Urgent => TaskPriority::Urgent,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ViewArg {
    Today,
    Overdue,
    Upcoming,
}

impl From<ViewArg> for TaskView {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Today => TaskView::Today,
            ViewArg::Overdue => TaskView::Overdue,
            ViewArg::Upcoming => TaskView::Upcoming,
        }
    }
}

#[derive(Debug, Subcommand)]
enum TaskCmd {
    /// Add a task; prints its id alone.
    Add {
        #[arg(long)]
        title: String,
        /// Due date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: String,
        /// Due time, HH:MM.
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
        #[arg(long, value_enum, default_value = "normal")]
        priority: PriorityArg,
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        #[arg(long, value_name = "ID")]
        company: Option<String>,
        #[arg(long, value_name = "ID")]
        deal: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Open tasks due today (default), overdue or upcoming, by this computer's date; by due date and time.
    List {
        #[arg(long, value_enum, default_value = "today")]
        view: ViewArg,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one task.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a task done; with --log-as (or --log), also log an interaction (printing its id).
    Done {
        id: String,
        #[arg(long, value_enum, value_name = "KIND", alias = "log")]
        log_as: Option<KindArg>,
        /// The logged interaction's body.
        #[arg(long, requires = "log_as")]
        body: Option<String>,
    },
    /// Delete a task.
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
enum DealCmd {
    /// Add a deal; prints its id alone.
    Add {
        #[arg(long)]
        title: String,
        /// Value in major units, a decimal number ("1234.50"); not negative.
        #[arg(long)]
        value: String,
        /// ISO 4217 currency code.
        #[arg(long)]
        currency: String,
        /// Stage name or id (default: the first open stage).
        #[arg(long)]
        stage: Option<String>,
        #[arg(long, value_name = "ID")]
        company: Option<String>,
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        /// Expected close date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        close: Option<String>,
        /// 0–100 (default: the stage's probability).
        #[arg(long)]
        probability: Option<u8>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// List deals (in title order unless --sort says otherwise), a page at a time.
    List {
        /// Only deals in this stage (name or id).
        #[arg(long)]
        stage: Option<String>,
        #[command(flatten)]
        filters: ListFilters,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one deal.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a deal: fields not given stay; an empty value clears company, contact, close date or notes.
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        value: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        /// Stage name or id (a lost stage needs `deal move --reason`).
        #[arg(long)]
        stage: Option<String>,
        #[arg(long, value_name = "ID")]
        company: Option<String>,
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        #[arg(long, value_name = "DATE")]
        close: Option<String>,
        #[arg(long)]
        probability: Option<u8>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Move a deal to another stage (a lost stage needs --reason).
    Move {
        id: String,
        /// Stage name (case and accents ignored) or id.
        #[arg(long)]
        stage: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Delete a deal (its interactions and tasks stay, unlinked).
    Delete { id: String },
    /// The pipeline's stages in order, with their default probability.
    Stages {
        #[arg(long)]
        json: bool,
    },
    /// Configure the pipeline's stages: add, edit, reorder, delete.
    #[command(subcommand)]
    Stage(StageCmd),
    /// Revenue forecast of open deals by month of expected close and currency (value × probability).
    Forecast {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StageKindArg {
    Open,
    Won,
    Lost,
}

impl From<StageKindArg> for StageKind {
    fn from(k: StageKindArg) -> Self {
        match k {
            StageKindArg::Open => StageKind::Open,
            StageKindArg::Won => StageKind::Won,
            StageKindArg::Lost => StageKind::Lost,
        }
    }
}

#[derive(Debug, Subcommand)]
enum StageCmd {
    /// Add a stage at the end of the pipeline; prints its id alone.
    Add {
        #[arg(long)]
        name: String,
        /// The probability a deal takes when it enters the stage, 0–100.
        #[arg(long)]
        probability: u8,
        #[arg(long, value_enum, default_value = "open")]
        kind: StageKindArg,
    },
    /// Rename a stage or change its default probability or kind (deals in it keep their probability).
    Edit {
        /// Stage name (case and accents ignored) or id.
        stage: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        probability: Option<u8>,
        #[arg(long, value_enum)]
        kind: Option<StageKindArg>,
    },
    /// Set the pipeline order: name every stage once, in the new order.
    Reorder {
        #[arg(required = true, num_args = 1..)]
        stages: Vec<String>,
    },
    /// Delete a stage that holds no deals (refused otherwise, and for the last stage of a kind).
    Delete { stage: String },
}

/// The record a tag command is about.
#[derive(Debug, ClapArgs)]
#[group(multiple = false)]
struct Tagged {
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    #[arg(long, value_name = "ID")]
    company: Option<String>,
    #[arg(long, value_name = "ID")]
    deal: Option<String>,
}

impl Tagged {
    fn get(self) -> Option<(TaggedKind, String)> {
        match (self.contact, self.company, self.deal) {
            (Some(id), _, _) => Some((TaggedKind::Contact, id)),
            (None, Some(id), _) => Some((TaggedKind::Company, id)),
            (None, None, Some(id)) => Some((TaggedKind::Deal, id)),
            (None, None, None) => None,
        }
    }

    fn required(self) -> Result<(TaggedKind, String), ApiError> {
        self.get()
            .ok_or_else(|| ApiError::invalid("name the record with --contact, --company or --deal"))
    }
}

#[derive(Debug, Subcommand)]
enum TagCmd {
    /// Put a tag on a record (the tag is created if new).
    Add {
        name: String,
        #[command(flatten)]
        on: Tagged,
    },
    /// Take a tag off a record.
    Remove {
        name: String,
        #[command(flatten)]
        on: Tagged,
    },
    /// Every tag, or one record's tags.
    List {
        #[command(flatten)]
        on: Tagged,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EntityArg {
    Contact,
    Company,
    Deal,
}

impl From<EntityArg> for TaggedKind {
    fn from(e: EntityArg) -> Self {
        match e {
            EntityArg::Contact => TaggedKind::Contact,
            EntityArg::Company => TaggedKind::Company,
            EntityArg::Deal => TaggedKind::Deal,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FieldKindArg {
    Text,
    Number,
    Date,
    Choice,
    Boolean,
}

impl From<FieldKindArg> for FieldKind {
    fn from(k: FieldKindArg) -> Self {
        match k {
            FieldKindArg::Text => FieldKind::Text,
            FieldKindArg::Number => FieldKind::Number,
            FieldKindArg::Date => FieldKind::Date,
            FieldKindArg::Choice => FieldKind::Choice,
            FieldKindArg::Boolean => FieldKind::Boolean,
        }
    }
}

#[derive(Debug, Subcommand)]
enum FieldCmd {
    /// Define a custom field; prints its id alone.
    Define {
        #[arg(long, value_enum)]
        entity: EntityArg,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        kind: FieldKindArg,
        /// An allowed value of a choice field (repeat for each).
        #[arg(long = "choice")]
        choices: Vec<String>,
    },
    /// The custom fields of a kind of record.
    List {
        #[arg(long, value_enum)]
        entity: EntityArg,
        #[arg(long)]
        json: bool,
    },
    /// Set a record's value of a custom field (checked and normalised as the field's kind says).
    Set {
        #[command(flatten)]
        on: Tagged,
        /// The field's name (case and accents ignored) or id.
        name: String,
        value: String,
    },
    /// Clear a record's value of a custom field.
    Clear {
        #[command(flatten)]
        on: Tagged,
        /// The field's name (case and accents ignored) or id.
        name: String,
    },
}

/// An edited optional text field: not given keeps `current`, an empty value clears it.
fn edited(new: Option<String>, current: Option<String>) -> Option<String> {
    match new {
        None => current,
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v),
    }
}

fn open(dir: &std::path::Path) -> Result<Session, ApiError> {
    let (secret, kind) = secrets::unlock_secret()?;
    Session::open(dir, &secret, kind)
}

/// A path as the API wants it: absolute (relative paths are taken from the current folder).
fn absolute(path: &std::path::Path) -> Result<PathBuf, ApiError> {
    std::path::absolute(path).map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))
}

pub fn run(args: Args) -> Result<(), ApiError> {
    let dir = args.vault.unwrap_or_else(default_vault_dir);
    match args.command {
        Command::Vault(VaultCmd::Init) => {
            let passphrase = secrets::new_passphrase("SIGILO_PASSPHRASE")?;
            let (session, created) = Session::create(&dir, &passphrase)?;
            session.lock();
            output::recovery_code(&dir, &created.recovery_code);
        }
        Command::Vault(VaultCmd::Passwd) => {
            let mut session = open(&dir)?;
            let new = secrets::new_passphrase("SIGILO_NEW_PASSPHRASE")?;
            session.change_passphrase(&new)?;
            eprintln!(
                "Passphrase changed. The old one no longer opens this vault; the recovery code still does."
            );
        }
        Command::Vault(VaultCmd::RecoveryCode) => {
            let created = open(&dir)?.regenerate_recovery_code()?;
            output::recovery_code(&dir, &created.recovery_code);
        }
        Command::Vault(VaultCmd::RotateKey) => {
            open(&dir)?.rotate_data_key()?;
            eprintln!(
                "Data key rotated: the database is re-encrypted and the old raw key no longer opens it."
            );
        }
        Command::Vault(VaultCmd::Info { json }) => {
            output::vault_info(&open(&dir)?.vault_info()?, json)
        }
        Command::Vault(VaultCmd::RawKey) => output::raw_key(&open(&dir)?.raw_key_hex()),
        Command::Vault(VaultCmd::Check { json }) => {
            output::check(&open(&dir)?.vault_check()?, json)?
        }
        Command::Contact(ContactCmd::Add(fields)) => {
            let (emails, labelled_emails) = split_labelled(fields.emails);
            let (phones, labelled_phones) = split_labelled(fields.phones);
            let input = ContactInput {
                name: fields
                    .name
                    .ok_or_else(|| ApiError::invalid("--name is required"))?,
                emails,
                phones,
                company: fields.company,
                notes: fields.notes,
                labelled_emails,
                labelled_phones,
                addresses: addresses(&fields.addresses)?,
                job_title: fields.job_title,
                birthday: fields.birthday,
                source: fields.source.map(ContactSource::from),
                source_detail: fields.source_detail,
            };
            println!("{}", open(&dir)?.contact_add(input)?);
        }
        Command::Contact(ContactCmd::List {
            filters,
            page:
                PageArgs {
                    limit,
                    cursor,
                    json,
                },
        }) => {
            let filter = ContactFilterInput {
                tag: filters.tag.clone(),
                field: filters.field()?,
                last_contacted_before: filters.last_contacted_before.clone(),
                last_contacted_after: filters.last_contacted_after.clone(),
                company_id: None,
                sort: filters.sort(),
            };
            let page = open(&dir)?.contact_list_filtered(filter, limit, cursor.as_deref())?;
            output::contact_list(&page, json);
        }
        Command::Contact(ContactCmd::Show { id, json }) => {
            output::contact(&open(&dir)?.contact_get(&id)?, json)
        }
        Command::Contact(ContactCmd::Edit {
            id,
            fields,
            clear_emails,
            clear_phones,
            clear_addresses,
            clear_source,
            company_id,
        }) => {
            let mut session = open(&dir)?;
            if let Some(company) = company_id {
                let company = Some(company.as_str()).filter(|c| !c.trim().is_empty());
                session.contact_link_company(&id, company)?;
            }
            let current = session.contact_get(&id)?;
            let (emails, labelled_emails) = if clear_emails || !fields.emails.is_empty() {
                split_labelled(fields.emails)
            } else {
                (Vec::new(), current.labelled_emails)
            };
            let (phones, labelled_phones) = if clear_phones || !fields.phones.is_empty() {
                split_labelled(fields.phones)
            } else {
                (Vec::new(), current.labelled_phones)
            };
            let input = ContactInput {
                name: fields.name.unwrap_or(current.name),
                emails,
                phones,
                company: fields.company.or(current.company),
                notes: fields.notes.or(current.notes),
                labelled_emails,
                labelled_phones,
                addresses: if clear_addresses || !fields.addresses.is_empty() {
                    addresses(&fields.addresses)?
                } else {
                    current.addresses
                },
                job_title: edited(fields.job_title, current.job_title),
                birthday: edited(fields.birthday, current.birthday),
                source: if clear_source {
                    None
                } else {
                    fields.source.map(ContactSource::from).or(current.source)
                },
                source_detail: edited(fields.source_detail, current.source_detail),
            };
            session.contact_update(&id, input)?;
        }
        Command::Contact(ContactCmd::Delete { id }) => open(&dir)?.contact_delete(&id)?,
        Command::Company(CompanyCmd::Add(f)) => {
            let input = CompanyInput {
                name: f
                    .name
                    .ok_or_else(|| ApiError::invalid("--name is required"))?,
                roles: f.roles.into_iter().map(CompanyRole::from).collect(),
                tax_country: f.tax_country,
                tax_id: f.tax_id,
                addresses: addresses(&f.addresses)?,
                website: f.website,
                payment_days: f.payment_days,
                currency: f.currency,
                notes: f.notes,
            };
            println!("{}", open(&dir)?.company_add(input)?);
        }
        Command::Company(CompanyCmd::List {
            role,
            filters,
            page:
                PageArgs {
                    limit,
                    cursor,
                    json,
                },
        }) => {
            let filter = CompanyFilterInput {
                role: role.map(CompanyRole::from),
                tag: filters.tag.clone(),
                field: filters.field()?,
                last_contacted_before: filters.last_contacted_before.clone(),
                last_contacted_after: filters.last_contacted_after.clone(),
                sort: filters.sort(),
            };
            let page = open(&dir)?.company_list_filtered(filter, limit, cursor.as_deref())?;
            output::company_list(&page, json);
        }
        Command::Company(CompanyCmd::Show { id, json }) => {
            output::company(&open(&dir)?.company_get(&id)?, json)
        }
        Command::Company(CompanyCmd::Edit {
            id,
            fields: f,
            clear_addresses,
        }) => {
            let mut session = open(&dir)?;
            let current = session.company_get(&id)?;
            let tax_id = edited(f.tax_id, current.tax_id);
            let input = CompanyInput {
                name: f.name.unwrap_or(current.name),
                roles: if f.roles.is_empty() {
                    current.roles
                } else {
                    f.roles.into_iter().map(CompanyRole::from).collect()
                },
                tax_country: tax_id
                    .as_ref()
                    .and_then(|_| f.tax_country.or(current.tax_country)),
                tax_id,
                addresses: if clear_addresses || !f.addresses.is_empty() {
                    addresses(&f.addresses)?
                } else {
                    current.addresses
                },
                website: edited(f.website, current.website),
                payment_days: f.payment_days.or(current.payment_days),
                currency: edited(f.currency, current.currency),
                notes: edited(f.notes, current.notes),
            };
            session.company_update(&id, input)?;
        }
        Command::Company(CompanyCmd::Delete {
            id,
            cascade,
            detach,
        }) => {
            let mode = if cascade {
                CompanyDeletion::Cascade
            } else if detach {
                CompanyDeletion::Detach
            } else {
                CompanyDeletion::Refuse
            };
            open(&dir)?.company_delete(&id, mode)?;
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::Add { company, fields: f })) => {
            let input = AgreementInput {
                terms: f
                    .terms
                    .ok_or_else(|| ApiError::invalid("--terms is required"))?,
                start_date: f.start,
                end_date: f.end,
                renewal_reminder: f.renewal,
                conditions: f.conditions,
            };
            println!("{}", open(&dir)?.agreement_add(&company, input)?);
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::List { company, json })) => {
            output::agreements(&open(&dir)?.agreement_list(&company)?, json)
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::Show { id, json })) => {
            output::agreement(&open(&dir)?.agreement_get(&id)?, json)
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::Edit { id, fields: f })) => {
            let mut session = open(&dir)?;
            let current = session.agreement_get(&id)?;
            let input = AgreementInput {
                terms: f.terms.unwrap_or(current.terms),
                start_date: edited(f.start, current.start_date),
                end_date: edited(f.end, current.end_date),
                renewal_reminder: edited(f.renewal, current.renewal_reminder),
                conditions: edited(f.conditions, current.conditions),
            };
            session.agreement_update(&id, input)?;
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::Delete { id })) => {
            open(&dir)?.agreement_delete(&id)?
        }
        Command::Company(CompanyCmd::Agreement(AgreementCmd::Due { on, limit, json })) => {
            output::agreements(&open(&dir)?.agreements_due(on.as_deref(), limit)?, json)
        }
        Command::Interaction(InteractionCmd::Add {
            contacts,
            company,
            deal,
            kind,
            at,
            direction,
            subject,
            body,
        }) => {
            let input = InteractionInput {
                kind: kind.into(),
                at,
                direction: direction.into(),
                subject: Some(subject),
                body,
                contact_ids: contacts,
                company_id: company,
                deal_id: deal,
            };
            println!("{}", open(&dir)?.interaction_add(input)?);
        }
        Command::Interaction(InteractionCmd::Show { id, json }) => {
            output::interaction(&open(&dir)?.interaction_get(&id)?, json)
        }
        Command::Interaction(InteractionCmd::Delete { id }) => {
            open(&dir)?.interaction_delete(&id)?
        }
        Command::Task(TaskCmd::Add {
            title,
            due,
            time,
            priority,
            contact,
            company,
            deal,
            notes,
        }) => {
            let input = TaskInput {
                title,
                due_date: Some(due),
                due_time: time,
                priority: priority.into(),
                contact_id: contact,
                company_id: company,
                deal_id: deal,
                notes,
            };
            println!("{}", open(&dir)?.task_add(input)?);
        }
        Command::Task(TaskCmd::List {
            view,
            page:
                PageArgs {
                    limit,
                    cursor,
                    json,
                },
        }) => {
            let page = open(&dir)?.task_list(view.into(), limit, cursor.as_deref())?;
            output::task_list(&page, json);
        }
        Command::Task(TaskCmd::Show { id, json }) => {
            output::task(&open(&dir)?.task_get(&id)?, json)
        }
        Command::Task(TaskCmd::Done { id, log_as, body }) => {
            let log = log_as.map(|kind| TaskLog {
                kind: kind.into(),
                direction: Direction::None,
                subject: None,
                body,
            });
            if let Some(interaction) = open(&dir)?.task_done(&id, log)? {
                println!("{interaction}");
            }
        }
        Command::Task(TaskCmd::Delete { id }) => open(&dir)?.task_delete(&id)?,
        Command::Deal(DealCmd::Add {
            title,
            value,
            currency,
            stage,
            company,
            contact,
            close,
            probability,
            notes,
        }) => {
            let input = DealInput {
                title,
                stage,
                company_id: company,
                contact_id: contact,
                value,
                currency,
                probability,
                expected_close: close,
                owner_notes: notes,
            };
            println!("{}", open(&dir)?.deal_add(input)?);
        }
        Command::Deal(DealCmd::Edit {
            id,
            title,
            value,
            currency,
            stage,
            company,
            contact,
            close,
            probability,
            notes,
        }) => {
            let mut session = open(&dir)?;
            let d = session.deal_get(&id)?;
            let keep = |new: Option<String>, old: Option<String>| match new {
                Some(v) if v.trim().is_empty() => None,
                Some(v) => Some(v),
                None => old,
            };
            let input = DealInput {
                title: title.unwrap_or(d.title),
                stage,
                company_id: keep(company, d.company_id),
                contact_id: keep(contact, d.contact_id),
                value: value.unwrap_or(d.value.amount),
                currency: currency.unwrap_or(d.value.currency),
                probability,
                expected_close: keep(close, d.expected_close),
                owner_notes: keep(notes, d.owner_notes),
            };
            session.deal_update(&id, input)?;
        }
        Command::Deal(DealCmd::List {
            stage,
            filters,
            page:
                PageArgs {
                    limit,
                    cursor,
                    json,
                },
        }) => {
            let filter = DealFilterInput {
                stage,
                company_id: None,
                contact_id: None,
                tag: filters.tag.clone(),
                field: filters.field()?,
                last_contacted_before: filters.last_contacted_before.clone(),
                last_contacted_after: filters.last_contacted_after.clone(),
                sort: filters.sort(),
            };
            let page = open(&dir)?.deal_list_filtered(filter, limit, cursor.as_deref())?;
            output::deal_list(&page, json);
        }
        Command::Deal(DealCmd::Show { id, json }) => {
            output::deal(&open(&dir)?.deal_get(&id)?, json)
        }
        Command::Deal(DealCmd::Move { id, stage, reason }) => {
            open(&dir)?.deal_move(&id, &stage, reason)?
        }
        Command::Deal(DealCmd::Delete { id }) => open(&dir)?.deal_delete(&id)?,
        Command::Deal(DealCmd::Stages { json }) => {
            output::stages(&open(&dir)?.deal_stages()?, json)
        }
        Command::Deal(DealCmd::Stage(StageCmd::Add {
            name,
            probability,
            kind,
        })) => {
            let input = StageInput {
                name,
                probability,
                kind: kind.into(),
            };
            println!("{}", open(&dir)?.stage_add(input)?);
        }
        Command::Deal(DealCmd::Stage(StageCmd::Edit {
            stage,
            name,
            probability,
            kind,
        })) => {
            let mut session = open(&dir)?;
            let current = session.stage_get(&stage)?;
            let input = StageInput {
                name: name.unwrap_or(current.name),
                probability: probability.unwrap_or(current.probability),
                kind: kind.map_or(current.kind, StageKind::from),
            };
            session.stage_update(&current.id, input)?;
        }
        Command::Deal(DealCmd::Stage(StageCmd::Reorder { stages })) => {
            open(&dir)?.stage_reorder(&stages)?
        }
        Command::Deal(DealCmd::Stage(StageCmd::Delete { stage })) => {
            open(&dir)?.stage_delete(&stage)?
        }
        Command::Deal(DealCmd::Forecast { json }) => {
            output::forecast(&open(&dir)?.deal_forecast()?, json)
        }
        Command::Tag(TagCmd::Add { name, on }) => {
            let (kind, id) = on.required()?;
            open(&dir)?.tag_add(kind, &id, &name)?;
        }
        Command::Tag(TagCmd::Remove { name, on }) => {
            let (kind, id) = on.required()?;
            open(&dir)?.tag_remove(kind, &id, &name)?;
        }
        Command::Tag(TagCmd::List { on, json }) => {
            let on = on.get();
            let tags = open(&dir)?.tag_list(on.as_ref().map(|(k, id)| (*k, id.as_str())))?;
            output::tags(&tags, json);
        }
        Command::Field(FieldCmd::Define {
            entity,
            name,
            kind,
            choices,
        }) => {
            let input = FieldInput {
                entity: entity.into(),
                name,
                kind: kind.into(),
                choices,
            };
            println!("{}", open(&dir)?.field_define(input)?);
        }
        Command::Field(FieldCmd::List { entity, json }) => {
            output::fields(&open(&dir)?.field_list(entity.into())?, json)
        }
        Command::Field(FieldCmd::Set { on, name, value }) => {
            let (kind, id) = on.required()?;
            open(&dir)?.field_set(kind, &id, &name, Some(value))?;
        }
        Command::Field(FieldCmd::Clear { on, name }) => {
            let (kind, id) = on.required()?;
            open(&dir)?.field_set(kind, &id, &name, None)?;
        }
        Command::Timeline {
            contact,
            company,
            deal,
            limit,
            cursor,
            json,
        } => {
            let owner = match (contact, company, deal) {
                (Some(id), _, _) => TimelineOwner::Contact(id),
                (None, Some(id), _) => TimelineOwner::Company(id),
                (None, None, Some(id)) => TimelineOwner::Deal(id),
                (None, None, None) => {
                    return Err(ApiError::invalid("name --contact, --company or --deal"));
                }
            };
            let page = open(&dir)?.timeline(&owner, limit, cursor.as_deref())?;
            output::timeline(&page, json);
        }
        Command::Demo { scale, seed } => {
            let passphrase = secrets::new_passphrase("SIGILO_PASSPHRASE")?;
            let mut bar = output::ProgressLine::new();
            let (created, summary) =
                sigilo_api::demo::create_demo_vault(&dir, &passphrase, scale, seed, &mut |p| {
                    bar.show(p.stage, p.done, p.total)
                })?;
            bar.finish();
            eprintln!("{} demo contacts created.", summary.contacts);
            output::recovery_code(&dir, &created.recovery_code);
        }
        Command::Bench {
            scale,
            seed,
            samples,
            out,
            work_dir,
        } => {
            let opts = sigilo_bench::BenchOptions {
                scale,
                seed,
                samples,
                work_dir,
            };
            let mut bar = output::ProgressLine::new();
            let report = sigilo_bench::run(&opts, &mut |p| bar.show(&p.stage, p.done, p.total))
                .map_err(|e| ApiError::new(sigilo_api::ErrorCode::Internal, e.to_string()))?;
            bar.finish();
            output::bench(&report, out.as_deref())?;
        }
        Command::Backup(BackupCmd::Create { out }) => {
            let (secret, kind) = secrets::unlock_secret()?;
            let mut session = Session::open(&dir, &secret, kind)?;
            // The backup's own passphrase, else the vault passphrase in use; unlocked with the recovery code and
            // no backup passphrase, the file is sealed under the vault's keys (its passphrase or code open it).
            let backup_pass = secrets::backup_passphrase().or(match kind {
                sigilo_api::UnlockKind::Passphrase => Some(secret),
                sigilo_api::UnlockKind::RecoveryCode => None,
            });
            let out = match out {
                Some(path) => absolute(&path)?,
                None => absolute(std::path::Path::new(
                    &sigilo_api::generations::generation_name(time::OffsetDateTime::now_utc()),
                ))?,
            };
            let mut bar = output::ProgressLine::new();
            let result = session.backup_create(&out, backup_pass.as_ref(), &mut |p| {
                bar.show(output::stage_name(p.stage), p.done, p.total)
            })?;
            bar.finish();
            println!("{}", result.path);
        }
        Command::Backup(BackupCmd::Verify { file, json }) => {
            let (secret, kind) = secrets::backup_secret()?;
            let mut bar = output::ProgressLine::new();
            let report = sigilo_api::backup_verify(&absolute(&file)?, &secret, kind, &mut |p| {
                bar.show(output::stage_name(p.stage), p.done, p.total)
            })?;
            bar.finish();
            output::verify_report(&report, json);
        }
        Command::Backup(BackupCmd::Restore { file, to, replace }) => {
            let (secret, kind) = secrets::backup_secret()?;
            let mut bar = output::ProgressLine::new();
            let report = sigilo_api::backup_restore(
                &absolute(&file)?,
                &secret,
                kind,
                &absolute(&to)?,
                replace,
                &mut |p| bar.show(output::stage_name(p.stage), p.done, p.total),
            )?;
            bar.finish();
            eprintln!(
                "Restored the backup of {} into {}.",
                report.info.created_at, report.to
            );
            println!("{}", report.to);
        }
        Command::Backup(BackupCmd::Info { file, json }) => {
            output::backup_info(&sigilo_api::backup_info(&absolute(&file)?)?, json)
        }
        Command::Profile(cmd) => invoicing_cli::profile(&mut open(&dir)?, cmd)?,
        Command::Product(cmd) => invoicing_cli::product(&mut open(&dir)?, cmd)?,
        Command::Invoice(cmd) => invoicing_cli::invoice(&mut open(&dir)?, cmd)?,
        Command::Expense(cmd) => expenses_cli::expense(&mut open(&dir)?, cmd)?,
        Command::Report(cmd) => expenses_cli::report(&open(&dir)?, cmd)?,
        Command::Quote(cmd) => invoicing_cli::quote(&mut open(&dir)?, cmd)?,
        Command::Dashboard { days, json } => output::dashboard(&open(&dir)?.dashboard(days)?, json),
        Command::Search { query, limit, json } => {
            let hits = open(&dir)?.search(&query, limit)?;
            let page = Page {
                items: hits,
                next_cursor: None,
            };
            if json {
                print_json(&page);
            } else {
                output::search_hits(&page.items);
            }
        }
    }
    Ok(())
}
