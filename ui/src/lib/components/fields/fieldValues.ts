// Custom field values: showing a canonical value in the locale, the text an input starts with, what changed, and
// which backend error belongs to which field.
import type { CustomFieldValue } from '$lib/bindings/CustomFieldValue';
import type { FieldDef } from '$lib/bindings/FieldDef';
import type { FieldKind } from '$lib/bindings/FieldKind';

/** The locale's decimal separator ("," for es-ES, "." for en-GB). */
export function decimalSeparator(tag: string): string {
	return new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** The locale's group separator for thousands (may be empty for a four-digit number in es-ES). */
function groupSeparator(tag: string): string {
	return new Intl.NumberFormat(tag).formatToParts(1234567).find((p) => p.type === 'group')?.value ?? ',';
}

/**
 * A canonical decimal ("-1234.5") in the locale, exactly (no float): digits grouped by thousands the way Intl does
 * for this locale (es-ES leaves four-digit numbers ungrouped), decimals kept as stored.
 */
export function formatDecimal(canonical: string, tag: string): string {
	const m = /^(-?)(\d+)(?:\.(\d+))?$/u.exec(canonical.trim());
	if (!m) return canonical;
	const [, sign = '', int = '', frac] = m;
	const minGrouping = new Intl.NumberFormat(tag).format(1234).length === 4 ? 5 : 4;
	const grouped = int.length >= minGrouping ? int.replace(/\B(?=(\d{3})+(?!\d))/gu, groupSeparator(tag)) : int;
	return `${sign}${grouped}${frac ? decimalSeparator(tag) + frac : ''}`;
}

/** `YYYY-MM-DD` as the locale writes a date (es-ES 23/11/2026). */
export function formatFieldDate(date: string, tag: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
	if (!m) return date;
	const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** A stored value as a detail page shows it. */
export function displayValue(kind: FieldKind, value: string, tag: string, yesNo: { yes: string; no: string }): string {
	switch (kind) {
		case 'number':
			return formatDecimal(value, tag);
		case 'date':
			return formatFieldDate(value, tag);
		case 'boolean':
			return value === 'true' ? yesNo.yes : value === 'false' ? yesNo.no : value;
		default:
			return value;
	}
}

/** The text an input starts with for a stored value: numbers with the locale's decimal separator, the rest as stored. */
export function inputValue(kind: FieldKind, value: string | undefined, tag: string): string {
	if (value === undefined) return '';
	if (kind === 'number') return value.replace('.', decimalSeparator(tag));
	return value;
}

/** A quick check before the backend's: null when it looks acceptable (empty clears). */
export function checkValue(kind: FieldKind, text: string): 'number' | 'date' | null {
	const t = text.trim();
	if (t === '') return null;
	if (kind === 'number') return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/u.test(t) ? null : 'number';
	if (kind === 'date') return /^\d{4}-\d{2}-\d{2}$/u.test(t) && !Number.isNaN(Date.parse(t)) ? null : 'date';
	return null;
}

/** Input texts by field id, for the fields defined (unset ones empty). */
export function draftValues(defs: FieldDef[], values: CustomFieldValue[], tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const d of defs) out[d.id] = inputValue(d.kind, values.find((v) => v.field_id === d.id)?.value, tag);
	return out;
}

/** The values to send: every field whose text differs from what was loaded; an emptied field as null (clears it). */
export function changedValues(
	defs: FieldDef[],
	loaded: Record<string, string>,
	draft: Record<string, string>
): { field: string; value: string | null }[] {
	const out: { field: string; value: string | null }[] = [];
	for (const d of defs) {
		const now = (draft[d.id] ?? '').trim();
		if (now === (loaded[d.id] ?? '').trim()) continue;
		out.push({ field: d.id, value: now === '' ? null : now });
	}
	return out;
}

/** The backend's `invalid_input` text for a custom field ("custom_fields: Nivel: …") without the section prefix. */
export function fieldErrorText(message: string): string {
	return message.trim().replace(/^custom_fields:\s*/u, '');
}

/** The backend names the field first in an `invalid_input` message: true when `message` is about `name`. */
export function errorIsAbout(message: string, name: string): boolean {
	const a = fieldErrorText(message).toLocaleLowerCase();
	const b = name.trim().toLocaleLowerCase();
	return b !== '' && (a === b || a.startsWith(`${b}:`) || a.startsWith(`${b} `));
}

/** The choices of a choice field as typed in the manager (one per line or comma-separated), trimmed, no blanks. */
export function parseChoices(text: string): string[] {
	const seen: string[] = [];
	for (const c of text.split(/[\n,]/u).map((s) => s.trim())) if (c && !seen.includes(c)) seen.push(c);
	return seen;
}
