// Unit tests for the deal form's checks and its conversion to DealInput.
import { describe, expect, it } from 'vitest';
import { checkDeal, dealToInput, type DealDraft } from './dealDraft';

const base: DealDraft = {
	title: 'Reforma del local',
	stage: '1',
	company: { id: '7', name: 'Talleres Ruiz' },
	contact: null,
	value: '1.234,5',
	currency: 'eur',
	probability: '',
	close: '2026-12-01',
	notes: ''
};

describe('deal form', () => {
	it('accepts a good draft and converts it', () => {
		expect(checkDeal(base)).toEqual({});
		expect(dealToInput(base)).toEqual({
			title: 'Reforma del local',
			stage: '1',
			company_id: '7',
			contact_id: null,
			value: '1234.50',
			currency: 'EUR',
			probability: null,
			expected_close: '2026-12-01',
			owner_notes: null
		});
	});

	it('names each bad field', () => {
		const p = checkDeal({ ...base, title: ' ', value: '12,345', currency: 'EU', probability: '101', close: '2026-02-30' });
		expect(Object.keys(p).sort()).toEqual(['close', 'currency', 'probability', 'title', 'value']);
		expect(checkDeal({ ...base, value: '' }).value?.kind).toBe('required');
		expect(checkDeal({ ...base, value: '10.5', currency: 'JPY' }).value).toMatchObject({ kind: 'shape', digits: 0 });
		expect(checkDeal({ ...base, probability: '0' })).toEqual({});
		expect(checkDeal({ ...base, probability: '-1' }).probability?.kind).toBe('range');
		expect(dealToInput({ ...base, probability: '40' }).probability).toBe(40);
	});
});
