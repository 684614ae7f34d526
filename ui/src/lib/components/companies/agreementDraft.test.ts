// Unit tests of the supplier agreement form logic: checks, API input, server field mapping, renewal state.
import { describe, expect, it } from 'vitest';
import {
	agreementDraft,
	agreementInput,
	agreementServerField,
	checkAgreement,
	isIsoDate,
	renewalState,
	MAX_TERMS
} from './agreementDraft';

const draft = (over: Partial<ReturnType<typeof agreementDraft>> = {}) => ({ ...agreementDraft(null), terms: 'Papel A4, 30 días', ...over });

describe('checkAgreement', () => {
	it('needs terms and caps their length', () => {
		expect(checkAgreement(draft({ terms: '   ' }))).toEqual({ terms: 'required' });
		expect(checkAgreement(draft({ terms: 'x'.repeat(MAX_TERMS + 1) }))).toEqual({ terms: 'too_long' });
		expect(checkAgreement(draft())).toEqual({});
	});
	it('checks date shapes and that the end is not before the start', () => {
		expect(checkAgreement(draft({ start_date: '2026-02-30' }))).toEqual({ start_date: 'date_shape' });
		expect(checkAgreement(draft({ renewal_reminder: '1/2/2026' }))).toEqual({ renewal_reminder: 'date_shape' });
		expect(checkAgreement(draft({ start_date: '2026-03-01', end_date: '2026-02-28' }))).toEqual({ end_date: 'end_before_start' });
		expect(checkAgreement(draft({ start_date: '2026-03-01', end_date: '2026-03-01' }))).toEqual({});
		expect(checkAgreement(draft({ end_date: '2026-03-01' }))).toEqual({});
	});
});

describe('isIsoDate', () => {
	it('accepts real calendar days only', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2025-02-29')).toBe(false);
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('2025-1-01')).toBe(false);
	});
});

describe('agreementInput', () => {
	it('trims and sends empty text as null', () => {
		expect(agreementInput(draft({ terms: '  Papel ', start_date: '2026-01-01', conditions: '  \n ' }))).toEqual({
			terms: 'Papel',
			start_date: '2026-01-01',
			end_date: null,
			renewal_reminder: null,
			conditions: null
		});
	});
	it('round-trips an existing agreement', () => {
		const a = {
			id: '4',
			company_id: '1',
			terms: 'T',
			start_date: '2026-01-01',
			end_date: '2026-12-31',
			renewal_reminder: '2026-11-30',
			conditions: 'Pago a 30 días\nPortes pagados',
			created_at: '',
			updated_at: ''
		};
		expect(agreementInput(agreementDraft(a))).toEqual({
			terms: 'T',
			start_date: '2026-01-01',
			end_date: '2026-12-31',
			renewal_reminder: '2026-11-30',
			conditions: 'Pago a 30 días\nPortes pagados'
		});
	});
});

describe('agreementServerField', () => {
	it('reads the field name the backend puts first', () => {
		expect(agreementServerField('end_date: the agreement cannot end before it starts')).toBe('end_date');
		expect(agreementServerField('terms: required')).toBe('terms');
		expect(agreementServerField('company: there is no company 9')).toBeNull();
		expect(agreementServerField('something else')).toBeNull();
	});
});

describe('renewalState', () => {
	it('is due on the day and after, soon within the window, later beyond it', () => {
		expect(renewalState(null, '2026-05-10')).toBeNull();
		expect(renewalState('2026-05-10', '2026-05-10')).toBe('due');
		expect(renewalState('2026-01-01', '2026-05-10')).toBe('due');
		expect(renewalState('2026-06-09', '2026-05-10')).toBe('soon');
		expect(renewalState('2026-06-10', '2026-05-10')).toBe('later');
		expect(renewalState('2026-05-20', '2026-05-10', 5)).toBe('later');
	});
});
