//! The CRM use cases on an unlocked vault: companies, interactions and timelines, tasks, deals. Reads call the
//! domain crate on the vault's connection; every write goes through [`Session::write`] with its audit event.

use rusqlite::Connection;
use sigilo_crm::companies::{self, CompanyFilter, NewAgreement, NewCompany, OnDelete, Role, Roles};
use sigilo_crm::contacts;
use sigilo_crm::deals::{self, DealFilter, NewDeal};
use sigilo_crm::fields::{self, FieldFilter, NewField};
use sigilo_crm::interactions::{self, NewInteraction, TimelineOf};
use sigilo_crm::paging::Sort;
use sigilo_crm::tags::{self, Entity};
use sigilo_crm::tasks::{self, LogAs, NewTask, Priority, View};
use sigilo_crm::valid;

use crate::audit::Action;
use crate::dto::*;
use crate::error::ApiError;
use crate::session::{Session, parse_id};

fn opt_id(id: Option<&str>, kind: &str) -> Result<Option<i64>, ApiError> {
    id.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse_id(s, kind))
        .transpose()
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

pub(crate) fn address_in(a: Address) -> valid::Address {
    valid::Address {
        label: a.label,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
        region: a.region,
        country: a.country,
    }
}

pub(crate) fn address_out(a: valid::Address) -> Address {
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
            custom_fields: custom_fields_out(conn, TaggedKind::Company, c.id)?,
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
        let today = valid::local_today(self.vault().conn())?;
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
        let today = valid::local_today(self.vault().conn())?;
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

    /// A page of companies that pass `filter`, in its order, continuing after `cursor` (a cursor belongs to
    /// one order). Unknown tags and fields are `not_found`; a field value its kind refuses is `invalid_input`.
    pub fn company_list_filtered(
        &self,
        filter: CompanyFilterInput,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<CompanyRow>, ApiError> {
        let conn = self.vault().conn();
        let filter = CompanyFilter {
            role: filter.role.map(role_in),
            tag_id: tag_filter(conn, filter.tag.as_deref())?,
            last_contacted_before: when(conn, filter.last_contacted_before)?,
            last_contacted_after: when(conn, filter.last_contacted_after)?,
            field: field_filter(conn, Entity::Company, filter.field)?,
            sort: sort_in(filter.sort),
        };
        let page = companies::list(conn, &filter, limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(company_row).collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// A page of contacts that pass `filter`, in its order, continuing after `cursor` (a cursor belongs to one
    /// order). Unknown tags and fields are `not_found`; a field value its kind refuses is `invalid_input`.
    pub fn contact_list_filtered(
        &self,
        filter: ContactFilterInput,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ContactRow>, ApiError> {
        let conn = self.vault().conn();
        let filter = contacts::ContactFilter {
            company_id: opt_id(filter.company_id.as_deref(), "company")?,
            last_contacted_before: when(conn, filter.last_contacted_before)?,
            last_contacted_after: when(conn, filter.last_contacted_after)?,
            tag_id: tag_filter(conn, filter.tag.as_deref())?,
            field: field_filter(conn, Entity::Contact, filter.field)?,
            sort: sort_in(filter.sort),
        };
        let page = contacts::list_filtered(conn, &filter, limit, cursor)?;
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(crate::session::contact_row)
                .collect(),
            next_cursor: page.next_cursor,
        })
    }
}

// ----- list filters -----

fn sort_in(s: ListSort) -> Sort {
    match s {
        ListSort::Name => Sort::Name,
        ListSort::Created => Sort::Newest,
        ListSort::LastContacted => Sort::RecentlyContacted,
    }
}

/// The tag a filter names; an unknown name is `not_found` (a typo should not look like an empty list).
fn tag_filter(conn: &Connection, name: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    match tags::by_name(conn, name)? {
        Some(t) => Ok(Some(t.id)),
        None => Err(ApiError::new(
            crate::ErrorCode::NotFound,
            format!("no tag named \"{name}\""),
        )),
    }
}

fn field_filter(
    conn: &Connection,
    entity: Entity,
    m: Option<FieldMatch>,
) -> Result<Option<FieldFilter>, ApiError> {
    let Some(m) = m else { return Ok(None) };
    let def = resolve_field(conn, entity, &m.field)?;
    Ok(Some(FieldFilter {
        field_id: def.id,
        value: m.value,
    }))
}

/// A filter's date or date-time as the domain wants it: a bare `YYYY-MM-DD` is the start of that day on this
/// computer; a date-time without an offset is local time too.
fn when(conn: &Connection, v: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let v = if v.len() == 10 && !v.contains(['T', 't']) {
        format!("{v}T00:00")
    } else {
        v
    };
    Ok(Some(valid::local_datetime(conn, &v)?))
}

/// A field of an entity type by name (case and accents ignored) or id; anything else is `not_found`.
fn resolve_field(
    conn: &Connection,
    entity: Entity,
    name_or_id: &str,
) -> Result<fields::FieldDef, ApiError> {
    if let Some(def) = fields::by_name(conn, entity, name_or_id)? {
        return Ok(def);
    }
    let missing = || {
        ApiError::new(
            crate::ErrorCode::NotFound,
            format!(
                "no {} field named \"{}\"",
                entity.as_str(),
                name_or_id.trim()
            ),
        )
    };
    let id: i64 = name_or_id.trim().parse().map_err(|_| missing())?;
    match fields::definition(conn, id) {
        Ok(def) if def.entity == entity => Ok(def),
        _ => Err(missing()),
    }
}

/// A record's custom field values, in definition order.
pub(crate) fn custom_fields_out(
    conn: &Connection,
    kind: TaggedKind,
    id: i64,
) -> Result<Vec<CustomFieldValue>, ApiError> {
    Ok(fields::values(conn, entity_in(kind), id)?
        .into_iter()
        .map(|v| CustomFieldValue {
            field_id: v.field_id.to_string(),
            name: v.name,
            kind: field_kind_out(v.kind),
            value: v.value,
        })
        .collect())
}

// ----- supplier agreements -----

fn agreement_in(a: AgreementInput) -> NewAgreement {
    NewAgreement {
        terms: a.terms,
        start_date: a.start_date,
        end_date: a.end_date,
        renewal_reminder: a.renewal_reminder,
        conditions: a.conditions,
    }
}

fn agreement_out(a: companies::Agreement) -> Agreement {
    Agreement {
        id: a.id.to_string(),
        company_id: a.company_id.to_string(),
        terms: a.terms,
        start_date: a.start_date,
        end_date: a.end_date,
        renewal_reminder: a.renewal_reminder,
        conditions: a.conditions,
        created_at: a.created_at,
        updated_at: a.updated_at,
    }
}

impl Session {
    /// Adds a supplier agreement to a company; returns its id.
    pub fn agreement_add(
        &mut self,
        company_id: &str,
        input: AgreementInput,
    ) -> Result<String, ApiError> {
        let company = parse_id(company_id, "company")?;
        self.write(Action::Create, "agreement", |tx| {
            let id = companies::add_agreement(tx, company, agreement_in(input))?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn agreement_get(&self, id: &str) -> Result<Agreement, ApiError> {
        let id = parse_id(id, "supplier agreement")?;
        Ok(agreement_out(companies::agreement(
            self.vault().conn(),
            id,
        )?))
    }

    /// A company's supplier agreements, by start date (undated first), then id. An unknown company is
    /// `not_found`.
    pub fn agreement_list(&self, company_id: &str) -> Result<Vec<Agreement>, ApiError> {
        let conn = self.vault().conn();
        let company = parse_id(company_id, "company")?;
        companies::row(conn, company)?;
        Ok(companies::agreements(conn, company)?
            .into_iter()
            .map(agreement_out)
            .collect())
    }

    /// Replaces every field of a supplier agreement.
    pub fn agreement_update(&mut self, id: &str, input: AgreementInput) -> Result<(), ApiError> {
        let id = parse_id(id, "supplier agreement")?;
        self.write(Action::Update, "agreement", |tx| {
            companies::update_agreement(tx, id, agreement_in(input))?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn agreement_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "supplier agreement")?;
        self.write(Action::Delete, "agreement", |tx| {
            companies::delete_agreement(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Agreements whose renewal reminder falls on or before `on` (`YYYY-MM-DD`; `None`: today on this
    /// computer), soonest first, at most `limit`.
    pub fn agreements_due(&self, on: Option<&str>, limit: u32) -> Result<Vec<Agreement>, ApiError> {
        let conn = self.vault().conn();
        let on = match on {
            Some(d) => d.to_owned(),
            None => valid::local_today(conn)?,
        };
        Ok(companies::renewals_due(conn, &on, limit)?
            .into_iter()
            .map(agreement_out)
            .collect())
    }
}

// ----- interactions and timelines -----

fn kind_in(k: InteractionKind) -> interactions::InteractionKind {
    use interactions::InteractionKind as K;
    match k {
        InteractionKind::Call => K::Call,
        InteractionKind::Meeting => K::Meeting,
        InteractionKind::Email => K::Email,
        InteractionKind::Message => K::Message,
        InteractionKind::Note => K::Note,
    }
}

fn kind_out(k: interactions::InteractionKind) -> InteractionKind {
    use interactions::InteractionKind as K;
    match k {
        K::Call => InteractionKind::Call,
        K::Meeting => InteractionKind::Meeting,
        K::Email => InteractionKind::Email,
        K::Message => InteractionKind::Message,
        K::Note => InteractionKind::Note,
    }
}

pub(crate) fn direction_in(d: Direction) -> interactions::Direction {
    match d {
        Direction::Inbound => interactions::Direction::Inbound,
        Direction::Outbound => interactions::Direction::Outbound,
        Direction::None => interactions::Direction::None,
    }
}

fn direction_out(d: interactions::Direction) -> Direction {
    match d {
        interactions::Direction::Inbound => Direction::Inbound,
        interactions::Direction::Outbound => Direction::Outbound,
        interactions::Direction::None => Direction::None,
    }
}

fn interaction_out(i: interactions::Interaction) -> Interaction {
    Interaction {
        id: i.id.to_string(),
        kind: kind_out(i.kind),
        at: i.at,
        direction: direction_out(i.direction),
        subject: i.subject,
        body: i.body,
        contact_ids: i.contact_ids.iter().map(i64::to_string).collect(),
        company_id: i.company_id.map(|id| id.to_string()),
        deal_id: i.deal_id.map(|id| id.to_string()),
        created_at: i.created_at,
        updated_at: i.updated_at,
    }
}

impl Session {
    /// Logs an interaction; returns its id.
    pub fn interaction_add(&mut self, input: InteractionInput) -> Result<String, ApiError> {
        let new = NewInteraction {
            kind: kind_in(input.kind),
            at: valid::local_datetime(self.vault().conn(), &input.at)?,
            direction: direction_in(input.direction),
            subject: input.subject,
            body: input.body,
            contact_ids: input
                .contact_ids
                .iter()
                .map(|id| parse_id(id, "contact"))
                .collect::<Result<_, _>>()?,
            company_id: opt_id(input.company_id.as_deref(), "company")?,
            deal_id: opt_id(input.deal_id.as_deref(), "deal")?,
        };
        self.write(Action::Create, "interaction", |tx| {
            let id = interactions::insert(tx, new)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn interaction_get(&self, id: &str) -> Result<Interaction, ApiError> {
        let i = interactions::get(self.vault().conn(), parse_id(id, "interaction")?)?;
        Ok(interaction_out(i))
    }

    pub fn interaction_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "interaction")?;
        self.write(Action::Delete, "interaction", |tx| {
            interactions::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// A page of a contact's, company's or deal's timeline, newest first, continuing after `cursor`. An unknown
    /// owner is `not_found` (an empty timeline is an empty page).
    pub fn timeline(
        &self,
        of: &TimelineOwner,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Interaction>, ApiError> {
        let conn = self.vault().conn();
        let of = match of {
            TimelineOwner::Contact(id) => {
                let id = parse_id(id, "contact")?;
                contacts::row(conn, id)?;
                TimelineOf::Contact(id)
            }
            TimelineOwner::Company(id) => {
                let id = parse_id(id, "company")?;
                companies::row(conn, id)?;
                TimelineOf::Company(id)
            }
            TimelineOwner::Deal(id) => {
                let id = parse_id(id, "deal")?;
                sigilo_crm::deals::get(conn, id)?;
                TimelineOf::Deal(id)
            }
        };
        let page = interactions::timeline(conn, of, limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(interaction_out).collect(),
            next_cursor: page.next_cursor,
        })
    }
}

// ----- tasks -----

fn priority_in(p: TaskPriority) -> Priority {
    match p {
        TaskPriority::Low => Priority::Low,
        TaskPriority::Normal => Priority::Normal,
        TaskPriority::High => Priority::High,
        TaskPriority::Urgent => Priority::Urgent,
    }
}

fn priority_out(p: Priority) -> TaskPriority {
    match p {
        Priority::Low => TaskPriority::Low,
        Priority::Normal => TaskPriority::Normal,
        Priority::High => TaskPriority::High,
        Priority::Urgent => TaskPriority::Urgent,
    }
}

fn task_out(t: tasks::Task) -> Task {
    Task {
        id: t.id.to_string(),
        title: t.title,
        due_date: t.due_date,
        due_time: t.due_time,
        done: t.done,
        done_at: t.done_at,
        priority: priority_out(t.priority),
        contact_id: t.contact_id.map(|id| id.to_string()),
        company_id: t.company_id.map(|id| id.to_string()),
        deal_id: t.deal_id.map(|id| id.to_string()),
        notes: t.notes,
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

fn task_in(t: TaskInput) -> Result<NewTask, ApiError> {
    Ok(NewTask {
        title: t.title,
        due_date: t.due_date,
        due_time: t.due_time,
        priority: priority_in(t.priority),
        contact_id: opt_id(t.contact_id.as_deref(), "contact")?,
        company_id: opt_id(t.company_id.as_deref(), "company")?,
        deal_id: opt_id(t.deal_id.as_deref(), "deal")?,
        notes: t.notes,
    })
}

impl Session {
    /// Adds a task; returns its id.
    pub fn task_add(&mut self, input: TaskInput) -> Result<String, ApiError> {
        let new = task_in(input)?;
        self.write(Action::Create, "task", |tx| {
            let id = tasks::insert(tx, new)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    pub fn task_get(&self, id: &str) -> Result<Task, ApiError> {
        Ok(task_out(tasks::get(
            self.vault().conn(),
            parse_id(id, "task")?,
        )?))
    }

    /// Replaces a task's fields (not its done state).
    pub fn task_update(&mut self, id: &str, input: TaskInput) -> Result<(), ApiError> {
        let id = parse_id(id, "task")?;
        let new = task_in(input)?;
        self.write(Action::Update, "task", |tx| {
            tasks::update(tx, id, new)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn task_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "task")?;
        self.write(Action::Delete, "task", |tx| {
            tasks::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// A page of open tasks in `view` for today's date on this computer, by due date and time, then id.
    pub fn task_list(
        &self,
        view: TaskView,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Task>, ApiError> {
        let conn = self.vault().conn();
        let today = valid::local_today(conn)?;
        let view = match view {
            TaskView::Today => View::Today,
            TaskView::Overdue => View::Overdue,
            TaskView::Upcoming => View::Upcoming { until: None },
        };
        let page = tasks::view(conn, &view, &today, limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(task_out).collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// Marks a task done now. With `log`, also logs an interaction (now, linked to the task's contact, company
    /// and deal) in the same transaction and returns its id. Completing a done task again is `refused`.
    pub fn task_done(
        &mut self,
        id: &str,
        log: Option<TaskLog>,
    ) -> Result<Option<String>, ApiError> {
        let id = parse_id(id, "task")?;
        let log = log.map(|l| LogAs {
            kind: kind_in(l.kind),
            direction: direction_in(l.direction),
            subject: l.subject,
            body: l.body,
        });
        let at = sigilo_crm::now_iso();
        self.write(Action::Update, "task", |tx| {
            let interaction = tasks::complete(tx, id, &at, log)?;
            if let Some(i) = interaction {
                crate::audit::record(tx, Action::Create, "interaction", Some(&i.to_string()))?;
            }
            Ok((interaction.map(|i| i.to_string()), Some(id.to_string())))
        })
    }
}

// ----- deals -----

fn money_out(m: &sigilo_crm::money::Money) -> Money {
    Money {
        amount: m.to_decimal_string(),
        currency: m.currency.code().to_owned(),
    }
}

fn deal_in(conn: &Connection, input: DealInput) -> Result<NewDeal, ApiError> {
    let stage_id = input
        .stage
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| resolve_stage(conn, s))
        .transpose()?;
    Ok(NewDeal {
        title: input.title,
        stage_id,
        company_id: opt_id(input.company_id.as_deref(), "company")?,
        contact_id: opt_id(input.contact_id.as_deref(), "contact")?,
        value: input.value,
        currency: input.currency,
        probability: input.probability,
        expected_close: input.expected_close,
        owner_notes: input.owner_notes,
    })
}

fn stage_kind_out(k: deals::StageKind) -> StageKind {
    match k {
        deals::StageKind::Open => StageKind::Open,
        deals::StageKind::Won => StageKind::Won,
        deals::StageKind::Lost => StageKind::Lost,
    }
}

fn deal_out(d: deals::Deal) -> Deal {
    Deal {
        id: d.id.to_string(),
        title: d.title,
        stage_id: d.stage_id.to_string(),
        stage_name: d.stage_name,
        stage_kind: stage_kind_out(d.stage_kind),
        company_id: d.company_id.map(|id| id.to_string()),
        contact_id: d.contact_id.map(|id| id.to_string()),
        value: money_out(&d.value),
        probability: d.probability,
        expected_close: d.expected_close,
        owner_notes: d.owner_notes,
        reason: d.reason,
        closed_at: d.closed_at,
        created_at: d.created_at,
        updated_at: d.updated_at,
        last_interaction_at: d.last_interaction_at,
        custom_fields: Vec::new(),
    }
}

/// A deal with its custom field values.
fn deal_full(conn: &Connection, d: deals::Deal) -> Result<Deal, ApiError> {
    let custom_fields = custom_fields_out(conn, TaggedKind::Deal, d.id)?;
    Ok(Deal {
        custom_fields,
        ..deal_out(d)
    })
}

fn stage_in(s: StageInput) -> deals::NewStage {
    deals::NewStage {
        name: s.name,
        probability: s.probability,
        kind: match s.kind {
            StageKind::Open => deals::StageKind::Open,
            StageKind::Won => deals::StageKind::Won,
            StageKind::Lost => deals::StageKind::Lost,
        },
    }
}

/// A stage by name (case and accents ignored), else by id; neither is `invalid_input` naming `stage`.
fn resolve_stage(conn: &Connection, stage: &str) -> Result<i64, ApiError> {
    match deals::stage_by_name(conn, stage) {
        Ok(s) => Ok(s.id),
        Err(by_name) => match stage.trim().parse::<i64>() {
            Ok(id) => Ok(deals::stage(conn, id)
                .map_err(|_| ApiError::from(by_name))?
                .id),
            Err(_) => Err(by_name.into()),
        },
    }
}

impl Session {
    /// The pipeline's stages in order.
    pub fn deal_stages(&self) -> Result<Vec<Stage>, ApiError> {
        Ok(deals::stages(self.vault().conn())?
            .into_iter()
            .map(stage_out)
            .collect())
    }

    /// One stage, by name (case and accents ignored) or id.
    pub fn stage_get(&self, stage: &str) -> Result<Stage, ApiError> {
        let conn = self.vault().conn();
        Ok(stage_out(deals::stage(conn, resolve_stage(conn, stage)?)?))
    }

    /// Adds a stage at the end of the pipeline; returns its id. A name another stage has (case and accents
    /// ignored) is `refused`.
    pub fn stage_add(&mut self, input: StageInput) -> Result<String, ApiError> {
        let new = stage_in(input);
        self.write(Action::Create, "stage", |tx| {
            let id = deals::add_stage(tx, new)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    /// Renames a stage (a name or id) or changes its default probability or kind; deals in it keep their
    /// probability. Changing the kind of a stage that holds deals, or of the pipeline's last stage of a kind, is
    /// `refused`.
    pub fn stage_update(&mut self, stage: &str, input: StageInput) -> Result<(), ApiError> {
        let id = resolve_stage(self.vault().conn(), stage)?;
        let new = stage_in(input);
        self.write(Action::Update, "stage", |tx| {
            deals::update_stage(tx, id, new)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Sets the pipeline order: `stages` (names or ids) must name every stage exactly once.
    pub fn stage_reorder(&mut self, stages: &[String]) -> Result<(), ApiError> {
        let conn = self.vault().conn();
        let ids = stages
            .iter()
            .map(|s| resolve_stage(conn, s))
            .collect::<Result<Vec<_>, _>>()?;
        self.write(Action::Update, "stage", |tx| {
            deals::reorder_stages(tx, &ids)?;
            Ok(((), None))
        })
    }

    /// Deletes a stage (a name or id) that holds no deals; otherwise, or for the pipeline's last stage of a
    /// kind, `refused`.
    pub fn stage_delete(&mut self, stage: &str) -> Result<(), ApiError> {
        let id = resolve_stage(self.vault().conn(), stage)?;
        self.write(Action::Delete, "stage", |tx| {
            deals::delete_stage(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Creates a deal (entering its stage now); returns its id.
    pub fn deal_add(&mut self, input: DealInput) -> Result<String, ApiError> {
        let new = deal_in(self.vault().conn(), input)?;
        let at = sigilo_crm::now_iso();
        self.write(Action::Create, "deal", |tx| {
            let id = deals::insert(tx, new, &at)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    /// Replaces a deal's fields. A different stage is a move now (a lost stage is refused here: use
    /// [`Session::deal_move`] with its reason); a `null` probability keeps the deal's own unless the stage
    /// changes.
    pub fn deal_update(&mut self, id: &str, input: DealInput) -> Result<(), ApiError> {
        let id = parse_id(id, "deal")?;
        let new = deal_in(self.vault().conn(), input)?;
        let at = sigilo_crm::now_iso();
        self.write(Action::Update, "deal", |tx| {
            deals::update(tx, id, new, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn deal_get(&self, id: &str) -> Result<Deal, ApiError> {
        let conn = self.vault().conn();
        deal_full(conn, deals::get(conn, parse_id(id, "deal")?)?)
    }

    /// A page of deals in title order (only those in `stage`, a name or id, when given).
    pub fn deal_list(
        &self,
        stage: Option<&str>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Deal>, ApiError> {
        let conn = self.vault().conn();
        let filter = DealFilter {
            stage_id: stage.map(|s| resolve_stage(conn, s)).transpose()?,
            ..DealFilter::default()
        };
        self.deal_list_with(&filter, limit, cursor)
    }

    /// A page of deals that pass `filter`, in its order, continuing after `cursor` (a cursor belongs to one
    /// order). Unknown tags, fields and stages are `not_found`; a field value its kind refuses is `invalid_input`.
    pub fn deal_list_filtered(
        &self,
        filter: DealFilterInput,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Deal>, ApiError> {
        let conn = self.vault().conn();
        let filter = DealFilter {
            stage_id: filter
                .stage
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| resolve_stage(conn, s))
                .transpose()?,
            company_id: opt_id(filter.company_id.as_deref(), "company")?,
            contact_id: opt_id(filter.contact_id.as_deref(), "contact")?,
            tag_id: tag_filter(conn, filter.tag.as_deref())?,
            field: field_filter(conn, Entity::Deal, filter.field)?,
            last_contacted_before: when(conn, filter.last_contacted_before)?,
            last_contacted_after: when(conn, filter.last_contacted_after)?,
            sort: sort_in(filter.sort),
        };
        self.deal_list_with(&filter, limit, cursor)
    }

    fn deal_list_with(
        &self,
        filter: &DealFilter,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Deal>, ApiError> {
        let conn = self.vault().conn();
        let page = deals::list(conn, filter, limit, cursor)?;
        Ok(Page {
            items: page
                .items
                .into_iter()
                .map(|d| deal_full(conn, d))
                .collect::<Result<_, _>>()?,
            next_cursor: page.next_cursor,
        })
    }

    /// Moves a deal to another stage now (it takes the stage's probability). Won and lost close it (lost needs
    /// a `reason`); an open stage reopens it.
    pub fn deal_move(
        &mut self,
        id: &str,
        stage: &str,
        reason: Option<String>,
    ) -> Result<(), ApiError> {
        let id = parse_id(id, "deal")?;
        let stage_id = resolve_stage(self.vault().conn(), stage)?;
        let at = sigilo_crm::now_iso();
        self.write(Action::Update, "deal", |tx| {
            deals::move_to(tx, id, stage_id, &at, reason)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn deal_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "deal")?;
        self.write(Action::Delete, "deal", |tx| {
            deals::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// The revenue forecast of open deals by month of expected close and currency (currencies never mixed).
    pub fn deal_forecast(&self) -> Result<Vec<ForecastLine>, ApiError> {
        Ok(deals::forecast(self.vault().conn(), None, None)?
            .into_iter()
            .map(forecast_out)
            .collect())
    }
}

// ----- tags and custom fields -----

fn entity_in(k: TaggedKind) -> Entity {
    match k {
        TaggedKind::Contact => Entity::Contact,
        TaggedKind::Company => Entity::Company,
        TaggedKind::Deal => Entity::Deal,
    }
}

fn entity_out(e: Entity) -> TaggedKind {
    match e {
        Entity::Contact => TaggedKind::Contact,
        Entity::Company => TaggedKind::Company,
        Entity::Deal => TaggedKind::Deal,
    }
}

fn field_kind_in(k: FieldKind) -> fields::FieldKind {
    match k {
        FieldKind::Text => fields::FieldKind::Text,
        FieldKind::Number => fields::FieldKind::Number,
        FieldKind::Date => fields::FieldKind::Date,
        FieldKind::Choice => fields::FieldKind::Choice,
        FieldKind::Boolean => fields::FieldKind::Boolean,
    }
}

fn field_kind_out(k: fields::FieldKind) -> FieldKind {
    match k {
        fields::FieldKind::Text => FieldKind::Text,
        fields::FieldKind::Number => FieldKind::Number,
        fields::FieldKind::Date => FieldKind::Date,
        fields::FieldKind::Choice => FieldKind::Choice,
        fields::FieldKind::Boolean => FieldKind::Boolean,
    }
}

fn tag_out(t: tags::Tag) -> Tag {
    Tag {
        id: t.id.to_string(),
        name: t.name,
    }
}

fn record_id(kind: TaggedKind, id: &str) -> Result<i64, ApiError> {
    parse_id(id, entity_in(kind).as_str())
}

impl Session {
    /// Puts the tag `name` on a record, creating the tag if needed (tagging twice is harmless).
    pub fn tag_add(&mut self, kind: TaggedKind, id: &str, name: &str) -> Result<Tag, ApiError> {
        let id = record_id(kind, id)?;
        let tag = self.write(Action::Update, entity_in(kind).as_str(), |tx| {
            let tag_id = tags::add(tx, entity_in(kind), id, name)?;
            Ok((tag_id, Some(id.to_string())))
        })?;
        let all = tags::of(self.vault().conn(), entity_in(kind), id)?;
        all.into_iter()
            .find(|t| t.id == tag)
            .map(tag_out)
            .ok_or_else(|| ApiError::new(crate::ErrorCode::Internal, "the tag was not kept"))
    }

    /// Takes the tag `name` off a record (nothing happens if the record does not carry it; an unknown tag name
    /// is `not_found`).
    pub fn tag_remove(&mut self, kind: TaggedKind, id: &str, name: &str) -> Result<(), ApiError> {
        let id = record_id(kind, id)?;
        let tag = tags::by_name(self.vault().conn(), name)?.ok_or_else(|| {
            ApiError::new(
                crate::ErrorCode::NotFound,
                format!("no tag named \"{}\"", name.trim()),
            )
        })?;
        self.write(Action::Update, entity_in(kind).as_str(), |tx| {
            tags::remove(tx, entity_in(kind), id, tag.id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Every tag (`of: None`), or one record's tags, in name order.
    pub fn tag_list(&self, of: Option<(TaggedKind, &str)>) -> Result<Vec<Tag>, ApiError> {
        let conn = self.vault().conn();
        let list = match of {
            None => tags::list(conn)?,
            Some((kind, id)) => {
                let id = record_id(kind, id)?;
                tags::of(conn, entity_in(kind), id)?
            }
        };
        Ok(list.into_iter().map(tag_out).collect())
    }

    /// Defines a custom field for contacts, companies or deals; returns its id.
    pub fn field_define(&mut self, input: FieldInput) -> Result<String, ApiError> {
        let new = NewField {
            entity: entity_in(input.entity),
            name: input.name,
            kind: field_kind_in(input.kind),
            choices: input.choices,
        };
        self.write(Action::Create, "field", |tx| {
            let id = fields::define(tx, new)?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    /// Sets a record's value of a custom field (by name, case and accents ignored, or id), normalised as the
    /// field's kind says; `None` or blank text clears it. A value the kind refuses is `invalid_input` naming
    /// the field; an unknown record or field is `not_found`. Text values join the record's search entry.
    pub fn field_set(
        &mut self,
        kind: TaggedKind,
        id: &str,
        field: &str,
        value: Option<String>,
    ) -> Result<(), ApiError> {
        let id = record_id(kind, id)?;
        let entity = entity_in(kind);
        let def = resolve_field(self.vault().conn(), entity, field)?;
        self.write(Action::Update, entity.as_str(), |tx| {
            fields::set(tx, entity, id, def.id, value.as_deref())?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// The custom fields defined for a kind of record, in the order they were defined.
    pub fn field_list(&self, entity: TaggedKind) -> Result<Vec<FieldDef>, ApiError> {
        Ok(fields::definitions(self.vault().conn(), entity_in(entity))?
            .into_iter()
            .map(|d| FieldDef {
                id: d.id.to_string(),
                entity: entity_out(d.entity),
                name: d.name,
                kind: field_kind_out(d.kind),
                choices: d.choices,
            })
            .collect())
    }
}

// ----- dashboard -----

/// How many tasks and contacts each dashboard list shows.
const DASHBOARD_ROWS: u32 = 10;

fn stage_out(s: deals::Stage) -> Stage {
    Stage {
        id: s.id.to_string(),
        name: s.name,
        probability: s.probability,
        kind: stage_kind_out(s.kind),
    }
}

fn forecast_out(l: deals::ForecastLine) -> ForecastLine {
    ForecastLine {
        month: l.month,
        weighted: money_out(&l.weighted),
        total: money_out(&l.total),
        deals: count(l.deals),
    }
}

impl Session {
    /// The dashboard for this computer's date: tasks due today and overdue (counts and the first few), the
    /// pipeline by stage, the forecast of the next twelve months, this year's won and lost deals, and the
    /// contacts not touched in `untouched_days` days (the first page).
    pub fn dashboard(&self, untouched_days: u32) -> Result<DashboardDto, ApiError> {
        let conn = self.vault().conn();
        let today = valid::local_today(conn)?;
        let day = valid::date(&today, "today")?;
        let tomorrow = day.next_day().unwrap_or(day);
        let since = format!("{:04}-01-01", day.year());
        let from = valid::local_datetime(conn, &format!("{since}T00:00"))?;
        let to = valid::local_datetime(conn, &format!("{}T00:00", valid::format_date(tomorrow)))?;
        let won_lost = deals::won_lost(conn, &from, &to)?
            .into_iter()
            .map(|o| WonLost {
                currency: o.currency.code().to_owned(),
                won_count: count(o.won_count),
                won: money_out(&o.won),
                lost_count: count(o.lost_count),
                lost: money_out(&o.lost),
            })
            .collect();
        let d = sigilo_crm::dashboard::dashboard(conn, &today, untouched_days, DASHBOARD_ROWS)?;
        Ok(DashboardDto {
            today,
            due_today_count: count(d.due_today_count),
            due_today: d.due_today.into_iter().map(task_out).collect(),
            overdue_count: count(d.overdue_count),
            overdue: d.overdue.into_iter().map(task_out).collect(),
            pipeline: d
                .pipeline
                .into_iter()
                .map(|p| PipelineStage {
                    stage: stage_out(p.stage),
                    count: count(p.count),
                    totals: p.totals.iter().map(money_out).collect(),
                })
                .collect(),
            forecast: d.forecast.into_iter().map(forecast_out).collect(),
            won_lost_since: since,
            won_lost,
            untouched_days,
            untouched: d
                .untouched
                .into_iter()
                .map(|u| UntouchedContact {
                    contact: crate::session::contact_row(u.row),
                    last_interaction_at: u.last_interaction_at,
                })
                .collect(),
        })
    }
}
