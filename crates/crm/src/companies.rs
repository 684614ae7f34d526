//! Companies: roles (customer, supplier, prospect — several at once), tax id, labelled addresses, website,
//! billing terms, notes; supplier agreements; deletion that asks what to do with linked records; keyset lists.

use rusqlite::{Connection, OptionalExtension, params};

use crate::fields::{self, FieldFilter};
use crate::money::Currency;
pub use crate::paging::Sort;
use crate::paging::{self, ListQuery, Page};
use crate::search::{self, IndexEntry};
use crate::tags::Entity;
use crate::text::fold;
use crate::valid::{self, Address, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::{CrmError, RecordKind, Result, contacts, now_iso, taxid};

/// What a company is to the business; a company may have several roles at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Customer,
    Supplier,
    Prospect,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Supplier => "supplier",
            Role::Prospect => "prospect",
        }
    }

    /// Parses `customer`, `supplier` or `prospect`.
    pub fn parse(s: &str) -> Result<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "customer" => Ok(Role::Customer),
            "supplier" => Ok(Role::Supplier),
            "prospect" => Ok(Role::Prospect),
            _ => Err(CrmError::invalid(
                "roles",
                format!("\"{s}\" is not one of customer, supplier, prospect"),
            )),
        }
    }

    /// The column holding this role, and the partial index that lists its companies in name order.
    fn column_and_index(self) -> (&'static str, &'static str) {
        match self {
            Role::Customer => ("is_customer", "company_customers"),
            Role::Supplier => ("is_supplier", "company_suppliers"),
            Role::Prospect => ("is_prospect", "company_prospects"),
        }
    }
}

/// A company's roles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub customer: bool,
    pub supplier: bool,
    pub prospect: bool,
}

impl Roles {
    /// The roles that are set, in the order customer, supplier, prospect.
    pub fn list(self) -> Vec<Role> {
        [
            (self.customer, Role::Customer),
            (self.supplier, Role::Supplier),
            (self.prospect, Role::Prospect),
        ]
        .into_iter()
        .filter_map(|(on, r)| on.then_some(r))
        .collect()
    }

    /// Roles from a list (duplicates are harmless).
    pub fn of(roles: &[Role]) -> Roles {
        Roles {
            customer: roles.contains(&Role::Customer),
            supplier: roles.contains(&Role::Supplier),
            prospect: roles.contains(&Role::Prospect),
        }
    }
}

/// Longest payment term accepted, in days.
pub const MAX_PAYMENT_DAYS: u32 = 3650;

/// What a user supplies for a company, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCompany {
    pub name: String,
    pub roles: Roles,
    /// ISO 3166-1 alpha-2 country of the tax id; `None` means Spain ("ES") when a tax id is given.
    pub tax_country: Option<String>,
    pub tax_id: Option<String>,
    pub addresses: Vec<Address>,
    pub website: Option<String>,
    /// Billing terms: days to pay an invoice.
    pub payment_days: Option<u32>,
    /// Billing terms: ISO 4217 currency code.
    pub currency: Option<String>,
    pub notes: Option<String>,
}

/// A stored company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRecord {
    pub id: i64,
    pub name: String,
    pub roles: Roles,
    pub tax_country: Option<String>,
    pub tax_id: Option<String>,
    pub addresses: Vec<Address>,
    pub website: Option<String>,
    pub payment_days: Option<u32>,
    pub currency: Option<String>,
    pub notes: Option<String>,
    pub last_interaction_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of a company list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub roles: Roles,
    pub tax_id: Option<String>,
    pub last_interaction_at: Option<String>,
}

/// What to do with a company's contacts and deals when it is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// Refuse when anything is linked (the safe default).
    Refuse,
    /// Delete the linked contacts and deals too.
    Cascade,
    /// Keep them, unlinked: contacts keep the company's name as text and their history; deals lose the link.
    Detach,
}

/// Trims, checks and normalises a company. Every error names the field it concerns.
pub fn validate(input: NewCompany) -> Result<NewCompany> {
    let name = valid::required(&input.name, "name", MAX_SHORT_TEXT)?;
    let tax_id = input
        .tax_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| taxid::check(input.tax_country.as_deref(), t))
        .transpose()?;
    let (tax_country, tax_id) = match tax_id {
        Some(t) => (Some(t.country), Some(t.id)),
        None => (None, None),
    };
    if let Some(days) = input.payment_days
        && days > MAX_PAYMENT_DAYS
    {
        return Err(CrmError::invalid(
            "payment_days",
            format!("at most {MAX_PAYMENT_DAYS} days"),
        ));
    }
    let currency = input
        .currency
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| Currency::parse(c, "currency").map(|c| c.code().to_owned()))
        .transpose()?;
    Ok(NewCompany {
        name,
        roles: input.roles,
        tax_country,
        tax_id,
        addresses: valid::addresses(input.addresses)?,
        website: valid::website(input.website)?,
        payment_days: input.payment_days,
        currency,
        notes: valid::optional(input.notes, "notes", MAX_LONG_TEXT)?,
    })
}

/// Inserts a validated company and indexes it; returns its id.
pub fn insert(conn: &Connection, input: NewCompany) -> Result<i64> {
    let c = validate(input)?;
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO company (name, sort_key, is_customer, is_supplier, is_prospect, tax_country, tax_id, \
         website, payment_days, currency, notes, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        c.name,
        fold(&c.name),
        c.roles.customer,
        c.roles.supplier,
        c.roles.prospect,
        c.tax_country,
        c.tax_id,
        c.website,
        c.payment_days,
        c.currency,
        c.notes,
        now
    ])?;
    let id = conn.last_insert_rowid();
    write_addresses(conn, id, &c.addresses)?;
    reindex(conn, id)?;
    Ok(id)
}

/// Replaces every field of a company. A new name reaches its linked contacts (their company name and search
/// entries).
pub fn update(conn: &Connection, id: i64, input: NewCompany) -> Result<()> {
    let c = validate(input)?;
    let changed = conn
        .prepare_cached(
            "UPDATE company SET name = ?2, sort_key = ?3, is_customer = ?4, is_supplier = ?5, is_prospect = ?6, \
             tax_country = ?7, tax_id = ?8, website = ?9, payment_days = ?10, currency = ?11, notes = ?12, \
             updated_at = ?13 WHERE id = ?1",
        )?
        .execute(params![
            id,
            c.name,
            fold(&c.name),
            c.roles.customer,
            c.roles.supplier,
            c.roles.prospect,
            c.tax_country,
            c.tax_id,
            c.website,
            c.payment_days,
            c.currency,
            c.notes,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    write_addresses(conn, id, &c.addresses)?;
    let renamed: Vec<i64> = conn
        .prepare_cached(
            "UPDATE contact SET company = ?2 WHERE company_id = ?1 AND company IS NOT ?2 RETURNING id",
        )?
        .query_map(params![id, c.name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for contact in renamed {
        contacts::reindex(conn, contact)?;
    }
    let deals: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deal WHERE company_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for deal in deals {
        crate::deals::reindex(conn, deal)?;
    }
    reindex(conn, id)
}

/// How many contacts and deals link to a company now.
pub fn linked_counts(conn: &Connection, id: i64) -> Result<(u64, u64)> {
    let contacts: i64 = conn
        .prepare_cached("SELECT count(*) FROM contact WHERE company_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let deals: i64 = conn
        .prepare_cached("SELECT count(*) FROM deal WHERE company_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok((contacts.unsigned_abs(), deals.unsigned_abs()))
}

/// Deletes a company with its addresses, agreements and search entry. With contacts or deals linked it is
/// refused ([`CrmError::Refused`]) unless `on_delete` says [`OnDelete::Cascade`] (they are
/// deleted too) or [`OnDelete::Detach`] (they stay, unlinked; contacts' open company periods end on
/// `today`, `YYYY-MM-DD`).
pub fn delete(conn: &Connection, id: i64, on_delete: OnDelete, today: &str) -> Result<()> {
    let today = valid::format_date(valid::date(today, "today")?);
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM company WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(not_found(id));
    }
    let (n_contacts, n_deals) = linked_counts(conn, id)?;
    if n_contacts + n_deals > 0 {
        match on_delete {
            OnDelete::Refuse => {
                return Err(CrmError::Refused(format!(
                    "the company has {n_contacts} contact(s) and {n_deals} deal(s): choose to delete them too \
                     (cascade) or to keep them unlinked (detach)"
                )));
            }
            OnDelete::Cascade => {
                let linked: Vec<i64> = conn
                    .prepare_cached("SELECT id FROM contact WHERE company_id = ?1")?
                    .query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for contact in linked {
                    contacts::delete(conn, contact)?;
                }
                crate::deals::delete_for_company(conn, id)?;
            }
            OnDelete::Detach => {
                conn.prepare_cached(
                    "UPDATE contact_company SET to_date = max(coalesce(from_date, ?2), ?2) \
                     WHERE company_id = ?1 AND to_date IS NULL",
                )?
                .execute(params![id, today])?;
                conn.prepare_cached(
                    "UPDATE contact SET company_id = NULL, updated_at = ?2 WHERE company_id = ?1",
                )?
                .execute(params![id, now_iso()])?;
                // Deals keep their rows; the foreign key sets their company to NULL below.
            }
        }
    }
    let deals: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deal WHERE company_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("DELETE FROM company WHERE id = ?1")?
        .execute([id])?;
    for deal in deals {
        crate::deals::reindex(conn, deal)?;
    }
    search::remove(conn, RecordKind::Company, id)
}

fn write_addresses(conn: &Connection, id: i64, addresses: &[Address]) -> Result<()> {
    conn.prepare_cached("DELETE FROM company_address WHERE company_id = ?1")?
        .execute([id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO company_address (company_id, position, label, street, postal_code, city, region, country) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, a) in addresses.iter().enumerate() {
        stmt.execute(params![
            id,
            pos as i64,
            a.label,
            a.street,
            a.postal_code,
            a.city,
            a.region,
            a.country
        ])?;
    }
    Ok(())
}

/// Rewrites a company's search entry: name; tax id, website, addresses, notes, tags and custom text fields.
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let c = get(conn, id)?;
    let mut body: Vec<String> = Vec::new();
    body.extend(c.tax_id.clone());
    body.extend(c.website.clone());
    body.extend(c.addresses.iter().map(Address::one_line));
    body.extend(c.notes.clone());
    body.extend(crate::tags::index_text(conn, RecordKind::Company, id)?);
    search::put(
        conn,
        &IndexEntry {
            kind: RecordKind::Company,
            id,
            title: &c.name,
            body: &body.join("\n"),
        },
    )
}

fn not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "company",
        id: id.to_string(),
    }
}

/// One company with everything it holds.
pub fn get(conn: &Connection, id: i64) -> Result<CompanyRecord> {
    let c = conn
        .prepare_cached(
            "SELECT name, is_customer, is_supplier, is_prospect, tax_country, tax_id, website, payment_days, \
             currency, notes, last_interaction_at, created_at, updated_at FROM company WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(CompanyRecord {
                id,
                name: r.get(0)?,
                roles: Roles {
                    customer: r.get(1)?,
                    supplier: r.get(2)?,
                    prospect: r.get(3)?,
                },
                tax_country: r.get(4)?,
                tax_id: r.get(5)?,
                addresses: Vec::new(),
                website: r.get(6)?,
                payment_days: r.get(7)?,
                currency: r.get(8)?,
                notes: r.get(9)?,
                last_interaction_at: r.get(10)?,
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
            })
        })
        .optional()?;
    let Some(mut c) = c else {
        return Err(not_found(id));
    };
    c.addresses = conn
        .prepare_cached(
            "SELECT label, street, postal_code, city, region, country FROM company_address \
             WHERE company_id = ?1 ORDER BY position",
        )?
        .query_map([id], contacts::read_address)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(c)
}

const ROW_COLUMNS: &str = "c.id, c.name, c.is_customer, c.is_supplier, c.is_prospect, c.tax_id, c.last_interaction_at, c.sort_key";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(CompanyRow, String)> {
    Ok((
        CompanyRow {
            id: r.get(0)?,
            name: r.get(1)?,
            roles: Roles {
                customer: r.get(2)?,
                supplier: r.get(3)?,
                prospect: r.get(4)?,
            },
            tax_id: r.get(5)?,
            last_interaction_at: r.get(6)?,
        },
        r.get(7)?,
    ))
}

/// One company's list row, by id.
pub fn row(conn: &Connection, id: i64) -> Result<CompanyRow> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM company c WHERE c.id = ?1"
    ))?
    .query_row([id], read_row)
    .optional()?
    .map(|(row, _)| row)
    .ok_or_else(|| not_found(id))
}

/// How many companies the vault holds.
pub fn count(conn: &Connection) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM company")?
        .query_row([], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Filters for the company list; every filter set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFilter {
    /// Only companies with this role (walks that role's own name index).
    pub role: Option<Role>,
    /// Only companies carrying this tag.
    pub tag_id: Option<i64>,
    /// Only companies last contacted before this date-time (never-contacted ones count as before).
    pub last_contacted_before: Option<String>,
    /// Only companies last contacted at or after this date-time.
    pub last_contacted_after: Option<String>,
    /// Only companies whose custom field holds this value.
    pub field: Option<FieldFilter>,
    /// The order (name by default).
    pub sort: Sort,
}

/// The list's query: its conditions, and the filters that can drive it.
pub(crate) fn list_query(conn: &Connection, filter: &CompanyFilter) -> Result<ListQuery> {
    let mut q = ListQuery {
        columns: format!("{ROW_COLUMNS}, c.last_interaction_at"),
        ncols: 7,
        table: "company c",
        alias: "c",
        name_index: Some("company_list".to_owned()),
        contact_index: "company_by_last_interaction",
        ..ListQuery::default()
    };
    if let Some(role) = filter.role {
        let (column, index) = role.column_and_index();
        q.name_index = Some(index.to_owned());
        q.cond(&format!(" AND c.{column} = 1"), vec![]);
        q.driver(
            &format!("SELECT id FROM company INDEXED BY {index} WHERE {column} = 1"),
            vec![],
            false,
        );
    }
    if let Some(tag) = filter.tag_id {
        q.cond(
            " AND EXISTS (SELECT 1 FROM company_tag t WHERE t.company_id = c.id AND t.tag_id = ?_)",
            vec![tag.into()],
        );
        q.driver(
            "SELECT company_id AS id FROM company_tag WHERE tag_id = ?_",
            vec![tag.into()],
            false,
        );
    }
    if let Some(before) = &filter.last_contacted_before {
        let before = valid::datetime(before, "last_contacted_before")?;
        q.cond(
            " AND (c.last_interaction_at IS NULL OR c.last_interaction_at < ?_)",
            vec![before.clone().into()],
        );
        q.driver(
            "SELECT id FROM company INDEXED BY company_by_last_interaction \
             WHERE last_interaction_at IS NULL OR last_interaction_at < ?_",
            vec![before.clone().into()],
            true,
        );
        q.contacted_before = Some(before);
    }
    if let Some(after) = &filter.last_contacted_after {
        let after = valid::datetime(after, "last_contacted_after")?;
        q.cond(
            " AND c.last_interaction_at >= ?_",
            vec![after.clone().into()],
        );
        q.driver(
            "SELECT id FROM company WHERE last_interaction_at >= ?_",
            vec![after.into()],
            true,
        );
        q.contacted_after = true;
    }
    if let Some(f) = &filter.field {
        fields::filter_into(conn, Entity::Company, "c", f, &mut q)?;
    }
    Ok(q)
}

/// A page of companies that pass `filter`, in `filter.sort` order (name by default), continuing after `cursor`.
pub fn list(
    conn: &Connection,
    filter: &CompanyFilter,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<CompanyRow>> {
    // In name order, a role filter walks that role's own partial index.
    let q = list_query(conn, filter)?;
    paging::sorted(
        conn,
        &q,
        filter.sort,
        limit,
        cursor,
        |r| Ok(read_row(r)?.0),
        |row| row.id,
    )
}

// ----- supplier agreements -----

/// What a user supplies for a supplier agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAgreement {
    /// The terms in short ("Suministro anual de papel, 30 días").
    pub terms: String,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, not before the start.
    pub end_date: Option<String>,
    /// When to be reminded to renew, `YYYY-MM-DD`.
    pub renewal_reminder: Option<String>,
    /// Free-text conditions.
    pub conditions: Option<String>,
}

/// A stored supplier agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub id: i64,
    pub company_id: i64,
    pub terms: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub renewal_reminder: Option<String>,
    pub conditions: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn validate_agreement(a: NewAgreement) -> Result<NewAgreement> {
    let a = NewAgreement {
        terms: valid::required(&a.terms, "terms", MAX_SHORT_TEXT * 5)?,
        start_date: valid::optional_date(a.start_date, "start_date")?,
        end_date: valid::optional_date(a.end_date, "end_date")?,
        renewal_reminder: valid::optional_date(a.renewal_reminder, "renewal_reminder")?,
        conditions: valid::optional(a.conditions, "conditions", MAX_LONG_TEXT)?,
    };
    if let (Some(s), Some(e)) = (&a.start_date, &a.end_date)
        && e < s
    {
        return Err(CrmError::invalid(
            "end_date",
            "the agreement cannot end before it starts",
        ));
    }
    Ok(a)
}

/// Adds a supplier agreement to a company; returns its id.
pub fn add_agreement(conn: &Connection, company_id: i64, input: NewAgreement) -> Result<i64> {
    let a = validate_agreement(input)?;
    get(conn, company_id)?;
    conn.prepare_cached(
        "INSERT INTO supplier_agreement (company_id, terms, start_date, end_date, renewal_reminder, conditions, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        company_id,
        a.terms,
        a.start_date,
        a.end_date,
        a.renewal_reminder,
        a.conditions,
        now_iso()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces every field of a supplier agreement.
pub fn update_agreement(conn: &Connection, id: i64, input: NewAgreement) -> Result<()> {
    let a = validate_agreement(input)?;
    let changed = conn
        .prepare_cached(
            "UPDATE supplier_agreement SET terms = ?2, start_date = ?3, end_date = ?4, renewal_reminder = ?5, \
             conditions = ?6, updated_at = ?7 WHERE id = ?1",
        )?
        .execute(params![
            id,
            a.terms,
            a.start_date,
            a.end_date,
            a.renewal_reminder,
            a.conditions,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(agreement_not_found(id));
    }
    Ok(())
}

/// Deletes a supplier agreement.
pub fn delete_agreement(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("DELETE FROM supplier_agreement WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(agreement_not_found(id));
    }
    Ok(())
}

fn agreement_not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "supplier agreement",
        id: id.to_string(),
    }
}

const AGREEMENT_COLUMNS: &str = "id, company_id, terms, start_date, end_date, renewal_reminder, conditions, \
                                 created_at, updated_at";

fn read_agreement(r: &rusqlite::Row<'_>) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: r.get(0)?,
        company_id: r.get(1)?,
        terms: r.get(2)?,
        start_date: r.get(3)?,
        end_date: r.get(4)?,
        renewal_reminder: r.get(5)?,
        conditions: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// One supplier agreement.
pub fn agreement(conn: &Connection, id: i64) -> Result<Agreement> {
    conn.prepare_cached(&format!(
        "SELECT {AGREEMENT_COLUMNS} FROM supplier_agreement WHERE id = ?1"
    ))?
    .query_row([id], read_agreement)
    .optional()?
    .ok_or_else(|| agreement_not_found(id))
}

/// A company's supplier agreements, by start date (undated first), then id.
pub fn agreements(conn: &Connection, company_id: i64) -> Result<Vec<Agreement>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM supplier_agreement WHERE company_id = ?1 ORDER BY start_date, id"
        ))?
        .query_map([company_id], read_agreement)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Agreements whose renewal reminder falls on or before `on` (`YYYY-MM-DD`), soonest first, at most `limit`.
pub fn renewals_due(conn: &Connection, on: &str, limit: u32) -> Result<Vec<Agreement>> {
    let on = valid::format_date(valid::date(on, "on")?);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM supplier_agreement INDEXED BY supplier_agreement_by_reminder \
             WHERE renewal_reminder IS NOT NULL AND renewal_reminder <= ?1 ORDER BY renewal_reminder, id LIMIT ?2"
        ))?
        .query_map(params![on, i64::from(paging::clamp(limit))], read_agreement)?
        .collect::<rusqlite::Result<_>>()?)
}
