// The one typed module that calls the Tauri backend: one function per command; failures are UiError objects.
import type { ApiError } from '$lib/bindings/ApiError';
import type { AppSettings } from '$lib/bindings/AppSettings';
import type { BackupInfo } from '$lib/bindings/BackupInfo';
import type { BackupProgress } from '$lib/bindings/BackupProgress';
import type { BackupResult } from '$lib/bindings/BackupResult';
import type { Contact } from '$lib/bindings/Contact';
import type { ContactInput } from '$lib/bindings/ContactInput';
import type { ContactWindow } from '$lib/bindings/ContactWindow';
import type { CreatedVault } from '$lib/bindings/CreatedVault';
import type { ErrorCode } from '$lib/bindings/ErrorCode';
import type { RestoreReport } from '$lib/bindings/RestoreReport';
import type { SearchHit } from '$lib/bindings/SearchHit';
import type { UnlockKind } from '$lib/bindings/UnlockKind';
import type { VaultSummary } from '$lib/bindings/VaultSummary';
import type { VerifyReport } from '$lib/bindings/VerifyReport';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';

/** An ApiError from the backend, or `ipc` when this page is not running inside the Tauri window. */
export type UiErrorCode = ErrorCode | 'ipc';
export interface UiError {
	code: UiErrorCode;
	message: string;
}

const CODES: readonly ErrorCode[] = [
	'invalid_input', 'wrong_secret', 'recovery_code_typo', 'damaged', 'not_found', 'already_exists',
	'newer_schema', 'busy', 'refused', 'locked', 'io', 'internal'
];

export function isUiError(e: unknown): e is UiError {
	return typeof e === 'object' && e !== null && typeof (e as UiError).code === 'string' && typeof (e as UiError).message === 'string';
}

/** Turn whatever a command rejected with into a UiError; unknown shapes become `internal`. */
export function toUiError(e: unknown): UiError {
	if (isUiError(e) && (CODES as readonly string[]).includes(e.code)) return e as ApiError;
	if (isUiError(e) && e.code === 'ipc') return e;
	const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
	return { code: 'internal', message };
}

export function hasIpc(): boolean {
	return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
let backend: Invoke | null = null;

/** Replace the backend (used by the dev-only in-browser mock and by tests). */
export function setBackend(b: Invoke | null): void {
	backend = b;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
	try {
		if (backend) return await backend<T>(cmd, args);
		if (!hasIpc()) throw { code: 'ipc', message: 'Tauri IPC is not available' } satisfies UiError;
		return await invoke<T>(cmd, args);
	} catch (e) {
		throw toUiError(e);
	}
}

export const api = {
	defaultVaultDir: () => call<string>('default_vault_dir'),
	vaultExists: (path: string) => call<boolean>('vault_exists', { path }),
	vaultCreate: (path: string, passphrase: string) => call<CreatedVault>('vault_create', { path, passphrase }),
	vaultUnlock: (path: string, secret: string, kind: UnlockKind) =>
		call<VaultSummary>('vault_unlock', { path, secret, kind }),
	vaultLock: () => call<null>('vault_lock'),
	vaultCurrent: () => call<VaultSummary | null>('vault_current'),
	settingsGet: () => call<AppSettings>('settings_get'),
	settingsSet: (settings: AppSettings) => call<null>('settings_set', { settings }),
	contactAdd: (input: ContactInput) => call<string>('contact_add', { input }),
	contactGet: (id: string) => call<Contact>('contact_get', { id }),
	contactUpdate: (id: string, input: ContactInput) => call<null>('contact_update', { id, input }),
	contactDelete: (id: string) => call<null>('contact_delete', { id }),
	contactWindow: (offset: number, limit: number) => call<ContactWindow>('contact_window', { offset, limit }),
	search: (query: string, limit: number) => call<SearchHit[]>('search', { query, limit }),
	activity: () => call<null>('activity'),
	/** Fills the empty unlocked vault with the newcomer's demo data; resolves to the number of contacts added. */
	demoLoad: () => call<number>('demo_load'),
	/** Writes a verified backup of the open vault; `passphrase` null = the vault's own passphrase/recovery code open it. */
	backupCreate: (path: string, passphrase: string | null) =>
		call<BackupResult>('backup_create', { path, passphrase }),
	/** A backup file's header (no secret needed). */
	backupInfo: (path: string) => call<BackupInfo>('backup_info', { path }),
	backupVerify: (path: string, secret: string, kind: UnlockKind) =>
		call<VerifyReport>('backup_verify', { path, secret, kind }),
	backupRestore: (path: string, secret: string, kind: UnlockKind, to: string, replace: boolean) =>
		call<RestoreReport>('backup_restore', { path, secret, kind, to, replace })
};

type Handler = (payload: unknown) => void;
const localListeners = new Map<string, Set<Handler>>();

/** Deliver a backend event to this page's listeners (the dev mock and unit tests stand in for Rust). */
export function emitLocal(name: string, payload: unknown): void {
	for (const h of localListeners.get(name) ?? []) h(payload);
}

/** Subscribe to a backend event with a payload; with a replaced backend, to `emitLocal` instead. */
async function listenTo<T>(name: string, handler: (payload: T) => void): Promise<() => void> {
	if (backend) {
		const set = localListeners.get(name) ?? new Set<Handler>();
		const h: Handler = (p) => handler(p as T);
		set.add(h);
		localListeners.set(name, set);
		return () => set.delete(h);
	}
	if (!hasIpc()) return () => {};
	try {
		return await listen<T>(name, (e) => handler(e.payload));
	} catch {
		return () => {};
	}
}

/** Subscribe to backup, verify and restore progress (`backup-progress`: stage, bytes done, bytes in all). */
export function onBackupProgress(handler: (p: BackupProgress) => void): Promise<() => void> {
	return listenTo<BackupProgress>('backup-progress', handler);
}

/** Progress of a long backend task, as `{ done, total }` items. */
export interface TaskProgress {
	done: number;
	total: number;
}

/** Subscribe to the demo loader's progress; a no-op outside the Tauri window. */
export async function onDemoProgress(handler: (p: TaskProgress) => void): Promise<() => void> {
	if (!hasIpc()) return () => {};
	try {
		return await listen<TaskProgress>('demo-progress', (e) => handler(e.payload));
	} catch {
		return () => {};
	}
}

/** Subscribe to a backend event; a no-op outside the Tauri window. Returns an unsubscribe function. */
export async function onBackendEvent(name: string, handler: () => void): Promise<() => void> {
	if (!hasIpc()) return () => {};
	try {
		return await listen(name, handler);
	} catch {
		return () => {};
	}
}

/** Ask the clipboard to hold `text`; false if the web view refuses. */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}

/** What a native picker chooses: an existing folder, an existing backup file, or a new backup file's name. */
export type PickKind = 'folder' | 'backup-open' | 'backup-save';

/** Shows the system's native picker (inside the Tauri window only); resolves to the chosen path, or null. */
export async function pickPath(kind: PickKind, current: string, title: string): Promise<string | null> {
	if (!hasIpc()) return null;
	const defaultPath = current.trim() || undefined;
	const filters = [{ name: 'Sigilo', extensions: ['sigilobak'] }];
	try {
		const picked =
			kind === 'backup-save'
				? await saveDialog({ title, defaultPath, filters })
				: await openDialog({ title, defaultPath, directory: kind === 'folder', multiple: false, filters: kind === 'folder' ? undefined : filters });
		return typeof picked === 'string' ? picked : null;
	} catch {
		return null;
	}
}
