//! The CRM use cases on an unlocked vault: companies, interactions and timelines, tasks, deals. Reads call the
//! domain crate on the vault's connection; every write goes through [`Session::write`] with its audit event.

use rusqlite::Connection;
use sigilo_crm::companies::{self, CompanyFilter, NewCompany, OnDelete, Role, Roles};
use sigilo_crm::contacts;
use sigilo_crm::valid;

use crate::audit::Action;
use crate::dto::{Address, Company, CompanyDeletion, CompanyInput, CompanyRole, CompanyRow, Page};
use crate::error::ApiError;
use crate::session::{Session, parse_id};

/// Today's date on this computer's clock and time zone, `YYYY-MM-DD` (SQLite's `localtime`, which follows the
/// operating system's zone rules): the "today" of task views and of a company's detach date.
pub(crate) fn local_today(conn: &Connection) -> Result<String, ApiError> {
    Ok(conn.query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))?)
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

// ----- companies -----

fn role_in(r: CompanyRole) -> Role {
    match r {
        CompanyRole::Customer => Role::Customer,
        CompanyRole::Supplier => Role::Supplier,
        CompanyRole::Prospect => Role::Prospect,
    }
}

fn roles_out(r: Roles) -> Vec<CompanyRole> {
    r.list()
        .into_iter()
        .map(|r| match r {
            Role::Customer => CompanyRole::Customer,
            Role::Supplier => CompanyRole::Supplier,
            Role::Prospect => CompanyRole::Prospect,
        })
        .collect()
}

fn address_in(a: Address) -> valid::Address {
    valid::Address {
        label: a.label,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
        region: a.region,
        country: a.country,
    }
}

fn address_out(a: valid::Address) -> Address {
    Address {
        label: a.label,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
        region: a.region,
        country: a.country,
    }
}

fn company_in(c: CompanyInput) -> NewCompany {
    let roles: Vec<Role> = c.roles.into_iter().map(role_in).collect();
    NewCompany {
        name: c.name,
        roles: Roles::of(&roles),
        tax_country: c.tax_country,
        tax_id: c.tax_id,
        addresses: c.addresses.into_iter().map(address_in).collect(),
        website: c.website,
        payment_days: c.payment_days,
        currency: c.currency,
        notes: c.notes,
    }
}

fn company_row(r: companies::CompanyRow) -> CompanyRow {
    CompanyRow {
        id: r.id.to_string(),
        name: r.name,
        roles: roles_out(r.roles),
        tax_id: r.tax_id,
        last_interaction_at: r.last_interaction_at,
    }
}

impl Session {
    pub fn company_add(&mut self, input: CompanyInput) -> Result<String, ApiError> {
        self.write(Action::Create, "company", |tx| {
            let id = companies::insert(tx, company_in(input))?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn company_get(&self, id: &str) -> Result<Company, ApiError> {
        let conn = self.vault().conn();
        let c = companies::get(conn, parse_id(id, "company")?)?;
        let (contacts, deals) = companies::linked_counts(conn, c.id)?;
        Ok(Company {
            id: c.id.to_string(),
            name: c.name,
            roles: roles_out(c.roles),
            tax_country: c.tax_country,
            tax_id: c.tax_id,
            addresses: c.addresses.into_iter().map(address_out).collect(),
            website: c.website,
            payment_days: c.payment_days,
            currency: c.currency,
            notes: c.notes,
            last_interaction_at: c.last_interaction_at,
            contacts: count(contacts),
            deals: count(deals),
            created_at: c.created_at,
            updated_at: c.updated_at,
        })
    }

    /// Replaces every field of a company (its new name reaches its contacts).
    pub fn company_update(&mut self, id: &str, input: CompanyInput) -> Result<(), ApiError> {
        let id = parse_id(id, "company")?;
        self.write(Action::Update, "company", |tx| {
            companies::update(tx, id, company_in(input))?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Deletes a company. With contacts or deals linked, [`CompanyDeletion::Refuse`] fails with `refused`;
    /// `Cascade` deletes them too; `Detach` keeps them unlinked (contacts' company periods end today).
    pub fn company_delete(&mut self, id: &str, mode: CompanyDeletion) -> Result<(), ApiError> {
        let id = parse_id(id, "company")?;
        let today = local_today(self.vault().conn())?;
        let on_delete = match mode {
            CompanyDeletion::Refuse => OnDelete::Refuse,
            CompanyDeletion::Cascade => OnDelete::Cascade,
            CompanyDeletion::Detach => OnDelete::Detach,
        };
        self.write(Action::Delete, "company", |tx| {
            companies::delete(tx, id, on_delete, &today)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Links a contact to a company record as of today (its previous link ends today: the history keeps it), or
    /// unlinks it with `None`. The contact's company name follows the link.
    pub fn contact_link_company(
        &mut self,
        contact_id: &str,
        company_id: Option<&str>,
    ) -> Result<(), ApiError> {
        let contact = parse_id(contact_id, "contact")?;
        let company = company_id
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| parse_id(s, "company"))
            .transpose()?;
        let today = local_today(self.vault().conn())?;
        self.write(Action::Update, "contact", |tx| {
            contacts::get(tx, contact)?;
            contacts::link_company(tx, contact, company, &today, None)?;
            Ok(((), Some(contact.to_string())))
        })
    }

    /// A page of companies in name order (only those with `role` when given), continuing after `cursor`.
    pub fn company_list(
        &self,
        role: Option<CompanyRole>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<CompanyRow>, ApiError> {
        let filter = CompanyFilter {
            role: role.map(role_in),
            ..CompanyFilter::default()
        };
        let page = companies::list(self.vault().conn(), &filter, limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(company_row).collect(),
            next_cursor: page.next_cursor,
        })
    }
}
