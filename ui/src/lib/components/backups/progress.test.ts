// Unit tests for a backup task's progress: events feed the bar, success completes it, errors word by code.
import { afterEach, describe, expect, it } from 'vitest';
import { api, emitLocal, setBackend } from '$lib/api';
import { es } from '$lib/i18n/es';
import { TaskRun, backupErrorText, tasks } from './progress.svelte';

afterEach(() => setBackend(null));

describe('TaskRun', () => {
	it('follows backup-progress events and shows the bar complete on success', async () => {
		const seen: (number | null)[] = [];
		setBackend(async <T>(cmd: string): Promise<T> => {
			expect(cmd).toBe('backup_verify');
			emitLocal('backup-progress', { stage: 'verify', done: 0, total: 1000 });
			seen.push(task.view?.percent ?? null);
			emitLocal('backup-progress', { stage: 'verify', done: 400, total: 1000 });
			seen.push(task.view?.percent ?? null);
			expect(task.running).toBe(true);
			expect(tasks.running).toBe(1);
			return { ok: true } as T;
		});
		const task = new TaskRun();
		await task.run(() => api.backupVerify('/b.sigilobak', 'secret', 'passphrase'));
		expect(seen).toEqual([0, 40]);
		expect(task.running).toBe(false);
		expect(task.done).toBe(true);
		expect(task.view?.percent).toBe(100);
		// Events after the task are not listened to any more.
		emitLocal('backup-progress', { stage: 'seal', done: 1, total: 1000 });
		expect(task.view?.stage).toBe('verify');
	});

	it('keeps the last real view and is not done when the task fails', async () => {
		setBackend(async <T>(): Promise<T> => {
			emitLocal('backup-progress', { stage: 'seal', done: 300, total: 1000 });
			throw { code: 'io', message: 'disk full' };
		});
		const task = new TaskRun();
		await expect(task.run(() => api.backupCreate('/b.sigilobak', null))).rejects.toMatchObject({ code: 'io' });
		expect(task.done).toBe(false);
		expect(task.view?.percent).toBe(30);
		expect(tasks.running).toBe(0);
	});
});

describe('backupErrorText', () => {
	it('uses the backup words for a code, else the general ones', () => {
		expect(backupErrorText(es, { code: 'wrong_secret', message: 'x' })).toBe(es.backups.errors.wrong_secret);
		expect(backupErrorText(es, { code: 'locked', message: 'x' })).toBe(es.errors.locked);
		expect(backupErrorText(es, { code: 'ipc', message: 'x' })).toBe(es.errors.ipc);
	});
});
