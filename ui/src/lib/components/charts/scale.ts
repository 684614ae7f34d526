// Chart math for the hand-written SVG charts: "nice" axis ticks and a linear scale from values to pixels.

/** A round step (1, 2, 2.5 or 5 × 10^k) that splits `span` into about `count` intervals. */
export function niceStep(span: number, count: number): number {
	if (!(span > 0) || !(count > 0)) return 1;
	const raw = span / count;
	const pow = 10 ** Math.floor(Math.log10(raw));
	const f = raw / pow;
	const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * pow;
}

/**
 * Ticks from 0 (or below, for negative values) to a round value at or above `max`: the axis always starts at zero
 * so bar lengths compare honestly. An all-zero (or empty) chart gets the ticks 0 and 1.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
	const lo = Math.min(0, min);
	const hi = Math.max(0, max);
	if (hi === lo) return [0, 1];
	const step = niceStep(hi - lo, count);
	const first = Math.floor(lo / step) * step;
	const last = Math.ceil(hi / step) * step;
	const ticks: number[] = [];
	for (let i = 0; first + i * step <= last + step / 1e9; i++) {
		// Round away the binary noise of repeated float steps (0.1 + 0.2).
		ticks.push(Number((first + i * step).toPrecision(12)));
	}
	return ticks;
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	if (d1 === d0) return () => r0;
	const k = (r1 - r0) / (d1 - d0);
	return (v) => r0 + (v - d0) * k;
}

/**
 * Where the bars of `groups` groups of `perGroup` bars sit in `width` pixels: x of group i, bar j, and widths. Bars
 * are at most `maxBar` wide (a lone month should not become a wall), centred in their band.
 */
export function bandLayout(groups: number, perGroup: number, width: number, padding = 0.25, maxBar = Infinity) {
	const band = groups > 0 ? width / groups : width;
	const bar = Math.min(maxBar, (perGroup > 0 ? (band * (1 - padding)) / perGroup : band * (1 - padding)));
	const inner = bar * Math.max(1, perGroup);
	return {
		band,
		bar,
		x: (i: number, j = 0) => i * band + (band - inner) / 2 + j * bar
	};
}
