//! The invoicing use cases on an unlocked vault: business profile, products, series, invoices and credit
//! notes (draft, issue, pay, credit), the hash chain check. Reads call `sigilo-invoicing` on the vault's
//! connection; every write runs in one IMMEDIATE transaction with its audit event, so an app and a CLI issuing
//! at once queue on the write lock and get consecutive numbers.

use rusqlite::{Transaction, TransactionBehavior};
use sigilo_crm::money::{Currency, Money as CrmMoney};
use sigilo_crm::valid;
use sigilo_invoicing::documents::{self, DraftInput, LineInput, Status};
use sigilo_invoicing::products::{self, NewProduct};
use sigilo_invoicing::profile::{self, Profile};
use sigilo_invoicing::tax::{self, TaxCategory, TaxRate};
use sigilo_invoicing::{Dec, Discount, DocKind, InvoicingError, chain};

use crate::audit::{self, Action};
use crate::dto::{Money, Page};
use crate::dto_invoicing::*;
use crate::error::{ApiError, ErrorCode};
use crate::session::{Session, parse_id};

impl From<InvoicingError> for ApiError {
    fn from(e: InvoicingError) -> Self {
        match e {
            InvoicingError::Invalid { .. } | InvoicingError::Overflow { .. } => {
                ApiError::invalid(e.to_string())
            }
            InvoicingError::NotFound { .. } => ApiError::new(ErrorCode::NotFound, e.to_string()),
            InvoicingError::Refused(m) => ApiError::new(ErrorCode::Refused, m),
            InvoicingError::Crm(c) => c.into(),
            InvoicingError::Sqlite(s) => s.into(),
        }
    }
}

// ----- conversions -----

fn dec(v: &str, field: &'static str) -> Result<Dec, ApiError> {
    Ok(Dec::parse(v, field)?)
}

pub(crate) fn opt_dec(v: Option<&str>, field: &'static str) -> Result<Option<Dec>, ApiError> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| dec(s, field))
        .transpose()
}

pub(crate) fn opt_id(v: Option<&str>, kind: &str) -> Result<Option<i64>, ApiError> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse_id(s, kind))
        .transpose()
}

pub(crate) fn tax_in(t: &TaxDto) -> Result<TaxRate, ApiError> {
    let category = match t.category {
        TaxCategoryDto::Standard => TaxCategory::Standard,
        TaxCategoryDto::Zero => TaxCategory::Zero,
        TaxCategoryDto::Exempt => TaxCategory::Exempt {
            reason: t.exemption_reason.clone().unwrap_or_default(),
        },
        TaxCategoryDto::ReverseCharge => TaxCategory::ReverseCharge,
        TaxCategoryDto::IntraCommunity => TaxCategory::IntraCommunity,
        TaxCategoryDto::Export => TaxCategory::Export,
    };
    let percent = if t.percent.trim().is_empty() {
        Dec::ZERO
    } else {
        dec(&t.percent, "tax_percent")?
    };
    let rate = TaxRate {
        category,
        percent,
        surcharge: opt_dec(t.surcharge.as_deref(), "surcharge")?,
    };
    rate.validate()?;
    Ok(rate)
}

pub(crate) fn tax_out(t: &TaxRate) -> TaxDto {
    let (category, reason) = match &t.category {
        TaxCategory::Standard => (TaxCategoryDto::Standard, None),
        TaxCategory::Zero => (TaxCategoryDto::Zero, None),
        TaxCategory::Exempt { reason } => (TaxCategoryDto::Exempt, Some(reason.clone())),
        TaxCategory::ReverseCharge => (TaxCategoryDto::ReverseCharge, None),
        TaxCategory::IntraCommunity => (TaxCategoryDto::IntraCommunity, None),
        TaxCategory::Export => (TaxCategoryDto::Export, None),
    };
    TaxDto {
        category,
        percent: t.percent.to_string(),
        surcharge: t.surcharge.map(|s| s.to_string()),
        exemption_reason: reason,
    }
}

/// A percentage as printed in `lang`: "5,2 %" in Spanish, "5.2%" in English.
pub(crate) fn percent_label(d: Dec, lang: &str) -> String {
    if lang == "es" {
        format!("{} %", d.to_string().replace('.', ","))
    } else {
        format!("{d}%")
    }
}

/// The surcharge's label: "RE 5,2 %" / "Equivalence surcharge 5.2%".
pub(crate) fn surcharge_label(d: Dec, lang: &str) -> String {
    let name = if lang == "es" {
        "RE"
    } else {
        "Equivalence surcharge"
    };
    format!("{name} {}", percent_label(d, lang))
}

/// "IVA 21 %" / "VAT 21%", plus the surcharge; untaxed categories by name.
pub(crate) fn tax_label(t: &TaxRate, lang: &str) -> String {
    match t.surcharge {
        Some(s) if t.category == TaxCategory::Standard => {
            format!("{} + {}", vat_label(t, lang), surcharge_label(s, lang))
        }
        _ => vat_label(t, lang),
    }
}

/// The VAT part of a rate's label, without the surcharge.
pub(crate) fn vat_label(t: &TaxRate, lang: &str) -> String {
    let es = lang == "es";
    let pct = |d: Dec| percent_label(d, lang);
    match &t.category {
        TaxCategory::Standard => format!("{} {}", if es { "IVA" } else { "VAT" }, pct(t.percent)),
        TaxCategory::Zero => format!("{} {}", if es { "IVA" } else { "VAT" }, pct(Dec::ZERO)),
        TaxCategory::Exempt { .. } => (if es { "Exento" } else { "Exempt" }).to_owned(),
        TaxCategory::ReverseCharge => (if es {
            "Inversión del sujeto pasivo"
        } else {
            "Reverse charge"
        })
        .to_owned(),
        TaxCategory::IntraCommunity => (if es {
            "Intracomunitaria exenta"
        } else {
            "Intra-EU exempt"
        })
        .to_owned(),
        TaxCategory::Export => (if es {
            "Exportación exenta"
        } else {
            "Export exempt"
        })
        .to_owned(),
    }
}

pub(crate) fn money(minor: i64, c: Currency) -> Money {
    let m = CrmMoney { minor, currency: c };
    Money {
        amount: m.to_decimal_string(),
        currency: c.code().to_owned(),
    }
}

fn kind_in(k: InvoiceKind) -> DocKind {
    match k {
        InvoiceKind::Invoice => DocKind::Invoice,
        InvoiceKind::CreditNote => DocKind::CreditNote,
    }
}

fn kind_out(k: DocKind) -> InvoiceKind {
    match k {
        DocKind::Invoice => InvoiceKind::Invoice,
        DocKind::CreditNote => InvoiceKind::CreditNote,
    }
}

fn status_out(s: Status) -> InvoiceStatus {
    match s {
        Status::Draft => InvoiceStatus::Draft,
        Status::Issued => InvoiceStatus::Issued,
        Status::PartiallyPaid => InvoiceStatus::PartiallyPaid,
        Status::Paid => InvoiceStatus::Paid,
        Status::Overdue => InvoiceStatus::Overdue,
        Status::Voided => InvoiceStatus::Voided,
    }
}

fn status_in(s: InvoiceStatus) -> Status {
    match s {
        InvoiceStatus::Draft => Status::Draft,
        InvoiceStatus::Issued => Status::Issued,
        InvoiceStatus::PartiallyPaid => Status::PartiallyPaid,
        InvoiceStatus::Paid => Status::Paid,
        InvoiceStatus::Overdue => Status::Overdue,
        InvoiceStatus::Voided => Status::Voided,
    }
}

pub(crate) fn line_in(l: &InvoiceLineInput) -> Result<LineInput, ApiError> {
    let discount = match (
        opt_dec(l.discount_percent.as_deref(), "discount")?,
        opt_dec(l.discount_amount.as_deref(), "discount")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "discount: give a percentage or an amount, not both",
            ));
        }
        (Some(p), None) => Discount::Percent(p),
        (None, Some(a)) => Discount::Amount(a),
        (None, None) => Discount::None,
    };
    Ok(LineInput {
        product_id: opt_id(l.product_id.as_deref(), "product")?,
        description: l.description.clone(),
        quantity: dec(&l.quantity, "quantity")?,
        unit: l.unit.clone(),
        unit_price: dec(&l.unit_price, "unit_price")?,
        discount,
        tax: tax_in(&l.tax)?,
    })
}

fn draft_in(i: &InvoiceInput) -> Result<DraftInput, ApiError> {
    Ok(DraftInput {
        kind: kind_in(i.kind),
        series: i.series.clone(),
        company_id: opt_id(i.company_id.as_deref(), "company")?,
        contact_id: opt_id(i.contact_id.as_deref(), "contact")?,
        issue_date: valid::optional_date(i.issue_date.clone(), "issue_date")?,
        due_date: valid::optional_date(i.due_date.clone(), "due_date")?,
        currency: i.currency.clone(),
        language: i.language.clone().unwrap_or_default(),
        withholding: opt_dec(i.withholding_percent.as_deref(), "withholding")?,
        notes: i.notes.clone(),
        corrects: opt_id(i.corrects.as_deref(), "invoice")?,
        correction_reason: i.correction_reason.clone(),
        lines: i.lines.iter().map(line_in).collect::<Result<_, _>>()?,
    })
}

fn seller_fields(json: Option<&str>) -> Vec<PartyField> {
    let Some(v) = json.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok()) else {
        return Vec::new();
    };
    let order = [
        "legal_name",
        "tax_country",
        "tax_id",
        "street",
        "postal_code",
        "city",
        "region",
        "country",
        "email",
        "phone",
        "iban",
        "footer",
    ];
    order
        .iter()
        .filter_map(|k| {
            v.get(k).and_then(|x| x.as_str()).map(|s| PartyField {
                field: (*k).to_owned(),
                value: Some(s.to_owned()),
            })
        })
        .collect()
}

pub(crate) fn lines_out(lines: Vec<documents::StoredLine>, c: Currency) -> Vec<InvoiceLine> {
    lines
        .into_iter()
        .map(|l| {
            let (dp, da) = match l.input.discount {
                Discount::None => (None, None),
                Discount::Percent(p) => (Some(p.to_string()), None),
                Discount::Amount(a) => (None, Some(a.to_string())),
            };
            InvoiceLine {
                product_id: l.input.product_id.map(|i| i.to_string()),
                description: l.input.description,
                quantity: l.input.quantity.to_string(),
                unit: l.input.unit,
                unit_price: l.input.unit_price.to_string(),
                discount_percent: dp,
                discount_amount: da,
                tax: tax_out(&l.input.tax),
                net: money(l.net, c),
            }
        })
        .collect()
}

pub(crate) fn taxes_out(t: &sigilo_invoicing::Totals, lang: &str) -> Vec<TaxBreakdown> {
    let c = t.currency;
    t.rates
        .iter()
        .map(|r| TaxBreakdown {
            tax: tax_out(&r.rate),
            label: tax_label(&r.rate, lang),
            base: money(r.base, c),
            tax_amount: money(r.tax, c),
            surcharge_amount: money(r.surcharge, c),
            mention: r.rate.mention(lang),
        })
        .collect()
}

pub(crate) fn totals_out(t: &sigilo_invoicing::Totals, c: Currency) -> InvoiceTotals {
    InvoiceTotals {
        net: money(t.net, c),
        tax: money(t.tax, c),
        surcharge: money(t.surcharge, c),
        withholding: money(t.withholding, c),
        total: money(t.total, c),
    }
}

fn invoice_out(d: documents::Document) -> Invoice {
    let c = d.currency;
    let lang = d.language.clone();
    Invoice {
        id: d.id.to_string(),
        kind: kind_out(d.kind),
        series: d.series,
        number: d.number,
        status: status_out(d.status),
        issue_date: d.issue_date,
        due_date: d.due_date,
        currency: c.code().to_owned(),
        language: d.language,
        company_id: d.company_id.map(|i| i.to_string()),
        contact_id: d.contact_id.map(|i| i.to_string()),
        corrects: d.corrects.map(|i| i.to_string()),
        corrects_number: d.corrects_number,
        correction_reason: d.correction_reason,
        withholding_percent: d.withholding.map(|w| w.to_string()),
        notes: d.notes,
        lines: lines_out(d.lines, c),
        taxes: taxes_out(&d.totals, &lang),
        totals: totals_out(&d.totals, c),
        paid: money(d.paid, c),
        credited: money(d.credited, c),
        balance: money(d.balance, c),
        payments: d
            .payments
            .into_iter()
            .map(|p| PaymentDto {
                id: p.id.to_string(),
                amount: money(p.amount, c),
                date: p.paid_on,
                method: p.method,
                note: p.note,
            })
            .collect(),
        seller: seller_fields(d.seller.as_deref()),
        buyer: d
            .buyer
            .into_iter()
            .map(|(field, value)| PartyField { field, value })
            .collect(),
        hash: d.hash,
        issued_at: d.issued_at,
    }
}

fn profile_in(p: BusinessProfile) -> Profile {
    Profile {
        legal_name: p.legal_name,
        tax_country: p.tax_country,
        tax_id: p.tax_id,
        street: p.street,
        postal_code: p.postal_code,
        city: p.city,
        region: p.region,
        country: p.country,
        email: p.email,
        phone: p.phone,
        currency: p.currency,
        iban: p.iban,
        footer: p.footer,
    }
}

fn product_in(p: &ProductInput) -> Result<NewProduct, ApiError> {
    Ok(NewProduct {
        name: p.name.clone(),
        description: p.description.clone(),
        unit: p.unit.clone(),
        unit_price: dec(&p.unit_price, "unit_price")?,
        currency: p.currency.clone(),
        tax: tax_in(&p.tax)?,
    })
}

fn product_out(p: products::Product) -> Product {
    Product {
        id: p.id.to_string(),
        name: p.name,
        description: p.description,
        unit: p.unit,
        unit_price: p.unit_price.to_string(),
        currency: p.currency,
        tax: tax_out(&p.tax),
        archived: p.archived,
    }
}

fn parse_amount(amount: &str, currency: &str) -> Result<i64, ApiError> {
    Ok(CrmMoney::parse(amount, currency, "amount")?.minor)
}

impl Session {
    /// One IMMEDIATE transaction with its audit event, for invoicing writes.
    pub(crate) fn write_invoicing<T>(
        &mut self,
        action: Action,
        entity: &str,
        change: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, Option<String>), InvoicingError>,
    ) -> Result<T, ApiError> {
        let today = valid::local_today(self.vault().conn())?;
        let tx = self
            .vault_mut()
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (out, id) = change(&tx, &today)?;
        audit::record(&tx, action, entity, id.as_deref())?;
        tx.commit()?;
        Ok(out)
    }

    /// Today on this computer's clock and time zone, YYYY-MM-DD (the date invoices are issued and due on).
    pub fn today(&self) -> Result<String, ApiError> {
        Ok(valid::local_today(self.vault().conn())?)
    }

    // ----- profile -----

    pub fn profile_get(&self) -> Result<BusinessProfile, ApiError> {
        let conn = self.vault().conn();
        let p = profile::get(conn)?;
        let missing = profile::missing_for_issue(&p)
            .into_iter()
            .map(str::to_owned)
            .collect();
        Ok(BusinessProfile {
            legal_name: p.legal_name,
            tax_country: p.tax_country,
            tax_id: p.tax_id,
            street: p.street,
            postal_code: p.postal_code,
            city: p.city,
            region: p.region,
            country: p.country,
            email: p.email,
            phone: p.phone,
            currency: p.currency,
            iban: p.iban,
            footer: p.footer,
            has_logo: profile::logo(conn)?.is_some(),
            missing_for_issue: missing,
        })
    }

    /// Replaces the profile's fields (the logo is kept).
    pub fn profile_set(&mut self, p: BusinessProfile) -> Result<(), ApiError> {
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "profile", |tx, _| {
            profile::set(tx, profile_in(p), &at)?;
            Ok(((), None))
        })
    }

    /// Stores the invoice logo (PNG or JPEG, at most 1 MiB); `None` removes it.
    pub fn profile_set_logo(&mut self, bytes: Option<Vec<u8>>) -> Result<(), ApiError> {
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "profile", |tx, _| {
            profile::set_logo(tx, bytes.as_deref(), &at)?;
            Ok(((), None))
        })
    }

    /// The tax presets for a country: Spain's full table for "ES", generic standard/reduced/zero otherwise.
    pub fn tax_presets(&self, country: &str, lang: &str) -> Vec<TaxPresetDto> {
        let list = if country.trim().eq_ignore_ascii_case("ES") {
            tax::spain()
        } else {
            tax::generic(Dec::int(20), Dec::new(10, 0))
        };
        list.into_iter()
            .map(|p| TaxPresetDto {
                key: p.key.to_owned(),
                label: if lang == "en" { p.label_en } else { p.label_es }.to_owned(),
                tax: tax_out(&p.rate),
            })
            .collect()
    }

    // ----- products -----

    pub fn product_add(&mut self, input: ProductInput) -> Result<String, ApiError> {
        let p = product_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "product", |tx, _| {
            let id = products::insert(tx, p, &at)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn product_update(&mut self, id: &str, input: ProductInput) -> Result<(), ApiError> {
        let id = parse_id(id, "product")?;
        let p = product_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "product", |tx, _| {
            products::update(tx, id, p, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn product_archive(&mut self, id: &str, archived: bool) -> Result<(), ApiError> {
        let id = parse_id(id, "product")?;
        self.write_invoicing(Action::Update, "product", |tx, _| {
            products::archive(tx, id, archived)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn product_get(&self, id: &str) -> Result<Product, ApiError> {
        Ok(product_out(products::get(
            self.vault().conn(),
            parse_id(id, "product")?,
        )?))
    }

    pub fn product_list(
        &self,
        include_archived: bool,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Product>, ApiError> {
        let page = products::list(self.vault().conn(), include_archived, limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(product_out).collect(),
            next_cursor: page.next_cursor,
        })
    }

    // ----- series -----

    pub fn series_list(&self) -> Result<Vec<SeriesDto>, ApiError> {
        Ok(documents::series_list(self.vault().conn())?
            .into_iter()
            .map(|s| SeriesDto {
                code: s.code,
                kind: kind_out(s.kind),
                next_number: s.next_number,
                digits: s.digits,
                last_date: s.last_date,
            })
            .collect())
    }

    /// Adds a series starting at `start` (to continue another tool's numbering).
    pub fn series_add(
        &mut self,
        code: &str,
        kind: InvoiceKind,
        start: i64,
        digits: u8,
    ) -> Result<(), ApiError> {
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "series", |tx, _| {
            documents::series_add(tx, code, kind_in(kind), start, digits, &at)?;
            Ok(((), Some(code.to_owned())))
        })
    }

    // ----- invoices -----

    /// Saves a draft invoice or credit note; resolves to its id.
    pub fn invoice_create(&mut self, input: InvoiceInput) -> Result<String, ApiError> {
        let draft = draft_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "invoice", |tx, today| {
            let id = documents::create_draft(tx, draft, today, &at)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    /// Replaces a draft (an issued invoice is refused).
    pub fn invoice_update(&mut self, id: &str, input: InvoiceInput) -> Result<(), ApiError> {
        let id = parse_id(id, "invoice")?;
        let draft = draft_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "invoice", |tx, today| {
            documents::update_draft(tx, id, draft, today, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Deletes a draft (an issued invoice is refused: correct it with a credit note).
    pub fn invoice_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "invoice")?;
        self.write_invoicing(Action::Delete, "invoice", |tx, _| {
            documents::delete_draft(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Issues a draft: next number of its series, snapshots, totals and hash; resolves to the number.
    pub fn invoice_issue(&mut self, id: &str) -> Result<String, ApiError> {
        let id = parse_id(id, "invoice")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "invoice", |tx, today| {
            let number = documents::issue(tx, id, today, &at)?;
            Ok((number, Some(id.to_string())))
        })
    }

    pub fn invoice_get(&self, id: &str) -> Result<Invoice, ApiError> {
        let id = parse_id(id, "invoice")?;
        Ok(invoice_out(documents::get(
            self.vault().conn(),
            id,
            &self.today()?,
        )?))
    }

    /// A page of invoices and credit notes, newest first, only those with `status` when given.
    pub fn invoice_list(
        &self,
        status: Option<InvoiceStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<InvoiceRow>, ApiError> {
        let conn = self.vault().conn();
        let page = documents::list(conn, status.map(status_in), &self.today()?, limit, cursor)?;
        let mut items = Vec::with_capacity(page.items.len());
        for s in page.items {
            let c = Currency::parse(&s.currency, "currency")?;
            items.push(InvoiceRow {
                id: s.id.to_string(),
                kind: kind_out(s.kind),
                number: s.number,
                status: status_out(s.status),
                issue_date: s.issue_date,
                due_date: s.due_date,
                buyer: s.buyer,
                total: money(s.total, c),
                paid: money(s.paid, c),
                balance: money(s.balance, c),
            });
        }
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }

    /// Records a payment on an issued invoice; resolves to the payment's id.
    pub fn invoice_pay(&mut self, id: &str, p: PaymentInput) -> Result<String, ApiError> {
        let id = parse_id(id, "invoice")?;
        let currency: String = self
            .vault()
            .conn()
            .query_row("SELECT currency FROM invoice WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    ApiError::new(ErrorCode::NotFound, format!("no invoice with id {id}"))
                }
                e => e.into(),
            })?;
        let amount = parse_amount(&p.amount, &currency)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "payment", |tx, _| {
            let pid = documents::pay(tx, id, amount, &p.date, p.method, p.note, &at)?;
            Ok((pid.to_string(), Some(id.to_string())))
        })
    }

    /// A draft credit note for issued invoice `id`: the whole invoice (`input` none) or the lines given.
    pub fn invoice_credit(
        &mut self,
        id: &str,
        input: Option<InvoiceInput>,
        reason: Option<String>,
    ) -> Result<String, ApiError> {
        let original = parse_id(id, "invoice")?;
        let at = sigilo_crm::now_iso();
        let draft = match input {
            Some(mut i) => {
                i.kind = InvoiceKind::CreditNote;
                i.corrects = Some(original.to_string());
                if reason.is_some() {
                    i.correction_reason = reason.clone();
                }
                Some(draft_in(&i)?)
            }
            None => None,
        };
        self.write_invoicing(Action::Create, "invoice", |tx, today| {
            let cid = match draft {
                Some(d) => documents::create_draft(tx, d, today, &at)?,
                None => documents::credit_full(tx, original, reason, today, &at)?,
            };
            Ok((cid.to_string(), Some(cid.to_string())))
        })
    }

    /// Re-computes the hash chain (of one series when given) and names the first record that does not match.
    pub fn invoice_verify_chain(&self, series: Option<&str>) -> Result<ChainReportDto, ApiError> {
        let r = chain::verify(self.vault().conn(), series)?;
        Ok(ChainReportDto {
            intact: r.first_broken.is_none(),
            checked: r.checked,
            first_broken: r.first_broken.map(|b| BrokenRecord {
                number: b.number,
                seq: b.seq,
                reason: b.reason,
            }),
            tip: r.tip,
        })
    }
}
