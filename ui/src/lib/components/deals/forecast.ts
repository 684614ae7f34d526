// Shapes the forecast (ForecastLine per month and currency) and pipeline summaries into bar-chart groups.
import type { ForecastLine } from '$lib/bindings/ForecastLine';
import type { Money } from '$lib/bindings/Money';
import type { PipelineStage } from '$lib/bindings/PipelineStage';
import type { BarGroup } from '../charts/bars';
import { addDecimal, chartNumber } from './money';

/** "2026-03" plus `n` months ("2026-03", 2 → "2026-05"). */
export function addMonths(month: string, n: number): string {
	const [y = 0, m = 1] = month.split('-').map(Number);
	const idx = y * 12 + (m - 1) + n;
	return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
	return out;
}

/** The currencies present, most deals first (then code), so the likeliest currency is the default one. */
export function currenciesOf(lines: readonly ForecastLine[]): string[] {
	const deals = new Map<string, number>();
	for (const l of lines) deals.set(l.weighted.currency, (deals.get(l.weighted.currency) ?? 0) + l.deals);
	return [...deals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

/** Key of the group for open deals without an expected close date. */
export const NO_DATE = 'none';

/**
 * Monthly groups for one currency: every month from `from` (default: the first month with data) to the last month
 * with data, at most `max` months, zero-filled; open deals without a date last (only when there are some).
 */
export function forecastGroups(
	lines: readonly ForecastLine[],
	currency: string,
	opts: { from?: string; months?: number; max?: number; minMonths?: number } = {}
): BarGroup[] {
	const mine = lines.filter((l) => l.weighted.currency === currency);
	const byMonth = new Map<string, ForecastLine>();
	for (const l of mine) byMonth.set(l.month ?? NO_DATE, l);
	const dated = mine.map((l) => l.month).filter((m): m is string => m !== null).sort();
	const max = opts.max ?? 36;
	let months: string[] = [];
	const first = dated[0];
	const last = dated[dated.length - 1];
	if (opts.months !== undefined && opts.from) months = monthsBetween(opts.from, addMonths(opts.from, opts.months - 1));
	else if (first && last) months = monthsBetween(opts.from && opts.from < first ? opts.from : first, last);
	const start = months[0] ?? opts.from;
	if (opts.minMonths && start && months.length < opts.minMonths) months = monthsBetween(start, addMonths(start, opts.minMonths - 1));
	if (months.length > max) months = months.slice(months.length - max);
	const zero: Money = { amount: '0', currency };
	const groups: BarGroup[] = months.map((m) => {
		const l = byMonth.get(m);
		return { key: m, values: { [currency]: l ? { value: chartNumber(l.weighted.amount), money: l.weighted, deals: l.deals } : { value: 0, money: zero, deals: 0 } } };
	});
	const undated = byMonth.get(NO_DATE);
	if (undated) groups.push({ key: NO_DATE, values: { [currency]: { value: chartNumber(undated.weighted.amount), money: undated.weighted, deals: undated.deals } } });
	return groups;
}

/** The exact sum of the weighted forecast in one currency (for the total beside the chart). */
export function forecastTotal(lines: readonly ForecastLine[], currency: string): Money {
	let amount = '0';
	for (const l of lines) if (l.weighted.currency === currency) amount = addDecimal(amount, l.weighted.amount);
	return { amount, currency };
}

/** Currencies held by any stage of the pipeline, most-used first. */
export function pipelineCurrencies(pipeline: readonly PipelineStage[]): string[] {
	const n = new Map<string, number>();
	for (const p of pipeline) for (const t of p.totals) n.set(t.currency, (n.get(t.currency) ?? 0) + 1);
	return [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

/** Pipeline-by-stage groups for one currency (open stages only: won and lost are reported apart). */
export function pipelineGroups(pipeline: readonly PipelineStage[], currency: string): BarGroup[] {
	return pipeline
		.filter((p) => p.stage.kind === 'open')
		.map((p) => {
			const t = p.totals.find((x) => x.currency === currency) ?? { amount: '0', currency };
			return { key: p.stage.id, values: { [currency]: { value: chartNumber(t.amount), money: t, deals: p.count } } };
		});
}
