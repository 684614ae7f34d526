// Unit tests for the activity throttle.
import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
	it('fires at once, then at most once per interval', () => {
		let t = 0;
		let calls = 0;
		const f = throttle(() => calls++, 30_000, () => t);
		f();
		f();
		expect(calls).toBe(1);
		t = 29_999;
		f();
		expect(calls).toBe(1);
		t = 30_000;
		f();
		expect(calls).toBe(2);
	});
});
