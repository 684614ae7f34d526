-- crm 2: companies (roles, tax id, addresses, billing terms), supplier agreements, and contacts grown: labelled
-- addresses, job title, birthday, source, a company link with its history, and the last interaction's time.
CREATE TABLE company (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_key             TEXT NOT NULL,
    is_customer          INTEGER NOT NULL DEFAULT 0 CHECK (is_customer IN (0, 1)),
    is_supplier          INTEGER NOT NULL DEFAULT 0 CHECK (is_supplier IN (0, 1)),
    is_prospect          INTEGER NOT NULL DEFAULT 0 CHECK (is_prospect IN (0, 1)),
    tax_country          TEXT CHECK (tax_country IS NULL OR length(tax_country) = 2),
    tax_id               TEXT,
    website              TEXT,
    payment_days         INTEGER CHECK (payment_days IS NULL OR payment_days BETWEEN 0 AND 3650),
    currency             TEXT CHECK (currency IS NULL OR length(currency) = 3),
    notes                TEXT,
    last_interaction_at  TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
-- Name order, and name order within each role (partial indexes: a role filter walks only its own rows).
CREATE INDEX company_list ON company (sort_key, id);
CREATE INDEX company_customers ON company (sort_key, id) WHERE is_customer = 1;
CREATE INDEX company_suppliers ON company (sort_key, id) WHERE is_supplier = 1;
CREATE INDEX company_prospects ON company (sort_key, id) WHERE is_prospect = 1;
CREATE INDEX company_by_last_interaction ON company (last_interaction_at, id);
CREATE INDEX company_by_tax_id ON company (tax_id) WHERE tax_id IS NOT NULL;

CREATE TABLE company_address (
    company_id   INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    label        TEXT,
    street       TEXT,
    postal_code  TEXT,
    city         TEXT,
    region       TEXT,
    country      TEXT,
    PRIMARY KEY (company_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE supplier_agreement (
    id                INTEGER PRIMARY KEY,
    company_id        INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    terms             TEXT NOT NULL CHECK (length(trim(terms)) > 0),
    start_date        TEXT,
    end_date          TEXT,
    renewal_reminder  TEXT,
    conditions        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX supplier_agreement_by_company ON supplier_agreement (company_id, start_date, id);
CREATE INDEX supplier_agreement_by_reminder ON supplier_agreement (renewal_reminder, id)
    WHERE renewal_reminder IS NOT NULL;

ALTER TABLE contact ADD COLUMN job_title TEXT;
ALTER TABLE contact ADD COLUMN birthday TEXT;
ALTER TABLE contact ADD COLUMN source TEXT
    CHECK (source IS NULL OR source IN ('form', 'event', 'import', 'referral', 'other'));
ALTER TABLE contact ADD COLUMN source_detail TEXT;
-- The current company; contact.company keeps its name (free text for contacts not linked to a company).
ALTER TABLE contact ADD COLUMN company_id INTEGER REFERENCES company (id) ON DELETE SET NULL;
ALTER TABLE contact ADD COLUMN last_interaction_at TEXT;
CREATE INDEX contact_by_company ON contact (company_id, sort_key, id) WHERE company_id IS NOT NULL;
CREATE INDEX contact_by_last_interaction ON contact (last_interaction_at, id);

CREATE TABLE contact_address (
    contact_id   INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    label        TEXT,
    street       TEXT,
    postal_code  TEXT,
    city         TEXT,
    region       TEXT,
    country      TEXT,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;

-- Where a person has worked: one row per period. The company's name is kept, so the history survives the
-- company's deletion (company_id becomes NULL). The open period (to_date NULL) is the current link.
CREATE TABLE contact_company (
    id            INTEGER PRIMARY KEY,
    contact_id    INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    company_id    INTEGER REFERENCES company (id) ON DELETE SET NULL,
    company_name  TEXT NOT NULL,
    job_title     TEXT,
    from_date     TEXT,
    to_date       TEXT,
    CHECK (from_date IS NULL OR to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX contact_company_by_contact ON contact_company (contact_id, id);
CREATE INDEX contact_company_by_company ON contact_company (company_id, contact_id);
