// Unit tests for the reports' chart data: profit groups, twelve zero-filled months, quarters, the VAT result's sign.
import { describe, expect, it } from 'vitest';
import type { MoneyOverview } from '$lib/bindings/MoneyOverview';
import type { ProfitCurrency } from '$lib/bindings/ProfitCurrency';
import { csvFileName, last12Months, overviewCurrencies, parseQuarter, profitGroups, profitHasData, quarterOf, resultKind, revenueGroups } from './reportData';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('profit', () => {
	const pc: ProfitCurrency = {
		currency: 'EUR',
		periods: [
			{ period: '2026-Q1', revenue: eur('1000.50'), expenses: eur('200.25'), profit: eur('800.25') },
			{ period: '2026-Q2', revenue: eur('0.00'), expenses: eur('50.00'), profit: eur('-50.00') }
		],
		total: { period: '2026', revenue: eur('1000.50'), expenses: eur('250.25'), profit: eur('750.25') }
	};
	it('makes one group per period with the three series, exact money kept', () => {
		const g = profitGroups(pc);
		expect(g.map((x) => x.key)).toEqual(['2026-Q1', '2026-Q2']);
		expect(g[0]?.values.revenue?.money).toEqual(eur('1000.50'));
		expect(g[1]?.values.profit?.value).toBe(-50);
		expect(profitHasData(pc)).toBe(true);
		const empty = { ...pc, periods: pc.periods.map((p) => ({ ...p, revenue: eur('0.00'), expenses: eur('0.00'), profit: eur('0.00') })), total: { ...pc.total, revenue: eur('0.00'), expenses: eur('0.00') } };
		expect(profitHasData(empty)).toBe(false);
	});
	it('reads quarters', () => {
		expect(parseQuarter('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
		expect(parseQuarter('2026-03')).toBeNull();
		expect(quarterOf('2026-01-31')).toBe(1);
		expect(quarterOf('2026-04-01')).toBe(2);
		expect(quarterOf('2026-12-31')).toBe(4);
		expect(csvFileName(2026, 2)).toBe('iva-2026-2T.csv');
	});
});

describe('revenue by month', () => {
	it('lists the twelve months up to today across a year boundary', () => {
		expect(last12Months('2026-03-15')).toEqual([
			'2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'
		]);
		expect(last12Months('2026-12-01')[0]).toBe('2026-01');
	});
	it('fills months without invoices with zero and keeps currencies apart', () => {
		const o: MoneyOverview = {
			today: '2026-03-15',
			receivables: [{ currency: 'USD', owed: { amount: '5.00', currency: 'USD' }, owed_count: 1, overdue: { amount: '0.00', currency: 'USD' }, overdue_count: 0 }],
			revenue: [
				{ month: '2026-01', net: eur('120.40'), invoices: 2 },
				{ month: '2026-03', net: { amount: '9.99', currency: 'USD' }, invoices: 1 }
			]
		};
		expect(overviewCurrencies(o)).toEqual(['EUR', 'USD']);
		const g = revenueGroups(o, 'EUR');
		expect(g).toHaveLength(12);
		expect(g[9]?.values.EUR?.money).toEqual(eur('120.40'));
		expect(g[9]?.values.EUR?.deals).toBe(2);
		expect(g[11]?.values.EUR?.money).toEqual(eur('0.00'));
		expect(g[11]?.values.EUR?.value).toBe(0);
	});
});

describe('VAT result', () => {
	it('tells paying from compensating', () => {
		expect(resultKind('108.53')).toBe('pay');
		expect(resultKind('-20.80')).toBe('compensate');
		expect(resultKind('0.00')).toBe('zero');
	});
});
