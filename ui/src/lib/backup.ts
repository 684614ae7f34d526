// Backup screen helpers: suggested file and folder names next to the vault, and a progress meter (stage, %, MB/s).
import type { BackupProgress } from '$lib/bindings/BackupProgress';
import type { BackupStage } from '$lib/bindings/BackupStage';

/** The folder holding `path` (either separator); the path itself when it has no parent. */
export function parentDir(path: string): string {
	const trimmed = path.replace(/[\\/]+$/u, '');
	const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
	if (cut < 0) return trimmed;
	if (cut === 0) return trimmed.slice(0, 1);
	return trimmed.slice(0, cut);
}

/** Joins a folder and a name with the folder's own separator. */
export function joinPath(dir: string, name: string): string {
	const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
	return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

function stamp(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Where "Backup now" suggests writing: beside the vault folder, `sigilo-YYYY-MM-DD.sigilobak` (local date). */
export function suggestedBackupPath(vaultPath: string, now: Date): string {
	return joinPath(parentDir(vaultPath), `sigilo-${stamp(now)}.sigilobak`);
}

/** Where a restore suggests putting the vault: a new folder beside the open one. */
export function suggestedRestoreDir(vaultPath: string, now: Date): string {
	return joinPath(parentDir(vaultPath), `sigilo-restaurada-${stamp(now)}`);
}

/** Where automatic backups suggest going: a folder beside the vault. */
export function suggestedAutoFolder(vaultPath: string): string {
	return joinPath(parentDir(vaultPath), 'sigilo-copias');
}

/** What the progress bar shows. */
export interface ProgressView {
	stage: BackupStage;
	done: number;
	total: number;
	/** 0..100, or null when the stage's total is unknown. */
	percent: number | null;
	/** Throughput of the current stage so far, in MB/s (10^6 bytes), or null before it can be measured. */
	mbPerSec: number | null;
}

/** Turns progress events into what the bar shows; the rate is measured per stage from its first event. */
export class ProgressMeter {
	#stage: BackupStage | null = null;
	#startedAt = 0;
	#startDone = 0;

	update(p: BackupProgress, nowMs: number): ProgressView {
		if (p.stage !== this.#stage) {
			this.#stage = p.stage;
			this.#startedAt = nowMs;
			this.#startDone = p.done;
		}
		const elapsed = (nowMs - this.#startedAt) / 1000;
		const bytes = p.done - this.#startDone;
		const percent = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
		const mbPerSec = elapsed >= 0.05 && bytes > 0 ? bytes / 1e6 / elapsed : null;
		return { stage: p.stage, done: p.done, total: p.total, percent, mbPerSec };
	}
}

/** Whole-number-ish MB/s for a label: one decimal under 10. */
export function formatRate(mbPerSec: number, tag: string): string {
	const digits = mbPerSec < 10 ? 1 : 0;
	return new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
		mbPerSec
	);
}

/** A byte count for people: B, KB, MB, GB (powers of 1000, like file managers). */
export function formatBytes(bytes: number, tag: string): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let v = bytes;
	let i = 0;
	while (v >= 1000 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	const digits = i === 0 || v >= 100 ? 0 : 1;
	return `${new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(v)} ${units[i]}`;
}

/** A whole number typed in a field, within [min, max]; null otherwise. */
export function parseWhole(text: string, min: number, max: number): number | null {
	if (!/^\s*\d+\s*$/u.test(text)) return null;
	const n = Number(text);
	return n >= min && n <= max ? n : null;
}
