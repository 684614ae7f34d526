// Application state: which screen shows (gate or shell), the open vault, settings, the current section, locking.
import { api, onBackendEvent } from '$lib/api';
import type { AppSettings } from '$lib/bindings/AppSettings';
import type { VaultSummary } from '$lib/bindings/VaultSummary';
import { i18n, type Section } from '$lib/i18n/index.svelte';
import { throttle } from '$lib/throttle';

export const DEFAULT_SETTINGS: AppSettings = {
	locale: null,
	auto_lock_minutes: 10,
	recent_vaults: [],
	auto_backup: { folder: null, before_lock: false, daily: false, keep_last: 7, keep_monthly: 12, last: null }
};
const ACTIVITY_INTERVAL_MS = 30_000;

/** The kinds of record a screen can be asked to show (the search kinds). */
export type RecordKind = 'contact' | 'company' | 'deal' | 'interaction' | 'task' | 'invoice' | 'quote';

/**
 * A navigation request: show record `id` of `kind`, or open the screen's "new" form when `id` is null. Set it with
 * `app.go(section, { kind, id })`; the screen of that section reads it in an effect with `app.take(kind)`, which
 * clears it, so each request is served once (also when the screen is already showing).
 */
export interface OpenRequest {
	kind: RecordKind;
	id: string | null;
}

class AppState {
	phase = $state<'starting' | 'gate' | 'shell'>('starting');
	vault = $state<VaultSummary | null>(null);
	settings = $state<AppSettings>({ ...DEFAULT_SETTINGS });
	section = $state<Section>('contacts');
	locking = $state(false);
	/** A short message for the whole shell (drafts made from recurring invoices at unlock); null when none. */
	notice = $state<string | null>(null);
	/** Pending navigation request (see OpenRequest); null when there is none. */
	open = $state<OpenRequest | null>(null);

	/** Show `section`, optionally asking its screen to open a record (or its "new" form). */
	go(section: Section, open: OpenRequest | null = null): void {
		this.section = section;
		this.open = open;
	}

	/** The pending request for `kind`, cleared as it is returned; null if the request is for another kind. */
	take(kind: RecordKind): OpenRequest | null {
		const o = this.open;
		if (!o || o.kind !== kind) return null;
		this.open = null;
		return o;
	}

	/** First thing at start-up: settings (for the language) and whether a vault is already open. */
	async start(): Promise<void> {
		try {
			this.settings = await api.settingsGet();
		} catch {
			this.settings = { ...DEFAULT_SETTINGS };
		}
		i18n.setChoice(this.settings.locale);
		let current: VaultSummary | null;
		try {
			current = await api.vaultCurrent();
		} catch {
			current = null;
		}
		if (current) this.enter(current);
		else this.phase = 'gate';
	}

	/** Called after a successful unlock or create: remember the vault and show the shell. */
	enter(vault: VaultSummary): void {
		this.vault = vault;
		this.section = 'contacts';
		this.phase = 'shell';
		// Recurring invoices: make the drafts of every period that has come (idempotent), and say how many.
		void api
			.recurringRunDue()
			.then((made) => {
				if (made.length > 0) this.notice = i18n.m.recurring.created(made.length);
			})
			.catch(() => {});
		// The backend records the vault in the recent list itself; refresh our copy so a later save keeps it.
		void api
			.settingsGet()
			.then((fresh) => (this.settings = fresh))
			.catch(() => {});
	}

	async saveSettings(next: AppSettings): Promise<void> {
		await api.settingsSet(next);
		this.settings = next;
		i18n.setChoice(next.locale);
	}

	/** Lock: close the vault in Rust, then reload so nothing from the vault survives in the web view. */
	async lock(): Promise<void> {
		if (this.locking) return;
		this.locking = true;
		try {
			await api.vaultLock();
		} catch {
			// Reload anyway: the web view must drop its data even if the backend call failed.
		}
		window.location.reload();
	}
}

export const app = new AppState();

/** Wire global listeners: the auto-lock event from Rust and throttled activity reports. Returns a cleanup. */
export function installGlobalHooks(): () => void {
	const report = throttle(() => {
		if (app.phase === 'shell') void api.activity().catch(() => {});
	}, ACTIVITY_INTERVAL_MS);
	const events = ['pointerdown', 'keydown', 'wheel'] as const;
	for (const e of events) window.addEventListener(e, report, { passive: true, capture: true });
	let unlisten: (() => void) | null = null;
	let disposed = false;
	void onBackendEvent('vault-locked', () => {
		window.location.reload();
	}).then((u) => {
		if (disposed) u();
		else unlisten = u;
	});
	return () => {
		disposed = true;
		for (const e of events) window.removeEventListener(e, report, { capture: true });
		unlisten?.();
	};
}
