// The contact list's rows while a filter or a sort other than name is on: keyset pages (contactListFiltered) grown as
// the virtual list scrolls, with the same row()/ensure() surface as the offset-window ContactPages.
import { api, type UiError } from '$lib/api';
import type { ContactFilterInput } from '$lib/bindings/ContactFilterInput';
import type { ContactRow } from '$lib/bindings/ContactRow';
import type { Page } from '$lib/bindings/Page';
import { KeysetList } from '$lib/keyset.svelte';
import type { Range } from '$lib/virtual';

type Fetch = (filter: ContactFilterInput, limit: number, cursor: string | null) => Promise<Page<ContactRow>>;

/** Rows fetched ahead of the last visible one. */
const AHEAD = 40;

export class FilteredContactPages {
	readonly list: KeysetList<ContactRow>;
	#filter: ContactFilterInput;

	constructor(filter: ContactFilterInput, fetch: Fetch = api.contactListFiltered, pageSize = 100) {
		this.#filter = filter;
		this.list = new KeysetList<ContactRow>((cursor, limit) => fetch(this.#filter, limit, cursor), pageSize);
	}

	/** Rows held, plus one placeholder row while more may follow (scrolling to it loads the next page); null before the first page. */
	get total(): number | null {
		if (!this.list.loaded) return null;
		return this.list.items.length + (this.list.done ? 0 : 1);
	}

	/** How many rows are held and whether that is all of them. */
	get held(): { count: number; more: boolean } {
		return { count: this.list.items.length, more: !this.list.done };
	}

	get error(): UiError | null {
		return this.list.error;
	}

	row(index: number): ContactRow | null {
		return this.list.items[index] ?? null;
	}

	ensure(range: Range): void {
		if (!this.list.loaded && !this.list.loading && !this.list.error) void this.list.more();
		else if (range.end + AHEAD > this.list.items.length) void this.list.ensure(range.end + AHEAD);
	}

	/** Another filter or sort: start again from its first page. */
	setFilter(filter: ContactFilterInput): void {
		this.#filter = filter;
		void this.list.reset();
	}

	/** After an add, edit or delete. */
	invalidate(): void {
		void this.list.reset();
	}
}
