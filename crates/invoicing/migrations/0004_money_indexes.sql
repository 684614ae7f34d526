-- invoicing 4: covering indexes for the dashboard's money figures and the dunning list, so they read indexes
-- instead of invoice rows (which carry the seller's snapshot): issued invoices with what a balance needs, payment
-- and credit-note sums per invoice, and issued invoices by due date.
CREATE INDEX invoice_receivable ON invoice (id, currency, due_date, total)
    WHERE kind = 'invoice' AND issued_at IS NOT NULL;
CREATE INDEX payment_sums ON payment (invoice_id, amount);
CREATE INDEX credit_sums ON invoice (corrects_id, total)
    WHERE corrects_id IS NOT NULL AND issued_at IS NOT NULL;
CREATE INDEX invoice_by_due ON invoice (due_date, id)
    WHERE kind = 'invoice' AND issued_at IS NOT NULL;
