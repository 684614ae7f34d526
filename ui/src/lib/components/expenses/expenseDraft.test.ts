// Unit tests for the expense editor's logic: ExpenseInput, the computed VAT and recargo per rate, and the checks.
import { describe, expect, it } from 'vitest';
import type { Expense } from '$lib/bindings/Expense';
import { draftFromExpense, emptyBase, expenseInput, expenseProblems, expenseTotals, newExpenseDraft } from './expenseDraft';

const tax = (percent: string, surcharge: string | null = null) => ({ category: 'standard' as const, percent, surcharge, exemption_reason: null });

describe('expense draft', () => {
	it("computes docs/invoicing.md's example: 200.00 at 21 % + 5.2 % recargo and 10.00 exempt", () => {
		const d = newExpenseDraft('2026-04-02');
		d.supplier_name = 'Mayorista Sur SL';
		d.number = 'MS-2026/0091';
		d.bases = [
			{ ...emptyBase(tax('21', '5.2')), base: '200,00' },
			{ ...emptyBase(), base: '10.00', tax: { category: 'exempt', percent: '0', surcharge: null, exemption_reason: null } }
		];
		const t = expenseTotals(d);
		expect(t?.net).toBe(21000n);
		expect(t?.tax).toBe(4200n);
		expect(t?.surcharge).toBe(1040n);
		expect(t?.total).toBe(26240n);
		const input = expenseInput(d);
		expect(input.supplier_id).toBeNull();
		expect(input.bases).toEqual([
			{ base: '200.00', tax: { category: 'standard', percent: '21', surcharge: '5.2', exemption_reason: null } },
			{ base: '10.00', tax: { category: 'exempt', percent: '0', surcharge: null, exemption_reason: null } }
		]);
		expect(expenseProblems(d)).toEqual([]);
	});

	it('rounds the VAT once per rate, allows a negative base and withholds IRPF on the total base', () => {
		const d = newExpenseDraft('2026-04-02');
		d.bases = [
			{ ...emptyBase(tax('10')), base: '0.15' },
			{ ...emptyBase(tax('10')), base: '0.15' },
			{ ...emptyBase(tax('10')), base: '0.15' },
			{ ...emptyBase(tax('21')), base: '-100' }
		];
		d.withholding = '15';
		const t = expenseTotals(d);
		expect(t?.rates.map((r) => r.tax_amount)).toEqual([5n, -2100n]);
		expect(t?.withholding).toBe(-1493n);
	});

	it('names what is missing and uses a supplier company when chosen', () => {
		const d = newExpenseDraft('');
		d.bases[0]!.base = 'abc';
		expect(expenseProblems(d)).toEqual(['supplier', 'date', 'number', 'base-0']);
		d.supplier_mode = 'company';
		d.supplier_id = '5';
		d.supplier_name = 'ignored';
		expect(expenseInput(d)).toMatchObject({ supplier_id: '5', supplier_name: null, supplier_tax_id: null });
	});

	it('reads a stored bill back', () => {
		const money = (amount: string) => ({ amount, currency: 'EUR' });
		const e = {
			id: '1', supplier_id: null, supplier_name: 'Luz SA', supplier_tax_country: 'ES', supplier_tax_id: 'A58818501', date: '2026-01-05', number: 'L-1',
			currency: 'EUR', category: 'suministros', withholding_percent: null, paid: false, paid_on: null, notes: null, document: null, created_at: '', updated_at: '',
			taxes: [{ tax: tax('21'), label: 'IVA 21 %', base: money('50.00'), tax_amount: money('10.50'), surcharge_amount: money('0.00') }],
			totals: { net: money('50.00'), tax: money('10.50'), surcharge: money('0.00'), withholding: money('0.00'), total: money('60.50') }
		} satisfies Expense;
		const d = draftFromExpense(e);
		expect(d).toMatchObject({ supplier_mode: 'other', supplier_name: 'Luz SA', supplier_tax_id: 'A58818501', category: 'suministros' });
		expect(expenseTotals(d)?.total).toBe(6050n);
	});
});
