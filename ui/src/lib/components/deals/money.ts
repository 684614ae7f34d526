// Exact money arithmetic on decimal strings (BigInt minor units, never floats) and Intl formatting for display.
import type { Money } from '$lib/bindings/Money';

/** A decimal as an integer count of 10^-scale units: "12.50" → { units: 1250n, scale: 2 }. */
export interface Decimal {
	units: bigint;
	scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/u;

/** Parses a decimal string ("1234.50", "-0.05", "1500"); throws on anything else (no exponents, no commas). */
export function parseDecimal(s: string): Decimal {
	const m = DECIMAL.exec(s.trim());
	if (!m) throw new RangeError(`not a decimal: ${JSON.stringify(s)}`);
	const frac = m[3] ?? '';
	const units = BigInt(m[2] + frac);
	return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** The decimal string of `units` × 10^-scale, with exactly `scale` decimals. */
export function formatDecimal(d: Decimal): string {
	const neg = d.units < 0n;
	const digits = (neg ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
	const int = d.scale ? digits.slice(0, -d.scale) : digits;
	const frac = d.scale ? '.' + digits.slice(-d.scale) : '';
	return (neg ? '-' : '') + int + frac;
}

function rescale(d: Decimal, scale: number): bigint {
	return d.units * 10n ** BigInt(scale - d.scale);
}

/** a + b exactly, with the larger of the two scales. */
export function addDecimal(a: string, b: string): string {
	const x = parseDecimal(a);
	const y = parseDecimal(b);
	const scale = Math.max(x.scale, y.scale);
	return formatDecimal({ units: rescale(x, scale) + rescale(y, scale), scale });
}

/** a − b exactly. */
export function subDecimal(a: string, b: string): string {
	return addDecimal(a, negate(b));
}

function negate(s: string): string {
	const d = parseDecimal(s);
	return formatDecimal({ units: -d.units, scale: d.scale });
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimal(a: string, b: string): number {
	const x = parseDecimal(a);
	const y = parseDecimal(b);
	const scale = Math.max(x.scale, y.scale);
	const d = rescale(x, scale) - rescale(y, scale);
	return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(s: string): boolean {
	return parseDecimal(s).units === 0n;
}

/** Sums amounts per currency, exactly; one line per currency in code order (currencies are never mixed). */
export function sumByCurrency(list: readonly Money[]): Money[] {
	const acc = new Map<string, string>();
	for (const m of list) acc.set(m.currency, acc.has(m.currency) ? addDecimal(acc.get(m.currency)!, m.amount) : formatDecimal(parseDecimal(m.amount)));
	return [...acc.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amount]) => ({ amount, currency }));
}

/**
 * Adds (sign 1) or removes (sign −1) one amount from per-currency totals; a currency whose total becomes zero
 * after a removal disappears (the column no longer holds it).
 */
export function adjustTotals(totals: readonly Money[], m: Money, sign: 1 | -1): Money[] {
	const amount = sign === 1 ? m.amount : negate(m.amount);
	const next = sumByCurrency([...totals, { amount, currency: m.currency }]);
	return sign === -1 ? next.filter((t) => t.currency !== m.currency || !isZero(t.amount)) : next;
}

/** value × probability / 100, rounded half away from zero to the value's own decimals (as the forecast does). */
export function weighted(amount: string, probability: number): string {
	const d = parseDecimal(amount);
	const p = BigInt(Math.round(probability));
	const n = d.units * p;
	const q = n / 100n;
	const r = n % 100n;
	const twice = (r < 0n ? -r : r) * 2n;
	const units = twice >= 100n ? q + (n < 0n ? -1n : 1n) : q;
	return formatDecimal({ units, scale: d.scale });
}

/** The currency's usual number of decimals (EUR 2, JPY 0), from Intl; 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
	try {
		return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}

/** "1.234,50 €" (es-ES) from { amount: "1234.50", currency: "EUR" }: Intl formats the decimal string itself. */
export function formatMoney(m: Money, tag: string, compact = false): string {
	const value = formatDecimal(parseDecimal(m.amount)) as Intl.StringNumericLiteral;
	try {
		// Grouping always (es-ES: 2.400,00 € like 12.400,00 €, not CLDR's 2400,00 €), so a column's figures line up.
		const options: Intl.NumberFormatOptions = compact
			? { style: 'currency', currency: m.currency, notation: 'compact', maximumFractionDigits: 1 }
			: { style: 'currency', currency: m.currency, useGrouping: 'always' };
		return new Intl.NumberFormat(tag, options).format(value);
	} catch {
		return `${m.amount} ${m.currency}`;
	}
}

/**
 * A number for drawing only (bar heights, never arithmetic on money): exact for any amount a chart can show
 * (below 2^53 minor units).
 */
export function chartNumber(amount: string): number {
	return Number(formatDecimal(parseDecimal(amount)));
}

/** Normalises what a user typed as an amount ("1.234,5", "1234.50", "1 234,50") to "1234.50"; null if invalid. */
export function normaliseAmountInput(input: string, digits: number): string | null {
	let s = input.trim().replace(/[\s\u00a0\u202f']/gu, '');
	if (s === '') return null;
	const lastComma = s.lastIndexOf(',');
	const lastDot = s.lastIndexOf('.');
	// The last separator is the decimal one when both appear; a lone comma is decimal (es-ES).
	if (lastComma >= 0 && lastDot >= 0) {
		const dec = lastComma > lastDot ? ',' : '.';
		const group = dec === ',' ? '.' : ',';
		s = s.split(group).join('').replace(dec, '.');
	} else if (lastComma >= 0) {
		if ((s.match(/,/gu) ?? []).length > 1) s = s.split(',').join('');
		else s = s.replace(',', '.');
	} else if ((s.match(/\./gu) ?? []).length > 1) {
		s = s.split('.').join('');
	}
	const m = /^(\d+)(?:\.(\d*))?$/u.exec(s);
	if (!m) return null;
	const int = (m[1] ?? '0').replace(/^0+(?=\d)/u, '');
	const frac = m[2] ?? '';
	if (frac.length > digits) return null;
	return digits === 0 ? int : `${int}.${frac.padEnd(digits, '0')}`;
}

/** A short axis label ("12 mil €", "£1.2K") for a chart tick: display only, from a drawing number. */
export function compactMoney(n: number, currency: string, tag: string): string {
	try {
		return new Intl.NumberFormat(tag, {
			style: 'currency',
			currency,
			notation: 'compact',
			minimumFractionDigits: 0,
			maximumFractionDigits: 1
		}).format(n);
	} catch {
		return `${n} ${currency}`;
	}
}

/** "mar 26" / "Mar 26" for a "2026-03" month key. */
export function monthLabel(month: string, tag: string, long = false): string {
	const [y, m] = month.split('-').map(Number);
	if (!y || !m) return month;
	return new Intl.DateTimeFormat(tag, long ? { month: 'long', year: 'numeric' } : { month: 'short', year: '2-digit' }).format(new Date(y, m - 1, 1));
}

/** A `YYYY-MM-DD` date in the locale (es-ES 23/11/2026; `short`: 23/11/26), without time-zone shifts. */
export function formatDay(date: string, tag: string, short = false): string {
	const [y, m, d] = date.split('-').map(Number);
	if (!y || !m || !d) return date;
	return new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: short ? '2-digit' : 'numeric' }).format(new Date(y, m - 1, d));
}
