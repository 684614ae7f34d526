// Page cache feeding the virtual contact list: fetches `contact_window` pages on demand, drops far-away ones.
import { api, type UiError } from '$lib/api';
import type { ContactRow } from '$lib/bindings/ContactRow';
import { pagesForRange, pagesToEvict, type Range } from '$lib/virtual';

export const PAGE_SIZE = 200;
/** Pages kept on each side of the visible ones before they are dropped. */
const KEEP = 2;

type Fetch = (offset: number, limit: number) => Promise<{ total: number; offset: number; items: ContactRow[] }>;

export class ContactPages {
	/** Total rows as last reported by the backend; null until the first page arrives. */
	total = $state<number | null>(null);
	error = $state<UiError | null>(null);
	/** Bumped whenever pages change so readers re-run. */
	version = $state(0);

	// Deliberately not reactive (SvelteMap): 100k rows would mean needless signals; `version` is the signal.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pages = new Map<number, ContactRow[]>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#inflight = new Set<number>();
	#generation = 0;
	#lastRange: Range = { start: 0, end: 0 };
	#fetch: Fetch;

	constructor(fetch: Fetch = api.contactWindow) {
		this.#fetch = fetch;
	}

	/** The row at `index`, or null while its page is loading. Reading it tracks `version`. */
	row(index: number): ContactRow | null {
		void this.version;
		const page = this.#pages.get(Math.floor(index / PAGE_SIZE));
		return page?.[index % PAGE_SIZE] ?? null;
	}

	get cachedPages(): number {
		return this.#pages.size;
	}

	/** Make sure the pages covering `range` are loaded (or loading) and far pages are dropped. */
	ensure(range: Range): void {
		this.#lastRange = range;
		const needed = pagesForRange(range, PAGE_SIZE);
		// Nothing visible (an empty list, or not laid out yet): page 0 still tells the total, so a list that was
		// empty learns about its first contact after an invalidation.
		if (needed.length === 0) needed.push(0);
		for (const p of pagesToEvict(this.#pages.keys(), needed, KEEP)) this.#pages.delete(p);
		for (const p of needed) if (!this.#pages.has(p) && !this.#inflight.has(p)) void this.#load(p);
	}

	/** Forget everything (after add/edit/delete) and reload what is visible. */
	invalidate(): void {
		this.#generation++;
		this.#pages.clear();
		this.#inflight.clear();
		this.version++;
		this.ensure(this.#lastRange.end > this.#lastRange.start ? this.#lastRange : { start: 0, end: 0 });
	}

	async #load(page: number): Promise<void> {
		const generation = this.#generation;
		this.#inflight.add(page);
		try {
			const w = await this.#fetch(page * PAGE_SIZE, PAGE_SIZE);
			if (generation !== this.#generation) return;
			this.#pages.set(page, w.items);
			this.error = null;
			if (this.total !== w.total) {
				const shrank = this.total !== null && w.total < this.total;
				this.total = w.total;
				if (shrank) {
					// Rows vanished under us (another process deleted some): start over.
					this.invalidate();
					return;
				}
			}
			this.version++;
		} catch (e) {
			if (generation === this.#generation) this.error = e as UiError;
		} finally {
			if (generation === this.#generation) this.#inflight.delete(page);
		}
	}
}
