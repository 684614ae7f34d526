// Unit tests for contact form validation.
import { describe, expect, it } from 'vitest';
import { checkDraft, checkEmail, checkName, checkPhone, draftIsValid, draftToInput } from './validate';

describe('field checks', () => {
	it('checks email shape', () => {
		expect(checkEmail('ana@example.es')).toBeNull();
		expect(checkEmail('')).toBeNull();
		expect(checkEmail('ana@')).toBe('email_shape');
		expect(checkEmail('ana example.es')).toBe('email_shape');
	});

	it('checks phone shape: digits, spaces, +, -, (), at least 6 digits', () => {
		expect(checkPhone('+34 (91) 123-45-67')).toBeNull();
		expect(checkPhone('12345')).toBe('phone_shape');
		expect(checkPhone('123456')).toBeNull();
		expect(checkPhone('91 123 abc')).toBe('phone_shape');
	});

	it('requires a name', () => {
		expect(checkName('  ')).toBe('required');
		expect(checkName('José')).toBeNull();
	});
});

describe('drafts', () => {
	it('validates and converts a draft', () => {
		const d = { name: ' José ', emails: ['jose@example.es', ''], phones: [' '], company: '', notes: '' };
		expect(draftIsValid(checkDraft(d))).toBe(true);
		expect(draftToInput(d)).toEqual({ name: 'José', emails: ['jose@example.es'], phones: [], company: null, notes: null });
		expect(draftIsValid(checkDraft({ ...d, emails: ['bad'] }))).toBe(false);
	});
});
