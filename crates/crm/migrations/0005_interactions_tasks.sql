-- crm 5: the timeline (interactions linked to contacts, a company and optionally a deal) and tasks.
-- Date-times are stored in UTC as YYYY-MM-DDTHH:MM:SSZ, so text order is time order.
CREATE TABLE interaction (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'message', 'note')),
    at          TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'none')),
    subject     TEXT,
    body        TEXT,
    company_id  INTEGER REFERENCES company (id) ON DELETE SET NULL,
    deal_id     INTEGER REFERENCES deal (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
-- A company's and a deal's timeline, newest first, by index seek.
CREATE INDEX interaction_by_company ON interaction (company_id, at, id) WHERE company_id IS NOT NULL;
CREATE INDEX interaction_by_deal ON interaction (deal_id, at, id) WHERE deal_id IS NOT NULL;

-- Which contacts took part. `at` is copied from the interaction so a contact's timeline is one index range.
CREATE TABLE interaction_contact (
    contact_id      INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    interaction_id  INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, at, interaction_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX interaction_contact_by_interaction ON interaction_contact (interaction_id, contact_id);

CREATE TABLE task (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    due_date    TEXT,                      -- YYYY-MM-DD; NULL: no due date
    due_time    TEXT NOT NULL DEFAULT '',  -- HH:MM, or '' for "any time that day" (sorts first)
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_at     TEXT,
    priority    INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
    contact_id  INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    company_id  INTEGER REFERENCES company (id) ON DELETE SET NULL,
    deal_id     INTEGER REFERENCES deal (id) ON DELETE SET NULL,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((done = 0) = (done_at IS NULL))
) STRICT;
-- Open tasks by due date and time: today, overdue and upcoming are ranges of this one partial index.
CREATE INDEX task_open_by_due ON task (due_date, due_time, id) WHERE done = 0 AND due_date IS NOT NULL;
CREATE INDEX task_by_contact ON task (contact_id, done, due_date) WHERE contact_id IS NOT NULL;
CREATE INDEX task_by_company ON task (company_id, done, due_date) WHERE company_id IS NOT NULL;
CREATE INDEX task_by_deal ON task (deal_id, done, due_date) WHERE deal_id IS NOT NULL;
