// Unit tests of the editor's live totals against the backend's figures (crates/api/tests/invoicing.rs, calc.rs, docs).
import { describe, expect, it } from 'vitest';
import type { TaxDto } from '$lib/bindings/TaxDto';
import {
	computeTotals,
	currencyExponent,
	decimalToMinor,
	divRoundHalfAway,
	formatMoney,
	formatDecimal,
	formatPercent,
	lineNet,
	minorToDecimal,
	negate,
	parseDecOr,
	rateKey,
	type LineDraft
} from './totals';

const std = (percent: string, surcharge: string | null = null): TaxDto => ({ category: 'standard', percent, surcharge, exemption_reason: null });
const line = (quantity: string, unit_price: string, tax: TaxDto, discount?: { kind: 'percent' | 'amount'; v: string }): LineDraft => ({
	description: 'x',
	quantity,
	unit_price,
	discount_kind: discount?.kind ?? 'none',
	discount: discount?.v ?? '',
	tax
});
const eur = (minor: bigint | null | undefined) => (minor === null || minor === undefined ? null : minorToDecimal(minor, 2));

describe('decimals', () => {
	it('parses as the backend does', () => {
		expect(parseDecOr('12')).toEqual({ m: 12n, s: 0 });
		expect(parseDecOr('3,25')).toEqual({ m: 325n, s: 2 });
		expect(parseDecOr('-0.50')).toEqual({ m: -5n, s: 1 });
		expect(parseDecOr('.5')).toEqual({ m: 5n, s: 1 });
		expect(parseDecOr('7.')).toEqual({ m: 7n, s: 0 });
		expect(parseDecOr('+1.000000')).toEqual({ m: 1n, s: 0 });
		expect(parseDecOr('')).toBe('required');
		for (const bad of ['-', '.', '1e3', '1.2.3', 'abc', '1 000']) expect(parseDecOr(bad)).toBe('not_number');
		expect(parseDecOr('0.0000001')).toBe('too_many_decimals');
	});
	it('rounds half away from zero', () => {
		expect(divRoundHalfAway(5n, 10n)).toBe(1n);
		expect(divRoundHalfAway(-5n, 10n)).toBe(-1n);
		expect(divRoundHalfAway(4n, 10n)).toBe(0n);
		expect(divRoundHalfAway(-15n, 10n)).toBe(-2n);
		expect(divRoundHalfAway(25n, 10n)).toBe(3n);
	});
	it('prints minor units with the currency decimals', () => {
		expect(minorToDecimal(66566n, 2)).toBe('665.66');
		expect(minorToDecimal(-5n, 2)).toBe('-0.05');
		expect(minorToDecimal(1500n, 0)).toBe('1500');
		expect(minorToDecimal(1235n, 3)).toBe('1.235');
		expect(decimalToMinor('12.345', 2)).toBe(1235n);
		expect(decimalToMinor('-0.005', 2)).toBe(-1n);
		expect(decimalToMinor('12', 0)).toBe(12n);
	});
	it('knows each currency exponent', () => {
		expect(currencyExponent('EUR')).toBe(2);
		expect(currencyExponent('jpy')).toBe(0);
		expect(currencyExponent('KWD')).toBe(3);
		expect(currencyExponent('XXX')).toBeNull();
	});
});

describe('live totals (EN 16931)', () => {
	it('matches the documented example (docs/examples/invoice.json, tests/invoicing.rs)', () => {
		const t = computeTotals('EUR', [line('12.5', '48.00', std('21')), line('3', '12.345', std('4'), { kind: 'percent', v: '10' })], '15')!;
		expect(t.lines.map(eur)).toEqual(['600.00', '33.33']);
		expect(t.rates.map((r) => [eur(r.base), eur(r.tax_amount)])).toEqual([
			['600.00', '126.00'],
			['33.33', '1.33']
		]);
		expect(eur(t.net)).toBe('633.33');
		expect(eur(t.tax)).toBe('127.33');
		expect(eur(t.withholding)).toBe('95.00');
		expect(eur(t.total)).toBe('665.66');
		expect(t.complete).toBe(true);
	});
	it('a freelancer invoice with IRPF: 450.00 + 94.50 − 67.50 = 477.00', () => {
		const t = computeTotals('EUR', [line('10', '45', std('21'))], '15')!;
		expect([t.net, t.tax, t.withholding, t.total]).toEqual([45000n, 9450n, 6750n, 47700n]);
	});
	it('rounds tax once per rate, not per line (three lines of 0.15 at 10 % owe 0.05)', () => {
		const t = computeTotals('EUR', [line('1', '0.15', std('10')), line('1', '0.15', std('10')), line('1', '0.15', std('10'))], null)!;
		expect(t.rates).toHaveLength(1);
		expect(t.tax).toBe(5n);
	});
	it('makes one breakdown row per distinct rate, in order of first use', () => {
		const t = computeTotals('EUR', [line('3', '33.33', std('21')), line('2', '12.345', std('10')), line('1', '0.01', std('21.0'))], null)!;
		expect(t.lines).toEqual([9999n, 2469n, 1n]);
		expect(t.rates.map((r) => [r.base, r.tax_amount])).toEqual([
			[10000n, 2100n],
			[2469n, 247n]
		]);
		expect(t.total).toBe(10000n + 2100n + 2469n + 247n);
	});
	it('rounds a line net half away from zero, also on credit notes', () => {
		expect(lineNet(line('1', '0.005', std('21')), 2)).toBe(1n);
		expect(lineNet(line('0.5', '0.01', std('21')), 2)).toBe(1n);
		expect(lineNet(line('1', '0.004999', std('21')), 2)).toBe(0n);
		expect(lineNet(line('-1', '0.005', std('21')), 2, true)).toBe(-1n);
		const credit = computeTotals('EUR', [line('-12.5', '48.00', std('21'))], '15', true)!;
		expect([credit.net, credit.tax, credit.withholding, credit.total]).toEqual([-60000n, -12600n, -9000n, -60000n - 12600n + 9000n]);
	});
	it('takes a discount as a percentage or an amount', () => {
		expect(lineNet(line('2', '10', std('21'), { kind: 'amount', v: '5' }), 2)).toBe(1500n);
		expect(lineNet(line('3', '12.345', std('4'), { kind: 'percent', v: '10' }), 2)).toBe(3333n);
		expect(lineNet(line('1', '99.99', std('21'), { kind: 'percent', v: '100' }), 2)).toBe(0n);
		expect(lineNet(line('1', '10', std('21'), { kind: 'amount', v: '10.01' }), 2)).toEqual({ field: 'discount', code: 'discount_too_large' });
		expect(lineNet(line('1', '10', std('21'), { kind: 'percent', v: '101' }), 2)).toEqual({ field: 'discount', code: 'percent_range' });
		expect(lineNet(line('1', '10', std('21'), { kind: 'percent', v: '' }), 2)).toBe(1000n);
	});
	it('adds the recargo de equivalencia on the same base', () => {
		const t = computeTotals('EUR', [line('1', '100', std('21', '5.2')), line('1', '33.33', std('21'))], null)!;
		expect(t.rates.map((r) => [r.base, r.tax_amount, r.surcharge_amount])).toEqual([
			[10000n, 2100n, 520n],
			[3333n, 700n, 0n]
		]);
		expect(t.total).toBe(10000n + 2100n + 520n + 3333n + 700n);
	});
	it('uses the currency exponent: JPY 0, KWD 3', () => {
		const jpy = computeTotals('JPY', [line('3', '333.5', std('10'))], null)!;
		expect([jpy.net, jpy.tax, jpy.total]).toEqual([1001n, 100n, 1101n]);
		const kwd = computeTotals('KWD', [line('1', '1.2345', std('5'))], null)!;
		expect([kwd.net, kwd.tax]).toEqual([1235n, 62n]);
		expect(minorToDecimal(kwd.total, kwd.exponent)).toBe('1.297');
	});
	it('leaves out a line with a problem and says which field', () => {
		const t = computeTotals('EUR', [line('1', '10', std('21')), line('', '5', std('21')), line('-1', '5', std('21'))], null)!;
		expect(t.complete).toBe(false);
		expect(t.problems).toEqual([null, { field: 'quantity', code: 'required' }, { field: 'quantity', code: 'negative_quantity' }]);
		expect(t.total).toBe(1210n);
	});
	it('checks the tax category and its rate', () => {
		const exempt: TaxDto = { category: 'exempt', percent: '0', surcharge: null, exemption_reason: ' ' };
		expect(lineNet(line('1', '1', exempt), 2)).toEqual({ field: 'exemption_reason', code: 'reason_required' });
		expect(lineNet(line('1', '1', std('0')), 2)).toEqual({ field: 'tax_rate', code: 'standard_needs_rate' });
		expect(lineNet(line('1', '1', { category: 'zero', percent: '4', surcharge: null, exemption_reason: null }), 2)).toEqual({
			field: 'tax_rate',
			code: 'zero_rate_only'
		});
		expect(lineNet(line('1', '1', { category: 'reverse_charge', percent: '', surcharge: null, exemption_reason: null }), 2)).toBe(100n);
		expect(rateKey(std('21.00'))).toBe(rateKey(std('21')));
		expect(rateKey(std('21', '5.2'))).not.toBe(rateKey(std('21')));
	});
	it('refuses a withholding out of range and an unknown currency', () => {
		expect(computeTotals('EUR', [line('1', '1', std('21'))], '101')!.withholdingProblem).toBe('percent_range');
		expect(computeTotals('ZZZ', [], null)).toBeNull();
	});
});

describe('formatting', () => {
	it('formats money from the exact string in the locale', () => {
		expect(formatMoney('1234.56', 'EUR', 'es-ES').replace(/\s/gu, ' ')).toBe('1.234,56 €');
		expect(formatMoney('1500', 'JPY', 'en-GB')).toBe('JP¥1,500');
		expect(formatMoney('90071992547409.93', 'EUR', 'en-GB')).toBe('€90,071,992,547,409.93');
	});
	it('formats a rate as a percentage', () => {
		expect(formatPercent('21', 'es-ES').replace(/\s/gu, ' ')).toBe('21 %');
		expect(formatPercent('5.2', 'en-GB')).toBe('5.2%');
	});
	it('negates a decimal string', () => {
		expect(['95.00', '-1', '0.00', '+3'].map(negate)).toEqual(['-95.00', '1', '0.00', '-3']);
	});
	it('formats a quantity in the locale', () => {
		expect(formatDecimal('12.5', 'es-ES')).toBe('12,5');
		expect(formatDecimal('1234.000001', 'en-GB')).toBe('1,234.000001');
	});
});
