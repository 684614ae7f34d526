// Unit tests for exact money arithmetic: parsing, sums per currency, totals adjustment, weighting, formatting.
import { describe, expect, it } from 'vitest';
import {
	addDecimal,
	adjustTotals,
	compactMoney,
	compareDecimal,
	formatMoney,
	normaliseAmountInput,
	parseDecimal,
	subDecimal,
	sumByCurrency,
	weighted
} from './money';

describe('decimal strings', () => {
	it('parse to integer units and back', () => {
		expect(parseDecimal('1234.50')).toEqual({ units: 123450n, scale: 2 });
		expect(parseDecimal('-0.05')).toEqual({ units: -5n, scale: 2 });
		expect(parseDecimal('1500')).toEqual({ units: 1500n, scale: 0 });
		expect(() => parseDecimal('1e3')).toThrow();
		expect(() => parseDecimal('1,5')).toThrow();
	});

	it('add exactly where floats would not', () => {
		expect(addDecimal('0.10', '0.20')).toBe('0.30');
		expect(addDecimal('9007199254740993.01', '0.02')).toBe('9007199254740993.03');
		expect(addDecimal('1500', '0.5')).toBe('1500.5');
		expect(subDecimal('10.00', '10.01')).toBe('-0.01');
		expect(compareDecimal('2.5', '2.50')).toBe(0);
		expect(compareDecimal('-1', '0.01')).toBe(-1);
	});
});

describe('sums per currency', () => {
	it('never mixes currencies and keeps code order', () => {
		const sum = sumByCurrency([
			{ amount: '0.10', currency: 'USD' },
			{ amount: '1000.10', currency: 'EUR' },
			{ amount: '0.20', currency: 'USD' },
			{ amount: '2.90', currency: 'EUR' },
			{ amount: '1500', currency: 'JPY' }
		]);
		expect(sum).toEqual([
			{ amount: '1003.00', currency: 'EUR' },
			{ amount: '1500', currency: 'JPY' },
			{ amount: '0.30', currency: 'USD' }
		]);
		expect(sumByCurrency([])).toEqual([]);
	});

	it('adjusts column totals by one deal, dropping a currency that reaches zero', () => {
		const totals = [
			{ amount: '300.00', currency: 'EUR' },
			{ amount: '50.00', currency: 'USD' }
		];
		expect(adjustTotals(totals, { amount: '50.00', currency: 'USD' }, -1)).toEqual([{ amount: '300.00', currency: 'EUR' }]);
		expect(adjustTotals(totals, { amount: '0.01', currency: 'EUR' }, 1)).toEqual([
			{ amount: '300.01', currency: 'EUR' },
			{ amount: '50.00', currency: 'USD' }
		]);
		expect(adjustTotals([], { amount: '12.34', currency: 'GBP' }, 1)).toEqual([{ amount: '12.34', currency: 'GBP' }]);
	});
});

describe('weighted value', () => {
	it('rounds half away from zero to the value’s decimals', () => {
		expect(weighted('10000.00', 25)).toBe('2500.00');
		expect(weighted('0.05', 50)).toBe('0.03');
		expect(weighted('-0.05', 50)).toBe('-0.03');
		expect(weighted('0.04', 50)).toBe('0.02');
		expect(weighted('1999', 10)).toBe('200');
		expect(weighted('123.45', 0)).toBe('0.00');
	});
});

describe('formatting and input', () => {
	it('formats with Intl in the locale from the decimal string', () => {
		expect(formatMoney({ amount: '1234.50', currency: 'EUR' }, 'es-ES').replace(/\s/gu, ' ')).toBe('1.234,50 €');
		expect(formatMoney({ amount: '12345.50', currency: 'EUR' }, 'es-ES').replace(/\s/gu, ' ')).toBe('12.345,50 €');
		expect(formatMoney({ amount: '1234.5', currency: 'GBP' }, 'en-GB')).toBe('£1,234.50');
		expect(formatMoney({ amount: '1', currency: 'XX1' }, 'en-GB')).toBe('1 XX1');
		expect(compactMoney(2500, 'EUR', 'es-ES').replace(/\s/gu, ' ')).toBe('2,5 mil €');
		expect(compactMoney(0, 'EUR', 'es-ES').replace(/\s/gu, ' ')).toBe('0 €');
	});

	it('normalises typed amounts in either convention', () => {
		expect(normaliseAmountInput('1.234,5', 2)).toBe('1234.50');
		expect(normaliseAmountInput('1,234.50', 2)).toBe('1234.50');
		expect(normaliseAmountInput('1234', 2)).toBe('1234.00');
		expect(normaliseAmountInput('12,5', 2)).toBe('12.50');
		expect(normaliseAmountInput('1 500', 0)).toBe('1500');
		expect(normaliseAmountInput('0012.1', 2)).toBe('12.10');
		expect(normaliseAmountInput('12.345', 2)).toBeNull();
		expect(normaliseAmountInput('1.5', 0)).toBeNull();
		expect(normaliseAmountInput('-3', 2)).toBeNull();
		expect(normaliseAmountInput('abc', 2)).toBeNull();
		expect(normaliseAmountInput('', 2)).toBeNull();
	});
});
