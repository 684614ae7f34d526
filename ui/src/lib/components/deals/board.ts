// Pure logic of the deals board: stage steps for the keyboard, drag hit-testing, optimistic column summaries.
import type { Deal } from '$lib/bindings/Deal';
import type { Money } from '$lib/bindings/Money';
import type { Stage } from '$lib/bindings/Stage';
import { adjustTotals } from './money';

/** The stage `dir` steps from `currentId` in pipeline order; null at either end (or for an unknown stage). */
export function stageStep(stages: readonly Stage[], currentId: string, dir: 1 | -1): Stage | null {
	const i = stages.findIndex((s) => s.id === currentId);
	if (i < 0) return null;
	return stages[i + dir] ?? null;
}

/** What a key press on a focused card asks for: a move to the next (1) or previous (−1) stage, or nothing (0). */
export function moveKey(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): 1 | -1 | 0 {
	if (e.ctrlKey || e.metaKey) return 0;
	if (e.altKey && !e.shiftKey && e.key === 'ArrowRight') return 1;
	if (e.altKey && !e.shiftKey && e.key === 'ArrowLeft') return -1;
	if (!e.altKey && e.key === ']') return 1;
	if (!e.altKey && e.key === '[') return -1;
	return 0;
}

/** A column's box on screen (client coordinates). */
export interface ColumnRect {
	id: string;
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * The column under the pointer. Between two columns (in the gap) the nearer one wins when the pointer is within
 * `slack` pixels, so a drop in the gutter is not lost; above or below the board nothing is hit.
 */
export function hitColumn(rects: readonly ColumnRect[], x: number, y: number, slack = 8): string | null {
	let best: { id: string; d: number } | null = null;
	for (const r of rects) {
		if (y < r.top || y > r.bottom) continue;
		if (x >= r.left && x <= r.right) return r.id;
		const d = x < r.left ? r.left - x : x - r.right;
		if (d <= slack && (!best || d < best.d)) best = { id: r.id, d };
	}
	return best?.id ?? null;
}

/** Whether a pointer has travelled far enough from where it went down to count as a drag, not a click. */
export function isDrag(dx: number, dy: number, threshold = 5): boolean {
	return dx * dx + dy * dy >= threshold * threshold;
}

/** A column's header figures: how many deals and their value per currency. */
export interface ColumnSummary {
	count: number;
	totals: Money[];
}

/** The summaries after moving a deal worth `value` from one stage to another (exact per-currency arithmetic). */
export function moveSummary(
	summary: Readonly<Record<string, ColumnSummary>>,
	from: string,
	to: string,
	value: Money
): Record<string, ColumnSummary> {
	if (from === to) return { ...summary };
	const src = summary[from] ?? { count: 0, totals: [] };
	const dst = summary[to] ?? { count: 0, totals: [] };
	return {
		...summary,
		[from]: { count: Math.max(0, src.count - 1), totals: adjustTotals(src.totals, value, -1) },
		[to]: { count: dst.count + 1, totals: adjustTotals(dst.totals, value, 1) }
	};
}

/** Count and per-currency totals of the deals given (a filtered board's headers: the deals loaded so far). */
export function summaryOf(deals: readonly Deal[]): ColumnSummary {
	let acc: Record<string, ColumnSummary> = {};
	for (const d of deals) acc = moveSummary(acc, '', 'x', d.value);
	return acc['x'] ?? { count: 0, totals: [] };
}

/** Folded title for ordering like the backend's sort key (case and accents ignored). */
export function titleKey(title: string): string {
	return title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** `deals` with `deal` inserted in title order (ties: id), replacing any copy of it already there. */
export function insertSorted(deals: readonly Deal[], deal: Deal): Deal[] {
	const rest = deals.filter((d) => d.id !== deal.id);
	const key = titleKey(deal.title);
	const at = rest.findIndex((d) => {
		const k = titleKey(d.title);
		return k > key || (k === key && Number(d.id) > Number(deal.id));
	});
	if (at < 0) return [...rest, deal];
	return [...rest.slice(0, at), deal, ...rest.slice(at)];
}

/** Appends a fetched page, dropping deals already shown (a deal moved in optimistically may come again). */
export function appendPage(deals: readonly Deal[], page: readonly Deal[]): Deal[] {
	const seen = new Set(deals.map((d) => d.id));
	return [...deals, ...page.filter((d) => !seen.has(d.id))];
}

/** The deal as it is after entering `stage` (it takes the stage's probability; won and lost close it). */
export function movedDeal(deal: Deal, stage: Stage, reason: string | null): Deal {
	return {
		...deal,
		stage_id: stage.id,
		stage_name: stage.name,
		stage_kind: stage.kind,
		probability: stage.probability,
		reason: stage.kind === 'open' ? null : reason
	};
}
