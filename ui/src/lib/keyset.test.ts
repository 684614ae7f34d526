// Unit tests for the keyset-paged list loader: page order, ensure(n), reset dropping stale answers, errors.
import { describe, expect, it } from 'vitest';
import type { Page } from '$lib/bindings/Page';
import { KeysetList } from './keyset.svelte';

/** A fake backend over 0..n-1 whose cursor is the last id served. */
function backend(n: number) {
	const calls: (string | null)[] = [];
	const fetch = async (cursor: string | null, limit: number): Promise<Page<number>> => {
		calls.push(cursor);
		const start = cursor === null ? 0 : Number(cursor) + 1;
		const items = Array.from({ length: Math.max(0, Math.min(limit, n - start)) }, (_, k) => start + k);
		const last = items[items.length - 1];
		return { items, next_cursor: start + limit < n && last !== undefined ? String(last) : null };
	};
	return { fetch, calls };
}

describe('KeysetList', () => {
	it('loads the first page on reset and follows cursors', async () => {
		const b = backend(25);
		const list = new KeysetList(b.fetch, 10);
		await list.reset();
		expect(list.items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(list.loaded).toBe(true);
		expect(list.done).toBe(false);
		await list.more();
		await list.more();
		expect(list.items.length).toBe(25);
		expect(list.done).toBe(true);
		await list.more();
		expect(b.calls).toEqual([null, '9', '19']);
	});

	it('ensure(n) loads just enough pages, and stops at the end', async () => {
		const b = backend(95);
		const list = new KeysetList(b.fetch, 20);
		await list.reset();
		await list.ensure(45);
		expect(list.items.length).toBe(60);
		await list.ensure(1000);
		expect(list.items.length).toBe(95);
		expect(list.done).toBe(true);
	});

	it('joins a request already running instead of asking twice', async () => {
		const b = backend(100);
		const list = new KeysetList(b.fetch, 10);
		await list.reset();
		await Promise.all([list.more(), list.more(), list.more()]);
		expect(list.items.length).toBe(20);
		expect(new Set(list.items).size).toBe(20);
	});

	it('drops an answer that arrives after a reset', async () => {
		let release: (p: Page<string>) => void = () => {};
		const slow = () => new Promise<Page<string>>((r) => (release = r));
		const list = new KeysetList<string>(slow, 10);
		const first = list.reset();
		const fast = async (): Promise<Page<string>> => ({ items: ['new'], next_cursor: null });
		await list.reset(fast);
		release({ items: ['stale'], next_cursor: null });
		await first;
		expect(list.items).toEqual(['new']);
	});

	it('keeps the error and stops paging after a failure', async () => {
		const list = new KeysetList<number>(async () => {
			throw { code: 'locked', message: 'vault is locked' };
		}, 10);
		await list.reset();
		expect(list.error?.code).toBe('locked');
		await list.ensure(50);
		expect(list.items).toEqual([]);
	});

	it('an empty list is loaded and done', async () => {
		const list = new KeysetList(backend(0).fetch, 10);
		await list.reset();
		expect(list.loaded && list.done).toBe(true);
		expect(list.items).toEqual([]);
	});
});
