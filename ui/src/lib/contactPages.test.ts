// Unit tests for the contact page cache: fetches only covering pages, evicts far ones, ignores stale answers.
import { describe, expect, it } from 'vitest';
import type { ContactRow } from '$lib/bindings/ContactRow';
import { ContactPages, PAGE_SIZE } from './contactPages.svelte';

const TOTAL = 100_000;

function fakeFetch(calls: number[]) {
	return async (offset: number, limit: number) => {
		calls.push(offset);
		const items: ContactRow[] = [];
		for (let i = offset; i < Math.min(TOTAL, offset + limit); i++)
			items.push({ id: `c${i}`, name: `Contact ${i}`, email: null, phone: null, company: null });
		return { total: TOTAL, offset, items };
	};
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ContactPages', () => {
	it('loads the first page, then only pages covering the range', async () => {
		const calls: number[] = [];
		const p = new ContactPages(fakeFetch(calls));
		p.ensure({ start: 0, end: 0 });
		await settle();
		expect(p.total).toBe(TOTAL);
		expect(calls).toEqual([0]);
		expect(p.row(5)?.name).toBe('Contact 5');

		p.ensure({ start: 190, end: 230 });
		await settle();
		expect(calls).toEqual([0, PAGE_SIZE]);
		expect(p.row(229)?.id).toBe('c229');
	});

	it('keeps memory flat when scrolling through 100k rows', async () => {
		const calls: number[] = [];
		const p = new ContactPages(fakeFetch(calls));
		for (let start = 0; start < TOTAL; start += 997) {
			p.ensure({ start, end: Math.min(TOTAL, start + 40) });
			await settle();
			expect(p.cachedPages).toBeLessThanOrEqual(6);
		}
		expect(p.row(TOTAL - 1)).toBeNull();
		p.ensure({ start: TOTAL - 30, end: TOTAL });
		await settle();
		expect(p.row(TOTAL - 1)?.id).toBe(`c${TOTAL - 1}`);
	});

	it('drops answers that arrive after an invalidation', async () => {
		let release: () => void = () => {};
		const gate = new Promise<void>((r) => (release = r));
		let n = 0;
		const p = new ContactPages(async (offset) => {
			n++;
			if (n === 1) await gate;
			return { total: 1, offset, items: [{ id: n === 1 ? 'stale' : 'fresh', name: 'x', email: null, phone: null, company: null }] };
		});
		p.ensure({ start: 0, end: 1 });
		p.invalidate();
		await settle();
		release();
		await settle();
		expect(p.row(0)?.id).toBe('fresh');
	});

	it('an empty list learns about its first contact after an invalidation', async () => {
		let total = 0;
		const p = new ContactPages(async (offset) => ({
			total,
			offset,
			items: total ? [{ id: '1', name: 'Primera', email: null, phone: null, company: null }] : []
		}));
		p.ensure({ start: 0, end: 0 });
		await settle();
		expect(p.total).toBe(0);
		total = 1;
		p.invalidate();
		await settle();
		expect(p.total).toBe(1);
		expect(p.row(0)?.name).toBe('Primera');
	});
});
