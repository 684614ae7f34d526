// The add-deal form's draft, its inline checks (naming the field) and its conversion to the API's DealInput.
import type { DealInput } from '$lib/bindings/DealInput';
import { currencyDigits, normaliseAmountInput } from './money';

export interface DealDraft {
	title: string;
	stage: string;
	company: { id: string; name: string } | null;
	contact: { id: string; name: string } | null;
	value: string;
	currency: string;
	/** Empty: the stage's default probability. */
	probability: string;
	close: string;
	notes: string;
}

export type DealProblem =
	| { field: 'title'; kind: 'required' | 'too_long' }
	| { field: 'value'; kind: 'required' | 'shape'; digits: number }
	| { field: 'currency'; kind: 'shape' }
	| { field: 'probability'; kind: 'range' }
	| { field: 'close'; kind: 'shape' }
	| { field: 'notes'; kind: 'too_long' };

const MAX_TITLE = 200;
const MAX_NOTES = 10_000;

function validDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Every problem of the draft, at most one per field. */
export function checkDeal(d: DealDraft): Partial<Record<DealProblem['field'], DealProblem>> {
	const out: Partial<Record<DealProblem['field'], DealProblem>> = {};
	const title = d.title.trim();
	if (!title) out.title = { field: 'title', kind: 'required' };
	else if (title.length > MAX_TITLE) out.title = { field: 'title', kind: 'too_long' };
	const currency = d.currency.trim().toUpperCase();
	const currencyOk = /^[A-Z]{3}$/u.test(currency);
	if (!currencyOk) out.currency = { field: 'currency', kind: 'shape' };
	const digits = currencyOk ? currencyDigits(currency) : 2;
	if (!d.value.trim()) out.value = { field: 'value', kind: 'required', digits };
	else if (normaliseAmountInput(d.value, digits) === null) out.value = { field: 'value', kind: 'shape', digits };
	const p = d.probability.trim();
	if (p !== '' && !(/^\d{1,3}$/u.test(p) && Number(p) <= 100)) out.probability = { field: 'probability', kind: 'range' };
	if (d.close.trim() !== '' && !validDate(d.close.trim())) out.close = { field: 'close', kind: 'shape' };
	if (d.notes.length > MAX_NOTES) out.notes = { field: 'notes', kind: 'too_long' };
	return out;
}

/** The API input for a valid draft (amount normalised to a decimal string in major units). */
export function dealToInput(d: DealDraft): DealInput {
	const currency = d.currency.trim().toUpperCase();
	const p = d.probability.trim();
	return {
		title: d.title.trim(),
		stage: d.stage || null,
		company_id: d.company?.id ?? null,
		contact_id: d.contact?.id ?? null,
		value: normaliseAmountInput(d.value, currencyDigits(currency)) ?? '0',
		currency,
		probability: p === '' ? null : Number(p),
		expected_close: d.close.trim() || null,
		owner_notes: d.notes.trim() || null
	};
}
