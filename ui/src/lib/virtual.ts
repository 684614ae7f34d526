// Window math for the virtual list: which rows are visible, which pages to fetch, which cached pages to drop.

export interface Range {
	/** First row index to render (inclusive). */
	start: number;
	/** One past the last row index to render (exclusive). */
	end: number;
}

/** Rows to render for a scroll position, with `overscan` extra rows above and below, clamped to [0, total). */
export function visibleRange(
	scrollTop: number,
	viewportHeight: number,
	rowHeight: number,
	total: number,
	overscan: number
): Range {
	if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
	const top = Math.max(0, scrollTop);
	const first = Math.floor(top / rowHeight);
	const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
	const start = Math.max(0, Math.min(total - 1, first) - overscan);
	const end = Math.min(total, first + count + overscan);
	return { start, end: Math.max(start, end) };
}

/** Page indexes (of `pageSize` rows) that cover a range. */
export function pagesForRange(range: Range, pageSize: number): number[] {
	if (range.end <= range.start || pageSize <= 0) return [];
	const first = Math.floor(range.start / pageSize);
	const last = Math.floor((range.end - 1) / pageSize);
	const pages: number[] = [];
	for (let p = first; p <= last; p++) pages.push(p);
	return pages;
}

/** Cached pages further than `keep` pages from the needed ones: drop them so memory stays flat. */
export function pagesToEvict(cached: Iterable<number>, needed: number[], keep: number): number[] {
	if (needed.length === 0) return [...cached];
	const lo = Math.min(...needed) - keep;
	const hi = Math.max(...needed) + keep;
	return [...cached].filter((p) => p < lo || p > hi);
}

/** The scrollTop that brings row `index` into view, or null if it is already fully visible. */
export function scrollToReveal(
	index: number,
	scrollTop: number,
	viewportHeight: number,
	rowHeight: number,
	headerHeight = 0
): number | null {
	const rowTop = index * rowHeight;
	const rowBottom = rowTop + rowHeight;
	const visibleTop = scrollTop;
	const visibleBottom = scrollTop + viewportHeight - headerHeight;
	if (rowTop < visibleTop) return rowTop;
	if (rowBottom > visibleBottom) return rowBottom - (viewportHeight - headerHeight);
	return null;
}

/** Clamp a selection index after a move of `delta` rows. */
export function moveSelection(current: number, delta: number, total: number): number {
	if (total <= 0) return -1;
	if (current < 0) return delta >= 0 ? 0 : total - 1;
	return Math.max(0, Math.min(total - 1, current + delta));
}
