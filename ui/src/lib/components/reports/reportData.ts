// Chart and table data for the reports and the Home money panel: profit periods and revenue months as BarGroups, zero-filled.
import type { MoneyOverview } from '$lib/bindings/MoneyOverview';
import type { ProfitCurrency } from '$lib/bindings/ProfitCurrency';
import type { VatCurrency } from '$lib/bindings/VatCurrency';
import type { BarGroup } from '../charts/bars';
import { chartNumber, isZero } from '../deals/money';

export const PROFIT_SERIES = ['revenue', 'expenses', 'profit'] as const;
export type ProfitSeries = (typeof PROFIT_SERIES)[number];

/** One group per period of the year with its revenue, expenses and profit bars (exact money kept for the labels). */
export function profitGroups(pc: ProfitCurrency): BarGroup[] {
	return pc.periods.map((p) => ({
		key: p.period,
		values: Object.fromEntries(PROFIT_SERIES.map((s) => [s, { value: chartNumber(p[s].amount), money: p[s] }]))
	}));
}

/** True when a currency's year has any figure other than zero. */
export function profitHasData(pc: ProfitCurrency): boolean {
	return !isZero(pc.total.revenue.amount) || !isZero(pc.total.expenses.amount) || pc.periods.some((p) => !isZero(p.expenses.amount) || !isZero(p.revenue.amount));
}

/** "2026-Q1" → { year: 2026, quarter: 1 }; null for a month key. */
export function parseQuarter(period: string): { year: number; quarter: number } | null {
	const m = /^(\d{4})-Q([1-4])$/u.exec(period);
	return m ? { year: Number(m[1]), quarter: Number(m[2]) } : null;
}

/** The quarter (1–4) a YYYY-MM-DD date falls in. */
export function quarterOf(date: string): number {
	const month = Number(date.slice(5, 7));
	return month >= 1 && month <= 12 ? Math.floor((month - 1) / 3) + 1 : 1;
}

/** The twelve months up to `today`'s, oldest first, as YYYY-MM. */
export function last12Months(today: string): string[] {
	const y = Number(today.slice(0, 4));
	const mo = Number(today.slice(5, 7));
	const out: string[] = [];
	for (let i = 11; i >= 0; i--) {
		const idx = y * 12 + (mo - 1) - i;
		out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
	}
	return out;
}

/** The currencies the overview has figures in: receivables first, then revenue, each once, in code order. */
export function overviewCurrencies(o: MoneyOverview): string[] {
	return [...new Set([...o.receivables.map((r) => r.currency), ...o.revenue.map((r) => r.net.currency)])].sort();
}

/** Revenue by month in one currency for the twelve months, months without invoices as zero bars. */
export function revenueGroups(o: MoneyOverview, currency: string): BarGroup[] {
	const byMonth = new Map(o.revenue.filter((r) => r.net.currency === currency).map((r) => [r.month, r]));
	const zero = currency === 'JPY' ? '0' : '0.00';
	return last12Months(o.today).map((month) => {
		const r = byMonth.get(month);
		const money = r ? r.net : { amount: zero, currency };
		return { key: month, values: { [currency]: { value: chartNumber(money.amount), money, deals: r?.invoices ?? 0 } } };
	});
}

/** True when the quarter has any invoice, credit note or bill in this currency. */
export function vatHasData(v: VatCurrency): boolean {
	return v.output.length + v.corrections.length + v.input.length > 0 || !isZero(v.withheld_by_customers.amount) || !isZero(v.withheld_from_suppliers.amount);
}

/** Positive result: to pay; negative: to carry forward; zero: neither. */
export function resultKind(amount: string): 'pay' | 'compensate' | 'zero' {
	if (isZero(amount)) return 'zero';
	return amount.trim().startsWith('-') ? 'compensate' : 'pay';
}

/** A CSV file name for the quarter ("iva-2026-1T.csv"). */
export function csvFileName(year: number, quarter: number): string {
	return `iva-${year}-${quarter}T.csv`;
}
