// Unit tests of the filtered contact list's keyset pages behind the virtual list: placeholder row, growth, new filter.
import { describe, expect, it } from 'vitest';
import type { ContactFilterInput } from '$lib/bindings/ContactFilterInput';
import type { ContactRow } from '$lib/bindings/ContactRow';
import { toContactFilter, emptyFilter } from '../filters/filterState';
import { FilteredContactPages } from './filteredPages.svelte';

const row = (i: number): ContactRow => ({ id: String(i), name: `C${i}`, email: null, phone: null, company: null });

function fake(n: number) {
	const calls: { filter: ContactFilterInput; cursor: string | null }[] = [];
	const fetch = async (filter: ContactFilterInput, limit: number, cursor: string | null) => {
		calls.push({ filter, cursor });
		const from = cursor ? Number(cursor) : 0;
		const to = Math.min(n, from + limit);
		return { items: Array.from({ length: to - from }, (_, k) => row(from + k)), next_cursor: to < n ? String(to) : null };
	};
	return { calls, fetch };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('filtered contact pages', () => {
	it('holds a placeholder row while more may follow, and grows as the list scrolls', async () => {
		const { calls, fetch } = fake(25);
		const p = new FilteredContactPages(toContactFilter({ ...emptyFilter(), tag: 'vip' }), fetch, 10);
		expect(p.total).toBeNull();
		p.ensure({ start: 0, end: 0 });
		await settle();
		expect(p.total).toBe(11);
		expect(p.row(0)?.name).toBe('C0');
		expect(p.row(10)).toBeNull();
		p.ensure({ start: 0, end: 11 });
		for (let i = 0; i < 5; i++) await settle();
		expect(p.held).toEqual({ count: 25, more: false });
		expect(p.total).toBe(25);
		expect(calls.map((c) => c.cursor)).toEqual([null, '10', '20']);
	});

	it('a new filter starts again from its first page', async () => {
		const { calls, fetch } = fake(3);
		const p = new FilteredContactPages(toContactFilter(emptyFilter()), fetch, 10);
		p.ensure({ start: 0, end: 0 });
		await settle();
		p.setFilter(toContactFilter({ ...emptyFilter(), sort: 'created' }));
		await settle();
		expect(calls.at(-1)).toEqual({ filter: expect.objectContaining({ sort: 'created' }), cursor: null });
		expect(p.held).toEqual({ count: 3, more: false });
	});
});
