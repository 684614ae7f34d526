// Client-side validation of the contact form (the server validates again and answers `invalid_input`).
import type { Address } from './bindings/Address';
import type { ContactInput } from './bindings/ContactInput';
import type { ContactSource } from './bindings/ContactSource';

export type FieldProblem = 'required' | 'email_shape' | 'phone_shape' | 'too_long';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const PHONE_CHARS = /^[0-9+\-() ]+$/u;

export function checkEmail(value: string): FieldProblem | null {
	const v = value.trim();
	if (v === '') return null;
	if (v.length > 254) return 'too_long';
	return EMAIL.test(v) ? null : 'email_shape';
}

export function checkPhone(value: string): FieldProblem | null {
	const v = value.trim();
	if (v === '') return null;
	if (v.length > 40) return 'too_long';
	if (!PHONE_CHARS.test(v)) return 'phone_shape';
	const digits = v.replace(/[^0-9]/g, '').length;
	return digits >= 6 ? null : 'phone_shape';
}

export function checkName(value: string): FieldProblem | null {
	const v = value.trim();
	if (v === '') return 'required';
	return v.length > 200 ? 'too_long' : null;
}

/** An email or phone being edited: its label and value as typed. */
export interface LabelledDraft {
	label: string;
	value: string;
}

export interface ContactDraft {
	name: string;
	emails: LabelledDraft[];
	phones: LabelledDraft[];
	company: string;
	notes: string;
	job_title: string;
	/** `YYYY-MM-DD` or empty. */
	birthday: string;
	source: ContactSource | '';
	source_detail: string;
	addresses: AddressDraft[];
}

/** A postal address being edited: every part as typed (empty = not given). */
export type AddressDraft = { [K in keyof Address]: string };

/** An address row for the form (null parts as empty text). */
export function addressDraft(a: Address | null = null): AddressDraft {
	return {
		label: a?.label ?? '',
		street: a?.street ?? '',
		postal_code: a?.postal_code ?? '',
		city: a?.city ?? '',
		region: a?.region ?? '',
		country: a?.country ?? ''
	};
}

/** The addresses to save: parts trimmed (empty as null, the country upper-cased), rows with nothing but a label dropped. */
export function addressesToInput(rows: AddressDraft[]): Address[] {
	const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
	return rows
		.map((r) => ({
			label: orNull(r.label),
			street: orNull(r.street),
			postal_code: orNull(r.postal_code),
			city: orNull(r.city),
			region: orNull(r.region),
			country: orNull(r.country.toUpperCase())
		}))
		.filter((a) => a.street || a.postal_code || a.city || a.region || a.country);
}

export interface DraftProblems {
	name: FieldProblem | null;
	emails: (FieldProblem | null)[];
	phones: (FieldProblem | null)[];
}

export function checkDraft(d: ContactDraft): DraftProblems {
	return {
		name: checkName(d.name),
		emails: d.emails.map((e) => checkEmail(e.value)),
		phones: d.phones.map((p) => checkPhone(p.value))
	};
}

export function draftIsValid(p: DraftProblems): boolean {
	return p.name === null && p.emails.every((e) => e === null) && p.phones.every((e) => e === null);
}

/** Trimmed input for `contact_add` / `contact_update`: rows without a value dropped, empty text as null; every
 * email and phone goes in the labelled lists (an empty label as null). */
export function draftToInput(d: ContactDraft): ContactInput {
	const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
	const labelled = (xs: LabelledDraft[]) =>
		xs.filter((x) => x.value.trim() !== '').map((x) => ({ label: orNull(x.label), value: x.value.trim() }));
	return {
		name: d.name.trim(),
		emails: [],
		phones: [],
		company: orNull(d.company),
		notes: d.notes.trim() === '' ? null : d.notes,
		labelled_emails: labelled(d.emails),
		labelled_phones: labelled(d.phones),
		addresses: addressesToInput(d.addresses),
		job_title: orNull(d.job_title),
		birthday: orNull(d.birthday),
		source: d.source === '' ? null : d.source,
		source_detail: orNull(d.source_detail)
	};
}
