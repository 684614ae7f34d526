// Unit tests for the chart math: nice steps and ticks from zero, the linear scale, the band layout.
import { describe, expect, it } from 'vitest';
import { bandLayout, linearScale, niceStep, niceTicks } from './scale';

describe('ticks', () => {
	it('use round steps', () => {
		expect(niceStep(1000, 4)).toBe(250);
		expect(niceStep(97, 5)).toBe(20);
		expect(niceStep(0.3, 3)).toBeCloseTo(0.1);
		expect(niceStep(0, 4)).toBe(1);
	});
	it('start at zero and reach the maximum', () => {
		expect(niceTicks(0, 1000)).toEqual([0, 250, 500, 750, 1000]);
		expect(niceTicks(120, 930)).toEqual([0, 250, 500, 750, 1000]);
		expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
		expect(niceTicks(-40, 90, 4)).toEqual([-50, 0, 50, 100]);
		expect(niceTicks(0, 0)).toEqual([0, 1]);
	});
});

describe('scales', () => {
	it('map linearly, inverted for SVG y', () => {
		const y = linearScale([0, 1000], [200, 0]);
		expect(y(0)).toBe(200);
		expect(y(500)).toBe(100);
		expect(y(1000)).toBe(0);
		expect(linearScale([5, 5], [10, 0])(7)).toBe(10);
	});
	it('lay bars out in bands', () => {
		const b = bandLayout(4, 1, 400, 0.5);
		expect(b.band).toBe(100);
		expect(b.bar).toBe(50);
		expect(b.x(0)).toBe(25);
		expect(b.x(3)).toBe(325);
		const g = bandLayout(2, 2, 200, 0);
		expect(g.x(1, 1)).toBe(150);
		const capped = bandLayout(1, 1, 600, 0.3, 56);
		expect(capped.bar).toBe(56);
		expect(capped.x(0)).toBe(272);
	});
});
