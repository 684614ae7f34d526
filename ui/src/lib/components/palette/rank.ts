// Command palette logic: matching and ranking actions against what was typed, grouping search hits by kind.
import type { SearchHit } from '$lib/bindings/SearchHit';
import type { SearchKind } from '$lib/bindings/SearchKind';

/** Something the palette can run; `keywords` are extra words it matches (e.g. English synonyms). */
export interface PaletteAction {
	id: string;
	label: string;
	keywords?: string;
}

/** One selectable line of the palette. */
export type Entry = { type: 'action'; action: PaletteAction } | { type: 'hit'; hit: SearchHit };

/** A titled block of entries: `actions`, or one search kind. */
export interface Group {
	key: 'actions' | SearchKind;
	entries: Entry[];
}

/** Order of the hit groups: people and companies first, then deals, tasks, and interactions (the most numerous). */
export const KIND_ORDER: readonly SearchKind[] = ['contact', 'company', 'deal', 'task', 'interaction'];

/** Lower case without accents, so "reunion" matches "Reunión" and "ñandu" matches "Ñandú". */
export function fold(s: string): string {
	return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * How well `query` matches `text`: 3 = the text starts with it, 2 = a word starts with it, 1 = it occurs inside,
 * 0.5 = its letters occur in order; null = no match. Every word of the query must match for a multi-word query
 * (the score is the lowest of them).
 */
export function score(query: string, text: string): number | null {
	const q = fold(query);
	const t = fold(text);
	if (q === '') return 0;
	if (t.startsWith(q)) return 3;
	const words = q.split(/\s+/u);
	let worst = 3;
	for (const w of words) {
		let s: number;
		if (t.startsWith(w)) s = 3;
		else if (t.split(/[\s\-/·]+/u).some((x) => x.startsWith(w))) s = 2;
		else if (t.includes(w)) s = 1;
		else if (subsequence(w, t)) s = 0.5;
		else return null;
		worst = Math.min(worst, s);
	}
	return words.length > 1 ? Math.min(worst, 2) : worst;
}

function subsequence(needle: string, hay: string): boolean {
	let i = 0;
	for (const ch of hay) if (ch === needle[i]) i++;
	return i === needle.length;
}

/** Actions matching `query`, best first (ties keep the given order); every action for an empty query. */
export function rankActions(query: string, actions: readonly PaletteAction[]): { action: PaletteAction; score: number }[] {
	const scored: { action: PaletteAction; score: number; i: number }[] = [];
	actions.forEach((action, i) => {
		const a = score(query, action.label);
		const b = action.keywords ? score(query, action.keywords) : null;
		const best = a === null ? b : b === null ? a : Math.max(a, b);
		if (best !== null) scored.push({ action, score: best, i });
	});
	scored.sort((x, y) => y.score - x.score || x.i - y.i);
	return scored.map(({ action, score }) => ({ action, score }));
}

/** Hits grouped by kind in KIND_ORDER (backend order kept within a kind), empty kinds left out. */
export function groupHits(hits: readonly SearchHit[]): Group[] {
	return KIND_ORDER.map((kind) => ({
		key: kind,
		entries: hits.filter((h) => h.kind === kind).map((hit): Entry => ({ type: 'hit', hit }))
	})).filter((g) => g.entries.length > 0);
}

/**
 * The palette's groups for a query: matching actions (at most `maxActions` when there is a query) and the hits.
 * Actions come first when the query is empty or names an action well (score ≥ 2, e.g. "nueva"), else after the
 * records found. `flat` lists the entries in display order, for arrow keys.
 */
export function paletteGroups(
	query: string,
	actions: readonly PaletteAction[],
	hits: readonly SearchHit[],
	maxActions = 5
): { groups: Group[]; flat: Entry[] } {
	const ranked = rankActions(query, actions);
	const limited = query.trim() === '' ? ranked : ranked.slice(0, maxActions);
	const actionGroup: Group[] = limited.length
		? [{ key: 'actions', entries: limited.map(({ action }): Entry => ({ type: 'action', action })) }]
		: [];
	const hitGroups = query.trim() === '' ? [] : groupHits(hits);
	const actionsFirst = query.trim() === '' || (limited[0]?.score ?? 0) >= 2;
	const groups = actionsFirst ? [...actionGroup, ...hitGroups] : [...hitGroups, ...actionGroup];
	return { groups, flat: groups.flatMap((g) => g.entries) };
}

/** The next active index after an arrow key, wrapping around; -1 when there is nothing to choose. */
export function step(active: number, delta: number, count: number): number {
	if (count <= 0) return -1;
	if (active < 0) return delta > 0 ? 0 : count - 1;
	return (((active + delta) % count) + count) % count;
}
