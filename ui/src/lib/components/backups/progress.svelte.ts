// One long backup task's progress: subscribes to backup-progress while the task runs and keeps the last view.
import { onBackupProgress, type UiError } from '$lib/api';
import { ProgressMeter, type ProgressView } from '$lib/backup';
import type { Messages } from '$lib/i18n/index.svelte';

/** Backup tasks share one progress event: while one runs, the screen starts no other. */
export const tasks = $state({ running: 0 });

export class TaskRun {
	view = $state<ProgressView | null>(null);
	running = $state(false);
	/** The task succeeded: the bar shows its last stage complete (a last event may trail the command's answer). */
	done = $state(false);

	/** Runs `work`, feeding its progress events into `view`; the last view stays after it ends. */
	async run<T>(work: () => Promise<T>): Promise<T> {
		const meter = new ProgressMeter();
		this.view = null;
		this.done = false;
		this.running = true;
		tasks.running++;
		const stop = await onBackupProgress((p) => (this.view = meter.update(p, performance.now())));
		try {
			const out = await work();
			this.done = true;
			// Events update `view` behind TypeScript's back: read it afresh.
			const last = this.view as ProgressView | null;
			if (last) this.view = { ...last, done: last.total, percent: last.total > 0 ? 100 : null };
			return out;
		} finally {
			stop();
			this.running = false;
			tasks.running--;
		}
	}
}

/** The message for a failed backup task: the backup screen's own words for the code, else the general ones. */
export function backupErrorText(m: Messages, e: UiError): string {
	return (e.code !== 'ipc' ? m.backups.errors[e.code] : undefined) ?? m.errors[e.code];
}
