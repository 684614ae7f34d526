// Leading-edge throttle: run at most once per interval (used to report user activity for auto-lock).

export function throttle(fn: () => void, intervalMs: number, now: () => number = Date.now): () => void {
	let last = -Infinity;
	return () => {
		const t = now();
		if (t - last >= intervalMs) {
			last = t;
			fn();
		}
	};
}
