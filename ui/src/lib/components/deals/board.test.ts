// Unit tests for the board's logic: keyboard stage steps and their edges, drag hit-testing, column summaries.
import { describe, expect, it } from 'vitest';
import type { Deal } from '$lib/bindings/Deal';
import type { Stage } from '$lib/bindings/Stage';
import { appendPage, hitColumn, insertSorted, isDrag, moveKey, moveSummary, movedDeal, stageStep, summaryOf } from './board';

const stages: Stage[] = [
	{ id: '1', name: 'Nuevo', probability: 10, kind: 'open' },
	{ id: '2', name: 'Cualificado', probability: 25, kind: 'open' },
	{ id: '5', name: 'Ganado', probability: 100, kind: 'won' },
	{ id: '6', name: 'Perdido', probability: 0, kind: 'lost' }
];

function deal(id: string, title: string): Deal {
	return {
		id,
		title,
		stage_id: '1',
		stage_name: 'Nuevo',
		stage_kind: 'open',
		company_id: null,
		contact_id: null,
		value: { amount: '100.00', currency: 'EUR' },
		probability: 10,
		expected_close: null,
		owner_notes: null,
		reason: null,
		closed_at: null,
		last_interaction_at: null,
		custom_fields: [],
		created_at: '',
		updated_at: ''
	};
}

describe('keyboard moves', () => {
	it('steps to the next and previous stage in pipeline order', () => {
		expect(stageStep(stages, '1', 1)?.id).toBe('2');
		expect(stageStep(stages, '2', 1)?.id).toBe('5');
		expect(stageStep(stages, '2', -1)?.id).toBe('1');
	});

	it('stops at both ends and on unknown stages', () => {
		expect(stageStep(stages, '1', -1)).toBeNull();
		expect(stageStep(stages, '6', 1)).toBeNull();
		expect(stageStep(stages, '99', 1)).toBeNull();
		expect(stageStep([], '1', 1)).toBeNull();
	});

	it('reads Alt+arrows and the bracket keys', () => {
		const k = (key: string, mods: Partial<KeyboardEvent> = {}) =>
			moveKey({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
		expect(k('ArrowRight', { altKey: true })).toBe(1);
		expect(k('ArrowLeft', { altKey: true })).toBe(-1);
		expect(k(']')).toBe(1);
		expect(k('[')).toBe(-1);
		expect(k('ArrowRight')).toBe(0);
		expect(k('ArrowRight', { altKey: true, ctrlKey: true })).toBe(0);
		expect(k('x')).toBe(0);
	});
});

describe('drag hit-testing', () => {
	const rects = [
		{ id: 'a', left: 0, top: 100, right: 200, bottom: 700 },
		{ id: 'b', left: 212, top: 100, right: 412, bottom: 700 }
	];
	it('finds the column under the pointer', () => {
		expect(hitColumn(rects, 10, 150)).toBe('a');
		expect(hitColumn(rects, 300, 699)).toBe('b');
		expect(hitColumn(rects, 200, 400)).toBe('a');
	});
	it('takes the nearer column in the gutter and nothing outside the board', () => {
		expect(hitColumn(rects, 203, 400)).toBe('a');
		expect(hitColumn(rects, 209, 400)).toBe('b');
		expect(hitColumn(rects, 300, 50)).toBeNull();
		expect(hitColumn(rects, 300, 701)).toBeNull();
		expect(hitColumn(rects, 500, 400)).toBeNull();
		expect(hitColumn([], 1, 1)).toBeNull();
	});
	it('tells a drag from a click', () => {
		expect(isDrag(2, 2)).toBe(false);
		expect(isDrag(3, 4)).toBe(true);
		expect(isDrag(0, -6)).toBe(true);
	});
});

describe('column summaries and lists', () => {
	it('move one deal’s count and value between columns exactly', () => {
		const before = {
			'1': { count: 2, totals: [{ amount: '100.10', currency: 'EUR' }] },
			'2': { count: 1, totals: [{ amount: '0.20', currency: 'EUR' }, { amount: '5', currency: 'JPY' }] }
		};
		const after = moveSummary(before, '1', '2', { amount: '0.10', currency: 'EUR' });
		expect(after['1']).toEqual({ count: 1, totals: [{ amount: '100.00', currency: 'EUR' }] });
		expect(after['2']).toEqual({ count: 2, totals: [{ amount: '0.30', currency: 'EUR' }, { amount: '5', currency: 'JPY' }] });
		expect(before['1'].count).toBe(2);
		const toEmpty = moveSummary(after, '1', '5', { amount: '100.00', currency: 'EUR' });
		expect(toEmpty['1']).toEqual({ count: 0, totals: [] });
		expect(toEmpty['5']).toEqual({ count: 1, totals: [{ amount: '100.00', currency: 'EUR' }] });
	});

	it('insert a moved deal in title order, accents and case folded, without duplicates', () => {
		const list = [deal('1', 'Álamo'), deal('2', 'casa'), deal('3', 'Zeta')];
		expect(insertSorted(list, deal('9', 'Bodega')).map((d) => d.id)).toEqual(['1', '9', '2', '3']);
		expect(insertSorted(list, deal('9', 'zz')).map((d) => d.id)).toEqual(['1', '2', '3', '9']);
		expect(insertSorted(list, deal('2', 'casa')).map((d) => d.id)).toEqual(['1', '2', '3']);
		expect(appendPage(list, [deal('3', 'Zeta'), deal('4', 'Zulú')]).map((d) => d.id)).toEqual(['1', '2', '3', '4']);
	});

	it('a moved deal takes the stage’s probability; only closing keeps a reason', () => {
		const d = deal('1', 'x');
		expect(movedDeal(d, stages[1]!, 'r')).toMatchObject({ stage_id: '2', probability: 25, stage_kind: 'open', reason: null });
		expect(movedDeal(d, stages[3]!, 'caro')).toMatchObject({ stage_id: '6', probability: 0, stage_kind: 'lost', reason: 'caro' });
	});
});

describe('summaryOf', () => {
	it('counts and totals the deals given, per currency', () => {
		const d = (amount: string, currency: string) => ({ value: { amount, currency } }) as Deal;
		const s = summaryOf([d('10.50', 'EUR'), d('1000', 'JPY'), d('0.50', 'EUR')]);
		expect(s.count).toBe(3);
		expect(s.totals.find((t) => t.currency === 'EUR')?.amount).toBe('11.00');
		expect(s.totals.find((t) => t.currency === 'JPY')?.amount).toBe('1000');
		expect(summaryOf([])).toEqual({ count: 0, totals: [] });
	});
});
