// The deals board's state: stages, per-stage columns paged from dealList (dealListFiltered while the filter bar holds a
// filter or sort), header summaries, optimistic moves.
import { SvelteMap } from 'svelte/reactivity';
import { api, type UiError } from '$lib/api';
import type { Deal } from '$lib/bindings/Deal';
import type { DealFilterInput } from '$lib/bindings/DealFilterInput';
import type { Stage } from '$lib/bindings/Stage';
import type { WonLost } from '$lib/bindings/WonLost';
import { appendPage, insertSorted, movedDeal, moveSummary, type ColumnSummary } from './board';

/** Deals fetched per page of a column (a column shows about six; the next page comes as it scrolls). */
export const PAGE = 30;

/** One stage's column: the deals loaded so far, in title order, and where the next page starts. */
export class Column {
	readonly stage: Stage;
	readonly filter: DealFilterInput | null;
	items = $state<Deal[]>([]);
	cursor = $state<string | null>(null);
	done = $state(false);
	loading = $state(false);
	error = $state<UiError | null>(null);

	constructor(stage: Stage, filter: DealFilterInput | null = null) {
		this.stage = stage;
		this.filter = filter;
	}

	/** Fetches the next page unless one is on its way or the column is complete. */
	async more(): Promise<void> {
		if (this.loading || this.done) return;
		this.loading = true;
		try {
			const page = this.filter
				? await api.dealListFiltered({ ...this.filter, stage: this.stage.id }, PAGE, this.cursor)
				: await api.dealList(this.stage.id, PAGE, this.cursor);
			this.items = appendPage(this.items, page.items);
			this.cursor = page.next_cursor;
			this.done = page.next_cursor === null;
			this.error = null;
		} catch (e) {
			this.error = e as UiError;
		} finally {
			this.loading = false;
		}
	}
}

/** A move that failed and was rolled back, for the message above the board. */
export interface FailedMove {
	title: string;
	error: UiError;
}

export class Board {
	/** Null: every deal, by title, with exact header figures; otherwise only matching deals (headers count what loaded). */
	readonly filter: DealFilterInput | null = null;
	stages = $state<Stage[]>([]);
	columns = $state<Column[]>([]);
	summary = $state<Record<string, ColumnSummary>>({});
	wonLost = $state<WonLost[] | null>(null);
	since = $state<string | null>(null);
	loaded = $state(false);
	error = $state<UiError | null>(null);
	failed = $state<FailedMove | null>(null);
	/** What the aria-live region says after a move. */
	announcement = $state('');
	/** Company names by id, fetched for the cards on screen only. */
	readonly companies = new SvelteMap<string, string>();
	// Not reactive on purpose: it only remembers which names were asked for.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#asked = new Set<string>();

	total = $derived(
		this.filter
			? this.columns.reduce((n, c) => n + c.items.length, 0)
			: Object.values(this.summary).reduce((n, s) => n + s.count, 0)
	);

	constructor(filter: DealFilterInput | null = null) {
		this.filter = filter;
	}

	column(stageId: string): Column | undefined {
		return this.columns.find((c) => c.stage.id === stageId);
	}

	/** Stages, the first page of every column and the header figures: a handful of calls, whatever the vault's size. */
	async load(): Promise<void> {
		try {
			const stages = await api.dealStages();
			this.stages = stages;
			const shown = this.filter?.stage ? stages.filter((s) => s.id === this.filter?.stage) : stages;
			this.columns = shown.map((s) => new Column(s, this.filter));
			await Promise.all([this.refreshSummary(), ...this.columns.map((c) => c.more())]);
			this.error = null;
		} catch (e) {
			this.error = e as UiError;
		} finally {
			this.loaded = true;
		}
	}

	/** Counts and totals per stage and the year's won/lost come from the dashboard call (exact, from the vault). */
	async refreshSummary(): Promise<void> {
		const d = await api.dashboard(30);
		const next: Record<string, ColumnSummary> = {};
		for (const p of d.pipeline) next[p.stage.id] = { count: p.count, totals: p.totals };
		if (!this.filter) this.summary = next;
		this.wonLost = d.won_lost;
		this.since = d.won_lost_since;
	}

	/** Asks for the names of companies not known yet (cards show a name, deals carry an id). */
	ensureCompanies(ids: Iterable<string | null>): void {
		for (const id of ids) {
			if (!id || this.#asked.has(id)) continue;
			this.#asked.add(id);
			void api
				.companyGet(id)
				.then((c) => this.companies.set(id, c.name))
				.catch(() => this.#asked.delete(id));
		}
	}

	/**
	 * Moves a deal now on screen, then tells the vault; if the vault refuses, puts it back and says so.
	 * Resolves to true when the move is stored.
	 */
	async move(deal: Deal, to: Stage, reason: string | null, announce: (d: Deal) => string): Promise<boolean> {
		const from = this.column(deal.stage_id);
		const dest = this.column(to.id);
		if (!from || !dest || from === dest) return false;
		const moved = movedDeal(deal, to, reason);
		from.items = from.items.filter((d) => d.id !== deal.id);
		dest.items = insertSorted(dest.items, moved);
		if (!this.filter) this.summary = moveSummary(this.summary, from.stage.id, to.id, deal.value);
		this.failed = null;
		try {
			await api.dealMove(deal.id, to.id, reason);
			this.announcement = announce(moved);
			void this.refreshSummary().catch(() => {});
			return true;
		} catch (e) {
			// Undo exactly this move (not a snapshot: another move may have happened meanwhile).
			dest.items = dest.items.filter((d) => d.id !== deal.id);
			from.items = insertSorted(from.items, deal);
			if (!this.filter) this.summary = moveSummary(this.summary, to.id, from.stage.id, deal.value);
			this.failed = { title: deal.title, error: e as UiError };
			return false;
		}
	}

	/** Drops a deleted deal from its column and the header figures. */
	forget(deal: Deal): void {
		const col = this.column(deal.stage_id);
		if (col) col.items = col.items.filter((d) => d.id !== deal.id);
		void this.refreshSummary().catch(() => {});
	}
}
