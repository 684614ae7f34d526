//! The products and services catalogue: name, description, unit, unit price (exact decimal) in a currency,
//! and the default tax rate a new invoice line takes.

use rusqlite::{Connection, Row, params};
use sigilo_crm::money::Currency;
use sigilo_crm::paging::{self, Page};
use sigilo_crm::text::fold;
use sigilo_crm::valid;

use crate::decimal::Dec;
use crate::tax::{TaxCategory, TaxRate};
use crate::{InvoicingError, Result};

/// A product as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduct {
    pub name: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub unit_price: Dec,
    pub currency: String,
    pub tax: TaxRate,
}

/// A stored product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub unit_price: Dec,
    pub currency: String,
    pub tax: TaxRate,
    pub archived: bool,
}

/// A tax rate as its four columns: category code, percent, surcharge, exemption reason.
pub(crate) fn rate_columns(t: &TaxRate) -> (&'static str, String, Option<String>, Option<String>) {
    let reason = match &t.category {
        TaxCategory::Exempt { reason } => Some(reason.clone()),
        _ => None,
    };
    (
        t.category.code(),
        t.percent.to_string(),
        t.surcharge.map(|s| s.to_string()),
        reason,
    )
}

/// Rebuilds a tax rate from its columns (as written by [`rate_columns`]).
pub(crate) fn rate_from(
    code: &str,
    percent: &str,
    surcharge: Option<&str>,
    reason: Option<String>,
) -> Result<TaxRate> {
    let category = match code {
        "S" => TaxCategory::Standard,
        "Z" => TaxCategory::Zero,
        "E" => TaxCategory::Exempt {
            reason: reason.unwrap_or_default(),
        },
        "AE" => TaxCategory::ReverseCharge,
        "K" => TaxCategory::IntraCommunity,
        "G" => TaxCategory::Export,
        other => {
            return Err(InvoicingError::invalid(
                "tax_category",
                format!("unknown VAT category {other}"),
            ));
        }
    };
    Ok(TaxRate {
        category,
        percent: Dec::parse(percent, "tax_percent")?,
        surcharge: surcharge.map(|s| Dec::parse(s, "surcharge")).transpose()?,
    })
}

fn validate(p: NewProduct) -> Result<NewProduct> {
    if p.unit_price.is_negative() {
        return Err(InvoicingError::invalid(
            "unit_price",
            "a price cannot be negative",
        ));
    }
    p.tax.validate()?;
    Ok(NewProduct {
        name: valid::required(&p.name, "name", 200)?,
        description: valid::optional(p.description, "description", 2000)?,
        unit: valid::optional(p.unit, "unit", 20)?,
        currency: Currency::parse(&p.currency, "currency")?.code().to_owned(),
        ..p
    })
}

pub fn insert(conn: &Connection, p: NewProduct, at: &str) -> Result<i64> {
    let p = validate(p)?;
    let (cat, pct, sur, reason) = rate_columns(&p.tax);
    conn.execute(
        "INSERT INTO product (name, sort_key, description, unit, unit_price, currency, tax_category, tax_percent,
             tax_surcharge, exemption_reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![p.name, fold(&p.name), p.description, p.unit, p.unit_price.to_string(), p.currency, cat, pct, sur, reason, at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, p: NewProduct, at: &str) -> Result<()> {
    let p = validate(p)?;
    let (cat, pct, sur, reason) = rate_columns(&p.tax);
    let n = conn.execute(
        "UPDATE product SET name = ?2, sort_key = ?3, description = ?4, unit = ?5, unit_price = ?6, currency = ?7,
             tax_category = ?8, tax_percent = ?9, tax_surcharge = ?10, exemption_reason = ?11, updated_at = ?12
         WHERE id = ?1",
        params![id, p.name, fold(&p.name), p.description, p.unit, p.unit_price.to_string(), p.currency, cat, pct, sur, reason, at],
    )?;
    if n == 0 {
        return Err(InvoicingError::not_found("product", id));
    }
    Ok(())
}

/// Hides a product from pickers (invoices that used it keep their own copy of the line).
pub fn archive(conn: &Connection, id: i64, archived: bool) -> Result<()> {
    if conn.execute(
        "UPDATE product SET archived = ?2 WHERE id = ?1",
        params![id, archived],
    )? == 0
    {
        return Err(InvoicingError::not_found("product", id));
    }
    Ok(())
}

const COLUMNS: &str =
    "id, name, description, unit, unit_price, currency, tax_category, tax_percent, tax_surcharge,
     exemption_reason, archived, sort_key";

fn read(r: &Row<'_>) -> rusqlite::Result<(Product, String)> {
    let price: String = r.get(4)?;
    let cat: String = r.get(6)?;
    let pct: String = r.get(7)?;
    let sur: Option<String> = r.get(8)?;
    let tax = rate_from(&cat, &pct, sur.as_deref(), r.get(9)?)
        .unwrap_or_else(|_| TaxRate::untaxed(TaxCategory::Zero));
    Ok((
        Product {
            id: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
            unit: r.get(3)?,
            unit_price: Dec::parse(&price, "unit_price").unwrap_or(Dec::ZERO),
            currency: r.get(5)?,
            tax,
            archived: r.get(10)?,
        },
        r.get(11)?,
    ))
}

pub fn get(conn: &Connection, id: i64) -> Result<Product> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM product WHERE id = ?1"),
        [id],
        read,
    )
    .map(|(p, _)| p)
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => InvoicingError::not_found("product", id),
        e => e.into(),
    })
}

/// A page of products in name order (archived ones only when asked), continuing after `cursor`.
pub fn list(
    conn: &Connection,
    include_archived: bool,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Product>> {
    let limit = paging::clamp(limit);
    let (key, id) = match cursor {
        Some(c) => paging::decode(c)?,
        None => (String::new(), 0),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM product
         WHERE (sort_key, id) > (?1, ?2) AND (?3 OR archived = 0)
         ORDER BY sort_key, id LIMIT ?4"
    ))?;
    let rows = stmt
        .query_map(
            params![key, id, include_archived, i64::from(limit) + 1],
            read,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let page = paging::finish(rows, limit, |(p, k)| (k.clone(), p.id));
    Ok(Page {
        items: page.items.into_iter().map(|(p, _)| p).collect(),
        next_cursor: page.next_cursor,
    })
}
