-- audit 1: one row per change made through the API: what kind of change, to which record, when. No personal data.
CREATE TABLE audit_event (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT
) STRICT;
