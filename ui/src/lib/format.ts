// Formatting helpers: counts and dates through Intl, recovery-code grouping, vault names from paths.

export function formatCount(n: number, tag: string): string {
	return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(n);
}

export function formatDateTime(iso: string, tag: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	// Four-digit years (es-ES: 23/11/2026, 13:43): a short year is ambiguous on records that last years.
	return new Intl.DateTimeFormat(tag, {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(d);
}

/** Split a recovery code such as "ABCD-EFGH-…" into its groups for display. */
export function recoveryGroups(code: string): string[] {
	return code
		.trim()
		.split(/[\s-]+/u)
		.filter((g) => g !== '');
}

/** Normalise what a user typed as a recovery code: upper case, groups joined by "-". */
export function normalizeRecoveryCode(input: string): string {
	return recoveryGroups(input.toUpperCase()).join('-');
}

/** Last component of a folder path (either separator), for showing a vault's name. */
export function folderName(path: string): string {
	const parts = path.replace(/[\\/]+$/u, '').split(/[\\/]/u);
	return parts[parts.length - 1] || path;
}

/** Recent vaults: put `entry` first, drop duplicates by path, keep at most `max`. */
export function pushRecent<T extends { path: string }>(list: readonly T[], entry: T, max = 5): T[] {
	return [entry, ...list.filter((v) => v.path !== entry.path)].slice(0, max);
}
