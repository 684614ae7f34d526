// The invoice editor's state as typed (strings), its conversion to InvoiceInput, and server messages mapped to fields.
import type { Invoice } from '$lib/bindings/Invoice';
import type { InvoiceInput } from '$lib/bindings/InvoiceInput';
import type { InvoiceKind } from '$lib/bindings/InvoiceKind';
import type { InvoiceLineInput } from '$lib/bindings/InvoiceLineInput';
import type { Product } from '$lib/bindings/Product';
import type { TaxDto } from '$lib/bindings/TaxDto';
import type { LineDraft } from './totals';

export interface Customer {
	kind: 'company' | 'contact';
	id: string;
	name: string;
}

export interface EditorLine extends LineDraft {
	/** Stable key for the list of lines in the DOM. */
	key: number;
	product_id: string | null;
	unit: string;
}

export interface InvoiceDraft {
	kind: InvoiceKind;
	series: string | null;
	customer: Customer | null;
	/** The other party when both a company and a contact (for attention) are set on a stored draft. */
	contact_id: string | null;
	issue_date: string;
	due_date: string;
	currency: string;
	language: 'es' | 'en';
	/** '' = none. */
	withholding: string;
	notes: string;
	corrects: string | null;
	correction_reason: string | null;
	lines: EditorLine[];
}

let nextKey = 1;

export const DEFAULT_TAX: TaxDto = { category: 'standard', percent: '21', surcharge: null, exemption_reason: null };

export function emptyLine(tax: TaxDto = DEFAULT_TAX): EditorLine {
	return {
		key: nextKey++,
		product_id: null,
		description: '',
		quantity: '1',
		unit: '',
		unit_price: '',
		discount_kind: 'none',
		discount: '',
		tax: { ...tax }
	};
}

export function lineFromProduct(p: Product): EditorLine {
	return {
		...emptyLine(p.tax),
		product_id: p.id,
		description: p.description?.trim() ? `${p.name} — ${p.description}` : p.name,
		unit: p.unit ?? '',
		unit_price: p.unit_price
	};
}

export function newDraft(currency = 'EUR', language: 'es' | 'en' = 'es'): InvoiceDraft {
	return {
		kind: 'invoice',
		series: null,
		customer: null,
		contact_id: null,
		issue_date: '',
		due_date: '',
		currency,
		language,
		withholding: '',
		notes: '',
		corrects: null,
		correction_reason: null,
		lines: [emptyLine()]
	};
}

/** The editor's state for a stored draft (the customer's name comes from the list row or a lookup). */
export function draftFromInvoice(inv: Invoice, customerName: string | null, decimalComma = false): InvoiceDraft {
	const show = (v: string) => (decimalComma ? v.replace('.', ',') : v);
	const customer: Customer | null = inv.company_id
		? { kind: 'company', id: inv.company_id, name: customerName ?? '' }
		: inv.contact_id
			? { kind: 'contact', id: inv.contact_id, name: customerName ?? '' }
			: null;
	return {
		kind: inv.kind,
		series: inv.series,
		customer,
		contact_id: inv.company_id ? inv.contact_id : null,
		issue_date: inv.issue_date ?? '',
		due_date: inv.due_date ?? '',
		currency: inv.currency,
		language: inv.language === 'en' ? 'en' : 'es',
		withholding: show(inv.withholding_percent ?? ''),
		notes: inv.notes ?? '',
		corrects: inv.corrects,
		correction_reason: inv.correction_reason,
		lines: inv.lines.map((l) => ({
			key: nextKey++,
			product_id: l.product_id,
			description: l.description,
			quantity: show(l.quantity),
			unit: l.unit ?? '',
			unit_price: show(l.unit_price),
			discount_kind: l.discount_percent ? 'percent' : l.discount_amount ? 'amount' : 'none',
			discount: show(l.discount_percent ?? l.discount_amount ?? ''),
			tax: { ...l.tax }
		}))
	};
}

const opt = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);
/** A decimal as the backend reads it: the user's comma becomes a point. */
const num = (s: string): string => s.trim().replace(',', '.');

export function lineInput(l: EditorLine): InvoiceLineInput {
	const discount = l.discount_kind !== 'none' && l.discount.trim() !== '' ? num(l.discount) : null;
	const surcharge = l.tax.category === 'standard' && l.tax.surcharge?.trim() ? num(l.tax.surcharge) : null;
	return {
		product_id: l.product_id,
		description: l.description.trim(),
		quantity: num(l.quantity),
		unit: opt(l.unit),
		unit_price: num(l.unit_price),
		discount_percent: l.discount_kind === 'percent' ? discount : null,
		discount_amount: l.discount_kind === 'amount' ? discount : null,
		tax: {
			category: l.tax.category,
			percent: l.tax.category === 'standard' ? num(l.tax.percent) : '0',
			surcharge,
			exemption_reason: l.tax.category === 'exempt' ? opt(l.tax.exemption_reason) : null
		}
	};
}

export function draftInput(d: InvoiceDraft): InvoiceInput {
	return {
		kind: d.kind,
		series: d.series,
		company_id: d.customer?.kind === 'company' ? d.customer.id : null,
		contact_id: d.customer?.kind === 'contact' ? d.customer.id : d.contact_id,
		issue_date: opt(d.issue_date),
		due_date: opt(d.due_date),
		currency: d.currency.trim().toUpperCase(),
		language: d.language,
		withholding_percent: opt(d.withholding) ? num(d.withholding) : null,
		notes: opt(d.notes),
		corrects: d.corrects,
		correction_reason: opt(d.correction_reason),
		lines: d.lines.map(lineInput)
	};
}

/** Where a backend `invalid_input` points: an invoice field, or a line's field. */
export interface ServerProblem {
	field: string;
	/** 0-based line, when the message names one ("line 2: …"). */
	line: number | null;
	detail: string;
}

/** Reads "quantity: line 2: a negative quantity…" as { field: 'quantity', line: 1, detail: 'a negative quantity…' }. */
export function serverProblem(message: string): ServerProblem | null {
	const m = /^\s*([a-z_]+)(?:\[(\d+)\])?(?:\.[a-z_]+)?:\s*(.*)$/su.exec(message);
	if (!m) return null;
	const [, field = '', idx, rest = ''] = m;
	const lm = /^line (\d+):\s*(.*)$/su.exec(rest);
	const line = lm ? Number(lm[1]) - 1 : idx !== undefined ? Number(idx) : null;
	return { field, line, detail: lm ? (lm[2] ?? '') : rest };
}

/** Which editor control a server field belongs to (for focus and the message under it). */
export function controlFor(p: ServerProblem): string {
	const lineFields: Record<string, string> = {
		quantity: 'qty',
		unit_price: 'price',
		discount: 'discount',
		tax_rate: 'tax',
		surcharge: 'tax',
		exemption_reason: 'tax',
		description: 'desc',
		net: 'price'
	};
	if (p.line !== null && p.field in lineFields) return `invoice-line-${p.line}-${lineFields[p.field]}`;
	const fields: Record<string, string> = {
		company: 'invoice-customer',
		contact: 'invoice-customer',
		customer: 'invoice-customer',
		issue_date: 'invoice-issue-date',
		due_date: 'invoice-due-date',
		currency: 'invoice-currency',
		withholding: 'invoice-withholding',
		language: 'invoice-language',
		notes: 'invoice-notes'
	};
	return fields[p.field] ?? 'invoice-lines';
}

/** Today in the computer's time zone, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
	const y = now.getFullYear();
	const mo = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${mo}-${d}`;
}

/** "23/11/2026" (es-ES) from YYYY-MM-DD, without time-zone shifts. */
export function formatDay(iso: string | null, tag: string): string {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
	if (!m) return iso;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(d);
}
