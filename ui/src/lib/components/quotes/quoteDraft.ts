// The quote (and recurring template) editor's state as typed, its conversion to QuoteInput/RecurringInput, and which actions a quote allows.
import type { Frequency } from '$lib/bindings/Frequency';
import type { Quote } from '$lib/bindings/Quote';
import type { QuoteInput } from '$lib/bindings/QuoteInput';
import type { QuoteStatus } from '$lib/bindings/QuoteStatus';
import type { RecurringInput } from '$lib/bindings/RecurringInput';
import type { TaxDto } from '$lib/bindings/TaxDto';
import { DEFAULT_TAX, emptyLine, lineInput, type Customer, type EditorLine } from '$lib/components/invoices/invoiceDraft';

/** What the quote editor holds (strings as typed); the recurring editor uses the same shape. */
export interface QuoteDraft {
	customer: Customer | null;
	/** The contact for attention when both a company and a contact are set on a stored quote. */
	contact_id: string | null;
	issue_date: string;
	valid_until: string;
	currency: string;
	language: 'es' | 'en';
	/** '' = none. */
	withholding: string;
	notes: string;
	lines: EditorLine[];
}

export function newQuoteDraft(currency = 'EUR', language: 'es' | 'en' = 'es', tax: TaxDto = DEFAULT_TAX): QuoteDraft {
	return { customer: null, contact_id: null, issue_date: '', valid_until: '', currency, language, withholding: '', notes: '', lines: [emptyLine(tax)] };
}

let nextKey = 1_000_000;

export function draftFromQuote(q: Quote, customerName: string | null): QuoteDraft {
	const customer: Customer | null = q.company_id
		? { kind: 'company', id: q.company_id, name: customerName ?? '' }
		: q.contact_id
			? { kind: 'contact', id: q.contact_id, name: customerName ?? '' }
			: null;
	return {
		customer,
		contact_id: q.company_id ? q.contact_id : null,
		issue_date: q.issue_date,
		valid_until: q.valid_until ?? '',
		currency: q.currency,
		language: q.language === 'en' ? 'en' : 'es',
		withholding: q.withholding_percent ?? '',
		notes: q.notes ?? '',
		lines: q.lines.map((l) => ({
			key: nextKey++,
			product_id: l.product_id,
			description: l.description,
			quantity: l.quantity,
			unit: l.unit ?? '',
			unit_price: l.unit_price,
			discount_kind: l.discount_percent ? 'percent' : l.discount_amount ? 'amount' : 'none',
			discount: l.discount_percent ?? l.discount_amount ?? '',
			tax: { ...l.tax }
		}))
	};
}

const opt = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);
const num = (s: string): string => s.trim().replace(',', '.');

function party(d: QuoteDraft): { company_id: string | null; contact_id: string | null } {
	return {
		company_id: d.customer?.kind === 'company' ? d.customer.id : null,
		contact_id: d.customer?.kind === 'contact' ? d.customer.id : d.customer ? d.contact_id : null
	};
}

export function quoteInput(d: QuoteDraft): QuoteInput {
	return {
		...party(d),
		issue_date: opt(d.issue_date),
		valid_until: opt(d.valid_until),
		currency: d.currency.trim().toUpperCase(),
		language: d.language,
		withholding_percent: opt(d.withholding) ? num(d.withholding) : null,
		notes: opt(d.notes),
		lines: d.lines.map(lineInput)
	};
}

export interface Schedule {
	name: string;
	frequency: Frequency;
	start_date: string;
	end_date: string;
}

export function recurringInput(d: QuoteDraft, s: Schedule): RecurringInput {
	return {
		name: s.name.trim(),
		frequency: s.frequency,
		start_date: s.start_date,
		end_date: opt(s.end_date),
		series: null,
		...party(d),
		currency: d.currency.trim().toUpperCase(),
		language: d.language,
		withholding_percent: opt(d.withholding) ? num(d.withholding) : null,
		notes: opt(d.notes),
		lines: d.lines.map(lineInput)
	};
}

export interface QuoteActions {
	edit: boolean;
	send: boolean;
	accept: boolean;
	reject: boolean;
	convert: boolean;
	delete: boolean;
}

/** What a stored quote allows (the backend decides in the end): answered or invoiced quotes are read-only. */
export function quoteActions(status: QuoteStatus | null, invoiceId: string | null): QuoteActions {
	if (status === null) return { edit: true, send: false, accept: false, reject: false, convert: false, delete: false };
	const open = invoiceId === null && (status === 'draft' || status === 'sent' || status === 'expired');
	return {
		edit: open,
		send: open && status === 'draft',
		accept: open,
		reject: open,
		convert: invoiceId === null && status !== 'rejected',
		delete: invoiceId === null
	};
}

/** YYYY-MM-DD plus `days` (calendar arithmetic in UTC, no time-zone shifts). */
export function addDays(iso: string, days: number): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
	if (!m) return iso;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
	return d.toISOString().slice(0, 10);
}
