// Client-side validation of the contact form (the server validates again and answers `invalid_input`).

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

export interface ContactDraft {
	name: string;
	emails: string[];
	phones: string[];
	company: string;
	notes: string;
}

export interface DraftProblems {
	name: FieldProblem | null;
	emails: (FieldProblem | null)[];
	phones: (FieldProblem | null)[];
}

export function checkDraft(d: ContactDraft): DraftProblems {
	return { name: checkName(d.name), emails: d.emails.map(checkEmail), phones: d.phones.map(checkPhone) };
}

export function draftIsValid(p: DraftProblems): boolean {
	return p.name === null && p.emails.every((e) => e === null) && p.phones.every((e) => e === null);
}

/** Trimmed input for `contact_add` / `contact_update`: empty repeatable fields dropped, empty text as null. */
export function draftToInput(d: ContactDraft): {
	name: string;
	emails: string[];
	phones: string[];
	company: string | null;
	notes: string | null;
} {
	const nonEmpty = (xs: string[]) => xs.map((x) => x.trim()).filter((x) => x !== '');
	const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
	return { name: d.name.trim(), emails: nonEmpty(d.emails), phones: nonEmpty(d.phones), company: orNull(d.company), notes: d.notes.trim() === '' ? null : d.notes };
}
