// Dev-only in-memory backend so the UI can be previewed in a plain browser (`npm run dev`, then ?mock=N contacts).
// Never bundled in production builds: it is imported only behind `import.meta.env.DEV`.
import { emitLocal, setBackend } from '$lib/api';
import { DEFAULT_SETTINGS } from '$lib/app.svelte';
import type { AppSettings } from '$lib/bindings/AppSettings';
import type { BackupInfo } from '$lib/bindings/BackupInfo';
import type { Contact } from '$lib/bindings/Contact';
import type { ContactInput } from '$lib/bindings/ContactInput';

const FIRST = ['José', 'Ana', 'Lucía', 'Marta', 'Pablo', 'Carmen', 'Javier', 'Elena', 'Álvaro', 'Nuria', 'Iñaki', 'Sofía'];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Núñez', 'Ibáñez', 'Ortega'];
const COMPANIES = ['Talleres Ruiz', 'Panadería La Espiga', 'Estudio Norte', null, 'Ferretería Central', null];

export function installMock(count: number): void {
	const now = new Date().toISOString();
	const contacts: Contact[] = [];
	for (let i = 0; i < count; i++) {
		const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i + 1}`;
		const emails = [`contacto${i + 1}@example.es`];
		const phones = i % 3 === 0 ? [] : [`+34 600 ${String(100000 + i).slice(-6)}`];
		contacts.push({
			id: `c${i + 1}`,
			name,
			emails,
			phones,
			company: COMPANIES[i % COMPANIES.length] ?? null,
			notes: null,
			created_at: now,
			updated_at: now,
			labelled_emails: emails.map((value) => ({ label: 'trabajo', value })),
			labelled_phones: phones.map((value) => ({ label: null, value })),
			addresses: [],
			job_title: null,
			birthday: null,
			source: null,
			source_detail: null,
			company_id: null,
			company_history: [],
			custom_fields: [],
			last_interaction_at: null
		});
	}
	// Like the backend: plain emails and phones first (unlabelled), then the labelled ones.
	const fromInput = (input: ContactInput) => {
		const labelled_emails = [...input.emails.map((value) => ({ label: null, value })), ...input.labelled_emails];
		const labelled_phones = [...input.phones.map((value) => ({ label: null, value })), ...input.labelled_phones];
		return {
			...input,
			emails: labelled_emails.map((e) => e.value),
			phones: labelled_phones.map((p) => p.value),
			labelled_emails,
			labelled_phones
		};
	};
	let unlocked = new URLSearchParams(location.search).has('unlocked');
	let settings: AppSettings = structuredClone(DEFAULT_SETTINGS);
	const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	// Backup files "written" in this session: path → header. Any path ending in .sigilobak also reads as one.
	const files = new Map<string, BackupInfo>();
	const header = (path: string): BackupInfo => {
		const known = files.get(path);
		if (known) return known;
		if (!path.endsWith('.sigilobak')) throw { code: 'damaged', message: 'this file is not a Sigilo backup' };
		return {
			format_version: 1,
			key_mode: 'passphrase',
			kdf: null,
			created_at: now,
			vault_id: 'mock',
			schema_version: 2,
			chunk_size: 1 << 20,
			file_size: 48_000_000
		};
	};
	/** Pretends to stream `total` bytes through the given stages, emitting backup-progress like the backend. */
	const stream = async (stages: ('snapshot' | 'seal' | 'verify' | 'restore')[], total: number) => {
		for (const stage of stages) {
			for (let done = 0; done <= total; done += total / 10) {
				emitLocal('backup-progress', { stage, done, total });
				await sleep(60);
			}
		}
	};
	const secretOk = (a: Record<string, unknown>) => {
		if (a.kind === 'passphrase' && String(a.secret).length < 10)
			throw { code: 'wrong_secret', message: 'wrong passphrase or recovery code for this backup' };
	};

	setBackend(async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
		const a = (args ?? {}) as Record<string, unknown>;
		const ok = (v: unknown) => v as T;
		switch (cmd) {
			case 'default_vault_dir':
				return ok('/home/ana/.local/share/sigilo/vault');
			case 'vault_exists':
				return ok(String(a.path).endsWith('/vault'));
			case 'vault_create':
				await sleep(800);
				unlocked = true;
				return ok({ recovery_code: 'K7QM-2XDA-9PLR-VF3T-HN8C-WJ4E-6YBS-ZK2M' });
			case 'vault_unlock':
				await sleep(800);
				if (a.secret !== 'correct horse battery staple' && a.kind === 'passphrase')
					throw { code: 'wrong_secret', message: 'wrong passphrase or damaged keyslot' };
				unlocked = true;
				return ok({ path: a.path, name: 'vault' });
			case 'vault_lock':
				unlocked = false;
				return ok(null);
			case 'vault_current':
				return ok(unlocked ? { path: '/home/ana/.local/share/sigilo/vault', name: 'vault' } : null);
			case 'settings_get':
				return ok(settings);
			case 'settings_set':
				settings = a.settings as AppSettings;
				return ok(null);
			case 'contact_window': {
				const offset = Number(a.offset);
				const items = contacts.slice(offset, offset + Number(a.limit)).map((c) => ({
					id: c.id,
					name: c.name,
					email: c.emails[0] ?? null,
					phone: c.phones[0] ?? null,
					company: c.company
				}));
				return ok({ total: contacts.length, offset, items });
			}
			case 'contact_get': {
				const c = contacts.find((x) => x.id === a.id);
				if (!c) throw { code: 'not_found', message: 'no such contact' };
				return ok(c);
			}
			case 'contact_add': {
				const c: Contact = {
					...fromInput(a.input as ContactInput),
					id: `c${Date.now()}`,
					created_at: now,
					updated_at: now,
					company_id: null,
					company_history: [],
					custom_fields: [],
					last_interaction_at: null
				};
				contacts.unshift(c);
				return ok(c.id);
			}
			case 'contact_update': {
				const i = contacts.findIndex((x) => x.id === a.id);
				const cur = contacts[i];
				if (!cur) throw { code: 'not_found', message: 'no such contact' };
				contacts[i] = { ...cur, ...fromInput(a.input as ContactInput), updated_at: new Date().toISOString() };
				return ok(null);
			}
			case 'contact_delete': {
				const i = contacts.findIndex((x) => x.id === a.id);
				if (i >= 0) contacts.splice(i, 1);
				return ok(null);
			}
			case 'search': {
				const q = fold(String(a.query));
				return ok(
					contacts
						.filter((c) => fold(c.name).split(/\s+/).some((w) => w.startsWith(q)))
						.slice(0, Number(a.limit))
						.map((c) => ({ kind: 'contact', id: c.id, title: c.name, subtitle: c.emails[0] ?? null }))
				);
			}
			case 'activity':
				return ok(null);
			case 'demo_load': {
				if (contacts.length > 0) throw { code: 'refused', message: 'demo data only goes into an empty vault' };
				for (let i = 0; i < 200; i++) {
					contacts.push({
						id: `d${i}`,
						name: `Demo ${i}`,
						emails: [],
						phones: [],
						company: null,
						notes: null,
						created_at: now,
						updated_at: now,
						labelled_emails: [],
						labelled_phones: [],
						addresses: [],
						job_title: null,
						birthday: null,
						source: null,
						source_detail: null,
						company_id: null,
						company_history: [],
						custom_fields: [],
						last_interaction_at: null
					});
				}
				return ok(200);
			}
			case 'backup_create': {
				const path = String(a.path);
				if (files.has(path)) throw { code: 'already_exists', message: `${path} already exists` };
				await stream(['snapshot', 'seal', 'verify'], 48_000_000);
				files.set(path, {
					...header('x.sigilobak'),
					key_mode: a.passphrase ? 'passphrase' : 'vault_keyslots',
					created_at: new Date().toISOString()
				});
				return ok({ path, bytes: 48_000_000, payload_bytes: 47_900_000, snapshot_ms: 300, seal_ms: 400 });
			}
			case 'backup_info':
				return ok(header(String(a.path)));
			case 'backup_verify': {
				const info = header(String(a.path));
				secretOk(a);
				await stream(['verify'], info.file_size);
				return ok({ info, payload_bytes: info.file_size, integrity_ok: true });
			}
			case 'backup_restore': {
				const info = header(String(a.path));
				secretOk(a);
				await stream(['verify', 'restore'], info.file_size);
				return ok({ info, to: a.to, vault_locked: false });
			}
			default:
				throw { code: 'internal', message: `mock: unknown command ${cmd}` };
		}
	});
}
