-- invoicing 3: expenses and received invoices (supplier bills) with their per-rate tax rows and the bill's
-- scanned or PDF document, plus the covering indexes the profit and VAT views read at 50k invoices a year.
-- Expenses are not chained or immutable: they are the business's own records of someone else's invoice.
CREATE TABLE expense (
    id                   INTEGER PRIMARY KEY,
    -- The supplier company when chosen from the CRM (no foreign key: deleting a company keeps its bills, whose
    -- supplier name and tax id are copied here when the bill is recorded).
    supplier_id          INTEGER,
    supplier_name        TEXT NOT NULL CHECK (length(trim(supplier_name)) > 0),
    supplier_key         TEXT NOT NULL,
    supplier_tax_country TEXT CHECK (supplier_tax_country IS NULL OR length(supplier_tax_country) = 2),
    supplier_tax_id      TEXT,
    bill_date            TEXT NOT NULL,
    number               TEXT NOT NULL CHECK (length(trim(number)) > 0),
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    category             TEXT,
    withholding_percent  TEXT,
    net                  INTEGER NOT NULL,
    tax                  INTEGER NOT NULL,
    surcharge            INTEGER NOT NULL,
    withholding          INTEGER NOT NULL,
    total                INTEGER NOT NULL,
    paid_on              TEXT,
    notes                TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
-- The list (date desc, id desc) and its filters; the last one covers the profit view's per-month sums.
CREATE INDEX expense_by_date ON expense (bill_date, id);
CREATE INDEX expense_by_supplier ON expense (supplier_id, bill_date, id) WHERE supplier_id IS NOT NULL;
CREATE INDEX expense_unpaid ON expense (bill_date, id) WHERE paid_on IS NULL;
CREATE INDEX expense_figures ON expense (bill_date, currency, net, withholding);
-- One bill from one supplier is recorded once.
CREATE UNIQUE INDEX expense_supplier_number ON expense (supplier_key, number);

-- One row per distinct tax rate on the bill: the base as printed and the tax computed from it (rounded once).
CREATE TABLE expense_tax (
    expense_id        INTEGER NOT NULL REFERENCES expense (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    tax_category      TEXT NOT NULL,
    tax_percent       TEXT NOT NULL,
    tax_surcharge     TEXT,
    exemption_reason  TEXT,
    base              INTEGER NOT NULL,
    tax               INTEGER NOT NULL,
    surcharge         INTEGER NOT NULL,
    PRIMARY KEY (expense_id, position)
) STRICT, WITHOUT ROWID;

-- The bill itself (PDF, JPEG or PNG, at most 20 MiB), apart from the row so that lists and sums never page it.
CREATE TABLE expense_document (
    expense_id  INTEGER PRIMARY KEY REFERENCES expense (id) ON DELETE CASCADE,
    mime        TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    file_name   TEXT,
    size        INTEGER NOT NULL,
    bytes       BLOB NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;

-- The profit and VAT views sum issued invoices by issue date: this partial index covers them (no table reads).
CREATE INDEX invoice_issued_figures ON invoice (issue_date, currency, kind, net, withholding, issued_at)
    WHERE issued_at IS NOT NULL;
