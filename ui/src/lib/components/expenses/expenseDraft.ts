// The expense editor's state as typed, its conversion to ExpenseInput, the live figures (shared BigInt arithmetic) and checks.
import type { Expense } from '$lib/bindings/Expense';
import type { ExpenseInput } from '$lib/bindings/ExpenseInput';
import type { TaxDto } from '$lib/bindings/TaxDto';
import { DEFAULT_TAX } from '../invoices/invoiceDraft';
import { computeTotals, parseDec, type LineDraft, type TotalsPreview } from '../invoices/totals';

export interface BaseDraft {
	key: number;
	base: string;
	tax: TaxDto;
}

export interface ExpenseDraft {
	/** A CRM company with the supplier role, or a name typed in. */
	supplier_mode: 'company' | 'other';
	supplier_id: string;
	supplier_name: string;
	supplier_tax_id: string;
	date: string;
	number: string;
	currency: string;
	bases: BaseDraft[];
	/** '' = none. */
	withholding: string;
	category: string;
	paid_on: string;
	notes: string;
}

let nextKey = 1;

export function emptyBase(tax: TaxDto = DEFAULT_TAX): BaseDraft {
	return { key: nextKey++, base: '', tax: { ...tax } };
}

export function newExpenseDraft(date: string, currency = 'EUR', tax: TaxDto = DEFAULT_TAX): ExpenseDraft {
	return {
		supplier_mode: 'other',
		supplier_id: '',
		supplier_name: '',
		supplier_tax_id: '',
		date,
		number: '',
		currency,
		bases: [emptyBase(tax)],
		withholding: '',
		category: '',
		paid_on: '',
		notes: ''
	};
}

export function draftFromExpense(e: Expense): ExpenseDraft {
	return {
		supplier_mode: e.supplier_id ? 'company' : 'other',
		supplier_id: e.supplier_id ?? '',
		supplier_name: e.supplier_id ? '' : e.supplier_name,
		supplier_tax_id: e.supplier_id ? '' : (e.supplier_tax_id ?? ''),
		date: e.date,
		number: e.number,
		currency: e.currency,
		bases: e.taxes.map((t) => ({ key: nextKey++, base: t.base.amount, tax: { ...t.tax } })),
		withholding: e.withholding_percent ?? '',
		category: e.category ?? '',
		paid_on: e.paid_on ?? '',
		notes: e.notes ?? ''
	};
}

const opt = (s: string): string | null => (s.trim() !== '' ? s.trim() : null);
const num = (s: string): string => s.trim().replace(',', '.');

export function expenseInput(d: ExpenseDraft): ExpenseInput {
	const company = d.supplier_mode === 'company';
	return {
		supplier_id: company ? opt(d.supplier_id) : null,
		supplier_name: company ? null : opt(d.supplier_name),
		supplier_tax_id: company ? null : opt(d.supplier_tax_id)?.toUpperCase() ?? null,
		supplier_tax_country: null,
		date: d.date,
		number: d.number.trim(),
		currency: d.currency.trim().toUpperCase(),
		bases: d.bases.map((b) => ({
			base: num(b.base),
			tax: {
				category: b.tax.category,
				percent: b.tax.category === 'standard' ? num(b.tax.percent) : '0',
				surcharge: b.tax.category === 'standard' && b.tax.surcharge?.trim() ? num(b.tax.surcharge) : null,
				exemption_reason: null
			}
		})),
		withholding_percent: opt(d.withholding) ? num(d.withholding) : null,
		category: opt(d.category),
		paid_on: opt(d.paid_on),
		notes: opt(d.notes)
	};
}

/**
 * The bill's live figures: each base is a line of quantity = base at price 1 (negative allowed, as on a supplier's
 * credit note), so VAT and recargo per rate are base × rate rounded once, exactly as the backend's calc::compute.
 * An exempt base needs no reason here.
 */
export function expenseTotals(d: ExpenseDraft): TotalsPreview | null {
	const lines: LineDraft[] = d.bases.map((b) => ({
		description: '',
		quantity: b.base,
		unit_price: '1',
		discount_kind: 'none',
		discount: '',
		tax: b.tax.category === 'exempt' ? { ...b.tax, exemption_reason: b.tax.exemption_reason || '-' } : b.tax
	}));
	return computeTotals(d.currency, lines, d.withholding, true);
}

export type ExpenseProblem = 'supplier' | 'number' | 'date' | `base-${number}`;

/** What must be fixed before saving (the backend checks again and has the last word). */
export function expenseProblems(d: ExpenseDraft): ExpenseProblem[] {
	const out: ExpenseProblem[] = [];
	if (d.supplier_mode === 'company' ? d.supplier_id.trim() === '' : d.supplier_name.trim() === '') out.push('supplier');
	if (!/^\d{4}-\d{2}-\d{2}$/u.test(d.date)) out.push('date');
	if (d.number.trim() === '') out.push('number');
	d.bases.forEach((b, i) => {
		if (!parseDec(b.base)) out.push(`base-${i}`);
	});
	return out;
}

/** A file's bytes as the number array the IPC call takes (20 MiB at most, checked by the caller and the backend). */
export async function fileBytes(file: Blob): Promise<number[]> {
	return Array.from(new Uint8Array(await file.arrayBuffer()));
}

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
