// Unit tests of the merged keyset source behind the "outstanding" tab.
import { describe, expect, it } from 'vitest';
import type { Page } from '$lib/bindings/Page';
import { mergeNewestFirst } from './merge';

/** A keyset source over ids sorted descending, paged by "id < cursor", counting its calls. */
function source(ids: number[]) {
	const sorted = [...ids].sort((a, b) => b - a);
	const calls = { n: 0 };
	const fetch = async (cursor: string | null, limit: number): Promise<Page<{ id: string }>> => {
		calls.n++;
		const from = cursor === null ? 0 : sorted.findIndex((x) => x < Number(cursor));
		const items = (from < 0 ? [] : sorted.slice(from, from + limit)).map((id) => ({ id: String(id) }));
		const last = items[items.length - 1];
		const more = from >= 0 && from + limit < sorted.length;
		return { items, next_cursor: more && last ? last.id : null };
	};
	return { fetch, calls };
}

describe('mergeNewestFirst', () => {
	it('interleaves two sources newest first across pages', async () => {
		const a = source([1, 4, 5, 9, 12]);
		const b = source([2, 3, 10, 11]);
		const merged = mergeNewestFirst([a.fetch, b.fetch], (r) => BigInt(r.id));
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const p = await merged(cursor, 3);
			seen.push(...p.items.map((r) => r.id));
			cursor = p.next_cursor;
			pages++;
		} while (cursor !== null && pages < 10);
		expect(seen).toEqual(['12', '11', '10', '9', '5', '4', '3', '2', '1']);
		expect(pages).toBe(3);
	});
	it('ends at once when every source is empty, and reads each source only a page ahead', async () => {
		const a = source([]);
		const b = source([]);
		const p = await mergeNewestFirst([a.fetch, b.fetch], (r) => BigInt(r.id))(null, 50);
		expect(p).toEqual({ items: [], next_cursor: null });
		const big = source(Array.from({ length: 1000 }, (_, i) => i * 2));
		const small = source([1, 3]);
		const first = await mergeNewestFirst([big.fetch, small.fetch], (r) => BigInt(r.id))(null, 50);
		expect(first.items).toHaveLength(50);
		expect(first.items[0]?.id).toBe('1998');
		expect(big.calls.n).toBe(1);
	});
});
