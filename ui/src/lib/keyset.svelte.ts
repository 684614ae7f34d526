// Keyset-paged list for the UI: loads `Page<T>` after page by cursor as a list scrolls or "load more" is pressed.
import type { UiError } from '$lib/api';
import type { Page } from '$lib/bindings/Page';

export type PageFetch<T> = (cursor: string | null, limit: number) => Promise<Page<T>>;

/**
 * Holds the rows loaded so far of one keyset-paged list. Keyset paging cannot jump to an offset, so the list grows
 * from the top: `ensure(n)` loads pages until `n` rows are held (or the list ends). One request at a time; a
 * `reset` (new filter, or after a change) drops answers still on their way.
 */
export class KeysetList<T> {
	items = $state.raw<T[]>([]);
	/** True once the backend said there is no next page. */
	done = $state(false);
	loading = $state(false);
	/** True after the first page arrived (to tell "empty" from "not loaded yet"). */
	loaded = $state(false);
	error = $state<UiError | null>(null);

	#fetch: PageFetch<T>;
	#cursor: string | null = null;
	#generation = 0;
	#inflight: Promise<void> | null = null;
	readonly pageSize: number;

	constructor(fetch: PageFetch<T>, pageSize = 100) {
		this.#fetch = fetch;
		this.pageSize = pageSize;
	}

	/** Forget every row (optionally switching to another fetch, e.g. a new filter) and load the first page. */
	reset(fetch?: PageFetch<T>): Promise<void> {
		if (fetch) this.#fetch = fetch;
		this.#generation++;
		this.#cursor = null;
		this.#inflight = null;
		this.items = [];
		this.done = false;
		this.loaded = false;
		this.loading = false;
		this.error = null;
		return this.more();
	}

	/** Load the next page (no-op when done; joins the request already running). */
	more(): Promise<void> {
		if (this.done || this.error) return Promise.resolve();
		if (this.#inflight) return this.#inflight;
		const generation = this.#generation;
		this.loading = true;
		const run = (async () => {
			try {
				const page = await this.#fetch(this.#cursor, this.pageSize);
				if (generation !== this.#generation) return;
				this.items = this.items.concat(page.items);
				this.#cursor = page.next_cursor;
				this.done = page.next_cursor === null;
				this.loaded = true;
			} catch (e) {
				if (generation === this.#generation) this.error = e as UiError;
			} finally {
				if (generation === this.#generation) {
					this.loading = false;
					this.#inflight = null;
				}
			}
		})();
		this.#inflight = run;
		return run;
	}

	/** Load pages until at least `count` rows are held, the list ends, or a request fails. */
	async ensure(count: number): Promise<void> {
		const generation = this.#generation;
		while (this.items.length < count && !this.done && !this.error && generation === this.#generation) {
			await this.more();
		}
	}

	/** Drop one row locally (after it was deleted or moved away), without reloading. */
	remove(pred: (row: T) => boolean): void {
		this.items = this.items.filter((r) => !pred(r));
	}
}
