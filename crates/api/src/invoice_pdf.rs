//! An invoice or credit note as a PDF: maps the stored document (the seller and buyer as printed when issued;
//! the current profile and customer for a draft's preview) to `sigilo_pdf::InvoiceDocument` and renders it.

use sigilo_crm::{companies, contacts};
use sigilo_invoicing::documents::{self, Document};
use sigilo_invoicing::{Discount, DocKind, profile};
use sigilo_pdf::{
    Currency as PdfCurrency, DocumentKind, InvoiceDocument, Lang, Line, Party, Payment,
    PaymentMethod, Surcharge, TaxRow, Totals, Withholding,
};
use time::Date;
use time::macros::format_description;

use crate::error::{ApiError, ErrorCode};
use crate::invoicing::{percent_label, surcharge_label, tax_label, vat_label};
use crate::session::{Session, parse_id};

fn date(s: &str, field: &str) -> Result<Date, ApiError> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).map_err(|_| {
        ApiError::new(
            ErrorCode::Damaged,
            format!("the invoice's {field} is not a date: {s}"),
        )
    })
}

fn field<'a>(fields: &'a [(String, Option<String>)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(f, _)| f == name)
        .and_then(|(_, v)| v.as_deref())
}

fn address_lines(
    street: Option<&str>,
    postal: Option<&str>,
    city: Option<&str>,
    country: Option<&str>,
) -> Vec<String> {
    let town = [postal, city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        street.map(str::to_owned),
        Some(town),
        country.map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .filter(|l| !l.trim().is_empty())
    .collect()
}

/// The seller: the snapshot of an issued document, else the profile as it is now.
fn seller(
    session: &Session,
    d: &Document,
) -> Result<(Party, Option<String>, Option<String>), ApiError> {
    let snap: Option<serde_json::Value> = d
        .seller
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok());
    let get = |k: &str| -> Option<String> {
        snap.as_ref()
            .and_then(|v| v.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    if snap.is_some() {
        let party = Party {
            name: get("legal_name").unwrap_or_default(),
            tax_id: get("tax_id"),
            address: address_lines(
                get("street").as_deref(),
                get("postal_code").as_deref(),
                get("city").as_deref(),
                get("country").as_deref(),
            ),
            email: get("email"),
            phone: get("phone"),
        };
        return Ok((party, get("iban"), get("footer")));
    }
    let p = profile::get(session.vault().conn())?;
    let party = Party {
        name: p.legal_name.clone().unwrap_or_default(),
        tax_id: p.tax_id.clone(),
        address: address_lines(
            p.street.as_deref(),
            p.postal_code.as_deref(),
            p.city.as_deref(),
            p.country.as_deref(),
        ),
        email: p.email.clone(),
        phone: p.phone.clone(),
    };
    Ok((party, p.iban, p.footer))
}

/// The buyer: the printed fields of an issued document, else the customer as it is now.
fn buyer(session: &Session, d: &Document) -> Result<Party, ApiError> {
    if d.issued_at.is_some() {
        let b = &d.buyer;
        let mut address: Vec<String> = field(b, "address").map(str::to_owned).into_iter().collect();
        if let Some(att) = field(b, "attention") {
            address.push(att.to_owned());
        }
        return Ok(Party {
            name: field(b, "name").unwrap_or("—").to_owned(),
            tax_id: field(b, "tax_id").map(str::to_owned),
            address,
            email: field(b, "email").map(str::to_owned),
            phone: None,
        });
    }
    let conn = session.vault().conn();
    if let Some(id) = d.company_id {
        let c = companies::get(conn, id)?;
        return Ok(Party {
            name: c.name,
            tax_id: c.tax_id,
            address: c
                .addresses
                .first()
                .map(|a| a.one_line())
                .into_iter()
                .collect(),
            email: None,
            phone: None,
        });
    }
    if let Some(id) = d.contact_id {
        let p = contacts::get_full(conn, id)?;
        return Ok(Party {
            name: p.name,
            tax_id: None,
            address: p
                .addresses
                .first()
                .map(|a| a.one_line())
                .into_iter()
                .collect(),
            email: p.emails.first().map(|e| e.value.clone()),
            phone: None,
        });
    }
    Ok(Party {
        name: "—".to_owned(),
        ..Party::default()
    })
}

impl Session {
    /// The invoice or credit note as PDF bytes, in its own language. A draft renders as a preview marked with
    /// its draft state instead of a number.
    pub fn invoice_pdf(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let conn = self.vault().conn();
        let today = sigilo_crm::valid::local_today(conn)?;
        let d = documents::get(conn, parse_id(id, "invoice")?, &today)?;
        let lang_code = d.language.clone();
        let lang = Lang::from_code(&lang_code).unwrap_or(Lang::Es);
        let (seller, iban, footer) = seller(self, &d)?;
        let buyer = buyer(self, &d)?;
        let kind = match (d.kind, d.corrects) {
            (DocKind::CreditNote, Some(orig)) => {
                let o = documents::get(conn, orig, &today)?;
                DocumentKind::CreditNote {
                    original_number: o.number.unwrap_or_default(),
                    original_issue_date: date(
                        o.issue_date.as_deref().unwrap_or(&today),
                        "issue date",
                    )?,
                    reason: d.correction_reason.clone(),
                }
            }
            _ => DocumentKind::Invoice,
        };
        let number = d.number.clone().unwrap_or_else(|| {
            if lang == Lang::Es {
                "BORRADOR"
            } else {
                "DRAFT"
            }
            .to_owned()
        });
        let lines = d
            .lines
            .iter()
            .map(|l| Line {
                description: l.input.description.clone(),
                quantity: l.input.quantity.to_string(),
                unit: l.input.unit.clone(),
                unit_price: l.input.unit_price.to_string(),
                discount: match l.input.discount {
                    Discount::None => None,
                    Discount::Percent(p) => Some(percent_label(p, &lang_code)),
                    Discount::Amount(a) => Some(format!("-{a}")),
                },
                tax: tax_label(&l.input.tax, &lang_code),
                net: l.net,
            })
            .collect();
        let taxes = d
            .totals
            .rates
            .iter()
            .map(|r| TaxRow {
                label: vat_label(&r.rate, &lang_code),
                base: r.base,
                tax: r.tax,
                surcharge: r.rate.surcharge.map(|s| Surcharge {
                    label: surcharge_label(s, &lang_code),
                    amount: r.surcharge,
                }),
            })
            .collect();
        let mut mentions: Vec<String> = Vec::new();
        for r in &d.totals.rates {
            if let Some(m) = r.rate.mention(&lang_code)
                && !mentions.contains(&m)
            {
                mentions.push(m);
            }
        }
        let withholding = d
            .withholding
            .filter(|_| d.totals.withholding != 0)
            .map(|w| Withholding {
                label: format!("IRPF {}", percent_label(w, &lang_code)),
                amount: d.totals.withholding,
            });
        let logo = profile::logo(conn)?.map(|l| l.bytes);
        let doc = InvoiceDocument {
            lang,
            kind,
            number,
            issue_date: date(d.issue_date.as_deref().unwrap_or(&today), "issue date")?,
            due_date: d
                .due_date
                .as_deref()
                .map(|s| date(s, "due date"))
                .transpose()?,
            currency: PdfCurrency::new(d.currency.code(), d.currency.exponent()),
            seller,
            buyer,
            lines,
            taxes,
            withholding,
            totals: Totals {
                net: d.totals.net,
                tax: d.totals.tax,
                surcharge: d.totals.surcharge,
                withholding: d.totals.withholding,
                total: d.totals.total,
            },
            mentions,
            payment: iban.map(|iban| Payment {
                method: PaymentMethod::BankTransfer,
                iban: Some(iban),
                bic: None,
                note: None,
            }),
            footer,
            logo,
            verification: d.hash.as_deref().map(|h| h.chars().take(16).collect()),
        };
        sigilo_pdf::render(&doc).map_err(|e| match e {
            sigilo_pdf::PdfError::Missing(_) => ApiError::new(
                ErrorCode::Refused,
                format!("{e}: complete the business profile first"),
            ),
            sigilo_pdf::PdfError::LogoFormat
            | sigilo_pdf::PdfError::LogoUnreadable(_)
            | sigilo_pdf::PdfError::LogoTooLarge => ApiError::invalid(format!("logo: {e}")),
            other => ApiError::new(ErrorCode::Internal, other.to_string()),
        })
    }
}
