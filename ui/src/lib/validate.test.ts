// Unit tests for contact form validation.
import { describe, expect, it } from 'vitest';
import { addressDraft, addressesToInput, checkDraft, checkEmail, checkName, checkPhone, draftIsValid, draftToInput } from './validate';

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
	const base = {
		name: ' José ',
		emails: [
			{ label: ' work ', value: 'jose@example.es' },
			{ label: '', value: '' }
		],
		phones: [{ label: 'mobile', value: ' ' }],
		company: '',
		notes: '',
		job_title: ' CTO ',
		birthday: '',
		source: '' as const,
		source_detail: '',
		addresses: []
	};

	it('validates and converts a draft', () => {
		expect(draftIsValid(checkDraft(base))).toBe(true);
		expect(draftToInput(base)).toEqual({
			name: 'José',
			emails: [],
			phones: [],
			company: null,
			notes: null,
			labelled_emails: [{ label: 'work', value: 'jose@example.es' }],
			labelled_phones: [],
			addresses: [],
			job_title: 'CTO',
			birthday: null,
			source: null,
			source_detail: null
		});
		expect(draftIsValid(checkDraft({ ...base, emails: [{ label: '', value: 'bad' }] }))).toBe(false);
	});

	it('keeps an unlabelled value without a label and the chosen source', () => {
		const input = draftToInput({ ...base, emails: [{ label: '  ', value: ' a@b.es ' }], source: 'event' });
		expect(input.labelled_emails).toEqual([{ label: null, value: 'a@b.es' }]);
		expect(input.source).toBe('event');
	});
	it('converts address rows: parts trimmed, country upper-cased, rows with only a label dropped', () => {
		const rows = [
			{ ...addressDraft(), label: ' oficina ', street: ' C/ Mayor 1 ', city: 'Soria', country: 'es' },
			{ ...addressDraft(), label: 'vacía' }
		];
		expect(addressesToInput(rows)).toEqual([
			{ label: 'oficina', street: 'C/ Mayor 1', postal_code: null, city: 'Soria', region: null, country: 'ES' }
		]);
		expect(addressDraft({ label: null, street: 'x', postal_code: null, city: null, region: null, country: 'FR' })).toEqual({
			label: '',
			street: 'x',
			postal_code: '',
			city: '',
			region: '',
			country: 'FR'
		});
	});
});
