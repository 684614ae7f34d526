-- invoicing 1: the business profile, products, numbering series, invoices and credit notes with their lines,
-- the buyer's per-field commitments, payments. Issued invoices are immutable: triggers refuse every UPDATE and
-- DELETE that would change one, its lines, its buyer snapshot (except erasing a value under legal hold) or
-- its payments; a mistake is corrected by a credit note.
CREATE TABLE business_profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name    TEXT,
    tax_country   TEXT CHECK (tax_country IS NULL OR length(tax_country) = 2),
    tax_id        TEXT,
    street        TEXT,
    postal_code   TEXT,
    city          TEXT,
    region        TEXT,
    country       TEXT CHECK (country IS NULL OR length(country) = 2),
    email         TEXT,
    phone         TEXT,
    currency      TEXT CHECK (currency IS NULL OR length(currency) = 3),
    iban          TEXT,
    logo          BLOB,
    logo_mime     TEXT CHECK (logo_mime IS NULL OR logo_mime IN ('image/png', 'image/jpeg')),
    footer        TEXT,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE product (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_key          TEXT NOT NULL,
    description       TEXT,
    unit              TEXT,
    unit_price        TEXT NOT NULL,
    currency          TEXT NOT NULL CHECK (length(currency) = 3),
    tax_category      TEXT NOT NULL,
    tax_percent       TEXT NOT NULL,
    tax_surcharge     TEXT,
    exemption_reason  TEXT,
    archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX product_list ON product (sort_key, id);

CREATE TABLE series (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    next_number  INTEGER NOT NULL CHECK (next_number >= 1),
    digits       INTEGER NOT NULL DEFAULT 4 CHECK (digits BETWEEN 1 AND 9),
    last_date    TEXT,
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE invoice (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    series_id           INTEGER NOT NULL REFERENCES series (id),
    number              INTEGER,
    full_number         TEXT UNIQUE,
    issue_date          TEXT,
    due_date            TEXT,
    currency            TEXT NOT NULL CHECK (length(currency) = 3),
    language            TEXT NOT NULL CHECK (language IN ('es', 'en')),
    -- No foreign keys to the CRM: deleting a company or erasing a person never touches an issued invoice.
    company_id          INTEGER,
    contact_id          INTEGER,
    corrects_id         INTEGER REFERENCES invoice (id),
    correction_reason   TEXT,
    withholding_percent TEXT,
    notes               TEXT,
    net                 INTEGER NOT NULL DEFAULT 0,
    tax                 INTEGER NOT NULL DEFAULT 0,
    surcharge           INTEGER NOT NULL DEFAULT 0,
    withholding         INTEGER NOT NULL DEFAULT 0,
    total               INTEGER NOT NULL DEFAULT 0,
    issued_at           TEXT,
    seller              TEXT,
    chain_seq           INTEGER UNIQUE,
    prev_hash           TEXT,
    hash                TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((issued_at IS NULL) = (number IS NULL)),
    CHECK ((issued_at IS NULL) = (hash IS NULL))
) STRICT;
CREATE UNIQUE INDEX invoice_series_number ON invoice (series_id, number) WHERE number IS NOT NULL;
CREATE INDEX invoice_by_issue ON invoice (issue_date, id);
CREATE INDEX invoice_by_corrects ON invoice (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE INDEX invoice_drafts ON invoice (updated_at, id) WHERE issued_at IS NULL;

CREATE TABLE invoice_line (
    invoice_id        INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
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
    PRIMARY KEY (invoice_id, position)
) STRICT, WITHOUT ROWID;

-- The buyer as printed, one row per field: the chain hashes `commitment` = SHA-256(salt ‖ 0x00 ‖ value), so a
-- legal-hold purge can later erase `value` and `salt` and the chain still verifies.
CREATE TABLE invoice_buyer (
    invoice_id  INTEGER NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT,
    salt        TEXT,
    commitment  TEXT NOT NULL,
    PRIMARY KEY (invoice_id, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE payment (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoice (id),
    amount      INTEGER NOT NULL CHECK (amount <> 0),
    paid_on     TEXT NOT NULL,
    method      TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX payment_by_invoice ON payment (invoice_id, paid_on);

-- ----- guards: an issued invoice never changes -----
CREATE TRIGGER invoice_issued_no_update BEFORE UPDATE ON invoice WHEN OLD.issued_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed; issue a credit note instead'); END;
CREATE TRIGGER invoice_issued_no_delete BEFORE DELETE ON invoice WHEN OLD.issued_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be deleted; issue a credit note instead'); END;
CREATE TRIGGER invoice_line_no_insert BEFORE INSERT ON invoice_line
WHEN (SELECT issued_at FROM invoice WHERE id = NEW.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed; issue a credit note instead'); END;
CREATE TRIGGER invoice_line_no_update BEFORE UPDATE ON invoice_line
WHEN (SELECT issued_at FROM invoice WHERE id = OLD.invoice_id) IS NOT NULL
  OR (SELECT issued_at FROM invoice WHERE id = NEW.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed; issue a credit note instead'); END;
CREATE TRIGGER invoice_line_no_delete BEFORE DELETE ON invoice_line
WHEN (SELECT issued_at FROM invoice WHERE id = OLD.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed; issue a credit note instead'); END;
-- Buyer rows are written in the issuing transaction (before issued_at is set) and never again, except erasure.
CREATE TRIGGER invoice_buyer_no_insert BEFORE INSERT ON invoice_buyer
WHEN (SELECT issued_at FROM invoice WHERE id = NEW.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed'); END;
CREATE TRIGGER invoice_buyer_erase_only BEFORE UPDATE ON invoice_buyer
WHEN NEW.invoice_id IS NOT OLD.invoice_id OR NEW.field IS NOT OLD.field OR NEW.commitment IS NOT OLD.commitment
  OR NEW.value IS NOT NULL OR NEW.salt IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice''s buyer can only be erased under legal hold, never changed'); END;
CREATE TRIGGER invoice_buyer_no_delete BEFORE DELETE ON invoice_buyer
WHEN (SELECT issued_at FROM invoice WHERE id = OLD.invoice_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: an issued invoice cannot be changed'); END;
-- Payments are facts: recorded on issued invoices only, never edited or deleted (a mistake is reversed by a
-- negative payment).
CREATE TRIGGER payment_needs_issued BEFORE INSERT ON payment
WHEN (SELECT issued_at FROM invoice WHERE id = NEW.invoice_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'sigilo: payments are recorded on issued invoices only'); END;
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
BEGIN SELECT RAISE(ABORT, 'sigilo: a recorded payment cannot be changed; record a reversal instead'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'sigilo: a recorded payment cannot be deleted; record a reversal instead'); END;
-- A series that has numbered an invoice keeps its code, kind and numbering: the number only ever moves on by one.
CREATE TRIGGER series_numbering_continues BEFORE UPDATE ON series
WHEN EXISTS (SELECT 1 FROM invoice WHERE series_id = OLD.id AND number IS NOT NULL)
  AND (NEW.code IS NOT OLD.code OR NEW.kind IS NOT OLD.kind OR NEW.digits IS NOT OLD.digits
       OR NEW.next_number NOT IN (OLD.next_number, OLD.next_number + 1))
BEGIN SELECT RAISE(ABORT, 'sigilo: a series that has issued invoices keeps its numbering'); END;
CREATE TRIGGER series_no_delete BEFORE DELETE ON series
WHEN EXISTS (SELECT 1 FROM invoice WHERE series_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'sigilo: a series in use cannot be deleted'); END;
