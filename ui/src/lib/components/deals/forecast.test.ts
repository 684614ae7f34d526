// Unit tests for shaping the forecast and the pipeline into chart groups (months filled, currencies apart).
import { describe, expect, it } from 'vitest';
import type { ForecastLine } from '$lib/bindings/ForecastLine';
import { addMonths, currenciesOf, forecastGroups, forecastTotal, monthsBetween, NO_DATE } from './forecast';

const line = (month: string | null, amount: string, currency = 'EUR', deals = 1): ForecastLine => ({
	month,
	weighted: { amount, currency },
	total: { amount, currency },
	deals
});

describe('months', () => {
	it('add across years and list ranges', () => {
		expect(addMonths('2026-11', 3)).toBe('2027-02');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(monthsBetween('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
		expect(monthsBetween('2027-01', '2026-11')).toEqual([]);
	});
});

describe('forecast groups', () => {
	const lines = [line('2026-03', '250.00'), line('2026-01', '10.50'), line(null, '5.00'), line('2026-02', '7', 'USD', 4)];
	it('fill the months between, keep currencies apart, put undated last', () => {
		const g = forecastGroups(lines, 'EUR');
		expect(g.map((x) => x.key)).toEqual(['2026-01', '2026-02', '2026-03', NO_DATE]);
		expect(g[1]?.values.EUR?.value).toBe(0);
		expect(g[2]?.values.EUR?.money.amount).toBe('250.00');
		expect(forecastGroups(lines, 'USD').map((x) => x.key)).toEqual(['2026-02']);
	});
	it('cover a fixed window when asked', () => {
		const g = forecastGroups(lines, 'EUR', { from: '2026-02', months: 3 });
		expect(g.map((x) => x.key)).toEqual(['2026-02', '2026-03', '2026-04', NO_DATE]);
	});
	it('show at least a few months from the start', () => {
		const g = forecastGroups([line('2026-03', '1.00')], 'EUR', { from: '2026-02', minMonths: 4 });
		expect(g.map((x) => x.key)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
	});
	it('total exactly and order currencies by use', () => {
		expect(forecastTotal(lines, 'EUR')).toEqual({ amount: '265.50', currency: 'EUR' });
		expect(currenciesOf(lines)).toEqual(['USD', 'EUR']);
	});
});
