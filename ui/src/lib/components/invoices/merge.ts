// Keyset paging over two or more status lists at once (the "outstanding" tab: issued + partly paid), newest first.
import type { PageFetch } from '$lib/keyset.svelte';

/**
 * One `PageFetch` that merges several keyset-paged sources, each already sorted by `key` descending, into one list
 * sorted the same way. Each source is read ahead by at most one page, so a page of the merge costs at most one page
 * of each source. The returned cursor is opaque (the state lives in this closure): make a new merge to restart.
 */
export function mergeNewestFirst<T>(sources: readonly PageFetch<T>[], key: (row: T) => bigint): PageFetch<T> {
	const state = sources.map((fetch) => ({ fetch, buf: [] as T[], cursor: null as string | null, done: false }));
	let served = 0;
	return async (_cursor, limit) => {
		await Promise.all(
			state.map(async (s) => {
				while (!s.done && s.buf.length < limit) {
					const page = await s.fetch(s.cursor, limit);
					s.buf.push(...page.items);
					s.cursor = page.next_cursor;
					s.done = page.next_cursor === null || page.items.length === 0;
				}
			})
		);
		const items: T[] = [];
		while (items.length < limit) {
			let best: (typeof state)[number] | null = null;
			for (const s of state) {
				const head = s.buf[0];
				if (head === undefined) continue;
				const bestHead = best?.buf[0];
				if (bestHead === undefined || key(head) > key(bestHead)) best = s;
			}
			const row = best?.buf.shift();
			if (row === undefined) break;
			items.push(row);
		}
		const more = state.some((s) => s.buf.length > 0 || !s.done);
		served += items.length;
		return { items, next_cursor: more ? `merged:${served}` : null };
	};
}
