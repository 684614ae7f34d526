//! An unlocked vault and the use cases on it. Every write runs in one immediate transaction together with its
//! audit event, so no change can reach the database without being recorded.

use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior};
use sigilo_crm::contacts::{self, ContactDraft, ContactFull, Source};
use sigilo_crm::valid::Labelled;
use sigilo_crm::{CrmError, RecordKind, companies, deals, interactions, search, tasks};
use sigilo_vault::{Migrations, Passphrase, RecoveryCode, Unlock, Vault};

use crate::audit::{self, Action};
use crate::dto::{
    CheckReport, CompanyPeriod, Contact, ContactInput, ContactRow, ContactSource, ContactWindow,
    CreatedVault, KdfInfo, KeyslotInfo, LabelledValue, Page, SearchHit, SearchKind, UnlockKind,
    VaultInfo, VaultSummary,
};
use crate::error::{ApiError, ErrorCode};
use crate::settings::summary_of;
use crate::{MIN_PASSPHRASE_CHARS, SecretString};

/// Every domain's migrations, in the order the vault applies them. Append new domains at the end.
pub fn schema() -> [Migrations; 3] {
    [
        audit::MIGRATIONS,
        sigilo_crm::MIGRATIONS,
        sigilo_invoicing::MIGRATIONS,
    ]
}

/// Whether `dir` holds a vault.
pub fn vault_exists(dir: &Path) -> bool {
    Vault::exists(dir)
}

/// An unlocked vault. Dropping it (or [`Session::lock`]) closes the database and wipes the keys.
#[derive(Debug)]
pub struct Session {
    vault: Vault,
}

pub(crate) fn check_new_passphrase(passphrase: &SecretString) -> Result<(), ApiError> {
    if passphrase.expose().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ApiError::invalid(format!(
            "the passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    Ok(())
}

pub(crate) fn parse_id(id: &str, kind: &str) -> Result<i64, ApiError> {
    id.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no {kind} with id {id}")))
}

/// The contact form as the domain takes it: `emails` (unlabelled; a value `old` holds keeps its label there)
/// then `labelled_emails`, phones likewise.
fn contact_draft(input: ContactInput, old: Option<&ContactFull>) -> ContactDraft {
    let merge = |plain: Vec<String>, labelled: Vec<LabelledValue>, old: &[Labelled]| {
        plain
            .into_iter()
            .map(|value| Labelled {
                label: old
                    .iter()
                    .find(|o| o.value == value.trim())
                    .and_then(|o| o.label.clone()),
                value,
            })
            .chain(labelled.into_iter().map(|l| Labelled {
                label: l.label,
                value: l.value,
            }))
            .collect()
    };
    ContactDraft {
        name: input.name,
        emails: merge(
            input.emails,
            input.labelled_emails,
            old.map_or(&[], |o| &o.emails),
        ),
        phones: merge(
            input.phones,
            input.labelled_phones,
            old.map_or(&[], |o| &o.phones),
        ),
        addresses: input
            .addresses
            .into_iter()
            .map(crate::crm::address_in)
            .collect(),
        job_title: input.job_title,
        birthday: input.birthday,
        source: input.source.map(|s| match s {
            ContactSource::Form => Source::Form,
            ContactSource::Event => Source::Event,
            ContactSource::Import => Source::Import,
            ContactSource::Referral => Source::Referral,
            ContactSource::Other => Source::Other,
        }),
        source_detail: input.source_detail,
        company: input.company,
        notes: input.notes,
    }
}

fn labelled_out(values: Vec<Labelled>) -> Vec<LabelledValue> {
    values
        .into_iter()
        .map(|l| LabelledValue {
            label: l.label,
            value: l.value,
        })
        .collect()
}

fn contact_out(c: ContactFull, history: Vec<contacts::Employment>) -> Contact {
    Contact {
        id: c.id.to_string(),
        name: c.name,
        emails: c.emails.iter().map(|e| e.value.clone()).collect(),
        phones: c.phones.iter().map(|p| p.value.clone()).collect(),
        company: c.company,
        notes: c.notes,
        created_at: c.created_at,
        updated_at: c.updated_at,
        labelled_emails: labelled_out(c.emails),
        labelled_phones: labelled_out(c.phones),
        addresses: c
            .addresses
            .into_iter()
            .map(crate::crm::address_out)
            .collect(),
        job_title: c.job_title,
        birthday: c.birthday,
        source: c.source.map(|s| match s {
            Source::Form => ContactSource::Form,
            Source::Event => ContactSource::Event,
            Source::Import => ContactSource::Import,
            Source::Referral => ContactSource::Referral,
            Source::Other => ContactSource::Other,
        }),
        source_detail: c.source_detail,
        company_id: c.company_id.map(|id| id.to_string()),
        company_history: history
            .into_iter()
            .map(|e| CompanyPeriod {
                company_id: e.company_id.map(|id| id.to_string()),
                company_name: e.company_name,
                job_title: e.job_title,
                from_date: e.from_date,
                to_date: e.to_date,
            })
            .collect(),
        last_interaction_at: c.last_interaction_at,
        custom_fields: Vec::new(),
    }
}

pub(crate) fn contact_row(r: contacts::ContactRow) -> ContactRow {
    ContactRow {
        id: r.id.to_string(),
        name: r.name,
        email: r.email,
        phone: r.phone,
        company: r.company,
    }
}

fn created(code: &RecoveryCode) -> CreatedVault {
    CreatedVault {
        recovery_code: code.to_display().expose().clone(),
    }
}

impl Session {
    /// Creates a vault in `dir` (missing or empty) and leaves it unlocked; returns the recovery code once.
    pub fn create(
        dir: &Path,
        passphrase: &SecretString,
    ) -> Result<(Session, CreatedVault), ApiError> {
        check_new_passphrase(passphrase)?;
        let (vault, code) = Vault::create(dir, passphrase, &schema())?;
        Self::created(vault, &code)
    }

    /// Like [`Session::create`] with cheap key derivation: for tests only, never for a user's vault.
    #[cfg(feature = "test-support")]
    pub fn create_for_tests(
        dir: &Path,
        passphrase: &SecretString,
    ) -> Result<(Session, CreatedVault), ApiError> {
        check_new_passphrase(passphrase)?;
        let kdf = sigilo_vault::KdfParams::insecure_fast_for_tests();
        let (vault, code) = Vault::create_with_kdf(dir, passphrase, &schema(), kdf)?;
        Self::created(vault, &code)
    }

    fn created(vault: Vault, code: &RecoveryCode) -> Result<(Session, CreatedVault), ApiError> {
        let mut session = Session { vault };
        session.write(Action::VaultCreated, "vault", |_| Ok(((), None)))?;
        Ok((session, created(code)))
    }

    /// Unlocks the vault in `dir` with a passphrase or the recovery code.
    pub fn open(dir: &Path, secret: &SecretString, kind: UnlockKind) -> Result<Session, ApiError> {
        let unlock = match kind {
            UnlockKind::Passphrase => Unlock::Passphrase(Passphrase::new(secret.expose().clone())),
            UnlockKind::RecoveryCode => Unlock::RecoveryCode(RecoveryCode::parse(secret.expose())?),
        };
        let vault = Vault::open(dir, &unlock, &schema())?;
        Ok(Session { vault })
    }

    /// Wraps a vault opened by the caller (the benchmark times the unlock itself).
    pub fn from_vault(vault: Vault) -> Session {
        Session { vault }
    }

    /// The vault's folder and name.
    pub fn summary(&self) -> VaultSummary {
        summary_of(self.vault.dir())
    }

    /// Closes the database and wipes the keys.
    pub fn lock(self) {
        self.vault.lock();
    }

    pub(crate) fn vault(&self) -> &Vault {
        &self.vault
    }

    pub(crate) fn vault_mut(&mut self) -> &mut Vault {
        &mut self.vault
    }

    /// Records an event that changes no row of its own (a backup written, say) in the audit log.
    pub(crate) fn record(&mut self, action: Action, entity: &str) -> Result<(), ApiError> {
        self.write(action, entity, |_| Ok(((), None)))
    }

    /// Runs `change` and its audit event in one immediate transaction (writers queue on the busy timeout
    /// instead of failing on a lock upgrade). `change` returns its result and the id of the record it touched.
    pub(crate) fn write<T>(
        &mut self,
        action: Action,
        entity: &str,
        change: impl FnOnce(&Transaction<'_>) -> Result<(T, Option<String>), CrmError>,
    ) -> Result<T, ApiError> {
        let tx = self
            .vault
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (out, id) = change(&tx)?;
        audit::record(&tx, action, entity, id.as_deref())?;
        tx.commit()?;
        Ok(out)
    }

    // ----- vault -----

    pub fn vault_info(&self) -> Result<VaultInfo, ApiError> {
        let info = self.vault.info()?;
        Ok(VaultInfo {
            vault_id: info.vault_id,
            database_path: info.database_path.to_string_lossy().into_owned(),
            schema_version: info.schema_version,
            schema: info.schema,
            cipher_version: info.cipher_version,
            keyslots: info
                .keyslots
                .into_iter()
                .map(|k| KeyslotInfo {
                    kind: match k.kind {
                        sigilo_vault::KeyslotKind::Passphrase => UnlockKind::Passphrase,
                        sigilo_vault::KeyslotKind::RecoveryCode => UnlockKind::RecoveryCode,
                    },
                    kdf: KdfInfo {
                        algorithm: "argon2id".into(),
                        m_cost_kib: k.kdf.m_cost_kib,
                        t_cost: k.kdf.t_cost,
                        p_cost: k.kdf.p_cost,
                    },
                    created_at: k.created_at,
                })
                .collect(),
        })
    }

    pub fn vault_check(&self) -> Result<CheckReport, ApiError> {
        let report = self.vault.check()?;
        Ok(CheckReport {
            ok: report.ok,
            problems: report.problems,
        })
    }

    pub fn change_passphrase(&mut self, new: &SecretString) -> Result<(), ApiError> {
        check_new_passphrase(new)?;
        self.vault.change_passphrase(new)?;
        self.write(Action::PassphraseChanged, "vault", |_| Ok(((), None)))
    }

    pub fn regenerate_recovery_code(&mut self) -> Result<CreatedVault, ApiError> {
        let code = self.vault.regenerate_recovery_code()?;
        self.write(Action::RecoveryCodeRegenerated, "vault", |_| Ok(((), None)))?;
        Ok(created(&code))
    }

    pub fn rotate_data_key(&mut self) -> Result<(), ApiError> {
        self.vault.rotate_data_key()?;
        self.write(Action::DataKeyRotated, "vault", |_| Ok(((), None)))
    }

    /// The SQLCipher raw key as 64 hex digits: the user's escape hatch to read their data with any SQLCipher 4 tool.
    pub fn raw_key_hex(&self) -> SecretString {
        self.vault.raw_key_hex()
    }

    // ----- contacts -----

    pub fn contact_add(&mut self, input: ContactInput) -> Result<String, ApiError> {
        self.write(Action::Create, "contact", |tx| {
            let id = contacts::insert_draft(tx, contact_draft(input, None))?.to_string();
            Ok((id.clone(), Some(id)))
        })
    }

    /// Adds many contacts in one transaction (import, demo data); all or nothing. Returns how many were added.
    pub fn contact_add_many(&mut self, inputs: Vec<ContactInput>) -> Result<u64, ApiError> {
        let tx = self
            .vault
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = 0u64;
        for (n, input) in inputs.into_iter().enumerate() {
            let id = contacts::insert_draft(&tx, contact_draft(input, None))
                .map_err(|e| ApiError::from(e).prefixed(&format!("contact {}", n + 1)))?;
            audit::record(&tx, Action::Create, "contact", Some(&id.to_string()))?;
            added += 1;
        }
        tx.commit()?;
        Ok(added)
    }

    pub fn contact_get(&self, id: &str) -> Result<Contact, ApiError> {
        let conn = self.vault.conn();
        let c = contacts::get_full(conn, parse_id(id, "contact")?)?;
        let history = contacts::company_history(conn, c.id)?;
        let custom_fields = crate::crm::custom_fields_out(conn, crate::TaggedKind::Contact, c.id)?;
        Ok(Contact {
            custom_fields,
            ..contact_out(c, history)
        })
    }

    pub fn contact_update(&mut self, id: &str, input: ContactInput) -> Result<(), ApiError> {
        let id = parse_id(id, "contact")?;
        self.write(Action::Update, "contact", |tx| {
            let old = contacts::get_full(tx, id)?;
            contacts::update_draft(tx, id, contact_draft(input, Some(&old)))?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn contact_delete(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "contact")?;
        self.write(Action::Delete, "contact", |tx| {
            contacts::delete(tx, id)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// A page of contacts in name order, continuing after `cursor` (keyset paging).
    pub fn contact_list(
        &self,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ContactRow>, ApiError> {
        let page = contacts::list(self.vault.conn(), limit, cursor)?;
        Ok(Page {
            items: page.items.into_iter().map(contact_row).collect(),
            next_cursor: page.next_cursor,
        })
    }

    /// Rows `offset .. offset + limit` of the name-ordered list, with the total, for a virtual list.
    pub fn contact_window(&self, offset: u32, limit: u32) -> Result<ContactWindow, ApiError> {
        let conn = self.vault.conn();
        let total = contacts::count(conn)?;
        let items = contacts::window(conn, offset, limit)?
            .into_iter()
            .map(contact_row)
            .collect();
        Ok(ContactWindow {
            total,
            offset,
            items,
        })
    }

    // ----- search -----

    /// Hits across everything searchable, grouped by kind (contacts, companies, deals, interactions, tasks — in
    /// that order), at most `limit` of each kind, best first within a kind.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, ApiError> {
        let conn = self.vault.conn();
        let mut out = Vec::new();
        for group in search::grouped(conn, query, limit)? {
            for hit in group.hits {
                let (kind, subtitle) = match hit.kind {
                    RecordKind::Contact => {
                        let row = contacts::row(conn, hit.id)?;
                        (SearchKind::Contact, row.company.or(row.email))
                    }
                    RecordKind::Company => {
                        (SearchKind::Company, companies::row(conn, hit.id)?.tax_id)
                    }
                    RecordKind::Deal => {
                        let d = deals::get(conn, hit.id)?;
                        (
                            SearchKind::Deal,
                            Some(format!("{} · {}", d.stage_name, d.value)),
                        )
                    }
                    RecordKind::Interaction => {
                        let i = interactions::get(conn, hit.id)?;
                        (
                            SearchKind::Interaction,
                            Some(format!("{} · {}", i.kind.as_str(), i.at)),
                        )
                    }
                    RecordKind::Task => (SearchKind::Task, tasks::get(conn, hit.id)?.due_date),
                };
                out.push(SearchHit {
                    kind,
                    id: hit.id.to_string(),
                    title: hit.title,
                    subtitle,
                });
            }
        }
        Ok(out)
    }
}

impl ApiError {
    fn prefixed(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }
}
