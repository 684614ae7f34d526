// Live invoice totals in the editor: exact decimals (BigInt), EN 16931 rounding as docs/invoicing.md; never floats.
import type { TaxDto } from '$lib/bindings/TaxDto';

/** An exact decimal: `m / 10^s`. */
export interface Dec {
	m: bigint;
	s: number;
}

/** At most this many decimals in a quantity, price, discount or rate (as the backend). */
export const MAX_SCALE = 6;

export const CURRENCY_EXPONENTS_NOT_2: Readonly<Record<string, number>> = {
	BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0,
	KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0,
	XOF: 0, XPF: 0
};
const CURRENCIES_2 = new Set<string>(
	('AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD ' +
		'CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
		'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA ' +
		'MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR ' +
		'RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD ' +
		'TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ').trim().split(' ')
);

/** The currency's minor-unit exponent (EUR 2, JPY 0, KWD 3), or null for a code the backend refuses. */
export function currencyExponent(code: string): number | null {
	const c = code.trim().toUpperCase();
	if (c in CURRENCY_EXPONENTS_NOT_2) return CURRENCY_EXPONENTS_NOT_2[c] ?? null;
	return CURRENCIES_2.has(c) ? 2 : null;
}

export type NumberProblem = 'required' | 'not_number' | 'too_many_decimals';

/**
 * Parses a decimal as the backend does: optional sign, digits, one '.' or ',' separator, at most 6 decimals
 * once trailing zeros are dropped. Returns the problem instead when it is not one.
 */
export function parseDecOr(text: string): Dec | NumberProblem {
	const t = text.trim();
	if (t === '') return 'required';
	const match = /^([+-]?)(\d*)(?:[.,](\d*))?$/u.exec(t);
	if (!match) return 'not_number';
	const [, sign, int = '', rawFrac = ''] = match;
	if (int === '' && rawFrac === '') return 'not_number';
	const frac = rawFrac.replace(/0+$/u, '');
	if (frac.length > MAX_SCALE) return 'too_many_decimals';
	const m = BigInt((int || '0') + frac);
	return { m: sign === '-' ? -m : m, s: frac.length };
}

export function parseDec(text: string): Dec | null {
	const d = parseDecOr(text);
	return typeof d === 'string' ? null : d;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** num / den rounded half away from zero (den > 0). */
export function divRoundHalfAway(num: bigint, den: bigint): bigint {
	const neg = num < 0n;
	const a = neg ? -num : num;
	const q = a / den;
	const r = a % den;
	const rounded = r * 2n >= den ? q + 1n : q;
	return neg ? -rounded : rounded;
}

/** Canonical text of a decimal ("12", "-0.5"). */
export function decToString(d: Dec): string {
	const neg = d.m < 0n;
	const digits = (neg ? -d.m : d.m).toString().padStart(d.s + 1, '0');
	const int = digits.slice(0, digits.length - d.s);
	const frac = d.s > 0 ? digits.slice(digits.length - d.s).replace(/0+$/u, '') : '';
	const body = frac ? `${int}.${frac}` : int;
	return neg && body !== '0' ? `-${body}` : body;
}

/** Minor units as the backend's decimal string with exactly `exponent` decimals ("665.66", "-0.05", "1500"). */
export function minorToDecimal(minor: bigint, exponent: number): string {
	const neg = minor < 0n;
	const digits = (neg ? -minor : minor).toString().padStart(exponent + 1, '0');
	const int = digits.slice(0, digits.length - exponent);
	const body = exponent > 0 ? `${int}.${digits.slice(digits.length - exponent)}` : int;
	return neg ? `-${body}` : body;
}

/** A decimal string as minor units, rounding half away from zero when it has more decimals than the currency. */
export function decimalToMinor(text: string, exponent: number): bigint | null {
	const d = parseDec(text);
	if (!d) return null;
	return d.s <= exponent ? d.m * pow10(exponent - d.s) : divRoundHalfAway(d.m, pow10(d.s - exponent));
}

/** base × percent / 100, rounded once. */
function percentOf(base: bigint, percent: Dec): bigint {
	return divRoundHalfAway(base * percent.m, 100n * pow10(percent.s));
}

export type LineField = 'description' | 'quantity' | 'unit_price' | 'discount' | 'tax_rate' | 'surcharge' | 'exemption_reason';
export type LineProblemCode =
	| NumberProblem
	| 'negative_quantity'
	| 'negative'
	| 'percent_range'
	| 'discount_too_large'
	| 'standard_needs_rate'
	| 'zero_rate_only'
	| 'surcharge_standard_only'
	| 'reason_required';

export interface Problem<F extends string> {
	field: F;
	code: LineProblemCode;
}

/** What the editor holds for one line (strings as typed). */
export interface LineDraft {
	description: string;
	quantity: string;
	unit_price: string;
	discount_kind: 'none' | 'percent' | 'amount';
	discount: string;
	tax: TaxDto;
}

export interface RatePreview {
	key: string;
	tax: TaxDto;
	base: bigint;
	tax_amount: bigint;
	surcharge_amount: bigint;
}

export interface TotalsPreview {
	exponent: number;
	/** Each line's net in minor units, or null while the line has a problem. */
	lines: (bigint | null)[];
	/** The first problem of each line, or null. */
	problems: (Problem<LineField> | null)[];
	withholdingProblem: LineProblemCode | null;
	/** Per distinct rate, in order of first use. */
	rates: RatePreview[];
	net: bigint;
	tax: bigint;
	surcharge: bigint;
	withholding: bigint;
	total: bigint;
	/** True when every line counted (no line had a problem). */
	complete: boolean;
}

/** A rate's identity for grouping: category, percent, surcharge and reason, numbers canonical. */
export function rateKey(tax: TaxDto): string {
	const canon = (s: string | null) => {
		if (s === null || s.trim() === '') return '';
		const d = parseDec(s);
		return d ? decToString(d) : s.trim();
	};
	const reason = tax.category === 'exempt' ? (tax.exemption_reason ?? '').trim() : '';
	return `${tax.category}|${canon(tax.percent) || '0'}|${canon(tax.surcharge)}|${reason}`;
}

function checkRate(tax: TaxDto): { percent: Dec; surcharge: Dec | null } | Problem<LineField> {
	const p = parseDecOr(tax.percent.trim() === '' && tax.category !== 'standard' ? '0' : tax.percent);
	if (typeof p === 'string') return { field: 'tax_rate', code: p };
	if (p.m < 0n || p.m > 100n * pow10(p.s)) return { field: 'tax_rate', code: 'percent_range' };
	if (tax.category === 'standard' && p.m === 0n) return { field: 'tax_rate', code: 'standard_needs_rate' };
	if (tax.category !== 'standard' && p.m !== 0n) return { field: 'tax_rate', code: 'zero_rate_only' };
	let surcharge: Dec | null = null;
	if (tax.surcharge !== null && tax.surcharge.trim() !== '') {
		if (tax.category !== 'standard') return { field: 'surcharge', code: 'surcharge_standard_only' };
		const s = parseDecOr(tax.surcharge);
		if (typeof s === 'string') return { field: 'surcharge', code: s };
		if (s.m < 0n || s.m > 100n * pow10(s.s)) return { field: 'surcharge', code: 'percent_range' };
		surcharge = s;
	}
	if (tax.category === 'exempt' && (tax.exemption_reason ?? '').trim() === '') {
		return { field: 'exemption_reason', code: 'reason_required' };
	}
	return { percent: p, surcharge };
}

/** One line's net in minor units (quantity × price − discount, rounded once), or its first problem. */
export function lineNet(line: LineDraft, exponent: number, creditNote = false): bigint | Problem<LineField> {
	const q = parseDecOr(line.quantity);
	if (typeof q === 'string') return { field: 'quantity', code: q };
	if (!creditNote && q.m < 0n) return { field: 'quantity', code: 'negative_quantity' };
	const p = parseDecOr(line.unit_price);
	if (typeof p === 'string') return { field: 'unit_price', code: p };
	if (p.m < 0n) return { field: 'unit_price', code: 'negative' };
	const gross = q.m * p.m;
	const grossScale = q.s + p.s;
	let num = gross;
	let scale = grossScale;
	if (line.discount_kind !== 'none' && line.discount.trim() !== '') {
		const d = parseDecOr(line.discount);
		if (typeof d === 'string') return { field: 'discount', code: d };
		if (d.m < 0n) return { field: 'discount', code: 'negative' };
		if (line.discount_kind === 'percent') {
			if (d.m > 100n * pow10(d.s)) return { field: 'discount', code: 'percent_range' };
			num = gross * (100n * pow10(d.s) - d.m);
			scale = grossScale + d.s + 2;
		} else {
			scale = Math.max(grossScale, d.s);
			const g = gross * pow10(scale - grossScale);
			const a = d.m * pow10(scale - d.s);
			const abs = g < 0n ? -g : g;
			if (a > abs) return { field: 'discount', code: 'discount_too_large' };
			num = g < 0n ? g + a : g - a;
		}
	}
	const rate = checkRate(line.tax);
	if ('field' in rate) return rate;
	return scale >= exponent ? divRoundHalfAway(num, pow10(scale - exponent)) : num * pow10(exponent - scale);
}

/**
 * The live preview of an invoice's figures: line nets rounded once, per distinct rate base × rate rounded once
 * (and the recargo on the same base), withholding on the sum of nets rounded once, total = nets + taxes +
 * surcharges − withholding. Lines with a problem are left out (and `complete` is false). Null for an unknown
 * currency.
 */
export function computeTotals(
	currency: string,
	lines: readonly LineDraft[],
	withholdingPercent: string | null,
	creditNote = false
): TotalsPreview | null {
	const exponent = currencyExponent(currency);
	if (exponent === null) return null;
	const nets: (bigint | null)[] = [];
	const problems: (Problem<LineField> | null)[] = [];
	const rates: RatePreview[] = [];
	for (const line of lines) {
		const n = lineNet(line, exponent, creditNote);
		if (typeof n !== 'bigint') {
			nets.push(null);
			problems.push(n);
			continue;
		}
		nets.push(n);
		problems.push(null);
		const key = rateKey(line.tax);
		let r = rates.find((x) => x.key === key);
		if (!r) {
			r = { key, tax: line.tax, base: 0n, tax_amount: 0n, surcharge_amount: 0n };
			rates.push(r);
		}
		r.base += n;
	}
	for (const r of rates) {
		const checked = checkRate(r.tax);
		if ('field' in checked) continue;
		r.tax_amount = percentOf(r.base, checked.percent);
		r.surcharge_amount = checked.surcharge ? percentOf(r.base, checked.surcharge) : 0n;
	}
	const sum = (f: (r: RatePreview) => bigint) => rates.reduce((acc, r) => acc + f(r), 0n);
	const net = sum((r) => r.base);
	const tax = sum((r) => r.tax_amount);
	const surcharge = sum((r) => r.surcharge_amount);
	let withholding = 0n;
	let withholdingProblem: LineProblemCode | null = null;
	if (withholdingPercent !== null && withholdingPercent.trim() !== '') {
		const w = parseDecOr(withholdingPercent);
		if (typeof w === 'string') withholdingProblem = w;
		else if (w.m < 0n || w.m > 100n * pow10(w.s)) withholdingProblem = 'percent_range';
		else withholding = percentOf(net, w);
	}
	return {
		exponent,
		lines: nets,
		problems,
		withholdingProblem,
		rates,
		net,
		tax,
		surcharge,
		withholding,
		total: net + tax + surcharge - withholding,
		complete: problems.every((p) => p === null)
	};
}

/** "1.234,56 €" (es-ES) from a decimal string and its currency: Intl formats the exact string, never a float. */
export function formatMoney(amount: string, currency: string, tag: string): string {
	const d = parseDec(amount);
	if (!d) return `${amount} ${currency}`;
	const exponent = currencyExponent(currency) ?? 2;
	try {
		return new Intl.NumberFormat(tag, {
			style: 'currency',
			currency,
			useGrouping: 'always',
			minimumFractionDigits: exponent,
			maximumFractionDigits: Math.max(exponent, d.s)
		}).format(decToString(d) as Intl.StringNumericLiteral);
	} catch {
		return `${amount} ${currency}`;
	}
}

/** Minor units formatted as money in the locale. */
export function formatMinor(minor: bigint, exponent: number, currency: string, tag: string): string {
	return formatMoney(minorToDecimal(minor, exponent), currency, tag);
}

/** A percentage for display in the locale ("21 %", "5,2 %"), from its decimal string. */
export function formatPercent(percent: string, tag: string): string {
	const d = parseDec(percent);
	if (!d) return `${percent} %`;
	try {
		return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: MAX_SCALE }).format(
			decToString({ m: d.m, s: d.s + 2 }) as Intl.StringNumericLiteral
		);
	} catch {
		return `${decToString(d)} %`;
	}
}

/** A quantity or plain decimal in the locale ("12,5" in es-ES), from its exact string. */
export function formatDecimal(value: string, tag: string): string {
	const d = parseDec(value);
	if (!d) return value;
	try {
		return new Intl.NumberFormat(tag, { maximumFractionDigits: MAX_SCALE }).format(decToString(d) as Intl.StringNumericLiteral);
	} catch {
		return decToString(d);
	}
}

/** The decimal string with its sign flipped ("95.00" → "-95.00", "-1" → "1", "0.00" stays). */
export function negate(amount: string): string {
	const t = amount.trim();
	if (t.startsWith('-')) return t.slice(1);
	return /^[+]?0*[.,]?0*$/u.test(t) ? t : `-${t.replace(/^\+/u, '')}`;
}
