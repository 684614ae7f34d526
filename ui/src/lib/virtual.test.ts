// Unit tests for the virtual list window math.
import { describe, expect, it } from 'vitest';
import { moveSelection, pagesForRange, pagesToEvict, scrollToReveal, visibleRange } from './virtual';

describe('visibleRange', () => {
	it('renders only the visible rows plus overscan', () => {
		expect(visibleRange(0, 360, 36, 100_000, 5)).toEqual({ start: 0, end: 16 });
		expect(visibleRange(36 * 1000, 360, 36, 100_000, 5)).toEqual({ start: 995, end: 1016 });
	});

	it('clamps at the end of the list', () => {
		const last = visibleRange(36 * 100_000, 360, 36, 100_000, 5);
		expect(last.end).toBe(100_000);
		expect(last.end - last.start).toBeLessThan(20);
		expect(visibleRange(0, 360, 36, 3, 5)).toEqual({ start: 0, end: 3 });
	});

	it('is empty for an empty list', () => {
		expect(visibleRange(0, 360, 36, 0, 5)).toEqual({ start: 0, end: 0 });
	});

	it('never renders more than a screenful plus overscan at 100k rows', () => {
		for (const top of [0, 123_456, 1_800_000, 3_599_964]) {
			const r = visibleRange(top, 800, 36, 100_000, 8);
			expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(800 / 36) + 1 + 16);
		}
	});
});

describe('pages', () => {
	it('maps a range to the pages covering it', () => {
		expect(pagesForRange({ start: 0, end: 16 }, 200)).toEqual([0]);
		expect(pagesForRange({ start: 190, end: 215 }, 200)).toEqual([0, 1]);
		expect(pagesForRange({ start: 400, end: 400 }, 200)).toEqual([]);
	});

	it('evicts pages far from the needed ones', () => {
		expect(pagesToEvict([0, 1, 2, 3, 50, 51], [50], 1).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
		expect(pagesToEvict([4, 5, 6], [5], 1)).toEqual([]);
	});
});

describe('selection and reveal', () => {
	it('moves and clamps the selection', () => {
		expect(moveSelection(-1, 1, 10)).toBe(0);
		expect(moveSelection(-1, -1, 10)).toBe(9);
		expect(moveSelection(9, 1, 10)).toBe(9);
		expect(moveSelection(0, -1, 10)).toBe(0);
		expect(moveSelection(0, 1, 0)).toBe(-1);
	});

	it('scrolls just enough to reveal a row', () => {
		expect(scrollToReveal(5, 0, 360, 36)).toBeNull();
		expect(scrollToReveal(20, 0, 360, 36)).toBe(21 * 36 - 360);
		expect(scrollToReveal(2, 360, 360, 36)).toBe(72);
	});
});
