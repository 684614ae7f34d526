// Unit tests for the company form helpers: checks, the API input, and mapping server messages to fields.
import { describe, expect, it } from 'vitest';
import { checkCompany, companyInput, draftFrom, emptyAddress, serverDetail, serverField } from './companyDraft';

describe('checkCompany', () => {
	it('wants a name and nothing else', () => {
		const d = draftFrom(null);
		expect(checkCompany(d)).toEqual({ name: 'required' });
		d.name = 'Talleres Ruiz S.L.';
		expect(checkCompany(d)).toEqual({});
	});

	it('checks codes, days and website shapes', () => {
		const d = draftFrom(null);
		d.name = 'X';
		d.tax_id = 'B12345678';
		d.tax_country = 'ESP';
		d.payment_days = '400';
		d.currency = 'EU';
		d.website = 'no es web';
		d.addresses = [{ ...emptyAddress(), country: 'España' }];
		expect(checkCompany(d)).toEqual({
			tax_country: 'country_shape',
			payment_days: 'days_range',
			currency: 'currency_shape',
			website: 'website_shape',
			addresses: 'country_shape'
		});
		d.payment_days = '-3';
		expect(checkCompany(d).payment_days).toBe('days_range');
	});
});

describe('companyInput', () => {
	it('trims, drops blank addresses, upper-cases codes and keeps role order', () => {
		const d = draftFrom(null);
		d.name = '  Ñandú S.L. ';
		d.roles = ['prospect', 'customer'];
		d.tax_id = ' b12345674 ';
		d.tax_country = 'es';
		d.addresses = [emptyAddress(), { ...emptyAddress(), city: 'Soria', country: 'es' }];
		d.payment_days = '30';
		d.currency = 'eur';
		expect(companyInput(d)).toEqual({
			name: 'Ñandú S.L.',
			roles: ['customer', 'prospect'],
			tax_country: 'ES',
			tax_id: 'b12345674',
			addresses: [{ label: null, street: null, postal_code: null, city: 'Soria', region: null, country: 'ES' }],
			website: null,
			payment_days: 30,
			currency: 'EUR',
			notes: null
		});
	});

	it('sends no tax country without a tax id', () => {
		const d = draftFrom(null);
		d.name = 'X';
		expect(companyInput(d).tax_country).toBeNull();
	});
});

describe('server messages', () => {
	it('finds the field a message names', () => {
		expect(serverField('tax_id: the check digit does not match')).toBe('tax_id');
		expect(serverField('currency: not an ISO 4217 code')).toBe('currency');
		expect(serverField('country: two letters')).toBe('addresses');
		expect(serverField('something else entirely')).toBeNull();
		expect(serverDetail('tax_id: the check digit does not match')).toBe('the check digit does not match');
	});
});
