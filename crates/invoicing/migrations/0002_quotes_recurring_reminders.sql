-- invoicing 2: quotes (draft → sent → accepted / rejected; expired is derived from the validity date) with their
-- lines, recurring invoice templates with their lines, and the reminder log of the dunning list.
CREATE TABLE quote (
    id                   INTEGER PRIMARY KEY,
    number               TEXT NOT NULL UNIQUE,
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'rejected')),
    company_id           INTEGER,
    contact_id           INTEGER,
    issue_date           TEXT NOT NULL,
    valid_until          TEXT,
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    language             TEXT NOT NULL CHECK (language IN ('es', 'en')),
    withholding_percent  TEXT,
    notes                TEXT,
    net                  INTEGER NOT NULL DEFAULT 0,
    tax                  INTEGER NOT NULL DEFAULT 0,
    surcharge            INTEGER NOT NULL DEFAULT 0,
    withholding          INTEGER NOT NULL DEFAULT 0,
    total                INTEGER NOT NULL DEFAULT 0,
    invoice_id           INTEGER REFERENCES invoice (id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX quote_by_status ON quote (status, id);

CREATE TABLE quote_line (
    quote_id          INTEGER NOT NULL REFERENCES quote (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    product_id        INTEGER,
    description       TEXT NOT NULL,
    quantity          TEXT NOT NULL,
    unit              TEXT,
    unit_price        TEXT NOT NULL,
    discount_kind     TEXT NOT NULL CHECK (discount_kind IN ('none', 'percent', 'amount')),
    discount          TEXT,
    tax_category      TEXT NOT NULL,
    tax_percent       TEXT NOT NULL,
    tax_surcharge     TEXT,
    exemption_reason  TEXT,
    net               INTEGER NOT NULL,
    PRIMARY KEY (quote_id, position)
) STRICT, WITHOUT ROWID;

-- A recurring invoice: every period, when the app or the CLI runs, a draft is made from the template.
CREATE TABLE recurring (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    frequency            TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
    next_date            TEXT NOT NULL,
    end_date             TEXT,
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    series               TEXT,
    company_id           INTEGER,
    contact_id           INTEGER,
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    language             TEXT NOT NULL CHECK (language IN ('es', 'en')),
    withholding_percent  TEXT,
    notes                TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX recurring_due ON recurring (next_date) WHERE active = 1;

CREATE TABLE recurring_line (
    recurring_id      INTEGER NOT NULL REFERENCES recurring (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    product_id        INTEGER,
    description       TEXT NOT NULL,
    quantity          TEXT NOT NULL,
    unit              TEXT,
    unit_price        TEXT NOT NULL,
    discount_kind     TEXT NOT NULL CHECK (discount_kind IN ('none', 'percent', 'amount')),
    discount          TEXT,
    tax_category      TEXT NOT NULL,
    tax_percent       TEXT NOT NULL,
    tax_surcharge     TEXT,
    exemption_reason  TEXT,
    net               INTEGER NOT NULL,
    PRIMARY KEY (recurring_id, position)
) STRICT, WITHOUT ROWID;

-- Drafts made from a template, one per period: the unique key makes a second run for the same period a no-op.
CREATE TABLE recurring_run (
    recurring_id  INTEGER NOT NULL REFERENCES recurring (id) ON DELETE CASCADE,
    period_date   TEXT NOT NULL,
    invoice_id    INTEGER NOT NULL,
    PRIMARY KEY (recurring_id, period_date)
) STRICT, WITHOUT ROWID;

-- The dunning list's reminder log: facts about issued invoices, never edited.
CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoice (id),
    sent_on     TEXT NOT NULL,
    channel     TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_by_invoice ON reminder (invoice_id, sent_on);
CREATE TRIGGER reminder_needs_issued BEFORE INSERT ON reminder
WHEN (SELECT issued_at FROM invoice WHERE id = NEW.invoice_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: reminders are logged for issued invoices only'); END;
CREATE TRIGGER reminder_no_update BEFORE UPDATE ON reminder
BEGIN SELECT RAISE(ABORT, 'sigilo: a logged reminder cannot be changed'); END;
CREATE TRIGGER reminder_no_delete BEFORE DELETE ON reminder
BEGIN SELECT RAISE(ABORT, 'sigilo: a logged reminder cannot be deleted'); END;
