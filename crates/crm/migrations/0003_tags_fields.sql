-- crm 3: tags on contacts and companies (deals get theirs with the deals step), and custom fields defined per
-- entity type with their values. Names are unique case- and accent-insensitively (name_key = folded name).
CREATE TABLE tag (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE contact_tag (
    tag_id      INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_tag_by_contact ON contact_tag (contact_id, tag_id);

CREATE TABLE company_tag (
    tag_id      INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, company_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX company_tag_by_company ON company_tag (company_id, tag_id);

CREATE TABLE field_def (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'boolean')),
    choices     TEXT,   -- for kind 'choice': the allowed values, one per line
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (entity, name_key)
) STRICT;
CREATE INDEX field_def_by_entity ON field_def (entity, position, id);

-- Values in canonical text: text as typed (trimmed), number as an exact decimal string, date YYYY-MM-DD,
-- choice as the chosen value, boolean 'true' / 'false'. The (field, value) indexes serve filters.
CREATE TABLE contact_field (
    field_id    INTEGER NOT NULL REFERENCES field_def (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    value       TEXT NOT NULL,
    PRIMARY KEY (contact_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_field_by_value ON contact_field (field_id, value, contact_id);

CREATE TABLE company_field (
    field_id    INTEGER NOT NULL REFERENCES field_def (id) ON DELETE CASCADE,
    company_id  INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    value       TEXT NOT NULL,
    PRIMARY KEY (company_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX company_field_by_value ON company_field (field_id, value, company_id);
