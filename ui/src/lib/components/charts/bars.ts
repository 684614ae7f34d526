// The data a BarChart draws: groups on the x axis (months, stages) with one value per series (a currency).
import type { Money } from '$lib/bindings/Money';

/** One bar: the number it is drawn from and the exact money it shows. */
export interface BarValue {
	value: number;
	money: Money;
	/** How many deals it sums (for the tooltip). */
	deals?: number;
}

/** One group of bars on the x axis with a bar per series key. */
export interface BarGroup {
	key: string;
	values: Record<string, BarValue>;
}

/** One series of bars (drawn in its own colour, named in the legend). */
export interface BarSeries {
	key: string;
	label: string;
}
