-- crm 4: the pipeline. Configurable ordered stages (each with a default probability and a kind: open, won or
-- lost), deals with money as integer minor units + ISO 4217 currency, every stage move recorded, tags and
-- custom field values on deals.
CREATE TABLE deal_stage (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key     TEXT NOT NULL UNIQUE,
    position     INTEGER NOT NULL,
    probability  INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    kind         TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost'))
) STRICT;
CREATE INDEX deal_stage_by_position ON deal_stage (position, id);
INSERT INTO deal_stage (name, name_key, position, probability, kind) VALUES
    ('Nuevo', 'nuevo', 1, 10, 'open'),
    ('Cualificado', 'cualificado', 2, 25, 'open'),
    ('Propuesta', 'propuesta', 3, 50, 'open'),
    ('Negociación', 'negociacion', 4, 75, 'open'),
    ('Ganado', 'ganado', 5, 100, 'won'),
    ('Perdido', 'perdido', 6, 0, 'lost');

CREATE TABLE deal (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    sort_key        TEXT NOT NULL,
    stage_id        INTEGER NOT NULL REFERENCES deal_stage (id),
    company_id      INTEGER REFERENCES company (id) ON DELETE SET NULL,
    contact_id      INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    value_minor     INTEGER NOT NULL CHECK (value_minor >= 0),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    probability     INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close  TEXT,   -- YYYY-MM-DD
    owner_notes     TEXT,
    reason          TEXT,   -- why it was won or lost
    closed_at       TEXT,   -- when it entered a won or lost stage
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX deal_list ON deal (sort_key, id);
-- A kanban column in title order; and the pipeline sums per stage and currency, read from the index alone.
CREATE INDEX deal_by_stage ON deal (stage_id, sort_key, id);
CREATE INDEX deal_pipeline ON deal (stage_id, currency, value_minor, probability);
CREATE INDEX deal_by_close ON deal (expected_close, stage_id, currency, value_minor, probability);
CREATE INDEX deal_by_closed_at ON deal (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX deal_by_company ON deal (company_id, sort_key, id) WHERE company_id IS NOT NULL;
CREATE INDEX deal_by_contact ON deal (contact_id, sort_key, id) WHERE contact_id IS NOT NULL;

CREATE TABLE deal_move (
    id             INTEGER PRIMARY KEY,
    deal_id        INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
    from_stage_id  INTEGER REFERENCES deal_stage (id) ON DELETE SET NULL,
    to_stage_id    INTEGER REFERENCES deal_stage (id) ON DELETE SET NULL,
    from_name      TEXT,
    to_name        TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX deal_move_by_deal ON deal_move (deal_id, id);

CREATE TABLE deal_tag (
    tag_id   INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    deal_id  INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, deal_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_tag_by_deal ON deal_tag (deal_id, tag_id);

CREATE TABLE deal_field (
    field_id  INTEGER NOT NULL REFERENCES field_def (id) ON DELETE CASCADE,
    deal_id   INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
    value     TEXT NOT NULL,
    PRIMARY KEY (deal_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_field_by_value ON deal_field (field_id, value, deal_id);
