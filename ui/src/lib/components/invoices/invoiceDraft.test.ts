// Unit tests of the editor's draft: what it sends (InvoiceInput) and how server refusals find their field.
import { describe, expect, it } from 'vitest';
import type { Invoice } from '$lib/bindings/Invoice';
import { controlFor, draftFromInvoice, draftInput, emptyLine, formatDay, lineFromProduct, newDraft, serverProblem, todayIso } from './invoiceDraft';

describe('draftInput', () => {
	it('sends decimal points, one discount kind, trimmed optional fields and the customer as company or contact', () => {
		const d = newDraft();
		d.customer = { kind: 'company', id: '7', name: 'Ñandú' };
		d.withholding = '15';
		d.lines = [
			{ ...emptyLine(), description: ' Horas ', quantity: '12,5', unit_price: '48', unit: 'h' },
			{ ...emptyLine({ category: 'standard', percent: '4', surcharge: null, exemption_reason: null }), description: 'Manual', quantity: '3', unit_price: '12,345', discount_kind: 'percent', discount: '10' }
		];
		const input = draftInput(d);
		expect(input.company_id).toBe('7');
		expect(input.contact_id).toBeNull();
		expect(input.issue_date).toBeNull();
		expect(input.withholding_percent).toBe('15');
		expect(input.lines[0]).toMatchObject({ description: 'Horas', quantity: '12.5', unit: 'h', unit_price: '48', discount_percent: null, discount_amount: null });
		expect(input.lines[1]).toMatchObject({ unit: null, unit_price: '12.345', discount_percent: '10', discount_amount: null, tax: { category: 'standard', percent: '4' } });
		d.customer = { kind: 'contact', id: '3', name: 'Lucía' };
		expect(draftInput(d)).toMatchObject({ company_id: null, contact_id: '3' });
	});
	it('sends 0 % and no surcharge for a non-standard category, and the reason only when exempt', () => {
		const d = newDraft();
		d.lines = [{ ...emptyLine({ category: 'reverse_charge', percent: '', surcharge: '5.2', exemption_reason: 'x' }), quantity: '1', unit_price: '1' }];
		expect(draftInput(d).lines[0]?.tax).toEqual({ category: 'reverse_charge', percent: '0', surcharge: null, exemption_reason: null });
	});
	it('round-trips a stored draft', () => {
		const inv = {
			id: '9', kind: 'invoice', series: 'F2026-', number: null, status: 'draft', issue_date: null, due_date: '2026-12-01', currency: 'EUR', language: 'en',
			company_id: '7', contact_id: '2', corrects: null, corrects_number: null, correction_reason: null, withholding_percent: '7', notes: 'n',
			lines: [{ product_id: '4', description: 'A', quantity: '2', unit: null, unit_price: '5', discount_percent: null, discount_amount: '1', tax: { category: 'standard', percent: '21', surcharge: null, exemption_reason: null }, net: { amount: '9.00', currency: 'EUR' } }]
		} as unknown as Invoice;
		const d = draftFromInvoice(inv, 'Ñandú');
		expect(d.customer).toEqual({ kind: 'company', id: '7', name: 'Ñandú' });
		expect(d.lines[0]).toMatchObject({ discount_kind: 'amount', discount: '1' });
		expect(draftInput(d)).toMatchObject({ company_id: '7', contact_id: '2', due_date: '2026-12-01', language: 'en', withholding_percent: '7', series: 'F2026-' });
		const es = draftFromInvoice({ ...inv, lines: [{ ...inv.lines[0]!, quantity: '12.5', unit_price: '12.345' }] }, null, true);
		expect(es.lines[0]).toMatchObject({ quantity: '12,5', unit_price: '12,345' });
		expect(draftInput(es).lines[0]).toMatchObject({ quantity: '12.5', unit_price: '12.345' });
	});
	it('fills a line from a product', () => {
		const l = lineFromProduct({ id: '4', name: 'Hora', description: null, unit: 'h', unit_price: '45.00', currency: 'EUR', tax: { category: 'standard', percent: '21', surcharge: null, exemption_reason: null }, archived: false });
		expect(l).toMatchObject({ product_id: '4', description: 'Hora', unit: 'h', unit_price: '45.00', quantity: '1' });
	});
});

describe('server problems', () => {
	it('reads the field and the line a refusal names', () => {
		const p = serverProblem('quantity: line 2: a negative quantity is only allowed on a credit note')!;
		expect(p).toEqual({ field: 'quantity', line: 1, detail: 'a negative quantity is only allowed on a credit note' });
		expect(controlFor(p)).toBe('invoice-line-1-qty');
		const d = serverProblem('due_date: "2026-13-01" is not a date')!;
		expect(d.line).toBeNull();
		expect(controlFor(d)).toBe('invoice-due-date');
		expect(controlFor(serverProblem('company: no company with id 9')!)).toBe('invoice-customer');
		expect(serverProblem('sigilo: refused')).toEqual({ field: 'sigilo', line: null, detail: 'refused' });
		expect(serverProblem('Something else')).toBeNull();
	});
});

describe('dates', () => {
	it('formats a day without time-zone shifts and knows today', () => {
		expect(formatDay('2026-11-23', 'es-ES')).toBe('23/11/2026');
		expect(formatDay(null, 'es-ES')).toBe('');
		expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
	});
});
