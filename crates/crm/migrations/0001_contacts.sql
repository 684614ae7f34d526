-- crm 1: contacts with their emails and phones, and the full-text search index shared by every CRM kind.
CREATE TABLE contact (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sort_key    TEXT NOT NULL,
    company     TEXT,
    email       TEXT,   -- the first of contact_email, kept here so a list row is one index entry
    phone       TEXT,   -- the first of contact_phone, likewise
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
-- Narrow index: counting and skipping to a row number (virtual list jumps) walk few pages.
CREATE INDEX contact_by_sort_key ON contact (sort_key, id);
-- Covering index: a page of the name-ordered list is read from a few consecutive index pages.
CREATE INDEX contact_list ON contact (sort_key, id, name, email, phone, company);

CREATE TABLE contact_email (
    contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT,
    email       TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE contact_phone (
    contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT,
    phone       TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;

-- One index for every searchable kind. rowid = record id * 16 + kind code, so a record's entry is
-- replaced or removed by rowid without scanning. secure-delete makes FTS5 overwrite deleted terms.
-- Prefix indexes for 2 and 3 characters keep short prefix queries ("ga", "fer") from scanning the terms.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
