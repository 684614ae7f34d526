-- crm 6: filtered lists. Deals learn when they were last contacted (their newest linked interaction, kept up to
-- date like contacts' and companies'), so the deal list can filter and sort by it like the others. A filtered
-- list is driven either by its sort index or by its sparsest filter's own index (tag links by tag, field values
-- by (field, value), the last-contacted index, a stage, a company): those exist since steps 2-4.
ALTER TABLE deal ADD COLUMN last_interaction_at TEXT;
UPDATE deal SET last_interaction_at = (SELECT max(at) FROM interaction WHERE deal_id = deal.id);
CREATE INDEX deal_by_last_interaction ON deal (last_interaction_at, id);
