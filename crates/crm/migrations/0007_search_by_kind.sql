-- crm 7: one full-text index per kind instead of one shared by every kind. In the shared index a kind was the low
-- 4 bits of the rowid (id * 16 + kind code), which FTS5 cannot seek on: a search for one kind walked the whole
-- doclist of every word it contained, matches of other kinds included (a word in 10% of a million interactions
-- made the contact, company, deal and task searches read all of them). Here each kind's index holds only its own
-- records, keyed by the record's id, so a query reads only that kind's doclists.
-- Same tokenizer and prefix indexes as before; secure-delete on, so a removed entry's terms are overwritten.
CREATE VIRTUAL TABLE search_contact USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE search_company USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE search_deal USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE search_interaction USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE search_task USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO search_contact (search_contact, rank) VALUES ('secure-delete', 1);
INSERT INTO search_company (search_company, rank) VALUES ('secure-delete', 1);
INSERT INTO search_deal (search_deal, rank) VALUES ('secure-delete', 1);
INSERT INTO search_interaction (search_interaction, rank) VALUES ('secure-delete', 1);
INSERT INTO search_task (search_task, rank) VALUES ('secure-delete', 1);

-- The entries are moved as they are (title and body as each kind's code wrote them: names, emails, phones, tags,
-- custom field text...), in id order. Kind codes: 1 contact, 2 company, 3 interaction, 4 deal, 5 task.
INSERT INTO search_contact (rowid, title, body)
    SELECT rowid >> 4, title, body FROM search_index WHERE (rowid & 15) = 1 ORDER BY rowid;
INSERT INTO search_company (rowid, title, body)
    SELECT rowid >> 4, title, body FROM search_index WHERE (rowid & 15) = 2 ORDER BY rowid;
INSERT INTO search_interaction (rowid, title, body)
    SELECT rowid >> 4, title, body FROM search_index WHERE (rowid & 15) = 3 ORDER BY rowid;
INSERT INTO search_deal (rowid, title, body)
    SELECT rowid >> 4, title, body FROM search_index WHERE (rowid & 15) = 4 ORDER BY rowid;
INSERT INTO search_task (rowid, title, body)
    SELECT rowid >> 4, title, body FROM search_index WHERE (rowid & 15) = 5 ORDER BY rowid;

-- One segment per index after the bulk copy (cheaper queries from the start).
INSERT INTO search_contact (search_contact) VALUES ('optimize');
INSERT INTO search_company (search_company) VALUES ('optimize');
INSERT INTO search_deal (search_deal) VALUES ('optimize');
INSERT INTO search_interaction (search_interaction) VALUES ('optimize');
INSERT INTO search_task (search_task) VALUES ('optimize');

-- The shared index goes; the vault's secure_delete pragma zeroes the pages it held.
DROP TABLE search_index;
