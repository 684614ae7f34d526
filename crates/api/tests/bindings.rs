//! The UI's TypeScript types are generated from the API's DTOs with ts-rs and committed under
//! `ui/src/lib/bindings`. This test fails when regenerating them would change anything (run it with
//! `SIGILO_UPDATE_BINDINGS=1` to rewrite them), and when any type would cross as `bigint`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sigilo_api::*;
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    ApiError::export_all(&cfg).unwrap();
    ErrorCode::export_all(&cfg).unwrap();
    LabelledValue::export_all(&cfg).unwrap();
    ContactSource::export_all(&cfg).unwrap();
    CompanyPeriod::export_all(&cfg).unwrap();
    ContactInput::export_all(&cfg).unwrap();
    Contact::export_all(&cfg).unwrap();
    ContactRow::export_all(&cfg).unwrap();
    ContactWindow::export_all(&cfg).unwrap();
    Page::<ContactRow>::export_all(&cfg).unwrap();
    CompanyRole::export_all(&cfg).unwrap();
    Address::export_all(&cfg).unwrap();
    CompanyInput::export_all(&cfg).unwrap();
    Company::export_all(&cfg).unwrap();
    CompanyRow::export_all(&cfg).unwrap();
    CompanyDeletion::export_all(&cfg).unwrap();
    AgreementInput::export_all(&cfg).unwrap();
    Agreement::export_all(&cfg).unwrap();
    InteractionKind::export_all(&cfg).unwrap();
    Direction::export_all(&cfg).unwrap();
    InteractionInput::export_all(&cfg).unwrap();
    Interaction::export_all(&cfg).unwrap();
    TimelineOwner::export_all(&cfg).unwrap();
    TaskPriority::export_all(&cfg).unwrap();
    TaskInput::export_all(&cfg).unwrap();
    Task::export_all(&cfg).unwrap();
    TaskView::export_all(&cfg).unwrap();
    TaskLog::export_all(&cfg).unwrap();
    Money::export_all(&cfg).unwrap();
    StageKind::export_all(&cfg).unwrap();
    Stage::export_all(&cfg).unwrap();
    StageInput::export_all(&cfg).unwrap();
    DealInput::export_all(&cfg).unwrap();
    Deal::export_all(&cfg).unwrap();
    ForecastLine::export_all(&cfg).unwrap();
    PipelineStage::export_all(&cfg).unwrap();
    WonLost::export_all(&cfg).unwrap();
    UntouchedContact::export_all(&cfg).unwrap();
    DashboardDto::export_all(&cfg).unwrap();
    TaxCategoryDto::export_all(&cfg).unwrap();
    TaxDto::export_all(&cfg).unwrap();
    TaxPresetDto::export_all(&cfg).unwrap();
    InvoiceKind::export_all(&cfg).unwrap();
    InvoiceStatus::export_all(&cfg).unwrap();
    InvoiceLineInput::export_all(&cfg).unwrap();
    InvoiceInput::export_all(&cfg).unwrap();
    InvoiceLine::export_all(&cfg).unwrap();
    TaxBreakdown::export_all(&cfg).unwrap();
    InvoiceTotals::export_all(&cfg).unwrap();
    PartyField::export_all(&cfg).unwrap();
    PaymentDto::export_all(&cfg).unwrap();
    PaymentInput::export_all(&cfg).unwrap();
    Invoice::export_all(&cfg).unwrap();
    InvoiceRow::export_all(&cfg).unwrap();
    BrokenRecord::export_all(&cfg).unwrap();
    ChainReportDto::export_all(&cfg).unwrap();
    BusinessProfile::export_all(&cfg).unwrap();
    ProductInput::export_all(&cfg).unwrap();
    Product::export_all(&cfg).unwrap();
    SeriesDto::export_all(&cfg).unwrap();
    QuoteInput::export_all(&cfg).unwrap();
    QuoteStatus::export_all(&cfg).unwrap();
    Quote::export_all(&cfg).unwrap();
    QuoteRow::export_all(&cfg).unwrap();
    Frequency::export_all(&cfg).unwrap();
    RecurringInput::export_all(&cfg).unwrap();
    RecurringRun::export_all(&cfg).unwrap();
    Recurring::export_all(&cfg).unwrap();
    RecurringRow::export_all(&cfg).unwrap();
    OverdueRow::export_all(&cfg).unwrap();
    ReminderInput::export_all(&cfg).unwrap();
    ReminderDto::export_all(&cfg).unwrap();
    ReceivablesDto::export_all(&cfg).unwrap();
    MonthRevenueDto::export_all(&cfg).unwrap();
    MoneyOverview::export_all(&cfg).unwrap();
    Page::<QuoteRow>::export_all(&cfg).unwrap();
    Page::<OverdueRow>::export_all(&cfg).unwrap();
    Page::<InvoiceRow>::export_all(&cfg).unwrap();
    Page::<Product>::export_all(&cfg).unwrap();
    ExpenseBaseInput::export_all(&cfg).unwrap();
    ExpenseInput::export_all(&cfg).unwrap();
    ExpenseTax::export_all(&cfg).unwrap();
    ExpenseTotals::export_all(&cfg).unwrap();
    ExpenseDocumentInfo::export_all(&cfg).unwrap();
    Expense::export_all(&cfg).unwrap();
    ExpenseRow::export_all(&cfg).unwrap();
    ExpenseFilter::export_all(&cfg).unwrap();
    Page::<ExpenseRow>::export_all(&cfg).unwrap();
    ProfitBy::export_all(&cfg).unwrap();
    ProfitPeriod::export_all(&cfg).unwrap();
    ProfitCurrency::export_all(&cfg).unwrap();
    ProfitReport::export_all(&cfg).unwrap();
    VatRow::export_all(&cfg).unwrap();
    VatCurrency::export_all(&cfg).unwrap();
    VatReport::export_all(&cfg).unwrap();
    TaggedKind::export_all(&cfg).unwrap();
    Tag::export_all(&cfg).unwrap();
    FieldKind::export_all(&cfg).unwrap();
    FieldInput::export_all(&cfg).unwrap();
    FieldDef::export_all(&cfg).unwrap();
    CustomFieldValue::export_all(&cfg).unwrap();
    ListSort::export_all(&cfg).unwrap();
    FieldMatch::export_all(&cfg).unwrap();
    ContactFilterInput::export_all(&cfg).unwrap();
    CompanyFilterInput::export_all(&cfg).unwrap();
    DealFilterInput::export_all(&cfg).unwrap();
    SearchHit::export_all(&cfg).unwrap();
    SearchKind::export_all(&cfg).unwrap();
    VaultSummary::export_all(&cfg).unwrap();
    CreatedVault::export_all(&cfg).unwrap();
    UnlockKind::export_all(&cfg).unwrap();
    Locale::export_all(&cfg).unwrap();
    AppSettings::export_all(&cfg).unwrap();
    KdfInfo::export_all(&cfg).unwrap();
    KeyslotInfo::export_all(&cfg).unwrap();
    VaultInfo::export_all(&cfg).unwrap();
    CheckReport::export_all(&cfg).unwrap();
    AutoBackupSettings::export_all(&cfg).unwrap();
    AutoBackupLast::export_all(&cfg).unwrap();
    BackupKeyMode::export_all(&cfg).unwrap();
    BackupInfo::export_all(&cfg).unwrap();
    BackupResult::export_all(&cfg).unwrap();
    VerifyReport::export_all(&cfg).unwrap();
    RestoreReport::export_all(&cfg).unwrap();
    BackupStage::export_all(&cfg).unwrap();
    BackupProgress::export_all(&cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ts") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    let fresh_dir = tempfile::tempdir().unwrap();
    export_all(fresh_dir.path());
    let fresh = read_dir(fresh_dir.path());
    for (name, text) in &fresh {
        assert!(
            !text.contains("bigint"),
            "{name} would cross IPC as bigint: use u32 or a string"
        );
    }
    if std::env::var_os("SIGILO_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        for name in read_dir(&committed_dir).keys() {
            if !fresh.contains_key(name) {
                std::fs::remove_file(committed_dir.join(name)).unwrap();
            }
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "ui/src/lib/bindings is out of date: run `SIGILO_UPDATE_BINDINGS=1 cargo test -p sigilo-api --test bindings`"
    );
    for (name, text) in &fresh {
        assert_eq!(
            committed.get(name),
            Some(text),
            "{name} is out of date: run `SIGILO_UPDATE_BINDINGS=1 cargo test -p sigilo-api --test bindings`"
        );
    }
}
