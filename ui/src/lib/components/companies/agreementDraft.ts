// Supplier agreement form logic: the draft, its client-side checks, the API input, the field a server message
// names, and whether an agreement's renewal reminder is due.
import type { Agreement } from '$lib/bindings/Agreement';
import type { AgreementInput } from '$lib/bindings/AgreementInput';

export interface AgreementDraft {
	terms: string;
	start_date: string;
	end_date: string;
	renewal_reminder: string;
	conditions: string;
}

export type AgreementField = keyof AgreementDraft;
export type AgreementProblem = 'required' | 'too_long' | 'date_shape' | 'end_before_start';

/** The backend's limit on the terms (5 × its short-text limit of 200). */
export const MAX_TERMS = 1000;

export function agreementDraft(a: Agreement | null): AgreementDraft {
	return {
		terms: a?.terms ?? '',
		start_date: a?.start_date ?? '',
		end_date: a?.end_date ?? '',
		renewal_reminder: a?.renewal_reminder ?? '',
		conditions: a?.conditions ?? ''
	};
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = new Date(Date.UTC(y, mo - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Problems the form can see before asking the server. */
export function checkAgreement(d: AgreementDraft): Partial<Record<AgreementField, AgreementProblem>> {
	const p: Partial<Record<AgreementField, AgreementProblem>> = {};
	const terms = d.terms.trim();
	if (terms === '') p.terms = 'required';
	else if ([...terms].length > MAX_TERMS) p.terms = 'too_long';
	for (const f of ['start_date', 'end_date', 'renewal_reminder'] as const) {
		const v = d[f].trim();
		if (v !== '' && !isIsoDate(v)) p[f] = 'date_shape';
	}
	const start = d.start_date.trim();
	const end = d.end_date.trim();
	if (!p.start_date && !p.end_date && start !== '' && end !== '' && end < start) p.end_date = 'end_before_start';
	return p;
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** The API input: trimmed, empty as null (conditions keep their inner line breaks). */
export function agreementInput(d: AgreementDraft): AgreementInput {
	return {
		terms: d.terms.trim(),
		start_date: orNull(d.start_date),
		end_date: orNull(d.end_date),
		renewal_reminder: orNull(d.renewal_reminder),
		conditions: d.conditions.trim() === '' ? null : d.conditions.trim()
	};
}

/** The form field a server `invalid_input` message ("end_date: the agreement cannot end…") names, or null. */
export function agreementServerField(message: string): AgreementField | null {
	const field = /^\s*([a-z_]+)\s*:/u.exec(message)?.[1] ?? '';
	const known: AgreementField[] = ['terms', 'start_date', 'end_date', 'renewal_reminder', 'conditions'];
	return (known as string[]).includes(field) ? (field as AgreementField) : null;
}

/** `due`: the renewal reminder is today or past; `soon`: within `soonDays`; `later`; null without a reminder. */
export type RenewalState = 'due' | 'soon' | 'later' | null;

export function renewalState(reminder: string | null, today: string, soonDays = 30): RenewalState {
	if (!reminder) return null;
	if (reminder <= today) return 'due';
	const days = Math.round((Date.parse(`${reminder}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
	return days <= soonDays ? 'soon' : 'later';
}
