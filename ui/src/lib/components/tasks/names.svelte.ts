// Names of the records tasks link to (contact, company, deal), fetched once per id and cached for the session.
import { SvelteMap } from 'svelte/reactivity';
import { api } from '$lib/api';

export type LinkKind = 'contact' | 'company' | 'deal';

export class LinkNames {
	#names = new SvelteMap<string, string>();
	// Not reactive on purpose: it is written while the template reads names, where state must not change.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#asked = new Set<string>();

	/** The record's name, or null while loading (or when it is gone); starts the fetch on first use. */
	get(kind: LinkKind, id: string): string | null {
		const key = `${kind}:${id}`;
		if (!this.#asked.has(key)) {
			this.#asked.add(key);
			const load =
				kind === 'contact'
					? api.contactGet(id).then((c) => c.name)
					: kind === 'company'
						? api.companyGet(id).then((c) => c.name)
						: api.dealGet(id).then((d) => d.title);
			load.then((name) => this.#names.set(key, name)).catch(() => {});
		}
		return this.#names.get(key) ?? null;
	}
}
