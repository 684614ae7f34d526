-- invoicing 5: the issued invoices that still have a balance. A derived index of the facts (issue, payments,
-- credit notes), kept current in the same transaction as each of them and recomputable at any time
-- (`documents::refresh_open`), so the dashboard's receivables read the few open invoices instead of every one.
CREATE TABLE open_invoice (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoice (id)
) STRICT;
INSERT INTO open_invoice (invoice_id)
SELECT i.id FROM invoice i
WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL
  AND i.total
      + COALESCE((SELECT SUM(c.total) FROM invoice c WHERE c.corrects_id = i.id AND c.issued_at IS NOT NULL), 0)
      - COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) > 0;
