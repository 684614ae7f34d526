// Filter-bar state of the contact, company and deal lists: what is active, the chips it shows, and the API inputs.
import type { CompanyFilterInput } from '$lib/bindings/CompanyFilterInput';
import type { CompanyRole } from '$lib/bindings/CompanyRole';
import type { ContactFilterInput } from '$lib/bindings/ContactFilterInput';
import type { DealFilterInput } from '$lib/bindings/DealFilterInput';
import type { ListSort } from '$lib/bindings/ListSort';

/** One list's filters as the bar edits them (empty text = not filtering on it). */
export interface ListFilter {
	tag: string;
	role: CompanyRole | '';
	/** A stage id. */
	stage: string;
	/** A custom field's id, its name (for the chip) and the value looked for. */
	fieldId: string;
	fieldName: string;
	fieldValue: string;
	/** `YYYY-MM-DD`. */
	before: string;
	after: string;
	sort: ListSort;
}

export type ChipKey = 'tag' | 'role' | 'stage' | 'field' | 'before' | 'after' | 'sort';

export function emptyFilter(): ListFilter {
	return { tag: '', role: '', stage: '', fieldId: '', fieldName: '', fieldValue: '', before: '', after: '', sort: 'name' };
}

/** The chips to show, in a fixed order: every filter set, then the sort when it is not the default (name). */
export function activeKeys(f: ListFilter): ChipKey[] {
	const keys: ChipKey[] = [];
	if (f.tag.trim()) keys.push('tag');
	if (f.role) keys.push('role');
	if (f.stage) keys.push('stage');
	if (f.fieldId && f.fieldValue.trim()) keys.push('field');
	if (f.before) keys.push('before');
	if (f.after) keys.push('after');
	if (f.sort !== 'name') keys.push('sort');
	return keys;
}

/** True when the list must leave its default (unfiltered, by name) view. */
export function isActive(f: ListFilter): boolean {
	return activeKeys(f).length > 0;
}

/** The filter without one chip's condition (the sort chip goes back to name). */
export function withoutKey(f: ListFilter, key: ChipKey): ListFilter {
	const next = { ...f };
	switch (key) {
		case 'field':
			next.fieldId = '';
			next.fieldName = '';
			next.fieldValue = '';
			break;
		case 'sort':
			next.sort = 'name';
			break;
		default:
			next[key] = '';
	}
	return next;
}

/** A stable text of what the list shows, to tell when a reload is needed. */
export function filterKey(f: ListFilter): string {
	return JSON.stringify([f.tag.trim(), f.role, f.stage, f.fieldId, f.fieldValue.trim(), f.before, f.after, f.sort]);
}

const text = (s: string) => (s.trim() === '' ? null : s.trim());

function common(f: ListFilter) {
	return {
		tag: text(f.tag),
		field: f.fieldId && f.fieldValue.trim() ? { field: f.fieldId, value: f.fieldValue.trim() } : null,
		last_contacted_before: f.before || null,
		last_contacted_after: f.after || null,
		sort: f.sort
	};
}

export function toContactFilter(f: ListFilter): ContactFilterInput {
	return { ...common(f), company_id: null };
}

export function toCompanyFilter(f: ListFilter): CompanyFilterInput {
	return { ...common(f), role: f.role || null };
}

/** The deal list's filter; `stage` (a column's stage id) overrides the bar's. */
export function toDealFilter(f: ListFilter, stage: string | null = null): DealFilterInput {
	return { ...common(f), stage: stage ?? (f.stage || null), company_id: null, contact_id: null };
}
