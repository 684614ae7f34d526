// Unit tests for the timeline and task date helpers (local input values, calendar dates, day grouping).
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, formatDay, groupByDay, localDate, localDateTime } from './when';

describe('local values', () => {
	it('formats a local date and a datetime-local value', () => {
		const d = new Date(2026, 0, 5, 9, 7);
		expect(localDate(d)).toBe('2026-01-05');
		expect(localDateTime(d)).toBe('2026-01-05T09:07');
	});

	it('adds calendar days across months and years', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('formats a calendar date without shifting it by the time zone', () => {
		expect(formatDay('2026-11-23', 'es-ES')).toBe('23/11/2026');
		expect(formatDay('2026-11-23', 'en-GB')).toBe('23/11/2026');
		expect(formatDay('not a date', 'es-ES')).toBe('not a date');
	});
});

describe('days', () => {
	const now = new Date(2026, 5, 10, 12, 0);
	const at = (y: number, m: number, d: number, h = 10) => new Date(y, m, d, h).toISOString();

	it('names today and yesterday', () => {
		expect(dayOf(at(2026, 5, 10), now)).toBe('today');
		expect(dayOf(at(2026, 5, 9, 23), now)).toBe('yesterday');
		expect(dayOf(at(2026, 5, 1), now)).toBe('2026-06-01');
	});

	it('groups consecutive items by day', () => {
		const items = [at(2026, 5, 10, 11), at(2026, 5, 10, 9), at(2026, 5, 9), at(2026, 4, 2)];
		const groups = groupByDay(items, (x) => x, now);
		expect(groups.map((g) => [g.day, g.items.length])).toEqual([
			['today', 2],
			['yesterday', 1],
			['2026-05-02', 1]
		]);
	});
});
