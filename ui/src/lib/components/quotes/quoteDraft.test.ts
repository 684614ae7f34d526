// Unit tests for the quote editor's logic: QuoteInput and RecurringInput from the draft, allowed actions, date arithmetic.
import { describe, expect, it } from 'vitest';
import type { Quote } from '$lib/bindings/Quote';
import { computeTotals } from '../invoices/totals';
import { addDays, draftFromQuote, newQuoteDraft, quoteActions, quoteInput, recurringInput } from './quoteDraft';

describe('quote draft', () => {
	it('turns typed lines into the QuoteInput the backend reads (decimal commas become points)', () => {
		const d = newQuoteDraft('eur', 'es');
		d.customer = { kind: 'company', id: '7', name: 'Ñandú' };
		d.valid_until = '2026-05-01';
		d.withholding = '15';
		d.lines[0] = { ...d.lines[0]!, description: ' Diseño ', quantity: '12,5', unit_price: '48', unit: 'h' };
		const q = quoteInput(d);
		expect(q.company_id).toBe('7');
		expect(q.contact_id).toBeNull();
		expect(q.currency).toBe('EUR');
		expect(q.issue_date).toBeNull();
		expect(q.valid_until).toBe('2026-05-01');
		expect(q.withholding_percent).toBe('15');
		expect(q.lines[0]).toMatchObject({ description: 'Diseño', quantity: '12.5', unit_price: '48', unit: 'h' });
		// Live totals with the shared arithmetic: 600.00 + 21 % − 15 % IRPF = 636.00.
		const t = computeTotals(d.currency, d.lines, d.withholding);
		expect(t?.total).toBe(63600n);
	});

	it('makes a recurring template from the same draft', () => {
		const d = newQuoteDraft();
		d.customer = { kind: 'contact', id: '3', name: 'Lucía' };
		const r = recurringInput(d, { name: ' Cuota ', frequency: 'quarterly', start_date: '2026-01-31', end_date: '' });
		expect(r).toMatchObject({ name: 'Cuota', frequency: 'quarterly', start_date: '2026-01-31', end_date: null, contact_id: '3', company_id: null, series: null });
	});

	it('reads a stored quote back into the editor', () => {
		const q = {
			id: '4', number: 'P2026-0004', status: 'sent', company_id: '2', contact_id: '9', issue_date: '2026-03-01', valid_until: null,
			currency: 'EUR', language: 'en', withholding_percent: null, notes: null, invoice_id: null, taxes: [],
			totals: { net: { amount: '0.00', currency: 'EUR' }, tax: { amount: '0.00', currency: 'EUR' }, surcharge: { amount: '0.00', currency: 'EUR' }, withholding: { amount: '0.00', currency: 'EUR' }, total: { amount: '0.00', currency: 'EUR' } },
			lines: [{ product_id: null, description: 'x', quantity: '1', unit: null, unit_price: '10', discount_percent: '5', discount_amount: null, tax: { category: 'standard', percent: '21', surcharge: null, exemption_reason: null }, net: { amount: '9.50', currency: 'EUR' } }]
		} satisfies Quote;
		const d = draftFromQuote(q, 'Acme');
		expect(d.customer).toEqual({ kind: 'company', id: '2', name: 'Acme' });
		expect(d.contact_id).toBe('9');
		expect(d.language).toBe('en');
		expect(d.lines[0]).toMatchObject({ discount_kind: 'percent', discount: '5' });
		expect(quoteInput(d).contact_id).toBe('9');
	});
});

describe('quote actions', () => {
	it('follows the life of a quote', () => {
		expect(quoteActions(null, null)).toMatchObject({ edit: true, convert: false, delete: false });
		expect(quoteActions('draft', null)).toEqual({ edit: true, send: true, accept: true, reject: true, convert: true, delete: true });
		expect(quoteActions('sent', null)).toMatchObject({ send: false, accept: true, convert: true });
		expect(quoteActions('accepted', null)).toMatchObject({ edit: false, accept: false, convert: true });
		expect(quoteActions('rejected', null)).toMatchObject({ edit: false, convert: false });
		expect(quoteActions('accepted', '12')).toMatchObject({ edit: false, convert: false, delete: false });
	});
	it('adds days across month and year ends', () => {
		expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
		expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
		expect(addDays('bad', 3)).toBe('bad');
	});
});
